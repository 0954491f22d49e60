"""Forms of the association pages: each step a plain form that works without JavaScript."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.associations.membership import CONTACT_MAX
from app.associations.services import KIND_LABELS, ROLE_LABELS
from app.forms import FlaskForm, id_range, kronor_range, written_in
from app.models.associations import (
    ASSOCIATION_NAME_MAX,
    AUDITOR_MAX,
    DESCRIPTION_MAX,
    PLACE_MAX,
    PURPOSE_MAX,
    SEAT_MAX,
    STATUTES_MAX,
)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def month_choices():
    from app.associations.statutes_draft import month_name

    return [SelectChoice(str(m), month_name(m)) for m in range(1, 13)]


class StartForm(FlaskForm):
    kind = RadioField(
        _l("What kind of association?"),
        choices=[SelectChoice(k.value, label) for k, label in KIND_LABELS.items()],
        validators=[InputRequired(_l("Choose the kind."))],
    )
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Write a name.")), Length(max=ASSOCIATION_NAME_MAX)],
        filters=[_strip],
    )
    purpose = TextAreaField(
        _l("Purpose: what will the association do?"),
        validators=[DataRequired(_l("Write the purpose.")), Length(max=PURPOSE_MAX)],
        filters=[_strip],
    )
    language = written_in()
    idea = SelectField(_l("Grew from the idea (optional)"), choices=[], validate_choice=True)


class InviteForm(FlaskForm):
    person_id = IntegerField(validators=[InputRequired(), id_range()])


class AnswersForm(FlaskForm):
    seat = StringField(
        _l("Seat (municipality)"),
        validators=[DataRequired(_l("Write the municipality.")), Length(max=SEAT_MAX)],
        filters=[_strip],
    )
    open_membership = BooleanField(_l("Anyone who supports the purpose can become a member"))
    fee = IntegerField(
        _l("Membership fee per year (kronor)"),
        default=0,
        validators=[InputRequired(_l("Write the fee, 0 if none.")), kronor_range()],
    )
    member_contribution = IntegerField(
        _l("Member contribution (kronor, cooperatives)"),
        validators=[Optional(), kronor_range()],
    )
    board_size = IntegerField(
        _l("Number of board members"),
        default=3,
        validators=[
            InputRequired(),
            NumberRange(3, 15, _l("The board has between 3 and 15 members.")),
        ],
    )
    financial_year_start = SelectField(_l("The financial year starts in"), choices=[])
    annual_meeting_month = SelectField(_l("Annual meeting held in"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.financial_year_start.choices = month_choices()
        self.annual_meeting_month.choices = month_choices()


class StatutesForm(FlaskForm):
    text = TextAreaField(
        _l("Statutes"),
        validators=[DataRequired(_l("The statutes cannot be empty.")), Length(max=STATUTES_MAX)],
    )


class MeetingForm(FlaskForm):
    day = DateField(_l("Date"), validators=[InputRequired(_l("Choose the date."))])
    time = TimeField(_l("Time"), validators=[InputRequired(_l("Choose the time."))])
    place = StringField(
        _l("Place"),
        validators=[DataRequired(_l("Write where the meeting is held.")), Length(max=PLACE_MAX)],
        filters=[_strip],
    )


class MinutesForm(FlaskForm):
    opened_at = StringField(_l("The meeting was opened at (time)"), validators=[Length(max=5)])
    meeting_chair_id = SelectField(_l("Chair of the meeting"), choices=[])
    meeting_secretary_id = SelectField(_l("Secretary of the meeting"), choices=[])
    checker_1_id = SelectField(_l("Minute checker"), choices=[])
    checker_2_id = SelectField(_l("Second minute checker"), choices=[])
    decided_to_form = BooleanField(_l("The meeting decided to form the association"))
    statutes_version_id = SelectField(_l("Statutes adopted (version)"), choices=[])
    board_chair_id = SelectField(_l("Chair of the board"), choices=[])
    board_treasurer_id = SelectField(_l("Treasurer"), choices=[])
    board_secretary_id = SelectField(_l("Secretary"), choices=[])
    board_member_ids = SelectMultipleField(
        _l("Other board members"),
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    auditor = StringField(
        _l("Auditor (name)"), validators=[Length(max=AUDITOR_MAX)], filters=[_strip]
    )
    fee = IntegerField(
        _l("Membership fee decided (kronor per year)"),
        default=0,
        validators=[InputRequired(_l("Write the fee, 0 if none.")), kronor_range()],
    )
    other_notes = TextAreaField(
        _l("Other decisions (optional)"), validators=[Length(max=4000)], filters=[_strip]
    )

    PEOPLE = (
        "meeting_chair_id",
        "meeting_secretary_id",
        "checker_1_id",
        "checker_2_id",
        "board_chair_id",
        "board_treasurer_id",
        "board_secretary_id",
    )


class DescriptionForm(FlaskForm):
    description = TextAreaField(
        _l("Description on the public page"),
        validators=[Length(max=DESCRIPTION_MAX)],
        filters=[_strip],
    )
    language = written_in()


class ContactForm(FlaskForm):
    message = TextAreaField(
        _l("Message to the board"),
        validators=[DataRequired(_l("Write a message.")), Length(max=CONTACT_MAX)],
        filters=[_strip],
    )


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Role"), choices=[SelectChoice(r.value, label) for r, label in ROLE_LABELS.items()]
    )
