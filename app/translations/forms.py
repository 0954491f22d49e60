from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from app.forms import FlaskForm


class AreaTranslationForm(FlaskForm):
    translation = BooleanField(_l("Offer machine translation of residents' texts"))
    translate_minors = BooleanField(_l("Also texts written by residents under 18"))
