from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.forms import FlaskForm, strip, written_in


class AreaTranslationForm(FlaskForm):
    translation = BooleanField(_l("Offer machine translation of residents' texts"))
    translate_minors = BooleanField(_l("Also texts written by residents under 18"))


FIELD_LABELS = {
    "title": _l("Title"),
    "text": _l("Text"),
    "description": _l("Description"),
    "purpose": _l("Purpose"),
    "offers": _l("What they offer"),
}


def correction_form(fields: dict[str, str], **kwargs) -> FlaskForm:
    """A form with one box per field of the text (those with words must be filled)."""

    class CorrectionForm(FlaskForm):
        pass

    for name, value in fields.items():
        required = DataRequired(_l("Write the translation.")) if value.strip() else Optional()
        setattr(
            CorrectionForm,
            name,
            TextAreaField(
                FIELD_LABELS.get(name, name),
                validators=[required, Length(max=8000)],
                filters=[strip],
            ),
        )
    return CorrectionForm(**kwargs)


class LanguageForm(FlaskForm):
    language = written_in()
