from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, StringField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from app.agendas.services import MAX_IDEAS, MIN_IDEAS
from app.forms import FlaskForm, strip


class MeetingForm(FlaskForm):
    title = StringField(
        _l("Title"),
        default=_l("Residents' meeting"),
        validators=[DataRequired(_l("Write a title.")), Length(max=120)],
        filters=[strip],
    )
    day = DateField(
        _l("Date"),
        validators=[InputRequired(_l("Choose the date, for example 2025-09-18."))],
    )
    clock = TimeField(
        _l("Time"),
        validators=[InputRequired(_l("Choose the time, for example 18:00."))],
    )
    place = StringField(
        _l("Place"),
        validators=[DataRequired(_l("Write where the meeting is.")), Length(max=200)],
        filters=[strip],
    )
    idea_count = IntegerField(
        _l("How many ideas on the agenda"),
        default=5,
        validators=[
            InputRequired(_l("Choose between 1 and 30 ideas.")),
            NumberRange(MIN_IDEAS, MAX_IDEAS, _l("Choose between 1 and 30 ideas.")),
        ],
    )
