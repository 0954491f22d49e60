"""Moderation: the leaders' queue, decisions on ideas, comments and reports, the public log."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.ideas import services as ideas
from app.models import (
    AuditEntry,
    Comment,
    Decision,
    EventKind,
    HideReason,
    Idea,
    IdeaEvent,
    IdeaStatus,
    ModerationDecision,
    Notification,
    NotificationKind,
    Report,
    ReportReason,
    Role,
    Vote,
)
from app.moderation import services
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.moderation.factories import add_votes, decide, make_idea


def make_comment(idea, author, text="Bra idé!"):
    comment = Comment(idea_id=idea.id, author_id=author.id, text=text)
    db.session.add(comment)
    db.session.commit()
    return comment


def make_report(idea, reporter, reason=ReportReason.OFFENSIVE, note="", comment=None):
    return ideas.report(idea, reporter, reason, note, comment)


# Valid input for each decision, so a refusal can only come from permissions or state.
VALID = {
    "publish": {},
    "hide": {"reason_code": "offensive", "reason": "Contains insults."},
    "not-feasible": {"reason": "The land belongs to the municipality."},
    "in-progress": {"note": "The housing company orders benches."},
    "done": {"result": "Two benches are in place."},
}


@pytest.fixture
def other_leader(other_area):
    person = make_person("Johan Portalen")
    give_role(person, other_area, Role.LEADER)
    return person


# --- the queue -----------------------------------------------------------------------------


def test_queue_lists_waiting_ideas_and_reports_without_reporters(client, area, leader, author):
    waiting = make_idea(area, author, "Läxhjälp på biblioteket", IdeaStatus.SUBMITTED)
    public = make_idea(area, author, "Utegym")
    comment = make_comment(public, author, "Det här är en kommentar")
    reporter = make_person("Rashid Reporter", email="rashid@example.se")
    make_report(public, reporter, ReportReason.SPAM, "looks like an advert")
    make_report(public, reporter, ReportReason.PERSONAL_DATA, comment=comment)
    sign_in_as(client, leader)
    page = client.get("/areas/boden/moderation").get_data(as_text=True)
    assert "Läxhjälp på biblioteket" in page
    assert f"/ideas/{waiting.id}/moderate/publish" in page
    assert "Utegym" in page and "looks like an advert" in page
    assert "Spam or advertising" in page and "Personal data about someone" in page
    assert "Det här är en kommentar" in page
    assert "Rashid" not in page and "rashid@example.se" not in page


def test_queue_needs_sign_in(client, area, leader):
    response = client.get("/areas/boden/moderation")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_queue_refuses_residents_and_leaders_of_other_areas(client, area, resident, other_leader):
    for person in (resident, other_leader):
        sign_in_as(client, person)
        response = client.get("/areas/boden/moderation")
        assert response.status_code == 403
        assert "permission" in response.get_data(as_text=True)


def test_admin_counts_as_leader_and_signs_as_admin(client, area, author):
    admin = make_person("Admin Person", admin=True)
    idea = make_idea(area, author, status=IdeaStatus.SUBMITTED)
    sign_in_as(client, admin)
    assert client.get("/areas/boden/moderation").status_code == 200
    assert decide(client, idea, "publish").status_code == 302
    assert db.session.scalar(sa.select(ModerationDecision.actor_role)) == "admin"


# --- permissions on every decision route ---------------------------------------------------


@pytest.fixture
def portalen(other_area, other_leader):
    """Portalen's idea with a comment and reports; Boden's leader may touch none of it."""
    author = make_person("Maryam")
    idea = make_idea(other_area, author, "Portalens idé", IdeaStatus.PUBLISHED)
    comment = make_comment(idea, author)
    report = make_report(idea, author, ReportReason.OTHER, "check")
    make_report(idea, author, comment=comment)
    return idea, comment, report


ROUTES = [
    ("get", "/ideas/{idea}/moderate", {}),
    ("get", "/comments/{comment}/moderate", {}),
    ("post", "/ideas/{idea}/moderate/publish", {}),
    ("post", "/ideas/{idea}/moderate/hide", VALID["hide"]),
    ("post", "/ideas/{idea}/moderate/duplicate", {"duplicate_of": "{idea}"}),
    ("post", "/ideas/{idea}/moderate/not-feasible", VALID["not-feasible"]),
    ("post", "/ideas/{idea}/moderate/in-progress", VALID["in-progress"]),
    ("post", "/ideas/{idea}/moderate/done", VALID["done"]),
    ("post", "/comments/{comment}/moderate/hide", VALID["hide"]),
    ("post", "/reports/{report}/dismiss", {"reason": "It is fine."}),
    ("get", "/areas/portalen/moderation", {}),
]


def _call(client, method, path, data, portalen):
    idea, comment, report = portalen
    ids = {"idea": idea.id, "comment": comment.id, "report": report.id}
    url = path.format(**ids)
    if method == "get":
        return client.get(url)
    return post(client, url, {k: str(v).format(**ids) for k, v in data.items()})


def _untouched(portalen):
    idea, comment, _report = portalen
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status is IdeaStatus.PUBLISHED
    assert db.session.get(Comment, comment.id).hidden_reason is None
    assert count(Report, Report.resolved_at.is_(None)) == 2
    assert count(ModerationDecision) == 0
    assert count(Notification) == 0


@pytest.mark.parametrize(("method", "path", "data"), ROUTES)
def test_leader_of_another_area_gets_403(client, area, leader, portalen, method, path, data):
    sign_in_as(client, leader)
    response = _call(client, method, path, data, portalen)
    assert response.status_code == 403
    _untouched(portalen)


@pytest.mark.parametrize(("method", "path", "data"), ROUTES)
def test_resident_gets_403(client, other_area, portalen, method, path, data):
    person = make_person("Resident Portalen")
    give_role(person, other_area, Role.RESIDENT, verified=True)
    sign_in_as(client, person)
    assert _call(client, method, path, data, portalen).status_code == 403
    _untouched(portalen)


@pytest.mark.parametrize(("method", "path", "data"), ROUTES)
def test_signed_out_is_sent_to_sign_in(client, other_area, portalen, method, path, data):
    response = _call(client, method, path, data, portalen)
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]
    _untouched(portalen)


@pytest.mark.parametrize(
    "path",
    [
        "/ideas/999999/moderate",
        "/ideas/999999/moderate/publish",
        "/ideas/999999/moderate/done",
        "/comments/999999/moderate",
        "/comments/999999/moderate/hide",
        "/reports/999999/dismiss",
    ],
)
def test_nonexistent_targets_are_404(client, area, leader, path):
    sign_in_as(client, leader)
    if path.endswith("/moderate"):
        response = client.get(path)
    else:
        response = post(client, path, {"reason": "x", "result": "x", "reason_code": "spam"})
    assert response.status_code == 404


def test_unknown_decision_is_404(client, area, leader, author):
    idea = make_idea(area, author)
    sign_in_as(client, leader)
    assert decide(client, idea, "delete-votes").status_code == 404


@pytest.mark.parametrize("action", list(VALID))
def test_decision_without_csrf_token_is_400(client, area, leader, author, action):
    idea = make_idea(area, author, status=IdeaStatus.SUBMITTED)
    sign_in_as(client, leader)
    response = client.post(f"/ideas/{idea.id}/moderate/{action}", data=VALID[action])
    assert response.status_code == 400
    assert count(ModerationDecision) == 0


def test_log_is_public(client, area):
    response = client.get("/areas/boden/moderation-log")
    assert response.status_code == 200
    assert "No moderation decisions yet." in response.get_data(as_text=True)


def test_log_of_unknown_area_is_404(client):
    assert client.get("/areas/nowhere/moderation-log").status_code == 404


# --- decisions on ideas ----------------------------------------------------------------------


def test_publish_writes_decision_event_notice_audit_and_resolves_reports(
    client, area, leader, author
):
    idea = make_idea(area, author, "Läxhjälp", IdeaStatus.SUBMITTED)
    make_report(idea, make_person("Someone"), ReportReason.OTHER, "please look")
    sign_in_as(client, leader)
    response = decide(client, idea, "publish")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/ideas/{idea.id}")
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status is IdeaStatus.PUBLISHED
    assert db.session.get(Idea, idea.id).published_at is not None
    decision = db.session.scalar(sa.select(ModerationDecision))
    assert decision.decision is Decision.PUBLISH
    assert decision.actor_role == "process_leader" and decision.actor_id == leader.id
    assert db.session.scalar(sa.select(IdeaEvent.kind).order_by(IdeaEvent.id.desc())) is (
        EventKind.PUBLISHED
    )
    notice = db.session.scalar(sa.select(Notification))
    assert notice.person_id == author.id and notice.kind is NotificationKind.IDEA_PUBLISHED
    assert db.session.scalar(sa.select(AuditEntry.action)) == "moderation_publish"
    assert count(Report, Report.resolved_at.is_(None)) == 0
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The idea is published and open for votes." in page


def test_publish_from_the_queue_returns_to_the_queue(client, area, leader, author):
    idea = make_idea(area, author, status=IdeaStatus.SUBMITTED)
    sign_in_as(client, leader)
    response = decide(client, idea, "publish", {"next": "/areas/boden/moderation"})
    assert response.headers["Location"] == "/areas/boden/moderation"
    response = decide(client, make_idea(area, author, status=IdeaStatus.SUBMITTED), "publish",
                      {"next": "https://evil.example/"})  # fmt: skip
    assert "evil" not in response.headers["Location"]


def test_hide_needs_a_reason_code(client, area, leader, author):
    idea = make_idea(area, author)
    sign_in_as(client, leader)
    response = decide(client, idea, "hide", {"reason_code": "", "reason": "Rude"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose a reason." in page and 'aria-invalid="true"' in page
    assert decide(client, idea, "hide", {"reason_code": "bogus"}).status_code == 422
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status is IdeaStatus.PUBLISHED
    assert count(ModerationDecision) == 0 and count(Notification) == 0


def test_hidden_idea_shows_the_reason_in_place_of_title_and_text(client, area, leader, author):
    idea = make_idea(area, author, "Secret title", text="Offensive words here")
    comment = make_comment(idea, author, "A reported comment")
    make_report(idea, make_person("Reporter"), comment=comment)
    sign_in_as(client, leader)
    response = decide(client, idea, "hide", {"reason_code": "offensive", "reason": "Insults."})
    assert response.status_code == 302
    visitor = client.application.test_client()
    visitor.set_cookie("lang", "en")
    page = visitor.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Secret title" not in page and "Offensive words here" not in page
    assert "Hidden by moderation:" in page and "Insults." in page
    db.session.expire_all()
    hidden = db.session.get(Idea, idea.id)
    assert hidden.status is IdeaStatus.HIDDEN
    # The label is written in the area's own language (Swedish by default), then the text.
    assert hidden.public_reason.endswith(": Insults.")
    decision = db.session.scalar(sa.select(ModerationDecision))
    assert decision.reason_code is HideReason.OFFENSIVE and decision.reason == "Insults."
    # Hiding an idea handles every open report about it, its comments included.
    assert count(Report, Report.resolved_at.is_(None)) == 0
    notice = db.session.scalar(sa.select(Notification))
    assert notice.kind is NotificationKind.IDEA_HIDDEN and "Insults." in notice.detail


def test_hidden_idea_can_be_published_again_after_review(client, area, leader, author):
    idea = make_idea(area, author)
    sign_in_as(client, leader)
    decide(client, idea, "hide", {"reason_code": "other", "reason": "Checking facts."})
    assert decide(client, idea, "hide", VALID["hide"]).status_code == 409
    assert decide(client, idea, "publish").status_code == 302
    db.session.expire_all()
    again = db.session.get(Idea, idea.id)
    assert again.status is IdeaStatus.PUBLISHED and again.public_reason is None
    assert count(ModerationDecision) == 2


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (IdeaStatus.PUBLISHED, "publish"),
        (IdeaStatus.HIDDEN, "done"),
        (IdeaStatus.HIDDEN, "in-progress"),
        (IdeaStatus.HIDDEN, "not-feasible"),
        (IdeaStatus.SUBMITTED, "in-progress"),
        (IdeaStatus.SUBMITTED, "done"),
        (IdeaStatus.DONE, "in-progress"),
        (IdeaStatus.DONE, "not-feasible"),
        (IdeaStatus.DONE, "publish"),
        (IdeaStatus.NOT_FEASIBLE, "done"),
        (IdeaStatus.DUPLICATE, "done"),
    ],
)
def test_invalid_transitions_are_409_with_a_message(client, area, leader, author, status, action):
    idea = make_idea(area, author, status=status)
    sign_in_as(client, leader)
    response = decide(client, idea, action, VALID[action])
    assert response.status_code == 409
    assert "That decision is not possible while the idea is" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status is status
    assert count(ModerationDecision) == 0 and count(IdeaEvent) == 0 and count(Notification) == 0


def test_done_idea_can_still_be_hidden_with_a_reason(client, area, leader, author):
    idea = make_idea(area, author, status=IdeaStatus.DONE, result_note="Benches")
    sign_in_as(client, leader)
    assert decide(client, idea, "hide", {"reason_code": ""}).status_code == 422
    assert decide(client, idea, "hide", {"reason_code": "personal_data"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status is IdeaStatus.HIDDEN


@pytest.mark.parametrize(
    ("action", "field", "message"),
    [
        ("not-feasible", "reason", "Write the reason residents will read."),
        ("done", "result", "Write what came of the idea."),
    ],
)
def test_public_reason_is_required(client, area, leader, author, action, field, message):
    idea = make_idea(area, author)
    sign_in_as(client, leader)
    response = decide(client, idea, action, {field: "   "})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(ModerationDecision) == 0
    too_long = decide(client, idea, action, {field: "x" * (services.REASON_MAX + 1)})
    assert too_long.status_code == 422


def test_not_feasible_shows_its_public_reason(client, area, leader, author):
    idea = make_idea(area, author, "Simhall")
    sign_in_as(client, leader)
    response = decide(client, idea, "not-feasible", {"reason": "Costs 80 million."})
    assert response.status_code == 302
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Not feasible: Costs 80 million." in page
    notice = db.session.scalar(sa.select(Notification))
    assert notice.kind is NotificationKind.IDEA_STATUS and notice.detail == "Costs 80 million."


def test_in_progress_then_done_with_result(client, area, leader, author):
    idea = make_idea(area, author)
    sign_in_as(client, leader)
    assert decide(client, idea, "in-progress", {"note": ""}).status_code == 302
    assert decide(client, idea, "done", {"result": "Two benches."}).status_code == 302
    db.session.expire_all()
    done = db.session.get(Idea, idea.id)
    assert done.status is IdeaStatus.DONE and done.result_note == "Two benches."
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Two benches." in page
    kinds = db.session.scalars(sa.select(ModerationDecision.decision)).all()
    assert kinds == [Decision.IN_PROGRESS, Decision.DONE]


def test_duplicate_of_an_idea_of_the_same_area(client, area, leader, author):
    original = make_idea(area, author, "Grillplats")
    copy = make_idea(area, author, "Grill i parken", status=IdeaStatus.SUBMITTED)
    sign_in_as(client, leader)
    response = decide(client, copy, "duplicate", {"duplicate_of": original.id})
    assert response.status_code == 302
    db.session.expire_all()
    marked = db.session.get(Idea, copy.id)
    assert marked.status is IdeaStatus.DUPLICATE and marked.duplicate_of_id == original.id
    page = client.get(f"/ideas/{copy.id}").get_data(as_text=True)
    assert "This idea is a duplicate of" in page and f"/ideas/{original.id}" in page
    # A duplicate can be reopened if it was a mistake.
    assert decide(client, copy, "publish").status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, copy.id).duplicate_of_id is None


def test_duplicate_refuses_other_area_self_missing_and_hidden(
    client, area, other_area, leader, author
):
    idea = make_idea(area, author)
    elsewhere = make_idea(other_area, author, "Portalen idea")
    hidden = make_idea(area, author, "Hidden", status=IdeaStatus.HIDDEN)
    sign_in_as(client, leader)
    cases = [
        (elsewhere.id, "belongs to another area"),
        (idea.id, "cannot be a duplicate of itself"),
        (999999, "There is no idea with number 999999"),
        (hidden.id, "is not public"),
        ("", "Write the number of the original idea."),
        ("abc", "Write the number of the original idea."),
    ]
    for value, message in cases:
        response = decide(client, idea, "duplicate", {"duplicate_of": value})
        assert response.status_code == 422, value
        assert message in response.get_data(as_text=True), value
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status is IdeaStatus.PUBLISHED
    assert count(ModerationDecision) == 0


def test_moderation_actions_on_the_idea_page_only_for_its_leaders(
    client, area, leader, author, other_leader
):
    idea = make_idea(area, author)
    comment = make_comment(idea, author)
    sign_in_as(client, leader)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Moderate this idea" in page
    assert f"/comments/{comment.id}/moderate" in page
    assert f"/ideas/{idea.id}/moderate/hide" in page
    assert f"/ideas/{idea.id}/moderate/done" in page
    assert f"/ideas/{idea.id}/moderate/publish" not in page  # already published
    for person in (author, other_leader):
        sign_in_as(client, person)
        page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
        assert "Moderate this idea" not in page and "/moderate" not in page
    visitor = client.application.test_client()
    assert "Moderate this idea" not in visitor.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_area_page_links_queue_for_leaders_and_log_for_everyone(client, area, leader):
    assert "/areas/boden/moderation-log" in client.get("/areas/boden").get_data(as_text=True)
    assert 'href="/areas/boden/moderation"' not in client.get("/areas/boden").get_data(as_text=True)
    sign_in_as(client, leader)
    assert 'href="/areas/boden/moderation"' in client.get("/areas/boden").get_data(as_text=True)


def test_decision_page_shows_the_idea_and_its_reports(client, area, leader, author):
    idea = make_idea(area, author, "Utegym", status=IdeaStatus.SUBMITTED)
    make_report(idea, make_person("Reporter Name"), ReportReason.SPAM, "advert")
    sign_in_as(client, leader)
    page = client.get(f"/ideas/{idea.id}/moderate").get_data(as_text=True)
    assert "Utegym" in page and "advert" in page and "1 open report" in page
    assert "Reporter Name" not in page
    assert f"/ideas/{idea.id}/moderate/publish" in page


# --- comments and reports --------------------------------------------------------------------


def test_hide_comment_shows_reason_in_its_place_and_tells_the_author(client, area, leader, author):
    idea = make_idea(area, author)
    writer = make_person("Comment Writer")
    comment = make_comment(idea, writer, "You are all idiots")
    make_report(idea, author, ReportReason.OFFENSIVE, comment=comment)
    make_report(idea, author, ReportReason.OTHER, "about the idea itself")
    sign_in_as(client, leader)
    response = post(
        client,
        f"/comments/{comment.id}/moderate/hide",
        {"reason_code": "offensive", "reason": "Name-calling."},
    )
    assert response.status_code == 302
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "You are all idiots" not in page and "Name-calling." in page
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).hidden_reason.endswith("Name-calling.")
    notice = db.session.scalar(sa.select(Notification))
    assert notice.person_id == writer.id and notice.kind is NotificationKind.COMMENT_HIDDEN
    # Only the comment's report is handled; the one about the idea waits.
    open_reports = db.session.scalars(sa.select(Report).where(Report.resolved_at.is_(None)))
    assert [r.comment_id for r in open_reports] == [None]
    decision = db.session.scalar(sa.select(ModerationDecision))
    assert decision.decision is Decision.HIDE_COMMENT and decision.comment_id == comment.id
    again = post(client, f"/comments/{comment.id}/moderate/hide", VALID["hide"])
    assert again.status_code == 409
    assert "already hidden" in again.get_data(as_text=True)


def test_hide_comment_needs_a_reason_code(client, area, leader, author):
    comment = make_comment(make_idea(area, author), author)
    sign_in_as(client, leader)
    response = post(client, f"/comments/{comment.id}/moderate/hide", {"reason": "x"})
    assert response.status_code == 422
    assert "Choose a reason." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).hidden_reason is None


def test_dismiss_report_needs_a_reason_and_handles_all_reports_on_the_same_content(
    client, area, leader, author
):
    idea = make_idea(area, author)
    first = make_report(idea, make_person("A"), ReportReason.SPAM)
    make_report(idea, make_person("B"), ReportReason.OTHER)
    sign_in_as(client, leader)
    response = post(client, f"/reports/{first.id}/dismiss", {"reason": ""})
    assert response.status_code == 422
    assert "Write why the content stays." in response.get_data(as_text=True)
    assert count(Report, Report.resolved_at.is_(None)) == 2
    response = post(client, f"/reports/{first.id}/dismiss", {"reason": "It is a real idea."})
    assert response.status_code == 302
    assert response.headers["Location"] == "/areas/boden/moderation"
    assert count(Report, Report.resolved_at.is_(None)) == 0
    decision = db.session.scalar(sa.select(ModerationDecision))
    assert decision.decision is Decision.DISMISS_REPORT and decision.reason == "It is a real idea."
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status is IdeaStatus.PUBLISHED
    again = post(client, f"/reports/{first.id}/dismiss", {"reason": "Again"})
    assert again.status_code == 409
    assert "already been handled" in again.get_data(as_text=True)


def test_comment_moderation_page(client, area, leader, author):
    idea = make_idea(area, author)
    comment = make_comment(idea, author, "Reported words")
    make_report(idea, make_person("Reporter"), ReportReason.OFFENSIVE, "rude", comment)
    sign_in_as(client, leader)
    page = client.get(f"/comments/{comment.id}/moderate").get_data(as_text=True)
    assert "Reported words" in page and "rude" in page and "Hide the comment" in page
    assert "Dismiss: the content stays" in page


# --- votes and ranking stay as residents made them ------------------------------------------


def _votes_snapshot():
    db.session.expire_all()
    rows = db.session.execute(
        sa.select(Vote.id, Vote.idea_id, Vote.person_id, Vote.created_at).order_by(Vote.id)
    ).all()
    counts = db.session.execute(sa.select(Idea.id, Idea.vote_count).order_by(Idea.id)).all()
    return rows, counts


def test_no_decision_changes_votes_or_the_ranking(client, area, leader, author):
    voters = [make_person(f"Voter {i}") for i in range(6)]
    ideas_ = {
        name: make_idea(area, author, name)
        for name in ("hide", "duplicate", "not-feasible", "in-progress", "done", "original")
    }
    for n, idea in enumerate(ideas_.values()):
        add_votes(idea, voters[: n + 1])
    submitted = make_idea(area, author, "waiting", status=IdeaStatus.SUBMITTED)
    comment = make_comment(ideas_["original"], author)
    report = make_report(ideas_["original"], voters[0])
    ranking_before = [i.id for i in ideas.list_ideas(area, "votes").ideas]
    before = _votes_snapshot()
    sign_in_as(client, leader)
    responses = [
        decide(client, submitted, "publish"),
        decide(client, ideas_["hide"], "hide", VALID["hide"]),
        decide(client, ideas_["duplicate"], "duplicate", {"duplicate_of": ideas_["original"].id}),
        decide(client, ideas_["not-feasible"], "not-feasible", VALID["not-feasible"]),
        decide(client, ideas_["in-progress"], "in-progress", VALID["in-progress"]),
        decide(client, ideas_["done"], "done", VALID["done"]),
        decide(client, ideas_["hide"], "publish"),
        post(client, f"/comments/{comment.id}/moderate/hide", VALID["hide"]),
        post(client, f"/reports/{report.id}/dismiss", {"reason": "Fine."}),
    ]
    assert [r.status_code for r in responses] == [302] * len(responses)
    assert count(ModerationDecision) == len(responses)
    assert _votes_snapshot() == before
    # The ideas still listed keep their order: only residents' votes rank them.
    still_listed = [i.id for i in ideas.list_ideas(area, "votes").ideas]
    assert [i for i in ranking_before if i in still_listed] == [
        i for i in still_listed if i in ranking_before
    ]


# --- the public log ------------------------------------------------------------------------


def test_log_shows_role_decision_and_reason_never_names_or_contacts(client, area, leader, author):
    idea = make_idea(area, author, "Fotbollsplan")
    hidden = make_idea(area, author, "Rude title")
    reporter = make_person("Rashid Reporter", email="rashid@example.se")
    make_report(hidden, reporter, ReportReason.OFFENSIVE, "rude")
    sign_in_as(client, leader)
    decide(client, idea, "not-feasible", {"reason": "No space."})
    decide(client, hidden, "hide", {"reason_code": "offensive", "reason": "Insults."})
    visitor = client.application.test_client()
    visitor.set_cookie("lang", "en")
    page = visitor.get("/areas/boden/moderation-log").get_data(as_text=True)
    assert page.count("Process leader") == 2
    assert "Not feasible" in page and "No space." in page and "Fotbollsplan" in page
    assert "Idea hidden" in page and "Offensive or hateful" in page and "Insults." in page
    # A hidden idea is linked by its reason page, never by its title.
    assert "Rude title" not in page and "Hidden idea: see the reason" in page
    assert f"/ideas/{hidden.id}" in page
    for private in (leader.display_name, leader.email, reporter.display_name, reporter.email,
                    author.display_name, author.email, "rude"):  # fmt: skip
        assert private not in page


def test_log_is_paginated_newest_first(client, area, leader, author):
    idea = make_idea(area, author)
    for n in range(services.LOG_PER_PAGE + 2):
        db.session.add(
            ModerationDecision(
                area_id=area.id,
                idea_id=idea.id,
                actor_id=leader.id,
                actor_role="process_leader",
                decision=Decision.DISMISS_REPORT,
                reason=f"reason {n:03d}",
            )
        )
    db.session.commit()
    first = client.get("/areas/boden/moderation-log").get_data(as_text=True)
    assert "reason 031" in first and "reason 002" in first and "reason 001" not in first
    assert "page=2" in first
    second = client.get("/areas/boden/moderation-log?page=2").get_data(as_text=True)
    assert "reason 001" in second and "reason 000" in second and "reason 031" not in second
    assert client.get("/areas/boden/moderation-log?page=x").status_code == 200


def test_log_shows_only_its_area(client, area, other_area, leader, other_leader):
    elsewhere = make_idea(other_area, make_person("X"), "Portalen idea")
    sign_in_as(client, other_leader)
    decide(client, elsewhere, "not-feasible", {"reason": "Elsewhere reason"})
    page = client.get("/areas/boden/moderation-log").get_data(as_text=True)
    assert "Elsewhere reason" not in page
    assert "Elsewhere reason" in client.get("/areas/portalen/moderation-log").get_data(as_text=True)


def test_simultaneous_decisions_only_one_wins(app, area, leader, author):
    """Two leaders publish the same idea from pages loaded at the same time."""
    idea = make_idea(area, author, status=IdeaStatus.SUBMITTED)
    stale = db.session.get(Idea, idea.id)
    db.session.execute(sa.update(Idea).where(Idea.id == idea.id).values(status="published"))
    db.session.commit()
    # What the second leader's request had loaded before the first one committed.
    sa.orm.attributes.set_committed_value(stale, "status", IdeaStatus.SUBMITTED)
    with app.test_request_context(), pytest.raises(ideas.Refused) as refusal:
        services.decide_idea(stale, leader, Decision.PUBLISH)
    assert refusal.value.status == 409
    assert count(ModerationDecision) == 0 and count(Notification) == 0
