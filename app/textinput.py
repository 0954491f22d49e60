"""Text as people type it: control characters are removed from every value a request carries.

Every query-string and form value passes through :class:`CleanRequest` before any view or
form reads it, so no NUL (which PostgreSQL cannot store) or other invisible control
character reaches the database, whichever way a view reads the request. Tabs and line breaks
stay (a description may have paragraphs); single-line fields (names, titles) also turn them
into spaces and lose bidirectional overrides, through :func:`one_line`, which the base form
applies to every single-line text field.
"""

import re

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Line breaks and tabs, which have no place in a name or a title.
_BREAKS = re.compile("[\t\n\r\x0b\x0c\u2028\u2029]+")
# Embeddings, overrides and isolates make a name display as something else than it is.
# Left-to-right and right-to-left marks (U+200E, U+200F) stay: mixed names need them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_controls(value: str) -> str:
    """``value`` without control characters; tabs and line breaks are kept."""
    return _CONTROL.sub("", value)


def one_line(value):
    """Form filter: a single line of text, as a name or a title is."""
    if not isinstance(value, str):
        return value
    return _BIDI_CONTROLS.sub("", _BREAKS.sub(" ", without_controls(value)))


class CleanMultiDict(ImmutableMultiDict):
    """Request parameters whose text values are free of control characters."""

    def __init__(self, mapping=None):
        if mapping is None:
            super().__init__()
            return
        if isinstance(mapping, dict):
            mapping = (
                (key, value)
                for key, values in (
                    mapping.lists() if hasattr(mapping, "lists") else mapping.items()
                )
                for value in (values if isinstance(values, list | tuple) else [values])
            )
        super().__init__(
            (
                without_controls(key) if isinstance(key, str) else key,
                without_controls(value) if isinstance(value, str) else value,
            )
            for key, value in mapping
        )


class CleanRequest(Request):
    """Flask's request whose ``args``, ``form`` and ``values`` hold cleaned text."""

    parameter_storage_class = CleanMultiDict


def contains(column, text: str):
    """``column`` contains ``text``, case-insensitively, with ``%`` and ``_`` taken as the
    characters they are (not as SQL wildcards)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")


def init_app(app) -> None:
    """Requests carry cleaned text; so do the text parts of a URL's path (``<token>``…)."""
    app.request_class = CleanRequest

    @app.url_value_preprocessor
    def clean_path_values(_endpoint, values):
        for name, value in (values or {}).items():
            if isinstance(value, str):
                values[name] = without_controls(value)
