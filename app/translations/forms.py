from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.forms import FlaskForm, strip, written_in


class AreaTranslationForm(FlaskForm):
    translation = BooleanField(_l("Offer machine translation of residents' texts"))
    translate_minors = BooleanField(_l("Also texts written by residents under 18"))


class CorrectionForm(FlaskForm):
    """The translated title (ideas only) and text, as the writer or a leader puts them."""

    title = StringField(
        _l("Title"),
        validators=[Optional(), Length(max=300)],
        filters=[strip],
    )
    text = TextAreaField(
        _l("Text"),
        validators=[DataRequired(_l("Write the translation.")), Length(max=8000)],
        filters=[strip],
    )

    def for_text(self, fields: dict) -> "CorrectionForm":
        if "title" in fields:
            self.title.validators = [DataRequired(_l("Write the translation.")), Length(max=300)]
        return self


class LanguageForm(FlaskForm):
    language = written_in()
