from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from app.forms import FlaskForm, language_field


class AreaForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Write a name.")), Length(max=120)])
    slug = StringField(
        _l("Short web name"),
        validators=[
            DataRequired(_l("Write a short web name.")),
            Length(max=60),
            Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use small letters a–z, digits and dashes.")
            ),
        ],
    )
    municipality = StringField(
        _l("Municipality"),
        validators=[DataRequired(_l("Write the municipality.")), Length(max=120)],
    )
    default_locale = language_field()


class AppointForm(FlaskForm):
    address = StringField(
        _l("Mobile number or email of the person"),
        validators=[DataRequired(_l("Type a mobile number or an email address.")), Length(max=254)],
    )
    role = SelectField(
        _l("Role"),
        choices=[
            SelectChoice("leader", _l("process leader")),
            SelectChoice("partner", _l("partner representative")),
        ],
    )
