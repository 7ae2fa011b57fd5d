"""Sidecar metadata (``<file>.meta.json``), validated against ``DocumentMeta``'s own fields.

A sidecar is written by hand: a wrong field (``{"date": 20220101}``,
``{"title": null}``, ``{"speakers": 5}``) must not break indexing or the page
later. Each wrong field becomes a warning naming the file and the field, and
is ignored; the document is indexed with what is right. ``"speakers"`` given
as one string is one speaker. Unknown fields are named in a warning and
ignored. The schema is derived from ``DocumentMeta``, so a field added there
(``video_url``, …) is accepted here without a second list to keep in step.
"""

from __future__ import annotations

import json
import typing
from dataclasses import fields
from functools import cache
from pathlib import Path

from corpus.chunk import DocumentMeta
from corpus.errors import DocumentError

SIDECAR_SUFFIX = ".meta.json"
# A sidecar is a few lines of metadata; a larger file is not one (and reading it whole would be unbounded).
MAX_SIDECAR_BYTES = 1 << 20


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> tuple[dict, list[str]]:
    """The valid fields of ``path``'s sidecar (empty when there is none) and one warning per field left out.

    Raises:
        DocumentError: the sidecar exists but is not a regular file, not JSON, or not a JSON object.
    """
    sidecar = sidecar_path(Path(path))
    if not sidecar.exists():
        return {}, []
    if not sidecar.is_file():  # a named pipe here would block the indexer forever
        raise DocumentError(sidecar, "metadata sidecar is not a regular file")
    try:
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            raise DocumentError(sidecar, f"metadata sidecar is larger than {MAX_SIDECAR_BYTES // 1024} KB")
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DocumentError(sidecar, f"unreadable metadata sidecar ({error})") from None
    if not isinstance(data, dict):
        raise DocumentError(sidecar, "metadata sidecar must be a JSON object")
    return validate_sidecar(data, sidecar)


def validate_sidecar(data: dict, sidecar: Path) -> tuple[dict, list[str]]:
    """``data`` without its wrong or unknown fields, and a warning for each one removed."""
    import pydantic

    model = _schema()
    warnings = [
        f"metadata sidecar {sidecar}: unknown field {name!r} ignored" for name in data if name not in model.model_fields
    ]
    known = {name: value for name, value in data.items() if name in model.model_fields}
    try:
        valid = model.model_validate(known)
    except pydantic.ValidationError as error:
        wrong = {str(problem["loc"][0]) for problem in error.errors()}
        warnings += [
            f"metadata sidecar {sidecar}: field {name!r} {_expected(name)} (found {_shown(known[name])}): ignored"
            for name in sorted(wrong)
        ]
        valid = model.model_validate({name: value for name, value in known.items() if name not in wrong})
    return valid.model_dump(exclude_unset=True), warnings


@cache
def _schema():
    """A pydantic model with one strict, optional field per ``DocumentMeta`` field."""
    from typing import Annotated

    import pydantic

    hints = typing.get_type_hints(DocumentMeta)
    columns = {}
    for item in fields(DocumentMeta):
        kind = hints[item.name]
        if typing.get_origin(kind) is tuple:  # JSON has arrays; one string stands for a list of one
            kind = Annotated[
                list[typing.get_args(kind)[0]], pydantic.BeforeValidator(lambda v: [v] if isinstance(v, str) else v)
            ]
        if item.name == "id":  # an empty id would collide with every other empty one
            kind = Annotated[str, pydantic.StringConstraints(strip_whitespace=True, min_length=1)]
        columns[item.name] = (kind, None)
    return pydantic.create_model("Sidecar", __config__=pydantic.ConfigDict(strict=True, extra="forbid"), **columns)


def _expected(name: str) -> str:
    kind = typing.get_type_hints(DocumentMeta)[name]
    if name == "id":
        return "must be non-empty text"
    if typing.get_origin(kind) is tuple:
        return "must be a list of text or one text"
    return f"must be {'text' if kind is str else getattr(kind, '__name__', str(kind))}"


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"
