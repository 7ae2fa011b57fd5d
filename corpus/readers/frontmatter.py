"""Markdown with a front matter block: metadata at the top of the file instead of a sidecar.

::

    ---
    title: Compte rendu du séminaire de Suwon
    date: 2022-05-12
    language: fr
    speakers: [Claire Guichard, 김민수]
    ---

Only flat ``key: value`` pairs, ``[a, b]`` lists and ``- item`` lists are read:
that is all the document metadata needs, and it keeps the project off an
undeclared YAML dependency. A block that does not look like front matter (a
horizontal rule, say) is left in the text. A sidecar ``.meta.json`` still
overrides what the front matter says (the loader applies it last).
"""

from __future__ import annotations

import re
from pathlib import Path

from corpus.readers.base import ReadResult
from corpus.readers.text import TextReader

# Front matter key → DocumentMeta field.
_FIELDS = {
    "title": "title", "titre": "title", "event": "event", "événement": "event", "date": "date",
    "place": "place", "lieu": "place", "language": "language", "lang": "language", "langue": "language",
    "speakers": "speakers", "intervenants": "speakers", "translation_of": "translation_of",
    "translator": "translator", "provenance": "provenance", "id": "id",
}
_PAIR = re.compile(r"^([\w-]+)\s*:\s*(.*)$")
_ITEM = re.compile(r"^\s+-\s+(.*)$|^-\s+(.*)$")
_MAX_LINES = 60
_FIRST_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)


class FrontMatterReader(TextReader):
    """``.md`` files: the text after the front matter block, and its fields as metadata."""

    extensions = (".md", ".markdown")

    def read(self, path: Path) -> ReadResult:
        result = TextReader.read(self, path)
        parsed = split_front_matter(result.text)
        if parsed is None:
            return result
        fields, body = parsed
        meta = {}
        heading = _FIRST_HEADING.search(body)
        if heading:
            meta["title"] = heading.group(1).strip()
        meta.update(fields)
        notes = result.notes + (f"front matter: {', '.join(sorted(fields))}",)
        return ReadResult(text=body, encoding=result.encoding, meta=meta, notes=notes)


def split_front_matter(text: str) -> tuple[dict, str] | None:
    """``(fields, body)`` when ``text`` opens with a front matter block, else None.

    Example:
        >>> split_front_matter("---\\ntitle: Suwon\\n---\\n# Suwon\\n")
        ({'title': 'Suwon'}, '# Suwon\\n')
    """
    if not text.startswith("---\n"):
        return None
    lines = text.split("\n")
    closing = next((i for i, line in enumerate(lines[1:_MAX_LINES], start=1) if line.strip() in ("---", "...")), None)
    if closing is None:
        return None
    fields = _parse_block(lines[1:closing])
    if fields is None:
        return None
    body = "\n".join(lines[closing + 1 :]).lstrip("\n")
    return fields, body


def _parse_block(lines: list[str]) -> dict | None:
    """Known fields of a block of ``key: value`` lines; None if a line is anything else."""
    fields: dict = {}
    key = ""
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.match(line)
        if item and key:
            value = _scalar(item.group(1) or item.group(2))
            fields.setdefault(key, [])
            if isinstance(fields[key], list):
                fields[key].append(value)
            continue
        pair = _PAIR.match(line)
        if not pair:
            return None
        key = pair.group(1).casefold()
        value = pair.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            fields[key] = [_scalar(part) for part in value[1:-1].split(",") if part.strip()]
        elif value:
            fields[key] = _scalar(value)
    return {_FIELDS[key]: _as_field(_FIELDS[key], value) for key, value in fields.items() if key in _FIELDS}


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _as_field(name: str, value) -> object:
    if name == "speakers":
        return [value] if isinstance(value, str) else list(value)
    return ", ".join(value) if isinstance(value, list) else value
