from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.areas.services import area_or_404, require_leader
from app.extensions import db
from app.ideas import ordering
from app.ideas.services import CATEGORY_LABELS, REPORT_REASON_LABELS, STATUS_LABELS
from app.models import Comment, Decision, Idea, Report
from app.moderation import services
from app.moderation.forms import (
    DismissForm,
    DoneForm,
    DuplicateForm,
    HideForm,
    HidePhotoForm,
    IdeaOrderForm,
    InProgressForm,
    NotFeasibleForm,
    PublishForm,
)
from app.pagination import page_number
from app.refusals import Refused
from app.web import safe_next, wants_fragment

bp = Blueprint("moderation", __name__)


@dataclass(frozen=True)
class Action:
    slug: str
    decision: Decision
    form_class: type
    title: str
    button: str
    message: str
    danger: bool = False


ACTIONS = [
    Action(
        "publish",
        Decision.PUBLISH,
        PublishForm,
        _l("Publish"),
        _l("Publish"),
        _l("The idea is published and open for votes."),
    ),
    Action(
        "in-progress",
        Decision.IN_PROGRESS,
        InProgressForm,
        _l("In progress"),
        _l("Mark as in progress"),
        _l("The idea is marked as in progress."),
    ),
    Action(
        "done",
        Decision.DONE,
        DoneForm,
        _l("Done"),
        _l("Mark as done"),
        _l("The idea is marked as done. Its author and voters will hear of it."),
    ),
    Action(
        "not-feasible",
        Decision.NOT_FEASIBLE,
        NotFeasibleForm,
        _l("Not feasible"),
        _l("Mark as not feasible"),
        _l("The idea is marked as not feasible."),
    ),
    Action(
        "duplicate",
        Decision.DUPLICATE,
        DuplicateForm,
        _l("Duplicate"),
        _l("Mark as duplicate"),
        _l("The idea is marked as a duplicate."),
    ),
    Action(
        "hide",
        Decision.HIDE,
        HideForm,
        _l("Hide"),
        _l("Hide the idea"),
        _l("The idea is hidden; its reason shows in its place."),
        danger=True,
    ),
]
BY_SLUG = {action.slug: action for action in ACTIONS}


def actions_for(idea: Idea, bound: dict | None = None) -> list[tuple[Action, object]]:
    """The decisions possible for the idea now, each with its form (a submitted one keeps
    its input and errors; the others are empty, never bound to this request's data)."""
    allowed = set(services.allowed_decisions(idea))
    bound = bound or {}
    return [
        (action, bound.get(action.slug) or action.form_class(formdata=None))
        for action in ACTIONS
        if action.decision in allowed
    ]


@bp.app_context_processor
def moderation_helpers():
    return {"moderation_actions": actions_for}


def _moderated_idea(idea_id: int) -> Idea:
    idea = db.get_or_404(Idea, idea_id)
    require_leader(idea.area)
    return idea


def _back(default: str):
    return redirect(safe_next(request.form.get("next")) or default)


def _idea_page(
    idea: Idea, status: int = 200, bound=None, dismiss_form=None, message=None, photo_form=None
):
    original_q = request.args.get("original_q", "")[:100]
    return render_template(
        "moderation/idea.html",
        idea=idea,
        area=idea.area,
        original_q=original_q,
        originals=services.originals(idea, original_q),
        photo_form=photo_form or HidePhotoForm(formdata=None),
        reports=services.open_reports(idea),
        bound=bound or {},
        dismiss_form=dismiss_form or DismissForm(formdata=None),
        message=message,
        labels=STATUS_LABELS,
        report_labels=REPORT_REASON_LABELS,
        open_actions=True,
    ), status


def _comment_page(comment: Comment, status: int = 200, form=None, dismiss_form=None, message=None):
    idea = db.session.get(Idea, comment.idea_id)
    return render_template(
        "moderation/comment.html",
        comment=comment,
        idea=idea,
        area=idea.area,
        reports=services.open_reports(idea, comment),
        form=form or HideForm(formdata=None),
        dismiss_form=dismiss_form or DismissForm(formdata=None),
        message=message,
        report_labels=REPORT_REASON_LABELS,
    ), status


@bp.get("/areas/<slug>/moderation")
@login_required
def queue(slug: str):
    area = area_or_404(slug)
    require_leader(area)
    return render_template(
        "moderation/queue.html",
        area=area,
        queue=services.queue(area),
        publish_form=PublishForm(formdata=None),
        labels=STATUS_LABELS,
        categories=CATEGORY_LABELS,
        report_labels=REPORT_REASON_LABELS,
    )


@bp.get("/ideas/<int:idea_id>/moderate")
@login_required
def idea(idea_id: int):
    return _idea_page(_moderated_idea(idea_id))


