from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from app.areas.services import area_or_404, is_leader, role_in
from app.assisted import services as assisted
from app.auth.forms import ConfirmForm
from app.extensions import db, limiter
from app.i18n import select_locale, short_datetimes
from app.ideas import ordering, photos, services
from app.ideas.forms import CommentForm, IdeaForm, ReportForm
from app.models import Category, Comment, Idea, IdeaStatus, ReportReason, Role
from app.models.ideas import LISTED
from app.pagination import page_number
from app.refusals import Refused, refused_page
from app.translations import services as translations
from app.web import member_of, safe_next, wants_fragment

bp = Blueprint("ideas", __name__)


def _idea_or_404(idea_id: int, *options) -> Idea:
    """An idea the current person may see: listed and hidden ones for all (hidden show only
    their reason), submitted ones for the author and the area's leaders. Its area comes in
    the same query: the vote check and the pages need it."""
    idea = db.get_or_404(Idea, idea_id, options=[joinedload(Idea.area), *options])
    if idea.status is IdeaStatus.SUBMITTED and not (
        current_user.is_authenticated
        and (idea.author_id == current_user.id or is_leader(current_user, idea.area))
    ):
        abort(404)
    return idea


def _list_args(random_order: bool):
    """While the list is in random order, "most votes" is not offered (it is the default
    again once voting is over)."""
    default = ordering.RANDOM if random_order else ordering.VOTES
    sorts = {*services.SORTS} - ({ordering.VOTES} if random_order else set())
    sorts |= {ordering.RANDOM} if random_order else set()
    sort = request.args.get("sort", default)
    category = request.args.get("category")
    status = request.args.get("status")
    return (
        sort if sort in sorts else default,
        member_of(Category, category),
        IdeaStatus(status) if status in {s.value for s in LISTED} else None,
        page_number(),
    )


@bp.get("/areas/<slug>/ideas")
def idea_list(slug: str):
    area = area_or_404(slug)
    random_order = ordering.is_random(area)
    sort, category, status, page = _list_args(random_order)
    shuffle = ordering.seed(ordering.visitor(), area) if sort == ordering.RANDOM else None
    result = services.list_ideas(area, sort, category, status, page, shuffle)
    ids = [idea.id for idea in result.ideas]
    context = dict(
        area=area,
        result=result,
        sort=sort,
        random_order=random_order,
        category=category,
        status=status,
        voted=services.voted_ids(assisted.viewer(area), ids),
        badges=services.partner_badges(ids),
        form=ConfirmForm(),
        can_vote=current_user.is_authenticated
        and services.is_verified_resident(assisted.viewer(area), area),
        labels=services.STATUS_LABELS,
        categories=services.CATEGORY_LABELS,
    )
    if wants_fragment():
        return render_template("ideas/_cards.html", **context)
    return render_template("ideas/list.html", **context)


@bp.route("/areas/<slug>/ideas/new", methods=["GET", "POST"])
@login_required
def propose(slug: str):
    area = area_or_404(slug)
    try:
        author, helper = assisted.actor(area)
    except Refused as refusal:
        return refused_page(refusal, url_for("areas.area", slug=slug))
    if role_in(author, area, Role.RESIDENT) is None and not is_leader(author, area):
        return render_template("ideas/not_resident.html", area=area, form=ConfirmForm()), 403
    form = IdeaForm()
    if request.method == "GET":
        form.language.data = author.locale if helper else select_locale()
    if form.validate_on_submit():
        photo = photos.save_upload(form.photo)
        if not form.photo.errors:
            idea = services.propose(
                area,
                author,
                form.title.data,
                form.text.data,
                Category(form.category.data),
                form.language.data,
                photo,
                assisted_by=helper,
            )
            if helper:
                flash(
                    _(
                        "The idea is proposed for %(name)s and waits for moderation.",
                        name=author.display_name,
                    ),
                    "success",
                )
            else:
                flash(
                    _(
                        "Thank you! Your idea waits for moderation; you will hear when it is "
                        "published."
                    ),
                    "success",
                )
            return redirect(url_for("ideas.idea", idea_id=idea.id))
    return render_template("ideas/new.html", area=area, form=form), 422 if form.errors else 200


_STAND_IN = 987654321


