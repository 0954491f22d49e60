from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.forms import FlaskForm, optional_text, required_text, strip
from app.models.people import DISPLAY_NAME_MAX
from app.models.programmes import (
    FOR_WHOM_MAX,
    PROGRAMME_NAME_MAX,
    PROGRAMME_TEXT_MAX,
    RETENTION_MONTHS,
)
from app.programmes.services import OUTCOME_LABELS

NO_PARTNER = ""


class ProgrammeForm(FlaskForm):
    name = required_text(_l("Name"), _l("Write a name."), PROGRAMME_NAME_MAX)
    description = optional_text(_l("What happens in the programme"), PROGRAMME_TEXT_MAX)
    for_whom = required_text(
        _l("Who it is for"), _l("Write who the programme is for."), FOR_WHOM_MAX
    )
    retention_months = IntegerField(
        _l("Keep participants' data for (months)"),
        default=24,
        validators=[
            InputRequired(_l("Write a number of months.")),
            NumberRange(
                *RETENTION_MONTHS,
                message=_l(
                    "Keep the data between %(low)d and %(high)d months.",
                    low=RETENTION_MONTHS[0],
                    high=RETENTION_MONTHS[1],
                ),
            ),
        ],
    )
    partner = SelectField(_l("Run together with (optional)"), choices=[])


class ConsentForm(FlaskForm):
    consent = BooleanField(_l("I have read this and I agree"))


class AssistedForm(FlaskForm):
    person = SelectField(_l("Resident"), choices=[], validate_choice=False)
    new_name = StringField(
        _l("Or the name of someone without an account"),
        validators=[Optional(), Length(max=DISPLAY_NAME_MAX)],
        filters=[strip],
    )
    confirmed = BooleanField(
        _l("The participant has heard the text above, in a language they understand, and agrees")
    )


class OutcomeForm(FlaskForm):
    outcome = SelectField(
        _l("Outcome"), choices=[SelectChoice(o.value, label) for o, label in OUTCOME_LABELS.items()]
    )
    on = DateField(_l("Date"), validators=[InputRequired(_l("Choose the date."))])
