"""Spreadsheet downloads (CSV) that open right in Excel and LibreOffice: UTF-8 with a BOM,
the separators of the reader's language (``;`` and a decimal comma in Swedish), numbers as
numbers, a hidden count as an empty cell with its note beside it, and no cell that could run
as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import get_decimal_symbol
from flask_babel import get_locale

# A cell starting with one of these would run as a formula in Excel or LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # how Excel knows the file is UTF-8


@dataclass(frozen=True)
class Figure:
    """A number in a table: ``text`` as the page shows it ("1 477", "fewer than 5",
    "12 of 22"), ``value`` as a spreadsheet gets it (None: the cell stays empty) and ``note``
    for what the number alone does not say."""

    text: str
    value: int | float | Decimal | None = None
    note: str = ""

    def __str__(self) -> str:
        return self.text


def safe_cell(value) -> str:
    """A text cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def decimal_comma() -> bool:
    """Whether the reader's language writes 2,5 (Swedish) rather than 2.5."""
    return get_decimal_symbol(get_locale() or "sv") == ","


def number_cell(value, comma: bool) -> str:
    """A number as a spreadsheet reads it: no thousands separator, at most two decimals."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(str(round(float(value), 2))).normalize(), "f")
    return text.replace(".", ",") if comma else text


def spreadsheet_csv(header: Sequence[str], rows: Sequence[Sequence], notes_label: str) -> str:
    """A whole CSV file: text cells guarded, numbers and :class:`Figure` values as numbers,
    and, when any figure has a note, a last column of the notes ("Youth: fewer than 5")."""
    comma = decimal_comma()
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";" if comma else ",")
    with_notes = any(isinstance(cell, Figure) and cell.note for row in rows for cell in row)
    writer.writerow(
        [safe_cell(h) for h in header] + ([safe_cell(notes_label)] if with_notes else [])
    )
    for row in rows:
        cells, notes = [], []
        for name, cell in zip(header, row, strict=True):
            if isinstance(cell, Figure):
                cells.append(number_cell(cell.value, comma))
                if cell.note:
                    notes.append(f"{name}: {cell.note}")
            elif isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
                cells.append(number_cell(cell, comma))
            else:
                cells.append(safe_cell(cell))
        writer.writerow(cells + ([safe_cell("; ".join(notes))] if with_notes else []))
    return out.getvalue()