@bp.get("/ideas/<int:idea_id>/moderate/originals")
@login_required
def originals(idea_id: int):
    """The duplicate picker's results as one types (htmx); without JavaScript the same
    search reloads the moderation page with them."""
    idea = _moderated_idea(idea_id)
    original_q = request.args.get("original_q", "")[:100]
    if not wants_fragment():
        return redirect(url_for("moderation.idea", idea_id=idea.id, original_q=original_q))
    return render_template(
        "moderation/_originals.html",
        idea=idea,
        original_q=original_q,
        originals=services.originals(idea, original_q),
        duplicate_form=DuplicateForm(formdata=None),
        labels=STATUS_LABELS,
    )


@bp.post("/ideas/<int:idea_id>/moderate/<action>")
@login_required
def decide(idea_id: int, action: str):
    if action not in BY_SLUG:
        abort(404)
    idea = _moderated_idea(idea_id)
    chosen = BY_SLUG[action]
    form = chosen.form_class()
    if not form.validate_on_submit():
        return _idea_page(idea, 422, bound={action: form})
    try:
        services.decide_idea(idea, current_user, chosen.decision, **form.decision_args())
    except services.BadOriginal as refusal:
        form.duplicate_of.errors = [refusal.message]
        return _idea_page(idea, refusal.status, bound={action: form})
    except Refused as refusal:
        db.session.rollback()
        return _idea_page(idea, refusal.status, bound={action: form}, message=refusal.message)
    flash(str(chosen.message), "success")
    return _back(url_for("ideas.idea", idea_id=idea.id))


@bp.post("/ideas/<int:idea_id>/photo/hide")
@login_required
def hide_photo(idea_id: int):
    idea = _moderated_idea(idea_id)
    form = HidePhotoForm()
    if not form.validate_on_submit():
        return _idea_page(idea, 422, photo_form=form)
    try:
        services.hide_photo(idea, current_user, **form.decision_args())
    except Refused as refusal:
        db.session.rollback()
        return _idea_page(idea, refusal.status, photo_form=form, message=refusal.message)
    flash(_("The photo is removed; the idea stays, and its author hears why."), "success")
    return redirect(url_for("moderation.idea", idea_id=idea.id))


@bp.get("/comments/<int:comment_id>/moderate")
@login_required
def comment(comment_id: int):
    comment = db.get_or_404(Comment, comment_id)
    require_leader(db.session.get(Idea, comment.idea_id).area)
    return _comment_page(comment)


@bp.post("/comments/<int:comment_id>/moderate/hide")
@login_required
def hide_comment(comment_id: int):
    comment = db.get_or_404(Comment, comment_id)
    require_leader(db.session.get(Idea, comment.idea_id).area)
    form = HideForm()
    if not form.validate_on_submit():
        return _comment_page(comment, 422, form=form)
    args = form.decision_args()
    try:
        services.hide_comment(comment, current_user, args["reason_code"], args["reason"])
    except Refused as refusal:
        db.session.rollback()
        return _comment_page(comment, refusal.status, form=form, message=refusal.message)
    flash(_("The comment is hidden; its reason shows in its place."), "success")
    return _back(url_for("ideas.comment_link", comment_id=comment.id))  # on its page of comments


@bp.post("/reports/<int:report_id>/dismiss")
@login_required
def dismiss(report_id: int):
    report = db.get_or_404(Report, report_id)
    require_leader(report.idea.area)
    form = DismissForm()

    def again(status: int, message=None):
        if report.comment_id:
            return _comment_page(report.comment, status, dismiss_form=form, message=message)
        return _idea_page(report.idea, status, dismiss_form=form, message=message)

    if not form.validate_on_submit():
        return again(422)
    try:
        services.dismiss_report(report, current_user, form.reason.data)
    except Refused as refusal:
        db.session.rollback()
        return again(refusal.status, refusal.message)
    flash(_("The report is dismissed; the content stays."), "success")
    return _back(url_for("moderation.queue", slug=report.idea.area.slug))


@bp.get("/areas/<slug>/moderation-log")
def log(slug: str):
    """Public: every decision with its reason, signed by role, never by name."""
    area = area_or_404(slug)
    page = page_number()
    return render_template(
        "moderation/log.html",
        area=area,
        result=services.log_page(area, page),
        decision_labels=services.DECISION_LABELS,
        role_labels=services.ROLE_LABELS,
        reason_labels=services.HIDE_REASON_LABELS,
    )


@bp.route("/areas/<slug>/idea-order", methods=["GET", "POST"])
@login_required
def idea_order(slug: str):
    """The area's leaders choose how its idea list is ordered while voting is open."""
    area = area_or_404(slug)
    require_leader(area)
    form = IdeaOrderForm()
    if request.method == "GET":
        form.order.data = ordering.RANDOM if ordering.is_random(area) else ordering.VOTES
    elif form.validate_on_submit():
        services.set_idea_order(area, current_user, form.order.data)
        flash(_("Saved."), "success")
        return redirect(url_for("ideas.idea_list", slug=area.slug))
    return render_template("moderation/idea_order.html", area=area, form=form), (
        422 if form.errors else 200
    )
