"""Notifications: queued with their event, delivered by send-outbox, listed in the app."""

import email
import email.policy
import re

import pytest
import sqlalchemy as sa
from flask_babel import get_locale

from app.extensions import db
from app.models import Decision, IdeaEvent, IdeaStatus, Notification, NotificationKind, Role
from app.models.util import utcnow
from app.moderation import services as moderation
from app.notifications import messages, outbox
from tests.conftest import count, give_role, make_person, sign_in_as
from tests.moderation.factories import add_votes, decide, make_idea
from tests.notifications.factories import free_port

ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF]")


def send_outbox(runner, *args):
    result = runner.invoke(args=["send-outbox", *args])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def use_smtp(app, port):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=port)


def notice_for(person, idea, kind=NotificationKind.IDEA_PUBLISHED, detail=""):
    notice = Notification(person_id=person.id, kind=kind, idea_id=idea.id, detail=detail)
    db.session.add(notice)
    db.session.commit()
    return notice


@pytest.fixture
def author(area):
    return make_person("Amina Author", email="amina@example.se")


# --- queued in the same transaction as the decision ------------------------------------------


def test_notice_is_queued_with_the_decision_and_rolled_back_with_it(
    app, area, leader, author, monkeypatch
):
    idea = make_idea(area, author, "Utegym", status=IdeaStatus.SUBMITTED)

    def audit_fails(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(moderation, "record", audit_fails)
    with app.test_request_context(), pytest.raises(RuntimeError):
        moderation.decide_idea(idea, leader, Decision.HIDE, reason_code=moderation.HideReason.SPAM)
    db.session.rollback()
    assert count(Notification) == 0
    assert count(IdeaEvent) == 0
    assert db.session.get(type(idea), idea.id).status is IdeaStatus.SUBMITTED

    monkeypatch.undo()
    with app.test_request_context():
        moderation.decide_idea(idea, leader, Decision.HIDE, reason_code=moderation.HideReason.SPAM)
    notice = db.session.scalar(sa.select(Notification))
    event = db.session.scalar(sa.select(IdeaEvent))
    assert notice.kind is NotificationKind.IDEA_HIDDEN and notice.sent_at is None
    assert notice.created_at >= event.at


def test_voters_and_author_hear_when_the_idea_is_done(client, area, leader, author):
    voters = [make_person(f"Voter {i}") for i in range(3)]
    idea = make_idea(area, author, "Parkbänkar")
    add_votes(idea, voters)
    sign_in_as(client, leader)
    assert decide(client, idea, "done", {"result": "Four benches."}).status_code == 302
    done = db.session.scalars(
        sa.select(Notification.person_id).where(Notification.kind == NotificationKind.IDEA_DONE)
    ).all()
    assert sorted(done) == sorted(v.id for v in voters)
    to_author = db.session.scalar(
        sa.select(Notification).where(Notification.person_id == author.id)
    )
    assert to_author.kind is NotificationKind.IDEA_STATUS and to_author.detail == "Four benches."
    sign_in_as(client, voters[0])
    page = client.get("/notifications").get_data(as_text=True)
    assert "“Parkbänkar”, an idea you voted for, is done. Result: Four benches." in page
    sign_in_as(client, author)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Your idea “Parkbänkar” is done. Result: Four benches." in page


# --- send-outbox -------------------------------------------------------------------------------


def test_send_outbox_delivers_email_by_smtp(app, runner, client, area, leader, author, smtp_server):
    controller, inbox = smtp_server
    use_smtp(app, controller.port)
    idea = make_idea(area, author, "Läxhjälp på biblioteket")
    sign_in_as(client, leader)
    decide(client, idea, "not-feasible", {"reason": "The library closes at 16."})
    output = send_outbox(runner)
    assert "1 sent" in output
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["amina@example.se"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert "Läxhjälp på biblioteket" in message["Subject"]
    body = message.get_content()
    assert "Your idea “Läxhjälp på biblioteket” is not feasible." in body
    assert "The library closes at 16." in body
    assert f"http://localhost/ideas/{idea.id}" in body
    notice = db.session.scalar(sa.select(Notification))
    assert notice.sent_at is not None and notice.attempts == 0
    # Idempotent: a second run sends nothing again.
    assert "0 sent" in send_outbox(runner)
    assert len(inbox.messages) == 1


def test_send_outbox_delivers_sms_over_http(app, runner, area, resident, sms_server):
    url, endpoint = sms_server
    app.config.update(SMS_BACKEND="http", SMS_API_URL=url, SMS_API_USER="u", SMS_API_PASSWORD="p")
    idea = make_idea(area, resident, "Cykelverkstad")
    notice_for(resident, idea)
    assert "1 sent" in send_outbox(runner)
    _auth, form = endpoint.received[0]
    assert form["to"] == ["+46701740605"]
    text = form["message"][0]
    assert "Your idea “Cykelverkstad” is published and open for votes." in text
    assert f"http://localhost/ideas/{idea.id}" in text


def test_message_is_rendered_in_the_persons_language(app, runner, area, smtp_server, monkeypatch):
    controller, inbox = smtp_server
    use_smtp(app, controller.port)
    arabic = make_person("Layla", email="layla@example.se", locale="ar")
    english = make_person("Emma", email="emma@example.se", locale="en")
    idea = make_idea(area, arabic, "حديقة للأطفال")
    notice_for(arabic, idea, NotificationKind.IDEA_HIDDEN, "Spam")
    notice_for(english, idea)
    seen = []
    original = messages._

    def spy(msgid, **variables):
        seen.append((str(get_locale()), msgid))
        return original(msgid, **variables)

    monkeypatch.setattr(messages, "_", spy)
    assert "2 sent" in send_outbox(runner)
    assert ("ar", "Your idea “%(title)s” was hidden by moderation. Reason: %(reason)s") in seen
    assert ("en", "Your idea “%(title)s” is published and open for votes.") in seen

    def body(address):
        (envelope,) = [e for e in inbox.messages if e.rcpt_tos == [address]]
        return email.message_from_bytes(envelope.content, policy=email.policy.default).get_content()

    # The date is written the Arabic way (Arabic month name) for Layla, not for Emma.
    layla = body("layla@example.se")
    assert ARABIC_LETTERS.search(layla.split("Grannlabb ·")[1])
    assert not ARABIC_LETTERS.search(body("emma@example.se").replace("حديقة للأطفال", ""))


def test_failed_delivery_is_retried_next_run_then_given_up(app, runner, area, author, smtp_server):
    controller, inbox = smtp_server
    use_smtp(app, free_port())  # nobody listens there
    notice = notice_for(author, make_idea(area, author))
    output = send_outbox(runner)
    assert "0 sent, 1 failed" in output
    failed = db.session.get(Notification, notice.id)
    assert failed.sent_at is None and failed.attempts == 1
    assert failed.last_error and len(failed.last_error) <= outbox.ERROR_MAX
    use_smtp(app, controller.port)
    assert "1 sent" in send_outbox(runner)
    assert len(inbox.messages) == 1
    assert db.session.get(Notification, notice.id).sent_at is not None

    use_smtp(app, free_port())
    stubborn = notice_for(author, make_idea(area, author, "Another"))
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        send_outbox(runner)
    assert "1 given up" in send_outbox(runner)
    assert db.session.get(Notification, stubborn.id).attempts == outbox.MAX_ATTEMPTS
    use_smtp(app, controller.port)
    assert "0 sent, 0 failed" in send_outbox(runner)
    assert db.session.get(Notification, stubborn.id).sent_at is None


def test_deleted_people_are_skipped_and_marked(app, runner, area, author):
    from app.account.services import delete_account

    notice = notice_for(author, make_idea(area, author))
    delete_account(author)
    output = send_outbox(runner)
    assert "1 skipped" in output and "message to" not in output
    skipped = db.session.get(Notification, notice.id)
    assert skipped.sent_at is not None and "no address" in skipped.last_error
    assert "0 skipped" in send_outbox(runner)


def test_outbox_works_in_batches(app, runner, area, author):
    idea = make_idea(area, author)
    for _ in range(5):
        notice_for(author, idea)
    output = send_outbox(runner, "--batch-size", "2")
    assert "5 sent" in output
    assert count(Notification, Notification.sent_at.is_(None)) == 0
    # The console sender (development) writes each message once.
    assert output.count("message to amina@example.se") == 5


# --- the in-app list -------------------------------------------------------------------------


def test_notification_list_needs_sign_in(client):
    response = client.get("/notifications")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_list_newest_first_unread_marked_and_read_on_opening(client, area, leader, author):
    give_role(author, area, Role.RESIDENT, verified=True)
    first = make_idea(area, author, "Första idén", status=IdeaStatus.SUBMITTED)
    second = make_idea(area, author, "Andra idén")
    sign_in_as(client, leader)
    decide(client, first, "publish")
    decide(client, second, "hide", {"reason_code": "spam", "reason": "Advert."})
    sign_in_as(client, author)
    home = client.get("/").get_data(as_text=True)
    assert '<span class="badge count" aria-hidden="true">2</span>' in home
    assert "2 unread" in home
    page = client.get("/notifications").get_data(as_text=True)
    hidden_at = page.index("Your idea “Andra idén” was hidden by moderation. Reason:")
    published_at = page.index("Your idea “Första idén” is published and open for votes.")
    assert hidden_at < published_at
    assert "Advert." in page
    assert page.count('class="new"') == 2
    assert f'href="/ideas/{first.id}"' in page
    assert count(Notification, Notification.read_at.is_(None)) == 0
    again = client.get("/notifications").get_data(as_text=True)
    assert 'class="new"' not in again and 'class="badge count"' not in again


def test_status_sentence_follows_the_timeline(client, area, leader, author):
    idea = make_idea(area, author, "Simhall")
    sign_in_as(client, leader)
    decide(client, idea, "in-progress", {"note": ""})
    decide(client, idea, "not-feasible", {"reason": "Too expensive."})
    sign_in_as(client, author)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Your idea “Simhall” is now in progress." in page
    assert "Your idea “Simhall” is not feasible. Reason: Too expensive." in page


def test_visitors_have_no_badge_and_signed_in_pages_count_once(app, client, area, author):
    notice_for(author, make_idea(area, author))
    assert "Notices" not in client.get("/").get_data(as_text=True)
    statements = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    sign_in_as(client, author)
    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        page = client.get("/areas/boden").get_data(as_text=True)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    assert 'class="badge count"' in page
    assert sum("FROM notification" in s for s in statements) == 1


def test_list_is_paginated(client, area, author):
    idea = make_idea(area, author)
    for n in range(35):
        notice_for(author, idea, NotificationKind.IDEA_STATUS, f"note {n:02d}")
    sign_in_as(client, author)
    first = client.get("/notifications").get_data(as_text=True)
    assert "note 34" in first and "note 04" not in first and "page=2" in first
    assert count(Notification, Notification.read_at.is_(None)) == 5
    second = client.get("/notifications?page=2").get_data(as_text=True)
    assert "note 04" in second and "note 00" in second
    assert count(Notification, Notification.read_at.is_(None)) == 0


def test_notices_are_only_the_persons_own(client, area, author):
    other = make_person("Someone Else")
    notice_for(other, make_idea(area, other, "Not yours"))
    sign_in_as(client, author)
    assert "Not yours" not in client.get("/notifications").get_data(as_text=True)
    db.session.expire_all()
    assert count(Notification, Notification.read_at.is_(None)) == 1


def test_comment_hidden_sentence(app, area, author):
    idea = make_idea(area, author, "Lekpark")
    notice = notice_for(author, idea, NotificationKind.COMMENT_HIDDEN, "Spam: advert")
    with app.test_request_context(headers={"Cookie": "lang=en"}):
        rendered = messages.render(notice)
    assert rendered.sentence == (
        "Your comment on “Lekpark” was hidden by moderation. Reason: Spam: advert"
    )
    assert rendered.url == f"/ideas/{idea.id}"
    assert utcnow() >= notice.created_at


def test_voters_no_longer_see_the_title_once_the_idea_is_hidden(client, area, leader, author):
    voter = make_person("Voter")
    idea = make_idea(area, author, "Rude words in the title")
    add_votes(idea, [voter])
    sign_in_as(client, leader)
    decide(client, idea, "done", {"result": "Done."})
    decide(client, idea, "hide", {"reason_code": "offensive"})
    sign_in_as(client, voter)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Rude words" not in page and "“a hidden idea”, an idea you voted for, is done." in page
    sign_in_as(client, author)
    assert "Rude words in the title" in client.get("/notifications").get_data(as_text=True)
