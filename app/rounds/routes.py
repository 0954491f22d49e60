"""Budget rounds: the round page, leaders' forms, the ballot, the count and the result."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.areas.services import area_or_404, is_leader, require_leader
from app.assisted import services as assisted
from app.auth.forms import ConfirmForm
from app.csvfile import spreadsheet_csv
from app.extensions import db
from app.ideas.services import CATEGORY_LABELS, STATUS_LABELS
from app.models import Category, Idea
from app.models.rounds import Ballot, CountingRule
from app.models.util import utcnow
from app.refusals import Refused, done_or_refused, refused_page
from app.rounds import ballots, outcome, services
from app.rounds.forms import BallotForm, CheckForm, EnterIdeaForm, PaperBallotForm, RoundForm
from app.web import wants_fragment

bp = Blueprint("rounds", __name__)


def _why_not(budget_round, person):
    """Why a signed-in person may not vote in the round (None: they may, or are signed out)."""
    if not person.is_authenticated:
        return None
    try:
        services.check_voter(budget_round, person)
    except Refused as refusal:
        return refusal.message
    return None


def _round_page(budget_round, status: int = 200, **extra):
    viewer = assisted.viewer(budget_round.area) if current_user.is_authenticated else current_user
    costed = services.costed_ideas(budget_round)
    to_enter = services.ideas_to_enter(budget_round, current_user)
    enter_form = extra.pop("enter_form", None) or EnterIdeaForm()
    enter_form.idea.choices = [(i.id, i.title) for i in to_enter]
    return render_template(
        "rounds/round.html",
        budget_round=budget_round,
        area=budget_round.area,
        phase=services.phase(budget_round),
        phases=services.PHASE_LABELS,
        rule_labels=services.RULE_LABELS,
        rule_explained=services.RULE_EXPLAINED,
        category_labels=CATEGORY_LABELS,
        costed=costed,
        checkable=services.checkable(budget_round, current_user, costed),
        enter_form=enter_form if to_enter else None,
        is_leader=is_leader(current_user, budget_round.area),
        has_ballot=ballots.ballot_of(budget_round, viewer) is not None,
        why_not=_why_not(budget_round, viewer),
        form=ConfirmForm(),
        **extra,
    ), status


@bp.get("/areas/<slug>/budget")
def round_list(slug: str):
    area = area_or_404(slug)
    rounds = services.rounds_of(area)
    return render_template(
        "rounds/list.html",
        area=area,
        rounds=[(r, services.phase(r)) for r in rounds],
        phases=services.PHASE_LABELS,
        is_leader=is_leader(current_user, area),
    )


def _input(form: RoundForm) -> services.RoundInput:
    return services.RoundInput(
        title=form.title.data,
        amount=form.amount.data,
        categories=[Category(c) for c in form.categories.data or []],
        min_age=form.min_age.data,
        rule=CountingRule(form.rule.data),
        ideas_until=form.ideas_until.data,
        voting_from=form.voting_from.data,
        voting_until=form.voting_until.data,
        follow_up_on=form.follow_up_on.data,
    )


def _round_form(area, form, budget_round=None, status=200):
    return render_template(
        "rounds/form.html", area=area, form=form, budget_round=budget_round
    ), status


@bp.route("/areas/<slug>/budget/new", methods=["GET", "POST"])
@login_required
def create(slug: str):
    area = area_or_404(slug)
    require_leader(area)
    form = RoundForm()
    if form.validate_on_submit():
        try:
            budget_round = services.create_round(area, current_user, _input(form))
        except Refused as refusal:
            form.form_errors.append(str(refusal.message))
            return _round_form(area, form, status=refusal.status)
        flash(_("The budget round is created."), "success")
        return redirect(url_for("rounds.budget_round", round_id=budget_round.id))
    return _round_form(area, form, status=422 if form.errors else 200)


@bp.route("/budget/<int:round_id>/edit", methods=["GET", "POST"])
@login_required
def edit(round_id: int):
    budget_round = services.round_or_404(round_id)
    require_leader(budget_round.area)
    form = RoundForm(obj=budget_round) if request.method == "GET" else RoundForm()
    if request.method == "GET":
        form.rule.data = budget_round.rule.value
        form.categories.data = list(budget_round.categories)
    elif form.validate_on_submit():
        try:
            services.edit_round(budget_round, current_user, _input(form))
        except Refused as refusal:
            form.form_errors.append(str(refusal.message))
            return _round_form(budget_round.area, form, budget_round, refusal.status)
        flash(_("Saved."), "success")
        return redirect(url_for("rounds.budget_round", round_id=budget_round.id))
    return _round_form(budget_round.area, form, budget_round, 422 if form.errors else 200)


@bp.get("/budget/<int:round_id>")
def budget_round(round_id: int):
    return _round_page(services.round_or_404(round_id))


@bp.post("/budget/<int:round_id>/ideas")
@login_required
def enter_idea(round_id: int):
    budget_round = services.round_or_404(round_id)
    form = EnterIdeaForm()
    form.idea.choices = [
        (i.id, i.title) for i in services.ideas_to_enter(budget_round, current_user)
    ]
    if not form.validate_on_submit():
        return _round_page(budget_round, 422, enter_form=form)
    try:
        services.enter_idea(
            budget_round, db.session.get(Idea, form.idea.data), current_user, form.estimate.data
        )
    except Refused as refusal:
        return refused_page(refusal, url_for("rounds.budget_round", round_id=round_id))
    flash(_("The idea is in the round. A process leader checks its cost."), "success")
    return redirect(url_for("rounds.budget_round", round_id=round_id))


@bp.route("/budget/ideas/<int:costed_id>/check", methods=["GET", "POST"])
@login_required
def check(costed_id: int):
    costed = services.costed_or_404(costed_id)
    if costed.id not in services.checkable(costed.round, current_user, [costed]):
        if costed.round.frozen_at is None:
            abort(403)
        return refused_page(
            Refused(_("Voting has opened: the checks are final."), 409),
            url_for("rounds.budget_round", round_id=costed.round_id),
        )
    form = CheckForm()
    if request.method == "GET":
        form.cost.data = costed.cost or costed.estimate
        if costed.feasible is not None:
            form.feasible.data = "yes" if costed.feasible else "no"
            form.reason.data = costed.reason
    elif form.validate_on_submit():
        try:
            services.check_idea(
                costed, current_user, form.feasible.data == "yes", form.cost.data, form.reason.data
            )
        except Refused as refusal:
            # A missing reason or a wrong cost is said at its field; anything else above.
            field = form.cost if form.feasible.data == "yes" else form.reason
            errors = field.errors if refusal.status == 422 else form.form_errors
            errors.append(str(refusal.message))
        else:
            flash(_("Checked. The author is told."), "success")
            return redirect(url_for("rounds.budget_round", round_id=costed.round_id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "rounds/check.html",
        costed=costed,
        budget_round=costed.round,
        form=form,
    ), status


def _confirmed(action, message: str, back: str):
    """A button's POST (CSRF only): the service's refusal as a page, else a flash and back."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return done_or_refused(action, message, back)


