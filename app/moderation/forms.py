"""Forms for moderation decisions. Field ids are unique so several forms fit on one page."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app.forms import FlaskForm, id_range, strip
from app.models import HideReason
from app.moderation.services import HIDE_REASON_LABELS, REASON_MAX

PUBLIC_HINT = _l(
    "Shown to everyone and in the public moderation log. Write no names or contact details."
)


def _reason_length():
    return Length(
        max=REASON_MAX,
        message=_l("The reason can be at most %(max)d characters.", max=REASON_MAX),
    )


class PublishForm(FlaskForm):
    """Only the CSRF token: publishing needs no reason."""

    def decision_args(self) -> dict:
        return {}


class HideForm(FlaskForm):
    reason_code = SelectField(
        _l("Reason"),
        id="hide-reason-code",
        choices=[SelectChoice("", _l("Choose a reason"))]
        + [SelectChoice(code.value, label) for code, label in HIDE_REASON_LABELS.items()],
        validators=[DataRequired(_l("Choose a reason."))],
    )
    reason = TextAreaField(
        _l("Explanation (optional)"),
        id="hide-reason",
        description=PUBLIC_HINT,
        validators=[Optional(), _reason_length()],
        filters=[strip],
    )

    def decision_args(self) -> dict:
        return {"reason_code": HideReason(self.reason_code.data), "reason": self.reason.data or ""}


class HidePhotoForm(HideForm):
    """Take down only the photo (faces, an address, a car's plate…); the idea stays."""

    reason_code = SelectField(
        _l("Reason"),
        id="photo-reason-code",
        choices=[SelectChoice("", _l("Choose a reason"))]
        + [SelectChoice(code.value, label) for code, label in HIDE_REASON_LABELS.items()],
        validators=[DataRequired(_l("Choose a reason."))],
    )
    reason = TextAreaField(
        _l("Explanation (optional)"),
        id="photo-reason",
        description=PUBLIC_HINT,
        validators=[Optional(), _reason_length()],
        filters=[strip],
    )


class DuplicateForm(FlaskForm):
    """Posted by the picker's "The original" button next to each idea it found."""

    duplicate_of = IntegerField(
        _l("Number of the original idea"),
        id="duplicate-of",
        validators=[
            InputRequired(_l("Write the number of the original idea.")),
            id_range(_l("Write the number of the original idea.")),
        ],
    )

    def decision_args(self) -> dict:
        return {"duplicate_of": self.duplicate_of.data}


class NotFeasibleForm(FlaskForm):
    reason = TextAreaField(
        _l("Why it is not feasible"),
        id="not-feasible-reason",
        description=PUBLIC_HINT,
        validators=[DataRequired(_l("Write the reason residents will read.")), _reason_length()],
        filters=[strip],
    )

    def decision_args(self) -> dict:
        return {"reason": self.reason.data}


class InProgressForm(FlaskForm):
    note = TextAreaField(
        _l("What happens now (optional)"),
        id="in-progress-note",
        description=PUBLIC_HINT,
        validators=[Optional(), _reason_length()],
        filters=[strip],
    )

    def decision_args(self) -> dict:
        return {"reason": self.note.data or ""}


class DoneForm(FlaskForm):
    result = TextAreaField(
        _l("Result"),
        id="done-result",
        description=PUBLIC_HINT,
        validators=[DataRequired(_l("Write what came of the idea.")), _reason_length()],
        filters=[strip],
    )

    def decision_args(self) -> dict:
        return {"reason": self.result.data}


class DismissForm(FlaskForm):
    reason = TextAreaField(
        _l("Why the content stays"),
        id="dismiss-reason",
        description=PUBLIC_HINT,
        validators=[DataRequired(_l("Write why the content stays.")), _reason_length()],
        filters=[strip],
    )


class IdeaOrderForm(FlaskForm):
    order = RadioField(
        _l("Order of the idea list"),
        choices=[
            SelectChoice("votes", _l("Most votes first")),
            SelectChoice(
                "random", _l("Random order while voting is open, until the agenda is cut")
            ),
        ],
        validators=[InputRequired(_l("Choose one of the orders."))],
    )
