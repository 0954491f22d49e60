"""Form pieces shared across blueprints."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField

from app.i18n import LANGUAGES


def strip(value):
    """Form filter: surrounding whitespace is not part of what people meant to write."""
    return value.strip() if isinstance(value, str) else value


def language_field() -> SelectField:
    """Each language named in itself, marked with its own ``lang``."""
    return SelectField(
        _l("Language"),
        choices=[
            SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()
        ],
    )