@bp.post("/budget/<int:round_id>/open")
@login_required
def open_voting(round_id: int):
    budget_round = services.round_or_404(round_id)
    return _confirmed(
        lambda: services.open_voting(budget_round, current_user),
        _("Voting is open. The round's rules are now frozen."),
        url_for("rounds.budget_round", round_id=round_id),
    )


@bp.post("/budget/<int:round_id>/count")
@login_required
def count(round_id: int):
    budget_round = services.round_or_404(round_id)
    return _confirmed(
        lambda: outcome.count_round(budget_round, current_user),
        _("The votes are counted. Every author is told."),
        url_for("rounds.budget_round", round_id=round_id),
    )


# --- The ballot ------------------------------------------------------------------------------


def _ballot_page(budget_round, form, costed, person, saved=False, status=200):
    chosen = set(form.choice.data or [])
    context = dict(
        budget_round=budget_round,
        area=budget_round.area,
        costed=costed,
        chosen=chosen,
        total=ballots.total(budget_round, costed, chosen),
        form=form,
        person=person,
        helping=person.id != current_user.id,
        saved=saved,
    )
    if wants_fragment():
        return render_template("rounds/_total.html", **context), status
    return render_template("rounds/ballot.html", **context), status


@bp.route("/budget/<int:round_id>/ballot", methods=["GET", "POST"])
@login_required
def ballot(round_id: int):
    """The resident's approval ballot (or, at the meeting place, the helped resident's)."""
    budget_round = services.round_or_404(round_id)
    back = url_for("rounds.budget_round", round_id=round_id)
    try:
        person, helper = assisted.actor(budget_round.area)
        if not services.voting_open(budget_round):
            raise Refused(_("Voting is not open in this round."), 409)
        services.check_voter(budget_round, person)
    except Refused as refusal:  # said in words, whatever the status: who may vote, and when
        return render_template(
            "shifts/refused.html", message=refusal.message, back=back
        ), refusal.status
    costed = services.costed_ideas(budget_round, feasible_only=True)
    form = BallotForm()
    form.choice.choices = [(c.id, c.idea.title) for c in costed]
    if request.method == "GET":
        form.choice.data = sorted(ballots.choices_of(ballots.ballot_of(budget_round, person)))
        return _ballot_page(budget_round, form, costed, person)
    if not form.validate_on_submit():
        return _ballot_page(budget_round, form, costed, person, status=422)
    if wants_fragment() and request.form.get("preview"):
        return _ballot_page(budget_round, form, costed, person)  # the total, nothing saved
    try:
        ballots.cast(budget_round, person, form.choice.data, helper)
    except Refused as refusal:
        return refused_page(refusal, back)
    return _ballot_page(budget_round, form, costed, person, saved=True)


