from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange

from app.areas.services import MAX_BATCH
from app.forms import FlaskForm


class InviteBatchForm(FlaskForm):
    count = IntegerField(
        _l("How many codes (one per household letter)"),
        default=20,
        validators=[
            InputRequired(_l("Write a number.")),
            NumberRange(1, MAX_BATCH, _l("Between 1 and %(max)d codes.", max=MAX_BATCH)),
        ],
    )
    valid_days = IntegerField(
        _l("Valid for how many days"),
        default=60,
        validators=[
            InputRequired(_l("Write a number.")),
            NumberRange(1, 365, _l("Between 1 and 365 days.")),
        ],
    )


class RedeemForm(FlaskForm):
    code = StringField(
        _l("Invite code from your letter"),
        validators=[InputRequired(_l("Type the code from your letter.")), Length(max=20)],
    )
