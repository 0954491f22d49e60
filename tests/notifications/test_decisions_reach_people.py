"""Every decision reaches the person it concerns (issue 12, item 2): the applicant when a
leader places her, a partner's representatives when a leader asks the partner about an idea,
the guardian when the youth gives up a place, and everyone on a shift a leader cancels (and
their guardians) — each in their own language, with a link labelled for what it opens."""

from datetime import time

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.jobs import services as jobs
from app.jobs import shifts as job_shifts
from app.models import ConsentDecision, NotificationKind, Role, SignupStatus
from app.notifications import messages
from app.partners import services as partners
from app.refusals import Refused
from app.shifts import guardians
from app.shifts import services as shifts
from tests.conftest import give_role, make_person, notices, post, sign_in_as
from tests.jobs.factories import job_input
from tests.jobs.factories import youth as job_youth
from tests.partners.factories import make_idea, make_partner, make_rep
from tests.shifts.factories import make_shift, make_workplace, youth


def shown(app, notice, lang="en"):
    with app.test_request_context(), force_locale(lang):
        return messages.render(notice)


# --- The applicant, when placed ---------------------------------------------------------------


def test_a_placed_adult_is_told_and_the_link_opens_the_job(app, area, leader):
    job = jobs.create(area, leader, job_input(max_age=25))
    person = job_youth("Vuxen", age=20)
    jobs.place(jobs.apply(job, person, ""), leader)
    (notice,) = notices(NotificationKind.JOB_PLACED)
    assert notice.person_id == person.id
    notice_shown = shown(app, notice)
    assert "You have a place at the summer job at" in notice_shown.sentence
    assert job.employer in notice_shown.sentence and "guardian" not in notice_shown.sentence
    assert notice_shown.url == f"/jobs/{job.id}"
    assert notice_shown.link_label == "Open the summer job"


def test_a_placed_minor_is_told_to_name_her_guardian_in_her_language(app, area, leader):
    job = jobs.create(area, leader, job_input(min_age=13, max_age=18))
    person = job_youth("Fjorton", age=14)
    jobs.place(jobs.apply(job, person, ""), leader)
    (notice,) = notices(NotificationKind.JOB_PLACED)
    assert "once your guardian consents" in shown(app, notice).sentence
    swedish = shown(app, notice, "sv")
    assert "vårdnadshavare" in swedish.sentence and swedish.link_label != "Open the summer job"


def test_placing_twice_tells_once(area, leader):
    job = jobs.create(area, leader, job_input(max_age=25))
    application = jobs.apply(job, job_youth("Vuxen", age=20), "")
    jobs.place(application, leader)
    jobs.place(application, leader)
    assert len(notices(NotificationKind.JOB_PLACED)) == 1


# --- A partner's representatives, when a leader asks the partner ------------------------------


def test_each_representative_is_told_when_a_leader_asks_their_partner(
    app, client, area, leader, resident
):
    partner = make_partner(areas=[area])
    first, second = make_rep(partner, "Rep Ett"), make_rep(partner, "Rep Två")
    other = make_rep(make_partner("Röda Korset", areas=[area]), "Annan")
    idea = make_idea(area, resident)
    sign_in_as(client, leader)
    response = post(client, f"/ideas/{idea.id}/partners", {"partner": str(partner.id), "note": ""})
    assert response.status_code == 302
    told = notices(NotificationKind.PARTNER_ASKED)
    assert {n.person_id for n in told} == {first.id, second.id}
    assert other.id not in {n.person_id for n in told}
    notice_shown = shown(app, told[0])
    assert partner.name in notice_shown.sentence and idea.title in notice_shown.sentence
    assert notice_shown.url == "/partners/mine" and notice_shown.link_label == "Open the requests"


def test_a_refused_link_tells_nobody(area, leader, resident):
    partner = make_partner(areas=[area])
    make_rep(partner)
    idea = make_idea(area, resident)
    partners.link_idea(idea, partner, "", leader)
    with pytest.raises(Refused):
        partners.link_idea(idea, partner, "", leader)
    assert len(notices(NotificationKind.PARTNER_ASKED)) == 1


