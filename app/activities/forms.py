from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.activities.services import AUDIENCE_LABELS, MAX_REPEATS
from app.forms import FlaskForm, age_range
from app.ideas.services import CATEGORY_LABELS
from app.models.activities import (
    ACTIVITY_TEXT_MAX,
    ACTIVITY_TITLE_MAX,
    CHILD_NAME_MAX,
    PLACE_MAX,
)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ActivityForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Write a title.")), Length(max=ACTIVITY_TITLE_MAX)],
        filters=[_strip],
    )
    description = TextAreaField(
        _l("Description"), validators=[Length(max=ACTIVITY_TEXT_MAX)], filters=[_strip]
    )
    category = SelectField(
        _l("Category"),
        choices=[SelectChoice(c.value, label) for c, label in CATEGORY_LABELS.items()],
    )
    audience = SelectField(
        _l("For whom"),
        choices=[SelectChoice(a.value, label) for a, label in AUDIENCE_LABELS.items()],
    )
    place = StringField(
        _l("Place"),
        validators=[DataRequired(_l("Write where the activity is.")), Length(max=PLACE_MAX)],
        filters=[_strip],
    )
    day = DateField(
        _l("Date"), validators=[InputRequired(_l("Choose the date, for example 2025-09-18."))]
    )
    start = TimeField(
        _l("Starts"), validators=[InputRequired(_l("Choose the time, for example 18:00."))]
    )
    end = TimeField(
        _l("Ends"), validators=[InputRequired(_l("Choose the time, for example 20:00."))]
    )
    capacity = IntegerField(
        _l("Number of places (empty: no limit)"),
        validators=[Optional(), NumberRange(max=10000, message=_l("At most 10000 places."))],
    )
    min_age = IntegerField(_l("Lowest age (optional)"), validators=[Optional(), age_range()])
    max_age = IntegerField(_l("Highest age (optional)"), validators=[Optional(), age_range()])
    organiser = SelectField(_l("Organiser"), choices=[])
    repeat_weeks = IntegerField(
        _l("Repeat weekly, number of times"),
        default=1,
        validators=[
            Optional(),
            NumberRange(1, MAX_REPEATS, _l("Repeat between 1 and 26 times.")),
        ],
    )


class ChildForm(FlaskForm):
    child_name = StringField(
        _l("Child's first name"),
        validators=[DataRequired(_l("Write the child's first name.")), Length(max=CHILD_NAME_MAX)],
        filters=[_strip],
    )
    child_birth_year = IntegerField(
        _l("Child's birth year"),
        validators=[
            InputRequired(_l("Write the child's birth year, for example 2016.")),
            NumberRange(1900, 2100, _l("Write the child's birth year, for example 2016.")),
        ],
    )
