"""Counting the SQL queries a request makes."""

from contextlib import contextmanager

import sqlalchemy as sa

from app.extensions import db


@contextmanager
def counting():
    """Collect the SQL statements sent to the database inside the block."""
    statements: list[str] = []

    def listener(_conn, _cursor, statement, _params, _context, _executemany):
        statements.append(" ".join(statement.split()))

    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)


def queries(client, method: str, path: str, **kwargs) -> tuple[int, list[str]]:
    """The response status and the statements of one request, from a fresh session."""
    db.session.remove()
    with counting() as statements:
        response = client.open(path, method=method, **kwargs)
    status = response.status_code
    response.close()
    db.session.remove()
    return status, statements