def _comment_links(translate_to: str | None) -> dict:
    """The links each comment carries, made by url_for once per page (for a stand-in id)
    rather than a few hundred times: from one comment to the next only the id changes."""
    links = {}
    for name, endpoint in (
        ("reply", "ideas.reply"),
        ("edit", "ideas.edit_comment"),
        ("report", "ideas.report"),
        ("moderate", "moderation.comment"),
    ):
        head, tail = url_for(endpoint, comment_id=_STAND_IN).split(str(_STAND_IN))
        links[name] = lambda comment_id, head=head, tail=tail: f"{head}{comment_id:d}{tail}"
    if translate_to:
        head, tail = url_for(
            "translations.show", kind="comment", object_id=_STAND_IN, to=translate_to
        ).split(str(_STAND_IN))
        links["translate"] = lambda comment_id, head=head, tail=tail: f"{head}{comment_id:d}{tail}"
    return links


@bp.get("/ideas/<int:idea_id>")
def idea(idea_id: int):
    """The idea with one page of its comments (``?comments_page=``); for htmx only that
    page's comments and the button for the next, swapped in place of the button."""
    idea = _idea_or_404(idea_id, joinedload(Idea.author))
    thread = (
        services.comment_page(idea, page_number("comments_page"))
        if idea.status not in (IdeaStatus.HIDDEN, IdeaStatus.SUBMITTED)  # shown without comments
        else services.CommentPage(comments=[], replies={}, page=1, has_more=False)
    )
    translate_to = translations.translating_to(idea.area, str(get_locale()))
    comment_context = dict(
        idea=idea,
        thread=thread,
        editable=services.editable_comments(thread, current_user),
        short_datetime=short_datetimes(),
        links=_comment_links(translate_to),
        is_leader=is_leader(current_user, idea.area),
        translate_to=translate_to,
        area_translates_minors=idea.area.translate_minors,
        by_minor=lambda comment: translations.is_minor(comment.author),
    )
    if wants_fragment():
        return render_template("ideas/_comments.html", **comment_context)
    return render_template(
        "ideas/idea.html",
        **comment_context,
        area=idea.area,
        voted=services.voted_ids(assisted.viewer(idea.area), [idea.id]),
        badges=services.partner_badges([idea.id]),
        events=services.timeline(idea),
        words=translations.original(translations.idea_text(idea), str(get_locale())),
        form=ConfirmForm(),
        comment_form=_comment_form(idea),
        can_vote=current_user.is_authenticated
        and services.is_verified_resident(assisted.viewer(idea.area), idea.area),
        labels=services.STATUS_LABELS,
        categories=services.CATEGORY_LABELS,
        event_labels=services.EVENT_LABELS,
    )


def _comment_form(idea: Idea) -> CommentForm:
    """Written in the writer's language unless they choose another (the resident's own
    when a leader helps them at the meeting place)."""
    form = CommentForm(formdata=None)
    if current_user.is_authenticated:
        form.language.data = assisted.viewer(idea.area).locale
    return form


def comment_url(comment: Comment) -> str:
    """The idea page that shows the comment, scrolled to it."""
    page = services.page_of_comment(comment)
    return url_for(
        "ideas.idea",
        idea_id=comment.idea_id,
        comments_page=page if page > 1 else None,
        _anchor=f"comment-{comment.id}",
    )


@bp.get("/comments/<int:comment_id>")
def comment_link(comment_id: int):
    """A lasting link to one comment, whichever page of comments it is on now."""
    comment = db.get_or_404(Comment, comment_id)
    _idea_or_404(comment.idea_id)
    return redirect(comment_url(comment))


