"""Web pages (standard library ``html.parser``): body text, ``h1``–``h3`` as ``#`` lines.

Navigation, site footers, scripts, styles and forms are left out; lists become "- " items
and tables one row per line with cells joined by " | ".
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

from corpus.readers.base import Reader, ReadResult, decode_text, read_bytes

# Not content: code, navigation, the site footer, form controls.
_SKIP = frozenset("script style nav footer noscript template svg iframe form button select textarea".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Blocks that end a paragraph (blank line after) and blocks that only end a line.
_PARAGRAPH = frozenset(
    "p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre section article main header figure aside address".split()
)
_LINE = frozenset("br li tr dt dd div figcaption caption hr".split())
_HEADING_MARK = {"h1": "# ", "h2": "## ", "h3": "### "}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LANG = re.compile(r"^(fr|ko|en)\b", re.IGNORECASE)


class HtmlReader(Reader):
    """``.html``/``.htm`` pages saved from the partners' sites or exported minutes."""

    extensions = (".html", ".htm")

    def read(self, path: Path) -> ReadResult:
        source, encoding = _decode(read_bytes(path), path)
        parser = _TextParser()
        parser.feed(source)
        parser.close()
        text = parser.text()
        meta: dict = {}
        notes: list[str] = []
        first_heading = re.search(r"^# (.+)$", text, re.MULTILINE)
        if parser.title:
            meta["title"] = parser.title
            notes.append("title from the <title> element")
        elif first_heading:
            meta["title"] = first_heading.group(1).strip()
            notes.append("title from the first heading")
        language = _LANG.match(parser.lang)
        if language:
            meta["language"] = language.group(1).lower()
            notes.append(f"language {meta['language']} from the lang attribute")
        if encoding not in ("utf-8", "ascii"):
            notes.append(f"decoded as {encoding}")
        return ReadResult(text=text, encoding=encoding, meta=meta, notes=tuple(notes))


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """UTF-8 (or a BOM) first, then the page's declared charset, then detection."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"), "utf-8"
        except UnicodeDecodeError:
            declared = _CHARSET.search(data[:4096])
            if declared:
                name = declared.group(1).decode("ascii").lower()
                try:
                    return data.decode(name).replace("\r\n", "\n").replace("\r", "\n"), codecs.lookup(name).name
                except (LookupError, UnicodeDecodeError):
                    pass  # a wrong declaration: let detection decide
    return decode_text(data, path)


class _TextParser(HTMLParser):
    """Collects visible text as lines, with heading, list and table marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []
        self.title = ""
        self.lang = ""
        self._in_title = False
        self._pre = 0
        self._cells = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag == "title":
            self._in_title = True
        if self.skipping or tag in _SKIP:
            if tag in _SKIP and tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag in _PARAGRAPH or tag in _LINE:
            self._end_line(blank=tag in _PARAGRAPH)
        if tag in _HEADING_MARK:
            self.current.append(_HEADING_MARK[tag])
        elif tag == "li":
            self.current.append("- ")
        elif tag in ("td", "th"):
            if self._cells:
                self.current.append(" | ")
            self._cells += 1
        elif tag == "pre":
            self._pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "tr":
            self._cells = 0
        if tag in _PARAGRAPH or tag in _LINE:
            self._end_line(blank=tag in _PARAGRAPH)
        if tag == "pre":  # after its last line is ended, with its spacing kept
            self._pre = max(0, self._pre - 1)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr") and not self.skipping:
            self._end_line(blank=tag == "hr")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = " ".join((self.title + " " + data).split())
            return
        if self.skipping:
            return
        if self._pre:
            *full, rest = data.split("\n")
            for piece in full:
                self.current.append(piece)
                self._end_line(blank=False)
            self.current.append(rest)
        else:
            self.current.append(data)

    def _end_line(self, blank: bool) -> None:
        line = "".join(self.current)
        line = line.rstrip() if self._pre else " ".join(line.split())
        self.current = []
        if line and line not in ("-", "#", "##", "###"):
            self.lines.append(line)
        if blank and self.lines and self.lines[-1]:
            self.lines.append("")

    def text(self) -> str:
        self._end_line(blank=True)
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n" if self.lines else ""
