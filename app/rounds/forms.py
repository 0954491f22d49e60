from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import FlaskForm, id_range, required_text, strip
from app.ideas.services import CATEGORY_LABELS
from app.models.rounds import DEFAULT_MIN_AGE, TITLE_MAX, CountingRule
from app.rounds.services import MAX_AMOUNT, MAX_COST, RULE_LABELS

REASON_MAX = 2000


def _kronor(label, maximum: int, required: bool = True) -> IntegerField:
    message = _l("Write the amount in whole kronor, for example 50000.")
    return IntegerField(
        label,
        validators=[
            InputRequired(message) if required else Optional(),
            NumberRange(1, maximum, message),
        ],
    )


def _day(label) -> DateField:
    return DateField(
        label, validators=[InputRequired(_l("Choose the date, for example 2027-03-01."))]
    )


class RoundForm(FlaskForm):
    title = required_text(_l("Title"), _l("Write a title."), TITLE_MAX)
    amount = _kronor(_l("Amount to decide on (kronor)"), MAX_AMOUNT)
    categories = SelectMultipleField(
        _l("Categories that may enter (none chosen: all)"),
        choices=[SelectChoice(c.value, label) for c, label in CATEGORY_LABELS.items()],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    min_age = IntegerField(
        _l("Minimum age to vote (in the year voting closes)"),
        default=DEFAULT_MIN_AGE,
        validators=[
            InputRequired(_l("Write the minimum age, for example 16.")),
            NumberRange(0, 120, _l("The minimum age must be between 0 and 120.")),
        ],
    )
    rule = RadioField(
        _l("How the votes are counted"),
        choices=[SelectChoice(r.value, label) for r, label in RULE_LABELS.items()],
        default=CountingRule.EQUAL_SHARES.value,
    )
    ideas_until = _day(_l("Costed ideas can enter until"))
    voting_from = _day(_l("Voting opens on"))
    voting_until = _day(_l("Last day of voting"))
    follow_up_on = DateField(
        _l("Follow-up of the funded ideas (optional)"), validators=[Optional()]
    )


class EnterIdeaForm(FlaskForm):
    idea = SelectField(_l("Idea"), choices=[], coerce=int, validate_choice=True)
    estimate = _kronor(_l("Cost estimate (kronor)"), MAX_COST)


class CheckForm(FlaskForm):
    feasible = RadioField(
        _l("Can it be done?"),
        choices=[
            SelectChoice("yes", _l("Feasible, at the cost below")),
            SelectChoice("no", _l("Not feasible")),
        ],
        validators=[InputRequired(_l("Choose feasible or not feasible."))],
    )
    cost = _kronor(_l("Checked cost (kronor)"), MAX_COST, required=False)
    reason = TextAreaField(
        _l("Reason residents will read"), validators=[Length(max=REASON_MAX)], filters=[strip]
    )


class BallotForm(FlaskForm):
    choice = SelectMultipleField(
        _l("The ideas you approve"),
        choices=[],
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


class PaperBallotForm(BallotForm):
    person = IntegerField(
        _l("Resident"),
        validators=[InputRequired(_l("Choose a resident of this area.")), id_range()],
    )
