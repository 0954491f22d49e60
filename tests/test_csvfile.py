"""The spreadsheet CSV writer: what Swedish Excel (and an English one) reads back."""

import csv
import io
from decimal import Decimal

import pytest
from flask_babel import force_locale

from app.csvfile import Figure, spreadsheet_csv

HEADER = ["Name", "Count", "Share"]
ROWS = [
    ["=HYPERLINK(1)", 1477, Figure("12 av 22", 12, "12 av 22")],
    ["Kiosken", Decimal("12.50"), Figure("färre än 5", None, "färre än 5")],
    ["-3", -3, 2.345],
]


def read(text: str, delimiter: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), dialect="excel", delimiter=delimiter))


@pytest.mark.parametrize(
    ("lang", "delimiter", "decimal"), [("sv", ";", "12,5"), ("en", ",", "12.5")]
)
def test_numbers_as_numbers_notes_beside_and_formulas_guarded(app, lang, delimiter, decimal):
    with app.test_request_context(), force_locale(lang):
        text = spreadsheet_csv(HEADER, ROWS, "Notes")
    rows = read(text, delimiter)
    assert rows[0] == ["Name", "Count", "Share", "Notes"]
    assert rows[1] == ["'=HYPERLINK(1)", "1477", "12", "Share: 12 av 22"]  # no "1 477"
    assert rows[2] == ["Kiosken", decimal, "", "Share: färre än 5"]  # hidden: empty, and why
    assert rows[3] == ["'-3", "-3", "2,35" if lang == "sv" else "2.35", ""]  # a number stays one


def test_no_notes_column_without_notes(app):
    with app.test_request_context(), force_locale("sv"):
        text = spreadsheet_csv(["A", "B"], [["x", 1]], "Notes")
    assert read(text, ";") == [["A", "B"], ["x", "1"]]
