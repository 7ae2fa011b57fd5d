"""Links to the moment of a recording: the transcript passage's start time as a ``t=`` parameter."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Video files played by the browser itself take the time as a media fragment (#t=65);
# YouTube (watch?v=, youtu.be/, embed/, shorts/) and most video sites as a query parameter.
_MEDIA_EXTENSIONS = (".mp4", ".webm", ".ogv", ".ogg", ".mov", ".m4v", ".mp3", ".m4a", ".wav")
_TIME_KEYS = ("t", "start", "time_continue")


def moment_url(url: str, seconds: float | None) -> str:
    """``url`` opened at ``seconds`` (whole seconds), or "" when there is no safe link to make.

    Only http(s) links are made: a sidecar's ``javascript:`` or ``file:`` URL
    is never turned into a link. An existing time in the URL is replaced.

    >>> moment_url("https://www.youtube.com/watch?v=abc123&list=x", 65.4)
    'https://www.youtube.com/watch?v=abc123&list=x&t=65'
    >>> moment_url("https://youtu.be/abc123?t=10", 65)
    'https://youtu.be/abc123?t=65'
    >>> moment_url("https://example.org/seance.mp4", 65)
    'https://example.org/seance.mp4#t=65'
    """
    if not url or seconds is None:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    moment = str(max(0, int(seconds)))
    if parts.path.lower().endswith(_MEDIA_EXTENSIONS):
        return urlunsplit(parts._replace(fragment=f"t={moment}"))
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in _TIME_KEYS]
    query.append(("t", moment))
    fragment = "" if parts.fragment.startswith("t=") else parts.fragment
    return urlunsplit(parts._replace(query=urlencode(query), fragment=fragment))
