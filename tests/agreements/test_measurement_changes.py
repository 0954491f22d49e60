"""Correcting and deleting a measurement: who may, the audit log, htmx and the plain page."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.agreements import services
from app.extensions import db
from app.models import Role
from app.models.agreements import Measurement
from app.models.audit import AuditEntry
from tests.agreements.factories import START, TODAY, indicator_of
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.partners.factories import make_rep

HX = {"HX-Request": "true"}


@pytest.fixture
def rep(red_cross):
    return make_rep(red_cross, "Rep Röda")


@pytest.fixture
def measurement(agreement, rep):
    return services.record_measurement(
        indicator_of(agreement),
        rep,
        measured_on=TODAY - timedelta(days=10),
        value="46",
        source="Enkät våren",
    )


def correct(client, measurement, value="52,5", when=None, source="Enkät, rättad", **kw):
    when = when or TODAY - timedelta(days=9)
    return post(
        client,
        f"/measurements/{measurement.id}/edit",
        {
            f"e{measurement.id}-measured_on": when.isoformat(),
            f"e{measurement.id}-value": value,
            f"e{measurement.id}-source": source,
        },
        **kw,
    )


def entries(action):
    return db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
    ).all()


def test_representative_who_entered_it_corrects_it_and_the_log_keeps_the_old_value(
    client, agreement, rep, measurement
):
    sign_in_as(client, rep)
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert f"/measurements/{measurement.id}/edit" in page and "Correct or delete" in page
    form = client.get(f"/measurements/{measurement.id}/edit")
    assert form.status_code == 200
    body = form.get_data(as_text=True)
    assert 'value="46"' in body and "Enkät våren" in body and "<html" in body
    response = correct(client, measurement)
    assert response.status_code == 302
    assert response.location.endswith(f"/agreements/{agreement.id}#i{measurement.indicator_id}")
    db.session.expire_all()
    changed = db.session.get(Measurement, measurement.id)
    assert changed.value == 52.5 and changed.source == "Enkät, rättad"
    assert changed.measured_on == TODAY - timedelta(days=9)
    (entry,) = entries("correct_measurement")
    assert entry.actor_id == rep.id and entry.area_id == agreement.area_id
    assert "was 46 on" in entry.subject and "Enkät våren" in entry.subject
    assert (TODAY - timedelta(days=10)).isoformat() in entry.subject


def test_a_colleague_of_the_same_partner_may_correct(client, agreement, measurement, red_cross):
    colleague = make_rep(red_cross, "Kollega Röda")
    sign_in_as(client, colleague)
    assert correct(client, measurement).status_code == 302


def test_leader_deletes_and_the_log_keeps_what_it_said(client, agreement, leader, measurement):
    sign_in_as(client, leader)
    response = post(client, f"/measurements/{measurement.id}/delete")
    assert response.status_code == 302
    assert count(Measurement) == 0
    (entry,) = entries("delete_measurement")
    assert entry.actor_id == leader.id and "was 46 on" in entry.subject
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert "Enkät våren" not in page and "No measurement yet." in page


def test_htmx_correction_and_deletion_swap_the_indicator_section(
    client, agreement, leader, measurement
):
    sign_in_as(client, leader)
    form = client.get(f"/measurements/{measurement.id}/edit", headers=HX)
    body = form.get_data(as_text=True)
    assert body.lstrip().startswith("<section") and "<html" not in body
    assert f'hx-post="/measurements/{measurement.id}/edit"' in body
    assert f'hx-post="/measurements/{measurement.id}/delete"' in body
    response = correct(client, measurement, value="55", headers=HX)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith("<section") and "<html" not in body
    assert "50 % of the way" in body  # (55 - 40) / (70 - 40)
    response = post(client, f"/measurements/{measurement.id}/delete", headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.lstrip().startswith("<section")
    assert "No measurement yet." in body and count(Measurement) == 0


def test_representative_of_another_partner_is_forbidden(client, agreement, measurement, housing):
    other = make_rep(housing, "Rep Bostad")  # a party to the agreement, but not who entered it
    sign_in_as(client, other)
    assert client.get(f"/measurements/{measurement.id}/edit").status_code == 403
    assert correct(client, measurement).status_code == 403
    assert post(client, f"/measurements/{measurement.id}/delete").status_code == 403
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert f"/measurements/{measurement.id}/edit" not in page
    assert count(Measurement) == 1 and not entries("correct_measurement")


def test_partner_outside_the_agreement_is_forbidden(client, measurement, outsider):
    sign_in_as(client, make_rep(outsider, "Rep Studie"))
    assert correct(client, measurement).status_code == 403
    assert post(client, f"/measurements/{measurement.id}/delete").status_code == 403


def test_resident_is_forbidden(client, agreement, resident, measurement):
    sign_in_as(client, resident)
    assert client.get(f"/measurements/{measurement.id}/edit").status_code == 403
    assert correct(client, measurement).status_code == 403
    assert post(client, f"/measurements/{measurement.id}/delete").status_code == 403
    assert db.session.get(Measurement, measurement.id).value == 46


def test_other_areas_leader_is_forbidden(client, other_area, measurement):
    other = make_person("Other Leader")
    give_role(other, other_area, Role.LEADER)
    sign_in_as(client, other)
    assert correct(client, measurement).status_code == 403
    assert post(client, f"/measurements/{measurement.id}/delete").status_code == 403
    assert count(Measurement) == 1 and not entries("delete_measurement")


def test_signed_out_visitor_is_sent_to_sign_in(client, measurement):
    response = client.get(f"/measurements/{measurement.id}/edit")
    assert response.status_code == 302 and "/sign-in" in response.location


def test_a_representative_who_left_the_partner_can_no_longer_change_it(client, measurement, rep):
    from app.models import PartnerRepresentative

    db.session.execute(
        sa.delete(PartnerRepresentative).where(PartnerRepresentative.person_id == rep.id)
    )
    db.session.commit()
    sign_in_as(client, rep)
    assert correct(client, measurement).status_code == 403


def test_unknown_measurement_is_404(client, leader):
    sign_in_as(client, leader)
    assert client.get("/measurements/999999/edit").status_code == 404
    assert post(client, "/measurements/999999/delete").status_code == 404


@pytest.mark.parametrize(
    ("value", "when", "message"),
    [
        ("tolv", None, "Write a number"),
        ("", None, "Write a number"),
        ("1e5", None, "Write a number"),
        ("50", START - timedelta(days=1), "before the agreement starts"),
        ("50", TODAY + timedelta(days=1), "in the future"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_correction_is_refused_and_nothing_changes(
    client, leader, measurement, value, when, message, htmx
):
    sign_in_as(client, leader)
    response = correct(client, measurement, value=value, when=when, headers=HX if htmx else {})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body
    assert ("<html" in body) is not htmx
    db.session.expire_all()
    assert db.session.get(Measurement, measurement.id).value == 46
    assert not entries("correct_measurement")


def test_missing_date_and_source_are_refused(client, leader, measurement):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/measurements/{measurement.id}/edit",
        {f"e{measurement.id}-measured_on": "not a date", f"e{measurement.id}-value": "5"},
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert f'id="e{measurement.id}-measured_on-error"' in body
    assert "Write where the figure comes from." in body


def test_the_agreement_page_shows_change_links_without_extra_queries_per_row(
    client, agreement, leader, rep, red_cross
):
    from app.models import Person
    from app.models.agreements import Indicator
    from tests.queries import queries

    indicator_id = indicator_of(agreement).id
    people = {"rep": rep.id, "colleague": make_rep(red_cross, "Kollega Röda").id}
    people["leader"] = leader.id
    sign_in_as(client, rep)
    path = f"/agreements/{agreement.id}"

    def add(who, days):
        services.record_measurement(
            db.session.get(Indicator, indicator_id),
            db.session.get(Person, people[who]),
            measured_on=TODAY - timedelta(days=days),
            value=40 + days,
            source="x",
        )

    add("rep", 1)
    add("colleague", 2)
    status, few = queries(client, "GET", path)
    assert status == 200
    for days in range(3, 13):
        add("leader", days)
    status, many = queries(client, "GET", path)
    assert status == 200 and len(many) == len(few), many
    page = client.get(path).get_data(as_text=True)
    assert page.count("Correct or delete") == 2  # their own and their colleague's, not the leader's


def test_deleting_at_once_twice_deletes_once_and_logs_once(app, server, leader, measurement, rep):
    """A leader and the representative delete the same measurement at the same moment."""
    from tests.live import credentials, fire

    path = f"/measurements/{measurement.id}/delete"
    statuses = fire(
        server, [(path, *credentials(app, leader), {}), (path, *credentials(app, rep), {})]
    )
    assert sorted(statuses) in ([302, 404], [302, 409]), statuses
    db.session.remove()
    assert count(Measurement) == 0
    assert len(entries("delete_measurement")) == 1


def test_correcting_while_someone_deletes_is_refused_cleanly(app, server, leader, measurement, rep):
    from tests.live import credentials, fire

    when = (TODAY - timedelta(days=9)).isoformat()
    correction = {
        f"e{measurement.id}-measured_on": when,
        f"e{measurement.id}-value": "60",
        f"e{measurement.id}-source": "Rättad",
    }
    statuses = fire(
        server,
        [
            (f"/measurements/{measurement.id}/delete", *credentials(app, leader), {}),
            (f"/measurements/{measurement.id}/edit", *credentials(app, rep), correction),
        ],
    )
    assert 500 not in statuses and statuses[0] == 302, statuses
    db.session.remove()
    assert count(Measurement) == 0
    corrected = len(entries("correct_measurement"))
    assert (statuses[1], corrected) in ((302, 1), (404, 0), (409, 0)), statuses


def test_a_refused_correction_of_a_deleted_measurement_says_so(app, leader, measurement):
    from app.refusals import Refused

    loaded = db.session.get(Measurement, measurement.id)
    assert loaded.value == 46 and loaded.indicator.agreement.area is not None
    # Deleted by someone else after this request read it.
    db.session.execute(sa.text("DELETE FROM measurement WHERE id = :id"), {"id": measurement.id})
    with pytest.raises(Refused) as refused:
        services.correct_measurement(loaded, leader, measured_on=TODAY, value="5", source="x")
    assert refused.value.status == 409
    assert not entries("correct_measurement")
