"""Front ends of seminar-search: the command line, the HTML of the page, exports.

The core (``corpus/``, ``index/``, ``search/``) never imports this package.
"""