# --- The guardian, when the youth gives up a place --------------------------------------------


@pytest.fixture
def minor(area):
    person = youth("Hiba", age=14)
    give_role(person, area, Role.RESIDENT)
    return person


def test_the_guardian_is_told_when_the_youth_cancels(app, area, minor, outbox):
    signup = shifts.sign_up(make_shift(make_workplace(area, "Caféet")), minor)
    guardians.request_consent(signup, "guardian@test.example")
    guardians.decide(guardians.consent_for(signup), ConsentDecision.CONSENTED)
    with app.test_request_context():
        shifts.cancel(signup, minor)
    to, subject, body = outbox.sent[-1]
    assert to == "guardian@test.example"
    assert "Hiba" in body and "Caféet" in body and "cancelled" in body
    assert signup.status is SignupStatus.CANCELLED


def test_the_note_is_in_the_language_the_guardian_chose(app, area, minor, outbox):
    signup = shifts.sign_up(make_shift(make_workplace(area, "Caféet")), minor)
    guardians.request_consent(signup, "guardian@test.example")
    consent = guardians.consent_for(signup)
    guardians.choose_language(consent, "so")
    guardians.decide(consent, ConsentDecision.CONSENTED)
    with app.test_request_context():
        shifts.cancel(signup, minor)
    with app.test_request_context(), force_locale("so"):
        _subject, expected = guardians._note(consent, guardians.YOUTH_CANCELLED)
    assert outbox.sent[-1][2] == str(expected)
    assert "Nothing more is needed" not in outbox.sent[-1][2]


def test_no_note_after_the_guardian_declined(app, area, minor, outbox):
    signup = shifts.sign_up(make_shift(make_workplace(area, "Caféet")), minor)
    guardians.request_consent(signup, "guardian@test.example")
    guardians.decide(guardians.consent_for(signup), ConsentDecision.DECLINED)
    sent = len(outbox.sent)
    db.session.refresh(signup)
    assert signup.status is SignupStatus.CANCELLED
    assert len(outbox.sent) == sent


def test_a_failed_note_keeps_the_cancellation(app, area, minor, outbox):
    signup = shifts.sign_up(make_shift(make_workplace(area, "Caféet")), minor)
    guardians.request_consent(signup, "guardian@test.example")
    outbox.fail = True
    with app.test_request_context():
        shifts.cancel(signup, minor)
    db.session.refresh(signup)
    assert signup.status is SignupStatus.CANCELLED


def test_the_guardian_is_told_when_the_youth_gives_up_a_summer_job(app, area, leader, outbox):
    job = jobs.create(area, leader, job_input(min_age=13, max_age=18))
    person = job_youth("Fjorton", age=14)
    application = jobs.place(jobs.apply(job, person, ""), leader)
    job_shifts.generate(application, leader, time(9), time(11))
    guardians.request_application_consent(application, "guardian@test.example")
    guardians.decide(guardians.consent_for_application(application), ConsentDecision.CONSENTED)
    with app.test_request_context():
        jobs.withdraw(application, person)
    to, subject, body = outbox.sent[-1]
    assert to == "guardian@test.example" and "summer job" in body and job.workplace in body


# --- Everyone on a shift a leader cancels -----------------------------------------------------


@pytest.fixture
def full_shift(area, minor, outbox):
    """A shift with a 14-year-old whose guardian consented, an adult, and one waiting."""
    shift = make_shift(make_workplace(area, "Caféet"), capacity=2)
    signup = shifts.sign_up(shift, minor)
    guardians.request_consent(signup, "guardian@test.example")
    guardians.decide(guardians.consent_for(signup), ConsentDecision.CONSENTED)
    for name in ("Vuxen", "Väntar"):
        person = make_person(name, birth_year=1990)
        give_role(person, area, Role.RESIDENT)
        shifts.sign_up(shift, person)
    return shift


