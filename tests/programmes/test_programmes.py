"""Programmes: set up by leaders, enrolment with explicit consent, outcomes, withdrawal."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import AuditEntry, Person, Role
from app.models.programmes import ConsentMode, Enrolment, Outcome, Programme, ProgrammeOutcome
from app.models.util import utcnow
from app.programmes import services
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.programmes.factories import make_programme


def test_leader_creates_a_programme(client, area, leader):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/{area.slug}/programmes/new",
        {
            "name": "Vägen till jobb",
            "for_whom": "Unemployed women",
            "description": "",
            "retention_months": "24",
            "partner": "",
        },
    )
    assert response.status_code == 302
    programme = db.session.query(Programme).one()
    assert programme.area_id == area.id and programme.retention_months == 24
    page = client.get(f"/areas/{area.slug}/programmes").get_data(as_text=True)
    assert "Vägen till jobb" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "for_whom": "x", "retention_months": "24"}, "Write a name."),
        ({"name": "x", "for_whom": "", "retention_months": "24"}, "Write who the programme"),
        ({"name": "x", "for_whom": "x", "retention_months": "3"}, "between 6 and 120 months"),
        ({"name": "x", "for_whom": "x", "retention_months": "many"}, "Not a valid integer"),
        ({"name": "x", "for_whom": "x", "retention_months": "24", "partner": "99"}, "Not a valid"),
    ],
)
def test_bad_programme_input(client, area, leader, data, message):
    sign_in_as(client, leader)
    response = post(client, f"/areas/{area.slug}/programmes/new", {"partner": "", **data})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Programme) == 0


def test_residents_and_other_leaders_cannot_manage(client, area, other_area, resident, programme):
    sign_in_as(client, resident)
    assert client.get(f"/areas/{area.slug}/programmes/new").status_code == 403
    assert client.get(f"/programmes/{programme.id}/edit").status_code == 403
    other_leader = make_person("Other Leader")
    give_role(other_leader, other_area, Role.LEADER)
    sign_in_as(client, other_leader)
    assert client.get(f"/programmes/{programme.id}/edit").status_code == 403
    response = post(
        client,
        f"/programmes/{programme.id}/enrol-assisted",
        {"person": str(resident.id), "confirmed": "y"},
    )
    assert response.status_code == 403
    assert count(Enrolment) == 0


def test_consent_text_says_what_why_how_long_and_how_to_withdraw(client, programme):
    page = client.get(f"/programmes/{programme.id}").get_data(as_text=True)
    for words in ("What is stored", "Why:", "24 months", "How to withdraw"):
        assert words in page


def test_resident_enrols_with_consent(client, programme, resident):
    sign_in_as(client, resident)
    response = post(client, f"/programmes/{programme.id}/enrol", {"consent": "y"})
    assert response.status_code == 302
    enrolment = db.session.query(Enrolment).one()
    assert enrolment.person_id == resident.id
    assert enrolment.consent_mode == ConsentMode.SELF and enrolment.assisted_by_id is None
    assert "How to withdraw" in enrolment.consent_text
    assert "A path into work" in client.get("/my/programmes").get_data(as_text=True)
    # Twice is refused.
    response = post(client, f"/programmes/{programme.id}/enrol", {"consent": "y"})
    assert response.status_code == 409
    assert count(Enrolment) == 1


def test_enrolment_without_consent_is_refused(client, programme, resident):
    sign_in_as(client, resident)
    response = post(client, f"/programmes/{programme.id}/enrol", {})
    assert response.status_code == 422
    assert "Tick that you agree" in response.get_data(as_text=True)
    assert count(Enrolment) == 0


def test_enrolment_needs_sign_in(client, programme):
    response = post(client, f"/programmes/{programme.id}/enrol", {"consent": "y"})
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert count(Enrolment) == 0


def test_leader_enrols_in_assisted_mode(client, area, programme, leader, resident):
    sign_in_as(client, leader)
    page = client.get(f"/programmes/{programme.id}").get_data(as_text=True)
    assert "Amina Resident" in page  # a resident to choose
    response = post(
        client,
        f"/programmes/{programme.id}/enrol-assisted",
        {"person": str(resident.id), "confirmed": "y"},
    )
    assert response.status_code == 302
    enrolment = db.session.query(Enrolment).one()
    assert enrolment.person_id == resident.id
    assert enrolment.consent_mode == ConsentMode.ASSISTED
    assert enrolment.assisted_by_id == leader.id and enrolment.consented_at is not None
    assert count(AuditEntry, AuditEntry.action == "enrol_assisted") == 1
    page = client.get(f"/programmes/{programme.id}").get_data(as_text=True)
    assert "assisted consent, recorded by Karin Leader" in page


def test_assisted_enrolment_of_someone_without_an_account(client, area, programme, leader):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/programmes/{programme.id}/enrol-assisted",
        {"person": "", "new_name": "Hodan A.", "confirmed": "y"},
    )
    assert response.status_code == 302
    person = db.session.query(Person).filter_by(display_name="Hodan A.").one()
    assert person.email is None and person.phone is None
    assert db.session.query(Enrolment).one().person_id == person.id


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"person": "RESIDENT"}, 422, "Confirm that the participant"),
        ({"person": "", "confirmed": "y"}, 422, "Choose a resident"),
        ({"person": "OUTSIDER", "confirmed": "y"}, 422, "Choose a resident"),
        ({"person": "abc", "confirmed": "y"}, 422, "Choose a resident"),
    ],
)
def test_bad_assisted_enrolment(client, area, programme, leader, resident, data, status, message):
    outsider = make_person("Not From Here")
    ids = {"RESIDENT": str(resident.id), "OUTSIDER": str(outsider.id)}
    data = {k: ids.get(v, v) for k, v in data.items()}
    sign_in_as(client, leader)
    response = post(client, f"/programmes/{programme.id}/enrol-assisted", data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert count(Enrolment) == 0


def _enrol(programme, person) -> Enrolment:
    return services.enrol_self(programme, person, True)


def test_leader_records_outcomes(client, programme, leader, resident):
    enrolment = _enrol(programme, resident)
    sign_in_as(client, leader)
    day = (utcnow() - timedelta(days=3)).date()
    response = post(
        client,
        f"/enrolments/{enrolment.id}/outcome",
        {"outcome": "internship", "on": day.isoformat()},
    )
    assert response.status_code == 302
    outcome = db.session.query(ProgrammeOutcome).one()
    assert outcome.outcome == Outcome.INTERNSHIP and outcome.on == day
    assert outcome.recorded_by_id == leader.id


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "work", "on": "2999-01-01"}, "cannot be in the future"),
        ({"outcome": "work", "on": "yesterday"}, "Not a valid date"),
        ({"outcome": "astronaut", "on": "2024-01-01"}, "Not a valid choice"),
        ({"outcome": "work", "on": "1990-01-01"}, "too long before"),
    ],
)
def test_bad_outcome_input(client, programme, leader, resident, data, message):
    enrolment = _enrol(programme, resident)
    sign_in_as(client, leader)
    response = post(client, f"/enrolments/{enrolment.id}/outcome", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(ProgrammeOutcome) == 0


def test_resident_cannot_record_outcomes(client, programme, resident):
    enrolment = _enrol(programme, resident)
    sign_in_as(client, resident)
    response = post(
        client, f"/enrolments/{enrolment.id}/outcome", {"outcome": "work", "on": "2024-01-01"}
    )
    assert response.status_code == 403
    assert count(ProgrammeOutcome) == 0


def _enrol_many(area, programme, leader, n, outcome=Outcome.WORK) -> list[Enrolment]:
    enrolments = []
    for i in range(n):
        person = make_person(f"Participant {i}")
        give_role(person, area, Role.RESIDENT, verified=True)
        enrolment = _enrol(programme, person)
        services.record_outcome(enrolment, leader, outcome, date(2024, 5, 1))
        enrolments.append(enrolment)
    return enrolments


def test_participant_withdraws_consent(client, area, programme, leader, resident):
    _enrol_many(area, programme, leader, 5)
    mine = _enrol(programme, resident)
    services.record_outcome(mine, leader, Outcome.WORK, date(2024, 6, 1))
    assert len(services.participants(programme)) == 6

    sign_in_as(client, resident)
    response = post(client, f"/enrolments/{mine.id}/withdraw")
    assert response.status_code == 302
    db.session.expire_all()
    assert count(ProgrammeOutcome, ProgrammeOutcome.enrolment_id == mine.id) == 0
    assert db.session.get(Enrolment, mine.id).person_id is None
    assert services.my_enrolments(resident) == []
    assert len(services.participants(programme)) == 5
    # Withdrawing again, or someone else's, is refused.
    assert post(client, f"/enrolments/{mine.id}/withdraw").status_code == 409


def test_leader_withdraws_on_behalf_and_others_cannot(client, area, programme, leader, resident):
    enrolment = _enrol(programme, resident)
    services.record_outcome(enrolment, leader, Outcome.STUDIES, date(2024, 6, 1))
    stranger = make_person("Stranger")
    sign_in_as(client, stranger)
    assert post(client, f"/enrolments/{enrolment.id}/withdraw").status_code == 403
    sign_in_as(client, leader)
    assert post(client, f"/enrolments/{enrolment.id}/withdraw").status_code == 302
    assert count(ProgrammeOutcome) == 0
    assert db.session.get(Enrolment, enrolment.id).person_id is None
    # No outcome can be recorded for a withdrawn participant.
    response = post(
        client, f"/enrolments/{enrolment.id}/outcome", {"outcome": "work", "on": "2024-01-01"}
    )
    assert response.status_code == 409


def test_account_export_and_delete_cover_enrolments(client, programme, leader, resident):
    enrolment = _enrol(programme, resident)
    services.record_outcome(enrolment, leader, Outcome.OWN_BUSINESS, date(2024, 6, 1))
    sign_in_as(client, resident)
    exported = client.get("/account/export").get_json()
    (mine,) = exported["programmes"]
    assert mine["programme"] == "A path into work"
    assert mine["outcomes"] == [{"outcome": "own_business", "on": "2024-06-01"}]
    assert mine["consent_text"] == enrolment.consent_text
    assert post(client, "/account/delete").status_code == 302
    db.session.expire_all()
    assert count(ProgrammeOutcome) == 0
    assert db.session.get(Enrolment, enrolment.id).person_id is None


def test_data_is_deleted_after_the_retention_period(area, leader, resident):
    programme = make_programme(area, leader, retention=6)
    enrolment = _enrol(programme, resident)
    services.record_outcome(enrolment, leader, Outcome.WORK, date(2024, 6, 1))
    assert services.delete_expired(utcnow() + timedelta(days=150)) == 0
    assert services.delete_expired(utcnow() + timedelta(days=190)) == 1
    db.session.expire_all()
    assert count(ProgrammeOutcome) == 0
    assert db.session.get(Enrolment, enrolment.id).person_id is None


def test_the_daily_command_deletes_expired_enrolments(runner, area, leader, resident):
    programme = make_programme(area, leader, retention=6)
    enrolment = _enrol(programme, resident)
    enrolment.consented_at = utcnow() - timedelta(days=200)
    db.session.commit()
    result = runner.invoke(args=["delete-expired-enrolments"])
    assert result.exit_code == 0 and ": 1" in result.output
    db.session.expire_all()
    assert db.session.get(Enrolment, enrolment.id).person_id is None


def test_the_leaders_page_queries_do_not_grow_with_participants(client, area, leader):
    from tests.queries import queries

    programme = make_programme(area, leader)
    programme_id, area_id, leader_id = programme.id, area.id, leader.id
    _enrol_many(area, programme, leader, 2)
    sign_in_as(client, leader)
    _, small = queries(client, "GET", f"/programmes/{programme_id}")
    area, leader = db.session.get(type(area), area_id), db.session.get(Person, leader_id)
    _enrol_many(area, db.session.get(Programme, programme_id), leader, 7)
    status, large = queries(client, "GET", f"/programmes/{programme_id}")
    assert status == 200
    assert len(large) == len(small)


def test_leader_edits_a_programme_and_names_a_partner_active_in_the_area(
    client, area, other_area, leader
):
    from app.models import Partner, PartnerKind

    here = Partner(name="ABF", kind=PartnerKind.STUDY_ASSOCIATION, areas=[area])
    elsewhere = Partner(name="Elsewhere", kind=PartnerKind.NGO, areas=[other_area])
    db.session.add_all([here, elsewhere])
    db.session.commit()
    programme = make_programme(area, leader)
    sign_in_as(client, leader)
    form = {"name": "Vägen till arbete", "for_whom": "Kvinnor", "retention_months": "36"}
    response = post(
        client, f"/programmes/{programme.id}/edit", {**form, "partner": str(elsewhere.id)}
    )
    assert response.status_code == 422
    response = post(client, f"/programmes/{programme.id}/edit", {**form, "partner": str(here.id)})
    assert response.status_code == 302
    db.session.expire_all()
    programme = db.session.get(Programme, programme.id)
    assert (programme.name, programme.partner_id, programme.retention_months) == (
        "Vägen till arbete",
        here.id,
        36,
    )
    page = client.get(f"/programmes/{programme.id}").get_data(as_text=True)
    assert "36 months" in page and "ABF, who runs the programme with them" in page
