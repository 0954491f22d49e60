from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.forms import FlaskForm, ValidId, language_field, strip, written_in
from app.ideas.services import CATEGORY_LABELS, REPORT_REASON_LABELS
from app.models.ideas import COMMENT_MAX, TEXT_MAX, TITLE_MAX


class IdeaForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(_l("Write a title.")),
            Length(
                max=TITLE_MAX,
                message=_l("The title can be at most %(max)d characters.", max=TITLE_MAX),
            ),
        ],
        filters=[strip],
    )
    text = TextAreaField(
        _l("Describe your idea"),
        validators=[
            DataRequired(_l("Describe your idea.")),
            Length(
                max=TEXT_MAX,
                message=_l("The text can be at most %(max)d characters.", max=TEXT_MAX),
            ),
        ],
        filters=[strip],
    )
    category = SelectField(
        _l("Category"),
        choices=[SelectChoice(c.value, label) for c, label in CATEGORY_LABELS.items()],
    )
    language = language_field()
    photo = FileField(_l("Photo (optional)"))


class CommentForm(FlaskForm):
    text = TextAreaField(
        _l("Comment"),
        validators=[
            DataRequired(_l("Write a comment.")),
            Length(
                max=COMMENT_MAX,
                message=_l("A comment can be at most %(max)d characters.", max=COMMENT_MAX),
            ),
        ],
        filters=[strip],
    )
    parent_id = HiddenField(validators=[Optional(), ValidId()])
    # The language it is written in; the writer's own unless they choose another.
    language = written_in()


class ReportForm(FlaskForm):
    reason = SelectField(
        _l("Why are you reporting this?"),
        choices=[SelectChoice(r.value, label) for r, label in REPORT_REASON_LABELS.items()],
    )
    note = StringField(
        _l("More about it (optional)"), validators=[Length(max=500)], filters=[strip]
    )
