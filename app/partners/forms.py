from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
    widgets,
)
from wtforms.validators import DataRequired, Length, Optional

from app.forms import FlaskForm, strip, written_in
from app.partners.services import KIND_LABELS

NOTE_MAX = 1000


def _web_address(form, field):
    """Only http and https links with a host: no javascript:, mailto: or relative paths."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in field.data:
        raise ValidationError(_l("Write a web address that starts with https:// or http://."))


class PartnerForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Write a name.")), Length(max=120)],
        filters=[strip],
    )
    kind = SelectField(
        _l("Kind of organisation"),
        choices=[SelectChoice(k.value, label) for k, label in KIND_LABELS.items()],
    )
    description = TextAreaField(_l("What they do"), validators=[Length(max=2000)], filters=[strip])
    offers = TextAreaField(
        _l("What they offer residents"), validators=[Length(max=2000)], filters=[strip]
    )
    website = StringField(
        _l("Website (optional)"),
        validators=[Optional(), Length(max=300), _web_address],
        filters=[strip],
    )
    areas = SelectMultipleField(
        _l("Areas where they are active"),
        coerce=int,
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
        validate_choice=True,
    )


class RepresentativeForm(FlaskForm):
    address = StringField(
        _l("Mobile number or email of the person"),
        validators=[DataRequired(_l("Type a mobile number or an email address.")), Length(max=254)],
    )


class LinkForm(FlaskForm):
    partner = SelectField(_l("Partner"), coerce=int, validate_choice=True)
    note = TextAreaField(
        _l("What do you ask of them?"),
        validators=[Length(max=NOTE_MAX)],
        filters=[strip],
    )


class AnswerForm(FlaskForm):
    """One per request on the page (prefixed); the app-wide CSRF check covers the token."""

    class Meta:
        csrf = False

    action = SelectField(
        choices=[SelectChoice(a, a) for a in ("accept", "decline", "deliver")], validate_choice=True
    )
    note = TextAreaField(
        _l("Message to the residents (a reason is needed to decline)"),
        validators=[Length(max=NOTE_MAX)],
        filters=[strip],
    )


class ProfileForm(FlaskForm):
    """What a partner's representatives tell residents about the organisation."""

    description = TextAreaField(_l("What you do"), validators=[Length(max=2000)], filters=[strip])
    offers = TextAreaField(
        _l("What you offer residents"), validators=[Length(max=2000)], filters=[strip]
    )
    language = written_in()
    website = StringField(
        _l("Website (optional)"),
        validators=[Optional(), Length(max=300), _web_address],
        filters=[strip],
    )
    logo = FileField(_l("Logo (optional)"))
    remove_logo = BooleanField(_l("Remove the logo"))


class InvitePersonForm(FlaskForm):
    address = StringField(
        _l("Mobile number or email of the person"),
        validators=[DataRequired(_l("Type a mobile number or an email address.")), Length(max=254)],
    )