@bp.post("/ideas/<int:idea_id>/vote")
@login_required
@limiter.limit("60 per minute", key_func=lambda: f"person:{current_user.get_id()}")
def vote(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = ConfirmForm()
    if not form.validate_on_submit() or request.form.get("vote") not in ("1", "0"):
        abort(400)
    try:
        voter, helper = assisted.actor(idea.area)
        wanted = services.cast_vote(idea, voter, request.form["vote"] == "1", assisted_by=helper)
    except Refused as refusal:
        if wants_fragment():
            return render_template(
                "ideas/_vote.html",
                idea=idea,
                voted=services.voted_ids(assisted.viewer(idea.area), [idea.id]),
                form=form,
                can_vote=False,
                refusal=refusal.message,
            ), refusal.status
        return render_template(
            "ideas/refused.html", idea=idea, message=refusal.message
        ), refusal.status
    if wants_fragment():
        return render_template(
            "ideas/_vote.html",
            idea=idea,
            voted={idea.id} if wanted else set(),
            form=form,
            can_vote=True,
        )
    return redirect(safe_next(request.form.get("next")) or url_for("ideas.idea", idea_id=idea.id))


@bp.post("/ideas/<int:idea_id>/comments")
@login_required
@limiter.limit("30 per hour", key_func=lambda: f"person:{current_user.get_id()}")
def comment(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = CommentForm()
    if form.validate_on_submit():
        parent = form.parent_id.data
        try:
            author, helper = assisted.actor(idea.area)
            new = services.add_comment(
                idea,
                author,
                form.text.data,
                int(parent) if parent and parent.isdigit() else None,
                assisted_by=helper,
                language=form.language.data or None,
            )
        except Refused as refusal:
            return render_template(
                "ideas/refused.html", idea=idea, message=refusal.message
            ), refusal.status
        return redirect(comment_url(new))
    return render_template("ideas/comment_error.html", idea=idea, comment_form=form), 422


@bp.get("/comments/<int:comment_id>/reply")
@login_required
def reply(comment_id: int):
    """The form for a reply to one comment (it joins that comment's thread)."""
    comment = db.get_or_404(Comment, comment_id, options=[joinedload(Comment.author)])
    idea = _idea_or_404(comment.idea_id)
    try:
        services.check_can_take_part(idea, current_user)
    except Refused as refusal:
        return render_template(
            "ideas/refused.html", idea=idea, message=refusal.message
        ), refusal.status
    form = CommentForm(parent_id=str(comment.id))
    if wants_fragment():  # opened in place under the comment
        return render_template("ideas/_reply_form.html", idea=idea, comment=comment)
    return render_template("ideas/reply.html", idea=idea, comment=comment, comment_form=form)


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id: int):
    comment = db.get_or_404(Comment, comment_id)
    idea = _idea_or_404(comment.idea_id)
    if not services.can_edit_comment(comment, current_user):
        abort(403)
    form = CommentForm(obj=comment) if request.method == "GET" else CommentForm()
    if form.validate_on_submit():
        services.edit_comment(comment, current_user, form.text.data, form.language.data or None)
        return redirect(comment_url(comment))
    return render_template("ideas/edit_comment.html", idea=idea, comment=comment, form=form), (
        422 if form.errors else 200
    )


@bp.route("/ideas/<int:idea_id>/report", methods=["GET", "POST"])
@bp.route("/comments/<int:comment_id>/report", methods=["GET", "POST"])
@login_required
@limiter.limit("20 per hour", methods=["POST"])
def report(idea_id: int | None = None, comment_id: int | None = None):
    comment = db.get_or_404(Comment, comment_id) if comment_id else None
    idea = _idea_or_404(comment.idea_id if comment else idea_id)
    form = ReportForm()
    if form.validate_on_submit():
        services.report(idea, current_user, ReportReason(form.reason.data), form.note.data, comment)
        flash(_("Thank you. A process leader will look at your report."), "success")
        return redirect(url_for("ideas.idea", idea_id=idea.id))
    return render_template("ideas/report.html", idea=idea, comment=comment, form=form), (
        422 if form.errors else 200
    )


@bp.get("/ideas/mine")
@login_required
def mine():
    return render_template(
        "ideas/mine.html", ideas=services.ideas_by(current_user), labels=services.STATUS_LABELS
    )


@bp.get("/media/ideas/<name>")
def photo(name: str):
    path = photos.photo_path(name)
    idea = db.session.scalar(db.select(Idea).where(Idea.photo == name)) if path else None
    if idea is None or (
        idea.status not in LISTED
        and not (
            current_user.is_authenticated
            and (idea.author_id == current_user.id or is_leader(current_user, idea.area))
        )
    ):
        abort(404)
    return send_file(path, mimetype="image/webp", max_age=86400)


@bp.app_context_processor
def idea_helpers():
    return {"next_url": lambda: request.full_path.rstrip("?")}
