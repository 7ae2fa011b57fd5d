"""Text from documents and queries, made safe to print on a terminal.

A document or a query can carry terminal control sequences: ``ESC ] 0;title BEL``
retitles the window, ``ESC [ 2J`` clears the screen, C1 controls (``U+009B`` is
a one-character CSI on some terminals) and bidirectional overrides reorder what
is shown. Everything the CLI prints from documents and queries goes through
``for_terminal`` (readable output) or ``json_for_terminal`` (JSON Lines):
escape sequences are removed whole, other control and bidi-override characters
are shown as ``\\u202e``-style escapes, and Korean, French, tabs and newlines
are kept. In JSON the same escapes are JSON's own, so the output stays valid
JSON and decodes to the original text.
"""

from __future__ import annotations

import json
import re

# ESC-introduced sequences: CSI (ESC [ … final byte), OSC/DCS/PM/APC/SOS (ESC ] … BEL or ST),
# and two-character escapes (ESC c, ESC 7, …). An unterminated string runs to the end.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit OSC, DCS, SOS, PM, APC
    r"|\x1b[ -~]?"
)
# Controls but tab and newline, DEL, C1, bidi embeddings/overrides/isolates, line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u061c\u200e\u200f]")


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def for_terminal(text: object) -> str:
    """``text`` without escape sequences, its other unsafe characters shown as ``\\uXXXX``.

    >>> for_terminal("수소\\x1b]0;PWNED\\x07 hydrogène\\u202e")
    '수소 hydrogène\\\\u202e'
    """
    return _UNSAFE.sub(_escape, _ESCAPE_SEQUENCE.sub("", str(text).replace("\r\n", "\n")))


def json_for_terminal(data: object, **options) -> str:
    """``json.dumps`` (UTF-8 kept) with every unsafe character as a JSON ``\\uXXXX`` escape: still valid JSON."""
    # json already escapes C0 controls; C1, DEL and bidi characters pass through raw with ensure_ascii=False.
    # Outside strings JSON holds only ASCII punctuation, so escaping them everywhere is safe.
    return _UNSAFE.sub(_escape, json.dumps(data, ensure_ascii=False, **options))


def text_argument(value: str, what: str) -> str:
    """``value`` from the command line, refused when it is not valid UTF-8.

    Python hands undecodable argument bytes over as lone surrogates
    (``\\udcff``); they would fail deep in an encoder with a traceback.

    Raises:
        InvalidQueryError: ``value`` holds bytes that are not UTF-8.
    """
    from corpus.errors import InvalidQueryError

    for position, char in enumerate(value):
        if "\ud800" <= char <= "\udfff":
            raise InvalidQueryError(f"{what} is not valid UTF-8 text (undecodable byte at character {position + 1})")
    return value


def read_stdin_text(stream) -> str:
    """All of ``stream`` (standard input) as UTF-8 text, refused in one line when it is not UTF-8.

    Raises:
        InvalidQueryError: the bytes are not UTF-8; the message gives the first bad byte's offset.
    """
    from corpus.errors import InvalidQueryError

    raw = getattr(stream, "buffer", None)
    if raw is None:  # already text (a test's StringIO, an embedding program)
        return text_argument(stream.read(), "standard input")
    data = raw.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidQueryError(
            f"standard input is not valid UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}): "
            "save the queries as UTF-8"
        ) from None


def one_line(text: object, width: int = 0) -> str:
    """``text`` safe for the terminal on one line: whitespace runs (hard-wrapped PDF lines) collapsed to a space.

    With ``width``, cut at the last word boundary before ``width`` characters and marked with "…". Only the
    display is collapsed: exports keep the document's verbatim text.

    >>> one_line("qu'elle impacte directement\\nla pérennité", 30)
    "qu'elle impacte directement la…"
    """
    flat = " ".join(for_terminal(text).split())
    if width <= 0 or len(flat) <= width:
        return flat
    cut = flat.rfind(" ", 0, width + 1)
    return flat[: cut if cut > width // 2 else width].rstrip(" ,;:") + "…"