def test_a_leader_cancels_a_shift_and_everyone_is_told(
    app, client, area, leader, full_shift, outbox
):
    sign_in_as(client, leader)
    page = client.get(f"/shifts/{full_shift.id}/cancel").get_data(as_text=True)
    assert "3 people have a place or are on the waiting list" in page
    response = post(client, f"/shifts/{full_shift.id}/cancel", {"reason": "Caféet är stängt"})
    assert response.status_code == 302
    db.session.refresh(full_shift)
    assert full_shift.cancelled_at is not None
    told = notices(NotificationKind.SHIFT_CANCELLED)
    assert len(told) == 3
    notice_shown = shown(app, told[0])
    assert "is cancelled. Reason: Caféet är stängt" in notice_shown.sentence
    assert notice_shown.link_label == "Open the shift"
    to, subject, body = outbox.sent[-1]
    assert to == "guardian@test.example" and "Hiba" in body and "Caféet är stängt" in body
    page = client.get(f"/shifts/{full_shift.id}").get_data(as_text=True)
    assert "This shift is cancelled. Reason: Caféet är stängt" in page
    assert f'action="/shifts/{full_shift.id}/sign-up"' not in page
    listing = client.get(f"/areas/{area.slug}/shifts").get_data(as_text=True)
    assert f"/shifts/{full_shift.id}" not in listing


def test_a_cancelled_shift_takes_no_sign_up(client, area, full_shift, leader):
    shifts.cancel_shift(full_shift, leader, "")
    person = make_person("Sen", birth_year=1990)
    give_role(person, area, Role.RESIDENT)
    sign_in_as(client, person)
    response = post(client, f"/shifts/{full_shift.id}/sign-up", {})
    assert response.status_code == 409
    assert "This shift is cancelled" in response.get_data(as_text=True)


def test_cancelling_twice_tells_once(area, leader, full_shift):
    shifts.cancel_shift(full_shift, leader, "")
    assert shifts.cancel_shift(full_shift, leader, "") == 0
    assert len(notices(NotificationKind.SHIFT_CANCELLED)) == 3


def test_only_the_areas_leader_cancels_a_shift(client, area, other_area, resident, full_shift):
    stranger = make_person("Annan ledare")
    give_role(stranger, other_area, Role.LEADER)
    for person in (resident, stranger):
        sign_in_as(client, person)
        assert client.get(f"/shifts/{full_shift.id}/cancel").status_code == 403
        assert post(client, f"/shifts/{full_shift.id}/cancel", {}).status_code == 403
    db.session.refresh(full_shift)
    assert full_shift.cancelled_at is None
    assert count_told() == 0


def test_too_long_a_reason_is_refused_clearly(client, leader, full_shift):
    sign_in_as(client, leader)
    response = post(client, f"/shifts/{full_shift.id}/cancel", {"reason": "x" * 301})
    assert response.status_code == 422
    assert "at most 300 characters" in response.get_data(as_text=True)
    db.session.refresh(full_shift)
    assert full_shift.cancelled_at is None


def count_told() -> int:
    return len(notices(NotificationKind.SHIFT_CANCELLED))


# --- Everyone on a shift a leader changes ------------------------------------------------------


def form_of(shift, **changes):
    from app.clock import local

    def field(moment):
        return local(moment).isoformat(timespec="minutes")[:16]

    values = {
        "starts_at": field(shift.starts_at),
        "ends_at": field(shift.ends_at),
        "capacity": str(shift.capacity),
        "role": shift.role,
        "min_age": "",
        "signup_opens_at": field(shift.signup_opens_at),
        "signup_closes_at": field(shift.signup_closes_at),
        "cancel_deadline": field(shift.cancel_deadline),
    }
    return values | changes


def test_the_form_opens_filled_in(client, leader, full_shift):
    sign_in_as(client, leader)
    page = client.get(f"/shifts/{full_shift.id}/edit").get_data(as_text=True)
    assert form_of(full_shift)["starts_at"] in page and 'value="counter"' in page
    assert f'href="/shifts/{full_shift.id}/edit"' in client.get(
        f"/shifts/{full_shift.id}"
    ).get_data(as_text=True)


