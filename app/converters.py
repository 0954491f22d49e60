"""URL converters shared by every blueprint."""

from werkzeug.routing import IntegerConverter

# Ids are 32-bit integers on PostgreSQL (SERIAL / INTEGER); SQLite stores at most 64 bits.
MAX_ID = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    """``<int:…>`` that does not match numbers a database id column cannot hold, so they 404.

    Without the bound, ``/activities/3000000000`` reaches the query and PostgreSQL refuses
    it with a DataError (a 500), as SQLite does for numbers of 20 digits or more.
    """

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        if max is None or max > MAX_ID:
            max = MAX_ID
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def init_app(app) -> None:
    """Must run before any blueprint registers its rules."""
    app.url_map.converters["int"] = BoundedIntegerConverter
