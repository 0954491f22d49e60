from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.agreements.services import DIRECTION_LABELS, STATUS_LABELS
from app.forms import FlaskForm, strip
from app.results.measures import MEASURES

_DATE = _l("Choose a date.")


class AgreementForm(FlaskForm):
    """The partners and their responsibilities come as ``partner`` / ``responsibilities-<id>``
    fields drawn per partner of the area (see the template and ``routes._parties``)."""

    title = StringField(
        _l("Name of the agreement"),
        validators=[DataRequired(_l("Write a name.")), Length(max=160)],
        filters=[strip],
    )
    goal = TextAreaField(
        _l("Shared goal"),
        validators=[DataRequired(_l("Write the shared goal.")), Length(max=4000)],
        filters=[strip],
    )
    strategy = TextAreaField(_l("Strategy"), validators=[Length(max=8000)], filters=[strip])
    starts_on = DateField(_l("Starts"), validators=[InputRequired(_DATE)])
    ends_on = DateField(_l("Ends"), validators=[InputRequired(_DATE)])
    status = SelectField(
        _l("Status"), choices=[SelectChoice(s.value, label) for s, label in STATUS_LABELS.items()]
    )
    follow_up_days = IntegerField(
        _l("Remind us to measure after this many days without a measurement"),
        default=90,
        validators=[
            InputRequired(_l("Write a number of days.")),
            NumberRange(7, 730, _l("Between 7 and 730 days.")),
        ],
    )


class IndicatorForm(FlaskForm):
    name = StringField(
        _l("Indicator"),
        validators=[DataRequired(_l("Write a name.")), Length(max=160)],
        filters=[strip],
    )
    unit = StringField(
        _l("Unit (e.g. %, people, per year)"), validators=[Length(max=40)], filters=[strip]
    )
    baseline_value = StringField(
        _l("Baseline value"), validators=[DataRequired(_l("Write a number."))], filters=[strip]
    )
    baseline_on = DateField(_l("Baseline date"), validators=[InputRequired(_DATE)])
    target_value = StringField(
        _l("Target value"), validators=[DataRequired(_l("Write a number."))], filters=[strip]
    )
    target_on = DateField(_l("Target date"), validators=[InputRequired(_DATE)])
    direction = SelectField(
        _l("Which way is better?"),
        choices=[SelectChoice(d.value, label) for d, label in DIRECTION_LABELS.items()],
    )
    measure = SelectField(
        _l("Where the values come from"),
        default="",
        choices=[SelectChoice("", _l("Entered by leaders and partners"))]
        + [
            SelectChoice(m.key, _l("Computed by Grannlabb: %(measure)s", measure=m.name))
            for m in MEASURES.values()
        ],
    )
    measured_from = DateField(_l("Grannlabb counts it from"), validators=[Optional()])


class MeasurementForm(FlaskForm):
    measured_on = DateField(_l("Date of the measurement"), validators=[InputRequired(_DATE)])
    value = StringField(
        _l("Value"), validators=[DataRequired(_l("Write a number."))], filters=[strip]
    )
    source = TextAreaField(
        _l("Source (where the figure comes from)"),
        validators=[DataRequired(_l("Write where the figure comes from.")), Length(max=1000)],
        filters=[strip],
    )
