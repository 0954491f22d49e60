from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    TimeField,
)
from wtforms.validators import InputRequired, NumberRange, Optional

from app.activities.services import AUDIENCE_LABELS, MAX_REPEATS
from app.forms import FlaskForm, age_range, optional_text, required_text, written_in
from app.ideas.services import CATEGORY_LABELS
from app.models.activities import (
    ACTIVITY_TEXT_MAX,
    ACTIVITY_TITLE_MAX,
    CHILD_NAME_MAX,
    PLACE_MAX,
)


class ActivityForm(FlaskForm):
    title = required_text(_l("Title"), _l("Write a title."), ACTIVITY_TITLE_MAX)
    description = optional_text(_l("Description"), ACTIVITY_TEXT_MAX)
    language = written_in()
    category = SelectField(
        _l("Category"),
        choices=[SelectChoice(c.value, label) for c, label in CATEGORY_LABELS.items()],
    )
    audience = SelectField(
        _l("For whom"),
        choices=[SelectChoice(a.value, label) for a, label in AUDIENCE_LABELS.items()],
    )
    place = required_text(_l("Place"), _l("Write where the activity is."), PLACE_MAX)
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
    child_name = required_text(
        _l("Child's first name"), _l("Write the child's first name."), CHILD_NAME_MAX
    )
    child_birth_year = IntegerField(
        _l("Child's birth year"),
        validators=[
            InputRequired(_l("Write the child's birth year, for example 2016.")),
            NumberRange(1900, 2100, _l("Write the child's birth year, for example 2016.")),
        ],
    )
