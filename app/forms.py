"""Form pieces shared across blueprints."""

from functools import cache

import flask_babel
import flask_wtf
from babel.support import NullTranslations, Translations
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, StringField, TextAreaField, ValidationError
from wtforms.i18n import messages_path
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional

from app.converters import MAX_ID
from app.i18n import LANGUAGES
from app.textinput import one_line


@cache
def _wtforms_catalogue(locale: str) -> NullTranslations:
    return Translations.load(messages_path(), [locale], domain="wtforms")


class FormTranslations:
    """WTForms' own messages ("Not a valid choice." …) in the page's language.

    Our catalogue first (``app/wtforms_messages.py`` lists the ids, so every language we
    support can have them), then WTForms' catalogue for the languages it ships.
    WTForms fills in the placeholders itself, so nothing is formatted here.
    """

    def gettext(self, string: str) -> str:
        ours = flask_babel.get_translations().ugettext(string)
        if ours != string:
            return ours
        return _wtforms_catalogue(str(flask_babel.get_locale())).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        ours = flask_babel.get_translations().ungettext(singular, plural, n)
        if ours != (singular if n == 1 else plural):
            return ours
        return _wtforms_catalogue(str(flask_babel.get_locale())).ungettext(singular, plural, n)


translations = FormTranslations()


def _single_line(field_class) -> bool:
    return issubclass(field_class, StringField) and not issubclass(field_class, TextAreaField)


class FlaskForm(flask_wtf.FlaskForm):
    """The base of every form in the app (a test checks): messages in the page's language,
    and every single-line text field kept to one line (``app.textinput.one_line``)."""

    class Meta:
        def get_translations(self, form):
            return translations

        def bind_field(self, form, unbound_field, options):
            if _single_line(unbound_field.field_class):
                filters = (one_line, *unbound_field.kwargs.get("filters", ()))
                options = {**options, "filters": filters}
            return unbound_field.bind(form=form, **options)


def error_text(form) -> str:
    """All of a form's error messages as one sentence (they may be lazy strings)."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def strip(value):
    """Form filter: surrounding whitespace is not part of what people meant to write."""
    return value.strip() if isinstance(value, str) else value


def required_text(label, message, max_length: int, field=StringField):
    """A text that must be written (else ``message``), stripped, at most ``max_length`` long."""
    return field(label, validators=[DataRequired(message), Length(max=max_length)], filters=[strip])


def optional_text(label, max_length: int, field=TextAreaField):
    """A text that may be left empty, stripped, at most ``max_length`` long."""
    return field(label, validators=[Length(max=max_length)], filters=[strip])


def language_field() -> SelectField:
    """Each language named in itself, marked with its own ``lang``."""
    return SelectField(
        _l("Language"),
        choices=[
            SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()
        ],
    )


def written_in() -> SelectField:
    """The language a text is written in: optional (the writer's own when left out), one of
    Grannlabb's languages when given."""
    return SelectField(
        _l("Written in"),
        choices=[
            SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()
        ],
        validators=[Optional(), AnyOf(list(LANGUAGES), _l("Choose one of the languages."))],
        validate_choice=False,
    )


def age_range() -> NumberRange:
    return NumberRange(0, 120, _l("Ages must be between 0 and 120."))


def kronor_range() -> NumberRange:
    """An amount of money in whole kronor that a person could mean (and a column can hold)."""
    return NumberRange(0, 1_000_000, _l("Write an amount between 0 and 1000000 kronor."))


def id_range(message=None) -> NumberRange:
    """For an IntegerField holding a row id: one the database can hold (else a DataError)."""
    return NumberRange(1, MAX_ID, message or _l("Not a valid choice."))


class ValidId:
    """For a text (hidden) field holding a row id: empty, or digits the database can hold."""

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field):
        value = (field.data or "").strip()
        if value and not (value.isdigit() and 1 <= int(value) <= MAX_ID):
            raise ValidationError(self.message or _l("Not a valid choice."))


def whole_number(raw: str) -> int:
    """``int(raw)`` for numbers typed in a form, refusing (ValueError) what no column holds."""
    value = int(raw)
    if not -MAX_ID <= value <= MAX_ID:
        raise ValueError(raw)
    return value
