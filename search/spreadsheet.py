"""XLSX workbooks (openpyxl) for the exports: a header row, then one row per record, text kept as text.

A cell whose text starts with "=" would be stored as a formula by openpyxl and
run by Excel (CSV/XLSX injection): every value is written as a string cell, so
"=HYPERLINK(…)" or a Korean "- …" bullet stays the text it is.
"""

from __future__ import annotations

import io
from typing import Iterable, Sequence

COLUMN_WIDTH = {"context": 80, "text": 80, "aligned": 80}  # characters; the others get DEFAULT_WIDTH
DEFAULT_WIDTH = 18


def xlsx_bytes(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The bytes of a one-sheet workbook named ``title`` with ``columns`` as its frozen header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]  # Excel's limit on sheet names
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        sheet.append([_text(value) for value in values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.alignment = wrap
    for index, name in enumerate(columns, start=1):
        width = next((w for key, w in COLUMN_WIDTH.items() if key in name), DEFAULT_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))  # control characters cannot be stored in XLSX
