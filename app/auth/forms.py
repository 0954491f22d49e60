from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from app.auth.services import InvalidAddress, find_person, normalize_address
from app.forms import FlaskForm, language_field, strip
from app.models.people import DISPLAY_NAME_MAX, Person


def account_at(field, unknown: str) -> Person | None:
    """The active account whose mobile number or email is typed in ``field``; otherwise None,
    with the reason on the field (an address that does not look right, or ``unknown``)."""
    try:
        person = find_person(normalize_address(field.data))
    except InvalidAddress as error:
        field.errors.append(str(error))
        return None
    if person is None or not person.is_active:
        field.errors.append(unknown)
        return None
    return person


class AddressForm(FlaskForm):
    address = StringField(
        _l("Mobile number or email"),
        validators=[
            InputRequired(_l("Type your mobile number or your email address.")),
            Length(max=254),
        ],
    )


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[
            InputRequired(_l("Type the 6-digit code.")),
            Regexp(r"^\s*\d{6}\s*$", message=_l("The code has 6 digits.")),
        ],
    )
    remember = BooleanField(_l("Keep me signed in on this phone for 30 days"), default=True)


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Your name, as others will see it"),
        validators=[
            DataRequired(_l("Write a name.")),
            Length(
                max=DISPLAY_NAME_MAX,
                message=_l("The name can be at most %(max)d characters.", max=DISPLAY_NAME_MAX),
            ),
        ],
        filters=[strip],
    )
    locale = language_field()


class SignUpForm(ProfileForm):
    birth_year = StringField(
        _l("Year you were born"),
        validators=[
            InputRequired(_l("Write the year you were born, for example 1990.")),
            Regexp(r"^\s*\d{4}\s*$", message=_l("Write the year you were born, for example 1990.")),
        ],
    )


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token: for buttons that change something."""
