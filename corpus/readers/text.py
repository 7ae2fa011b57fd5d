"""Plain text and Markdown documents."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.readers.base import Reader, ReadResult, decode_text, read_bytes

_FIRST_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)


class TextReader(Reader):
    """``.txt`` and ``.md``: the file's text as it is; cleaning comes later."""

    extensions = (".txt", ".md", ".markdown")

    def read(self, path: Path) -> ReadResult:
        text, encoding = decode_text(read_bytes(path), path)
        meta = {}
        heading = _FIRST_HEADING.search(text)
        if heading:
            meta["title"] = heading.group(1).strip()
        notes = () if encoding in ("utf-8", "ascii") else (f"decoded as {encoding}",)
        return ReadResult(text=text, encoding=encoding, meta=meta, notes=notes)