# --- Paper ballots ---------------------------------------------------------------------------


@bp.route("/budget/<int:round_id>/paper", methods=["GET", "POST"])
@login_required
def paper(round_id: int):
    """A leader enters paper ballots; another leader confirms each before it counts."""
    budget_round = services.round_or_404(round_id)
    require_leader(budget_round.area)
    costed = services.costed_ideas(budget_round, feasible_only=True)
    form = PaperBallotForm()
    form.choice.choices = [(c.id, c.idea.title) for c in costed]
    query = request.args.get("q", "")[:100].strip()
    found = assisted.search(budget_round.area, query) if query else []
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                person = assisted.resident_of(budget_round.area, form.person.data)
                ballots.enter_paper(budget_round, current_user, person, form.choice.data)
            except Refused as refusal:
                form.form_errors.append(str(refusal.message))
                status = refusal.status
            else:
                flash(_("The paper ballot is entered. Another leader confirms it."), "success")
                return redirect(url_for("rounds.paper", round_id=round_id))
        else:
            status = 422
    return render_template(
        "rounds/paper.html",
        budget_round=budget_round,
        area=budget_round.area,
        form=form,
        query=query,
        found=found,
        chosen_person=request.values.get("person", type=int),
        waiting=[(b, ballots.choices_of(b)) for b in ballots.unconfirmed(budget_round)],
        titles={c.id: c.idea.title for c in costed},
        confirm_form=ConfirmForm(),
        open=services.voting_open(budget_round),
    ), status


def _paper_action(ballot_id: int, action, message: str):
    ballot = db.get_or_404(Ballot, ballot_id)
    return _confirmed(
        lambda: action(ballot), message, url_for("rounds.paper", round_id=ballot.round_id)
    )


@bp.post("/budget/paper/<int:ballot_id>/confirm")
@login_required
def confirm_paper(ballot_id: int):
    return _paper_action(
        ballot_id, lambda b: ballots.confirm_paper(b, current_user), _("Confirmed: it counts.")
    )


@bp.post("/budget/paper/<int:ballot_id>/discard")
@login_required
def discard_paper(ballot_id: int):
    return _paper_action(
        ballot_id,
        lambda b: ballots.discard_paper(b, current_user),
        _("The paper ballot is removed."),
    )


# --- The result ------------------------------------------------------------------------------


def _result_or_404(round_id: int):
    budget_round = services.round_or_404(round_id)
    shown = outcome.result(budget_round)
    if shown is None:
        abort(404)
    return budget_round, shown


@bp.get("/budget/<int:round_id>/result")
def result(round_id: int):
    budget_round, shown = _result_or_404(round_id)
    return render_template(
        "rounds/result.html",
        budget_round=budget_round,
        area=budget_round.area,
        result=shown,
        status_labels=STATUS_LABELS,
    )


@bp.get("/budget/<int:round_id>/result/print")
def result_print(round_id: int):
    budget_round, shown = _result_or_404(round_id)
    return render_template(
        "rounds/print.html",
        budget_round=budget_round,
        area=budget_round.area,
        result=shown,
        status_labels=STATUS_LABELS,
        now=utcnow(),
        stylesheet="results-print.css",
    )


@bp.get("/budget/<int:round_id>/result.csv")
def result_csv(round_id: int):
    budget_round, shown = _result_or_404(round_id)
    header, rows = outcome.table(shown)
    return Response(
        spreadsheet_csv(header, rows, _("Notes")),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="budget-round-{round_id}.csv"'},
    )
