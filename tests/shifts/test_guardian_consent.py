"""Guardian consent for a minor's shift: the link, consent, decline, withdraw, a reused,
expired or foreign link, a failing sender, and expired holds."""

from datetime import timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    ConsentDecision,
    GuardianConsent,
    GuardianDecision,
    ShiftSignup,
    SignupStatus,
)
from app.models.util import utcnow
from app.shifts import services
from tests.conftest import count, make_person, post, sign_in_as
from tests.shifts.factories import (
    decide_as_guardian,
    make_shift,
    sign_up_with_guardian_phone,
    youth,
)


def _signup(person, shift) -> ShiftSignup:
    return db.session.scalar(
        sa.select(ShiftSignup).where(
            ShiftSignup.person_id == person.id, ShiftSignup.shift_id == shift.id
        )
    )


def test_link_sent_guardian_sees_and_consents(app, client, workplace, outbox):
    shift = make_shift(workplace, role="counter")
    person = youth("Liv Ung")
    response = sign_up_with_guardian_phone(client, person, shift)
    assert response.status_code == 302
    consent = db.session.scalar(sa.select(GuardianConsent))
    signup = _signup(person, shift)
    assert signup.status is SignupStatus.AWAITING_GUARDIAN
    assert consent.guardian_address == "+46701740605"
    assert consent.expires_at == signup.hold_until
    assert consent.signup_id == signup.id
    assert outbox.sent[0][0] == "+46701740605"
    token = outbox.token()
    assert token not in consent.token_hash and len(consent.token_hash) == 64
    page = client.get(f"/shifts/{shift.id}").get_data(as_text=True)
    assert (
        "Waiting for a guardian&#39;s consent" in page or "Waiting for a guardian's consent" in page
    )

    guardian = app.test_client()
    guardian.set_cookie("lang", "en")
    page = guardian.get(f"/guardian/{token}").get_data(as_text=True)
    start = services.local(shift.starts_at)
    day = f"{start:%A}, {start:%B} {start.day}, {start.year}"  # Babel's full date in English
    for text in ("Liv Ung", workplace.name, "counter", "Sara", "2.0", day):
        assert text in page
    assert start.strftime("%H:%M") in page and "I consent" in page
    response = post(
        guardian, f"/guardian/{token}", {"signup": str(signup.id), "decision": "consent"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert signup.status is SignupStatus.CONFIRMED and signup.hold_until is None
    page = client.get(f"/shifts/{shift.id}").get_data(as_text=True)
    assert "Confirmed" in page
    assert [d.decision for d in db.session.scalars(sa.select(GuardianDecision))] == [
        ConsentDecision.CONSENTED
    ]


def test_reused_link_cannot_consent_twice_but_can_withdraw(client, workplace, outbox):
    shift = make_shift(workplace, capacity=1)
    person = youth()
    sign_up_with_guardian_phone(client, person, shift)
    waiting = make_person("Vuxen", birth_year=1990)
    services.sign_up(shift, waiting)
    token = outbox.token()
    signup = _signup(person, shift)
    assert decide_as_guardian(client, token, signup, "consent").status_code == 302
    page = client.get(f"/guardian/{token}").get_data(as_text=True)
    assert "You consented" in page and "I consent" not in page and "Withdraw" in page
    assert decide_as_guardian(client, token, signup, "consent").status_code == 409
    assert decide_as_guardian(client, token, signup, "decline").status_code == 409
    assert decide_as_guardian(client, token, signup, "withdraw").status_code == 302
    db.session.expire_all()
    assert signup.status is SignupStatus.CANCELLED
    assert _signup(waiting, shift).status is SignupStatus.OFFERED  # offered, to confirm
    decisions = db.session.scalars(sa.select(GuardianDecision).order_by(GuardianDecision.id))
    rows = list(decisions)
    assert [d.decision for d in rows] == [ConsentDecision.CONSENTED, ConsentDecision.WITHDRAWN]
    assert all(d.decided_at is not None for d in rows)
    assert decide_as_guardian(client, token, signup, "withdraw").status_code == 409
    assert "You withdrew your consent" in client.get(f"/guardian/{token}").get_data(as_text=True)


def test_decline_cancels_and_moves_waitlist(client, workplace, outbox):
    shift = make_shift(workplace, capacity=1)
    person = youth()
    sign_up_with_guardian_phone(client, person, shift)
    waiting = make_person("Vuxen", birth_year=1990)
    services.sign_up(shift, waiting)
    signup = _signup(person, shift)
    assert decide_as_guardian(client, outbox.token(), signup, "decline").status_code == 302
    db.session.expire_all()
    assert signup.status is SignupStatus.CANCELLED
    assert _signup(waiting, shift).status is SignupStatus.OFFERED  # offered, to confirm
    assert decide_as_guardian(client, outbox.token(), signup, "consent").status_code == 409


def test_link_for_another_signup_cannot_act(client, workplace, outbox):
    shift = make_shift(workplace)
    first, second = youth("Ett"), youth("Två")
    sign_up_with_guardian_phone(client, first, shift)
    token_first = outbox.token()
    sign_up_with_guardian_phone(client, second, shift, guardian="annan@test.example")
    signup_second = _signup(second, shift)
    assert decide_as_guardian(client, token_first, signup_second, "consent").status_code == 409
    assert client.get("/guardian/not-a-real-token").status_code == 404
    db.session.expire_all()
    assert _signup(first, shift).status is SignupStatus.AWAITING_GUARDIAN
    assert signup_second.status is SignupStatus.AWAITING_GUARDIAN
    assert count(GuardianDecision) == 0


def test_expired_link_410_and_place_freed(client, runner, workplace, outbox):
    shift = make_shift(workplace, capacity=1)
    person = youth()
    sign_up_with_guardian_phone(client, person, shift)
    waiting = make_person("Vuxen", birth_year=1990)
    services.sign_up(shift, waiting)
    signup = _signup(person, shift)
    past = utcnow() - timedelta(minutes=1)
    signup.hold_until = past
    db.session.scalar(sa.select(GuardianConsent)).expires_at = past
    db.session.commit()
    token = outbox.token()
    assert client.get(f"/guardian/{token}").status_code == 410
    assert decide_as_guardian(client, token, signup, "consent").status_code == 410
    db.session.expire_all()
    assert signup.status is SignupStatus.CANCELLED
    assert _signup(waiting, shift).status is SignupStatus.OFFERED  # offered, to confirm


def test_expire_command_and_lazy_expiry(client, runner, workplace, outbox):
    shifts = [make_shift(workplace, capacity=1) for _ in range(2)]
    people = [youth(f"Ung {k}") for k in range(2)]
    waiting = make_person("Vuxen", birth_year=1990)
    for person, shift in zip(people, shifts, strict=True):
        sign_up_with_guardian_phone(client, person, shift)
        services.sign_up(shift, waiting) if shift is shifts[0] else None
    for signup in db.session.scalars(sa.select(ShiftSignup)):
        if signup.status is SignupStatus.AWAITING_GUARDIAN:
            signup.hold_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    # Reading the first shift expires its hold and moves its waiting list.
    client.get(f"/shifts/{shifts[0].id}")
    db.session.expire_all()
    assert _signup(people[0], shifts[0]).status is SignupStatus.CANCELLED
    assert _signup(waiting, shifts[0]).status is SignupStatus.OFFERED
    assert _signup(people[1], shifts[1]).status is SignupStatus.AWAITING_GUARDIAN
    result = runner.invoke(args=["expire-guardian-holds"])
    assert "Expired holds: 1" in result.output
    db.session.expire_all()
    assert _signup(people[1], shifts[1]).status is SignupStatus.CANCELLED


def test_sender_failure_keeps_place_and_retry(client, workplace, outbox):
    shift = make_shift(workplace)
    person = youth()
    outbox.fail = True
    response = sign_up_with_guardian_phone(client, person, shift)
    assert response.status_code == 503
    assert "could not be sent" in response.get_data(as_text=True)
    signup = _signup(person, shift)
    assert signup.status is SignupStatus.AWAITING_GUARDIAN
    outbox.fail = False
    response = post(
        client, f"/shift-signups/{signup.id}/guardian", {"guardian": "mamma@test.example"}
    )
    assert response.status_code == 302
    assert outbox.sent[-1][0] == "mamma@test.example"
    assert count(GuardianConsent) == 1
    assert decide_as_guardian(client, outbox.token(), signup, "consent").status_code == 302


def test_invalid_or_missing_guardian_address(client, workplace, outbox):
    shift = make_shift(workplace)
    person = youth()
    for bad in ("", "not an address", "12"):
        response = sign_up_with_guardian_phone(client, person, shift, guardian=bad)
        assert response.status_code == 422
        assert "guardian" in response.get_data(as_text=True)
    assert count(ShiftSignup) == 0 and outbox.sent == []


def test_adult_needs_no_guardian(client, workplace, outbox):
    shift = make_shift(workplace)
    adult = make_person("Vuxen", birth_year=1990)
    sign_in_as(client, adult)
    assert post(client, f"/shifts/{shift.id}/sign-up").status_code == 302
    assert _signup(adult, shift).status is SignupStatus.CONFIRMED
    assert outbox.sent == [] and count(GuardianConsent) == 0
