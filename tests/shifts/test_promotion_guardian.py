"""A freed shift place is offered to the first on the waiting list, who confirms by one tap;
a minor confirming awaits the guardian, and the guardian named before gets the link at once;
with no guardian known, the youth names one (on the confirm form or afterwards)."""

from datetime import time, timedelta

import sqlalchemy as sa
from flask_babel import force_locale

from app.extensions import db
from app.models import (
    ConsentDecision,
    GuardianConsent,
    Notification,
    NotificationKind,
    SignupStatus,
)
from app.notifications import messages
from app.shifts import guardians, places, services
from tests.conftest import make_person, post, sign_in_as
from tests.shifts.factories import make_shift, school_week, youth


def _notice(person) -> Notification:
    return db.session.scalar(
        sa.select(Notification).where(
            Notification.person_id == person.id,
            Notification.kind == NotificationKind.SHIFT_PLACE_GIVEN,
        )
    )


def _offered(client, waiting, notice_person, app):
    db.session.expire_all()
    assert waiting.status is SignupStatus.OFFERED and waiting.hold_until is not None
    notice = _notice(notice_person)
    assert notice.detail == places.PLACE_OFFERED and notice.shift_id == waiting.shift_id
    with app.test_request_context(), force_locale("en"):
        assert "Confirm it on the shift's page" in messages.render(notice).sentence


def test_known_guardian_gets_the_link_when_moved_up(app, client, workplace, outbox):
    saturday = school_week() + timedelta(days=5)
    earlier = make_shift(workplace, saturday, time(9), time(10))
    full = make_shift(workplace, saturday, time(12), time(14), capacity=1)
    minor = youth("Ung", age=14)
    sign_in_as(client, minor)
    post(client, f"/shifts/{earlier.id}/sign-up", {"guardian": "0701740605"})
    assert len(outbox.sent) == 1
    holder = make_person("Vuxen", birth_year=1990)
    held = services.sign_up(full, holder)
    waiting = services.sign_up(full, minor)
    assert waiting.status is SignupStatus.WAITLISTED

    sign_in_as(client, holder)
    assert post(client, f"/shift-signups/{held.id}/cancel").status_code == 302
    _offered(client, waiting, minor, app)
    assert len(outbox.sent) == 1  # nothing asked before the youth confirms

    sign_in_as(client, minor)
    page = client.get(f"/shifts/{full.id}").get_data(as_text=True)
    assert "Confirm my place" in page
    assert post(client, f"/shift-signups/{waiting.id}/confirm").status_code == 302
    db.session.expire_all()
    assert waiting.status is SignupStatus.AWAITING_GUARDIAN and waiting.hold_until is not None
    consent = guardians.consent_for(waiting)
    assert consent.guardian_address == "+46701740605"
    assert consent.expires_at == waiting.hold_until
    assert len(outbox.sent) == 2 and outbox.sent[1][0] == "+46701740605"

    # The link works: the guardian consents and the place is confirmed.
    token = outbox.token()
    response = post(
        client, f"/guardian/{token}", {"signup": str(waiting.id), "decision": "consent"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert waiting.status is SignupStatus.CONFIRMED
    assert guardians.consent_for(waiting).decision is ConsentDecision.CONSENTED


def test_no_guardian_known_the_youth_is_asked(app, client, workplace, outbox):
    full = make_shift(workplace, capacity=1)
    holder = make_person("Vuxen", birth_year=1990)
    held = services.sign_up(full, holder)
    minor = youth("Ung", age=15)
    waiting = services.sign_up(full, minor)
    services.cancel(held, holder)
    _offered(client, waiting, minor, app)
    sign_in_as(client, minor)
    assert post(client, f"/shift-signups/{waiting.id}/confirm").status_code == 302
    db.session.expire_all()
    assert waiting.status is SignupStatus.AWAITING_GUARDIAN
    assert db.session.scalar(sa.select(GuardianConsent)) is None and outbox.sent == []
    page = client.get(f"/shifts/{full.id}").get_data(as_text=True)
    assert "Send the link to my guardian again" in page


def test_youth_names_the_guardian_when_confirming(app, client, workplace, outbox):
    full = make_shift(workplace, capacity=1)
    holder = make_person("Vuxen", birth_year=1990)
    held = services.sign_up(full, holder)
    minor = youth("Ung", age=15)
    waiting = services.sign_up(full, minor)
    services.cancel(held, holder)
    sign_in_as(client, minor)
    response = post(client, f"/shift-signups/{waiting.id}/confirm", {"guardian": "nonsense"})
    assert response.status_code == 422
    db.session.expire_all()
    assert waiting.status is SignupStatus.OFFERED
    response = post(client, f"/shift-signups/{waiting.id}/confirm", {"guardian": "0701740605"})
    assert response.status_code == 302
    db.session.expire_all()
    assert waiting.status is SignupStatus.AWAITING_GUARDIAN
    assert outbox.sent and outbox.sent[-1][0] == "+46701740605"


def test_adult_moved_up_confirms_by_one_tap(app, client, workplace, outbox):
    full = make_shift(workplace, capacity=1)
    holder, next_one = (make_person(n, birth_year=1990) for n in ("Först", "Sedan"))
    held = services.sign_up(full, holder)
    waiting = services.sign_up(full, next_one)
    services.cancel(held, holder)
    _offered(client, waiting, next_one, app)
    sign_in_as(client, holder)
    assert post(client, f"/shift-signups/{waiting.id}/confirm").status_code == 403
    sign_in_as(client, next_one)
    assert post(client, f"/shift-signups/{waiting.id}/confirm").status_code == 302
    db.session.expire_all()
    assert waiting.status is SignupStatus.CONFIRMED and waiting.hold_until is None
    assert outbox.sent == []
    # Confirming again changes nothing.
    assert post(client, f"/shift-signups/{waiting.id}/confirm").status_code == 302