def test_a_later_start_tells_everyone_and_the_guardian(app, client, leader, full_shift, outbox):
    sign_in_as(client, leader)
    later = form_of(full_shift)
    day = later["starts_at"][:10]
    response = post(
        client,
        f"/shifts/{full_shift.id}/edit",
        later
        | {
            "starts_at": f"{day}T11:00",
            "ends_at": f"{day}T13:00",
            "signup_closes_at": f"{day}T11:00",
            "cancel_deadline": f"{day}T11:00",
        },
    )
    assert response.status_code == 302
    told = notices(NotificationKind.SHIFT_CHANGED)
    assert len(told) == 3
    sentence = shown(app, told[0]).sentence
    assert "has changed: it is now" in sentence and "11:00" in sentence and "13:00" in sentence
    to, subject, body = outbox.sent[-1]
    assert to == "guardian@test.example" and "has changed" in body and "11:00" in body


def test_more_places_move_the_waiting_list_up_without_a_change_notice(client, leader, full_shift):
    sign_in_as(client, leader)
    response = post(client, f"/shifts/{full_shift.id}/edit", form_of(full_shift, capacity="3"))
    assert response.status_code == 302
    assert notices(NotificationKind.SHIFT_CHANGED) == []
    assert len(notices(NotificationKind.SHIFT_PLACE_GIVEN)) == 1  # the one who waited


def test_fewer_places_than_taken_is_refused(client, leader, full_shift):
    sign_in_as(client, leader)
    response = post(client, f"/shifts/{full_shift.id}/edit", form_of(full_shift, capacity="1"))
    assert response.status_code == 409
    assert "2 places are taken" in response.get_data(as_text=True)
    db.session.refresh(full_shift)
    assert full_shift.capacity == 2


def test_a_change_that_breaks_a_minors_rule_is_refused_naming_who(client, leader, full_shift):
    sign_in_as(client, leader)
    day = form_of(full_shift)["starts_at"][:10]
    late = form_of(full_shift) | {
        "starts_at": f"{day}T19:00",
        "ends_at": f"{day}T21:00",
        "signup_closes_at": f"{day}T19:00",
        "cancel_deadline": f"{day}T19:00",
    }
    response = post(client, f"/shifts/{full_shift.id}/edit", late)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Hiba has a place, and the change would break a rule for minors" in text
    assert "20:00" in text
    db.session.refresh(full_shift)
    assert full_shift.ends_at.hour != 19  # unchanged
    assert notices(NotificationKind.SHIFT_CHANGED) == []


def test_a_higher_lowest_age_than_someone_with_a_place_is_refused(client, leader, full_shift):
    sign_in_as(client, leader)
    response = post(client, f"/shifts/{full_shift.id}/edit", form_of(full_shift, min_age="16"))
    assert response.status_code == 409
    assert "Hiba has a place and is younger than the new lowest age" in response.get_data(
        as_text=True
    )


def test_only_the_areas_leader_changes_a_shift(client, other_area, resident, full_shift):
    stranger = make_person("Annan ledare")
    give_role(stranger, other_area, Role.LEADER)
    for person in (resident, stranger):
        sign_in_as(client, person)
        assert client.get(f"/shifts/{full_shift.id}/edit").status_code == 403
        response = post(client, f"/shifts/{full_shift.id}/edit", form_of(full_shift, capacity="9"))
        assert response.status_code == 403
    db.session.refresh(full_shift)
    assert full_shift.capacity == 2


def test_bad_input_is_a_clear_422(client, leader, full_shift):
    sign_in_as(client, leader)
    response = post(client, f"/shifts/{full_shift.id}/edit", form_of(full_shift, starts_at="igår"))
    assert response.status_code == 422
    assert "YYYY-MM-DD" in response.get_data(as_text=True)


def test_a_cancelled_shift_cannot_be_changed(client, leader, full_shift):
    shifts.cancel_shift(full_shift, leader, "")
    sign_in_as(client, leader)
    response = post(client, f"/shifts/{full_shift.id}/edit", form_of(full_shift, capacity="9"))
    assert response.status_code == 409
