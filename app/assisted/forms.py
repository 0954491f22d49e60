from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from app.forms import FlaskForm, language_field, strip
from app.models.people import DISPLAY_NAME_MAX

OLDEST = 120


class RegisterForm(FlaskForm):
    """A resident without a phone or email, registered by a leader who has met them."""

    display_name = StringField(
        _l("Name, as others will see it"),
        validators=[
            DataRequired(_l("Write a name.")),
            Length(
                max=DISPLAY_NAME_MAX,
                message=_l("The name can be at most %(max)d characters.", max=DISPLAY_NAME_MAX),
            ),
        ],
        filters=[strip],
    )
    birth_year = StringField(
        _l("Year born (needed for shifts, summer jobs and youth activities)"),
        validators=[
            Optional(),
            Regexp(r"^\s*\d{4}\s*$", message=_l("Write the year born, for example 1990.")),
        ],
        filters=[strip],
    )
    locale = language_field()
    present = BooleanField(
        _l("The resident is here with me and wants to be registered"),
        validators=[DataRequired(_l("Register a resident only when they are here and agree."))],
    )
    another_person = BooleanField(_l("This is another person with the same name"))

    def validate_birth_year(self, field):
        if field.errors or not field.data:  # empty, or not four digits: said already
            return
        if not date.today().year - OLDEST <= int(field.data) <= date.today().year:
            raise ValidationError(_l("Check the year born."))


class ClaimForm(FlaskForm):
    code = StringField(
        _l("Code on your card"),
        validators=[DataRequired(_l("Type the code on your card.")), Length(max=40)],
        filters=[strip],
    )
