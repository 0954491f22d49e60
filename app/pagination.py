"""Pages of long lists: the page number a request asks for, and one page of rows with whether
more follow (one query: a row beyond the page says so)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import request

from app.extensions import db

LAST_PAGE = 9999  # a page number beyond this (or not a number at all) means the first page


def page_number(name: str = "page") -> int:
    """The page the query string asks for; anything else ("abc", "-1", "²", 10**20) is 1."""
    value = request.args.get(name, "1")
    if value.isascii() and value.isdecimal() and len(value) <= len(str(LAST_PAGE)):
        return max(int(value), 1)
    return 1


def rows_page(query: sa.Select, page: int, per_page: int) -> tuple[list[Any], bool]:
    """The rows of ``query`` on page ``page`` (from 1) and whether another page follows."""
    rows = db.session.scalars(query.offset((page - 1) * per_page).limit(per_page + 1)).all()
    return list(rows[:per_page]), len(rows) > per_page
