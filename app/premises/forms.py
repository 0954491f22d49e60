"""Forms for premises and bookings."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.forms import FlaskForm
from app.models.premises import PREMISES_NAME_MAX, PREMISES_TEXT_MAX, PURPOSE_MAX, REASON_MAX
from app.premises.booking import MAX_REPEATS
from app.premises.opening_hours import WEEKDAY_LABELS


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label):
    return TextAreaField(label, validators=[Length(max=PREMISES_TEXT_MAX)], filters=[_strip])


class PremisesForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Write the name of the premises.")),
            Length(max=PREMISES_NAME_MAX),
        ],
        filters=[_strip],
    )
    capacity = IntegerField(
        _l("Capacity (people)"),
        validators=[
            InputRequired(_l("Write how many people the premises hold.")),
            NumberRange(1, 10000, _l("The capacity must be between 1 and 10000 people.")),
        ],
    )
    accessibility = _text(_l("Accessibility"))
    equipment = _text(_l("Equipment"))
    rules = _text(_l("Rules"))
    photo = FileField(_l("Photo (optional)"))
    for_residents = BooleanField(_l("Verified residents may book"), default=True)
    for_associations = BooleanField(_l("Associations may book"), default=True)
    for_partners = BooleanField(_l("Partners may book"), default=True)
    needs_approval = BooleanField(_l("Bookings need a process leader's approval"))
    max_minutes = IntegerField(
        _l("Longest booking (minutes)"),
        default=240,
        validators=[
            InputRequired(_l("Write the longest booking in minutes.")),
            NumberRange(15, 1440, _l("The longest booking must be between 15 and 1440 minutes.")),
        ],
    )
    max_days_ahead = IntegerField(
        _l("How far ahead bookings can be made (days)"),
        default=60,
        validators=[
            InputRequired(_l("Write how many days ahead bookings can be made.")),
            NumberRange(1, 730, _l("Bookings can be made between 1 and 730 days ahead.")),
        ],
    )
    hours_0 = StringField(WEEKDAY_LABELS[0], filters=[_strip])
    hours_1 = StringField(WEEKDAY_LABELS[1], filters=[_strip])
    hours_2 = StringField(WEEKDAY_LABELS[2], filters=[_strip])
    hours_3 = StringField(WEEKDAY_LABELS[3], filters=[_strip])
    hours_4 = StringField(WEEKDAY_LABELS[4], filters=[_strip])
    hours_5 = StringField(WEEKDAY_LABELS[5], filters=[_strip])
    hours_6 = StringField(WEEKDAY_LABELS[6], filters=[_strip])
    closed = TextAreaField(_l("Closed dates"), filters=[_strip])

    def hour_fields(self):
        return [getattr(self, f"hours_{day}") for day in range(7)]


class BookingForm(FlaskForm):
    purpose = StringField(
        _l("What is it for?"),
        validators=[DataRequired(_l("Write what the booking is for.")), Length(max=PURPOSE_MAX)],
        filters=[_strip],
    )
    day = DateField(
        _l("Date"), validators=[InputRequired(_l("Choose the date, for example 2025-09-18."))]
    )
    start = TimeField(
        _l("From"), validators=[InputRequired(_l("Choose the time, for example 18:00."))]
    )
    end = TimeField(_l("To"), validators=[InputRequired(_l("Choose the time, for example 20:00."))])
    people = IntegerField(
        _l("Number of people"),
        validators=[
            InputRequired(_l("Write how many people will come.")),
            NumberRange(1, None, _l("At least one person must come.")),
            NumberRange(max=10000, message=_l("At most 10000 people can come.")),
        ],
    )
    # Checked by the service, which refuses a name the person may not book in (403).
    book_as = SelectField(_l("Book in the name of"), choices=[], validate_choice=False)
    repeat_weeks = IntegerField(
        _l("Repeat weekly, number of times"),
        default=1,
        validators=[Optional(), NumberRange(1, MAX_REPEATS, _l("Repeat between 1 and 26 times."))],
    )
    until = DateField(_l("…or every week until (optional)"), validators=[Optional()])


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(_l("Write the reason for declining.")), Length(max=REASON_MAX)],
        filters=[_strip],
    )
