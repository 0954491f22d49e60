import pytest
import sqlalchemy as sa

from app.extensions import db
from app.ideas import services as ideas
from app.models import (
    AuditEntry,
    EventKind,
    Idea,
    IdeaEvent,
    IdeaStatus,
    LinkStatus,
    Notification,
    NotificationKind,
    Partner,
    PartnerKind,
    PartnerLink,
    PartnerRepresentative,
    Role,
)
from app.partners import services
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.partners.factories import make_idea, make_partner, make_rep


@pytest.fixture
def admin(app):
    return make_person("Admin", email="admin@example.se", admin=True)


@pytest.fixture
def rep(partner):
    return make_rep(partner, "Sara Partner")


def link(client, idea_id, partner_id, note="Kan ni hjälpa till?"):
    return post(client, f"/ideas/{idea_id}/partners", {"partner": partner_id, "note": note})


def answer(client, link_id, action, note=""):
    return post(
        client,
        f"/partner-links/{link_id}/answer",
        {f"link{link_id}-action": action, f"link{link_id}-note": note},
    )


def events(idea, kind):
    return db.session.scalars(
        sa.select(IdeaEvent).where(IdeaEvent.idea_id == idea.id, IdeaEvent.kind == kind)
    ).all()


def answered_notices(idea):
    return count(
        Notification,
        Notification.idea_id == idea.id,
        Notification.kind == NotificationKind.PARTNER_ANSWERED,
    )


# Directory and partner page


def test_directory_lists_partners_with_kind_and_areas_and_filters(client, area, other_area):
    make_partner("ABF", PartnerKind.STUDY_ASSOCIATION, [area])
    make_partner("Svenska kyrkan", PartnerKind.CHURCH, [other_area])
    make_partner("Hyresgästföreningen", PartnerKind.TENANTS_UNION, [area, other_area])
    page = client.get("/partners").get_data(as_text=True)
    assert all(n in page for n in ("ABF", "Svenska kyrkan", "Hyresgästföreningen"))
    assert "Study association" in page and "Church or faith community" in page
    by_area = client.get("/partners?area=boden").get_data(as_text=True)
    assert "ABF" in by_area and "Hyresgästföreningen" in by_area
    assert "Svenska kyrkan" not in by_area
    by_kind = client.get("/partners?kind=church").get_data(as_text=True)
    assert "Svenska kyrkan" in by_kind and "ABF" not in by_kind
    both = client.get("/partners?area=portalen&kind=tenants_union").get_data(as_text=True)
    assert "Hyresgästföreningen" in both and "Svenska kyrkan" not in both
    # Unknown filters are ignored rather than failing.
    assert client.get("/partners?area=nowhere&kind=bogus").status_code == 200


def test_home_links_the_directory(client):
    assert 'href="/partners"' in client.get("/").get_data(as_text=True)


def test_partner_page_shows_linked_ideas_with_status(client, area, partner, idea, resident):
    hidden = make_idea(area, resident, "Dold idé", IdeaStatus.PUBLISHED)
    for each in (idea, hidden):
        db.session.add(PartnerLink(idea_id=each.id, partner_id=partner.id))
    ideas.change_status(hidden, IdeaStatus.HIDDEN, "Personuppgifter")
    db.session.commit()
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "Studiefrämjandet" in page and "Cirklar och kurser." in page
    assert "Bättre belysning" in page and "Asked, waiting for an answer" in page
    assert "Open for votes" in page
    assert "Dold idé" not in page  # hidden ideas stay off the public page
    assert client.get("/partners/999").status_code == 404


# Admin


def test_admin_creates_and_edits_partner(client, admin, area, other_area):
    sign_in_as(client, admin)
    response = post(
        client,
        "/admin/partners",
        {
            "name": "  Röda Korset ",
            "kind": "ngo",
            "description": "Läxhjälp",
            "website": "https://www.rodakorset.se",
            "areas": [area.id, other_area.id],
        },
    )
    assert response.status_code == 302
    partner = db.session.scalar(sa.select(Partner))
    assert partner.name == "Röda Korset" and partner.kind is PartnerKind.NGO
    assert [a.slug for a in partner.areas] == ["boden", "portalen"]
    form = client.get(f"/admin/partners/{partner.id}").get_data(as_text=True)
    assert 'value="Röda Korset"' in form and "checked" in form
    response = post(
        client,
        f"/admin/partners/{partner.id}",
        {"name": "Röda Korset Boden", "kind": "ngo", "website": "", "areas": [area.id]},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert partner.name == "Röda Korset Boden" and partner.website is None
    assert [a.slug for a in partner.areas] == ["boden"]
    assert set(db.session.scalars(sa.select(AuditEntry.action))) == {
        "create_partner",
        "edit_partner",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "kind": "ngo"}, "Write a name"),
        ({"name": "   ", "kind": "ngo"}, "Write a name"),
        ({"name": "X", "kind": "ngo", "website": "javascript:alert(1)"}, "https://"),
        ({"name": "X", "kind": "ngo", "website": "ftp://example.se"}, "https://"),
        ({"name": "X", "kind": "ngo", "website": "www.example.se"}, "https://"),
        ({"name": "X", "kind": "sect"}, "Not a valid choice"),
        ({"name": "X", "kind": "ngo", "areas": ["999"]}, "not a valid choice"),
        ({"name": "x" * 121, "kind": "ngo"}, "120"),
    ],
)
def test_partner_form_bad_input(client, admin, area, data, message):
    sign_in_as(client, admin)
    response = post(client, "/admin/partners", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Partner) == 0


def test_partner_name_is_unique(client, admin, partner):
    sign_in_as(client, admin)
    response = post(client, "/admin/partners", {"name": "studiefrämjandet", "kind": "ngo"})
    assert response.status_code == 422
    assert "Another partner already has this name" in response.get_data(as_text=True)
    other = make_partner("ABF")
    response = post(client, f"/admin/partners/{other.id}", {"name": partner.name, "kind": "ngo"})
    assert response.status_code == 422
    assert count(Partner) == 2


def test_admin_appoints_and_removes_representatives(client, admin, partner):
    person = make_person("Sara", email="sara@example.se")
    sign_in_as(client, admin)
    url = f"/admin/partners/{partner.id}/representatives"
    assert post(client, url, {"address": "SARA@example.se"}).status_code == 302
    assert post(client, url, {"address": "sara@example.se"}).status_code == 302  # no duplicate
    assert count(PartnerRepresentative) == 1
    assert "Sara" in client.get(f"/admin/partners/{partner.id}").get_data(as_text=True)
    unknown = post(client, url, {"address": "nobody@example.se"})
    assert unknown.status_code == 422 and "Nobody has an account" in unknown.get_data(as_text=True)
    bad = post(client, url, {"address": "not an address"})
    assert bad.status_code == 422
    assert post(client, f"{url}/{person.id}/remove").status_code == 302
    assert count(PartnerRepresentative) == 0
    assert {"appoint_partner_representative", "remove_partner_representative"} <= set(
        db.session.scalars(sa.select(AuditEntry.action))
    )


def test_admin_pages_are_for_admins_only(client, leader, partner):
    assert client.get("/admin/partners").status_code == 302  # sign in first
    sign_in_as(client, leader)
    assert client.get("/admin/partners").status_code == 403
    assert post(client, "/admin/partners", {"name": "X", "kind": "ngo"}).status_code == 403
    assert client.get(f"/admin/partners/{partner.id}").status_code == 403
    response = post(client, f"/admin/partners/{partner.id}/representatives", {"address": "a@b.se"})
    assert response.status_code == 403
    assert count(Partner) == 1 and count(PartnerRepresentative) == 0


# Leaders link ideas


def test_leader_links_idea_to_partner(client, leader, idea, partner):
    sign_in_as(client, leader)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'action="/ideas/{idea.id}/partners"' in page  # the link form for leaders
    response = link(client, idea.id, partner.id, "Kan ni ordna en studiecirkel?")
    assert response.status_code == 302
    created = db.session.scalar(sa.select(PartnerLink))
    assert (created.status, created.note, created.created_by_id) == (
        LinkStatus.PROPOSED,
        "Kan ni ordna en studiecirkel?",
        leader.id,
    )
    (event,) = events(idea, EventKind.PARTNER_LINKED)
    assert event.partner_id == partner.id and "Studiefrämjandet" in event.note
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert 'id="partners"' in page and "Asked, waiting for an answer" in page
    assert 'class="badge partner">Studiefrämjandet' in page
    assert "A partner was asked to help" in page


def test_linking_the_same_partner_twice_is_a_clear_conflict(client, leader, idea, partner):
    sign_in_as(client, leader)
    assert link(client, idea.id, partner.id).status_code == 302
    response = link(client, idea.id, partner.id)
    assert response.status_code == 409
    assert "has already been asked about this idea" in response.get_data(as_text=True)
    assert count(PartnerLink) == 1
    assert len(events(idea, EventKind.PARTNER_LINKED)) == 1


def test_duplicate_link_from_a_race_is_refused_not_a_500(app, leader, idea, partner, monkeypatch):
    """The unique constraint stops a duplicate that the first check did not see."""
    with app.test_request_context():
        services.link_idea(idea, partner, "", leader)
        original = db.session.scalar
        calls = []

        def miss_first_check(statement, *args, **kwargs):
            calls.append(statement)
            if len(calls) == 1:
                return None  # as if the other request had not committed yet
            return original(statement, *args, **kwargs)

        monkeypatch.setattr(db.session, "scalar", miss_first_check)
        with pytest.raises(ideas.Refused) as refusal:
            services.link_idea(idea, partner, "", leader)
        monkeypatch.undo()
    assert refusal.value.status == 409
    assert count(PartnerLink) == 1


def test_simultaneous_links_make_one(app, leader, idea, partner):
    from tests.live import run_together

    def go():
        with app.test_request_context():
            return services.link_idea(
                db.session.get(Idea, idea.id), db.session.get(Partner, partner.id), "", leader
            ).id

    results = run_together(app, [go for _ in range(4)])
    assert sum(isinstance(r, int) for r in results) == 1, results
    assert all(isinstance(r, (int, ideas.Refused)) for r in results), results
    assert count(PartnerLink) == 1
    assert len(events(idea, EventKind.PARTNER_LINKED)) == 1


def test_link_needs_partner_active_in_area(client, leader, idea, other_area):
    elsewhere = make_partner("Kyrkan i Portalen", PartnerKind.CHURCH, [other_area])
    sign_in_as(client, leader)
    response = link(client, idea.id, elsewhere.id)
    assert response.status_code == 422
    assert count(PartnerLink) == 0
    with pytest.raises(ideas.Refused) as refusal:
        services.link_idea(idea, elsewhere, "", leader)
    assert refusal.value.status == 422


@pytest.mark.parametrize(
    "status", [IdeaStatus.SUBMITTED, IdeaStatus.DONE, IdeaStatus.NOT_FEASIBLE, IdeaStatus.HIDDEN]
)
def test_only_open_ideas_can_be_linked(client, area, resident, leader, partner, status):
    idea = make_idea(area, resident, status=status)
    sign_in_as(client, leader)
    response = link(client, idea.id, partner.id)
    assert response.status_code == 409
    assert "Only open ideas" in response.get_data(as_text=True)
    assert count(PartnerLink) == 0


@pytest.mark.parametrize("status", [IdeaStatus.ON_AGENDA, IdeaStatus.IN_PROGRESS])
def test_ideas_on_agenda_or_in_progress_can_be_linked(
    client, area, resident, leader, partner, status
):
    idea = make_idea(area, resident, status=status)
    sign_in_as(client, leader)
    assert link(client, idea.id, partner.id).status_code == 302


def test_link_permissions(client, area, other_area, idea, partner, resident):
    other_leader = make_person("Other Leader")
    give_role(other_leader, other_area, Role.LEADER)
    partner.areas.append(other_area)
    db.session.commit()
    assert link(client, idea.id, partner.id).status_code == 302  # to sign-in
    sign_in_as(client, other_leader)
    assert link(client, idea.id, partner.id).status_code == 403
    assert client.get(f"/ideas/{idea.id}/partners").status_code == 403
    sign_in_as(client, resident)
    assert link(client, idea.id, partner.id).status_code == 403
    assert f'action="/ideas/{idea.id}/partners"' not in client.get(f"/ideas/{idea.id}").get_data(
        as_text=True
    )
    assert link(client, 999, partner.id).status_code == 404
    assert count(PartnerLink) == 0


def test_link_bad_input(client, leader, idea, partner):
    sign_in_as(client, leader)
    assert link(client, idea.id, "", "x").status_code == 422
    assert link(client, idea.id, partner.id, "x" * 1001).status_code == 422
    assert count(PartnerLink) == 0


# Representatives answer


@pytest.fixture
def asked(idea, partner, leader, app):
    with app.test_request_context():
        return services.link_idea(idea, partner, "Studiecirkel?", leader)


def test_representative_sees_open_requests(client, rep, asked, partner):
    sign_in_as(client, rep)
    page = client.get(f"/partners/{partner.id}/requests").get_data(as_text=True)
    assert "Bättre belysning" in page and "Studiecirkel?" in page
    assert f'name="link{asked.id}-action" value="accept"' in page
    mine = client.get("/partners/mine")
    assert mine.status_code == 302 and mine.headers["Location"].endswith(
        f"/partners/{partner.id}/requests"
    )
    assert "Requests for Studiefrämjandet" in client.get("/partners").get_data(as_text=True)


def test_accept_moves_idea_in_progress_and_tells_the_author(client, rep, asked, idea, resident):
    sign_in_as(client, rep)
    response = answer(client, asked.id, "accept", "Vi börjar i september.")
    assert response.status_code == 302
    db.session.expire_all()
    assert asked.status is LinkStatus.ACCEPTED and asked.answer == "Vi börjar i september."
    assert asked.answered_at is not None
    assert idea.status is IdeaStatus.IN_PROGRESS
    (event,) = events(idea, EventKind.PARTNER_ACCEPTED)
    assert event.partner_id == asked.partner_id and "Vi börjar i september." in event.note
    assert len(events(idea, EventKind.IN_PROGRESS)) == 1
    notice = db.session.scalar(
        sa.select(Notification).where(Notification.kind == NotificationKind.PARTNER_ANSWERED)
    )
    assert notice.person_id == resident.id and notice.idea_id == idea.id
    assert "Studiefrämjandet" in notice.detail and "accepted" in notice.detail
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Accepted" in page and "A partner accepted" in page and "In progress" in page
    # Now it can be delivered.
    assert answer(client, asked.id, "deliver", "Cirkeln är klar.").status_code == 302
    db.session.expire_all()
    assert asked.status is LinkStatus.DELIVERED
    assert len(events(idea, EventKind.PARTNER_DELIVERED)) == 1
    assert answered_notices(idea) == 2
    page = client.get(f"/partners/{asked.partner_id}/requests").get_data(as_text=True)
    assert "No open requests" in page


def test_accept_leaves_an_idea_already_in_progress_as_it_is(client, rep, asked, idea):
    ideas.change_status(idea, IdeaStatus.IN_PROGRESS)
    db.session.commit()
    sign_in_as(client, rep)
    assert answer(client, asked.id, "accept").status_code == 302
    assert len(events(idea, EventKind.IN_PROGRESS)) == 1
    assert answered_notices(idea) == 1


def test_decline_needs_a_reason(client, rep, asked, idea):
    sign_in_as(client, rep)
    response = answer(client, asked.id, "decline", "   ")
    assert response.status_code == 422
    assert "Write why you decline" in response.get_data(as_text=True)
    db.session.expire_all()
    assert asked.status is LinkStatus.PROPOSED and answered_notices(idea) == 0
    response = answer(client, asked.id, "decline", "Vi har inte resurser i år.")
    assert response.status_code == 302
    db.session.expire_all()
    assert asked.status is LinkStatus.DECLINED and asked.answer == "Vi har inte resurser i år."
    assert idea.status is IdeaStatus.PUBLISHED
    (event,) = events(idea, EventKind.PARTNER_DECLINED)
    assert "Vi har inte resurser i år." in event.note and event.partner_id == asked.partner_id
    assert answered_notices(idea) == 1
    assert "declined" in db.session.scalar(
        sa.select(Notification.detail).where(Notification.kind == NotificationKind.PARTNER_ANSWERED)
    )
    assert "Declined" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_delivered_only_after_accepted(client, rep, asked, idea):
    sign_in_as(client, rep)
    response = answer(client, asked.id, "deliver")
    assert response.status_code == 409
    assert "Accept the request before marking it delivered" in response.get_data(as_text=True)
    db.session.expire_all()
    assert asked.status is LinkStatus.PROPOSED
    assert events(idea, EventKind.PARTNER_DELIVERED) == [] and answered_notices(idea) == 0


def test_answered_request_cannot_be_answered_again(client, rep, asked, idea):
    sign_in_as(client, rep)
    assert answer(client, asked.id, "accept").status_code == 302
    assert answer(client, asked.id, "accept").status_code == 409
    assert answer(client, asked.id, "decline", "Vi ångrar oss").status_code == 302
    assert answer(client, asked.id, "deliver").status_code == 409
    assert answered_notices(idea) == 2


def test_answer_bad_action_is_400(client, rep, asked):
    sign_in_as(client, rep)
    assert answer(client, asked.id, "maybe").status_code == 400
    assert post(client, f"/partner-links/{asked.id}/answer", {}).status_code == 400


def test_answer_permissions(client, area, asked, partner, resident, leader, admin, idea):
    other_partner = make_partner("ABF", areas=[area])
    other_rep = make_rep(other_partner, "ABF Rep")
    for person in (other_rep, resident, leader, admin):
        sign_in_as(client, person)
        assert client.get(f"/partners/{partner.id}/requests").status_code == 403
        assert answer(client, asked.id, "accept").status_code == 403
    db.session.expire_all()
    assert asked.status is LinkStatus.PROPOSED and answered_notices(idea) == 0
    sign_in_as(client, other_rep)
    assert answer(client, 999, "accept").status_code == 404
    assert client.get("/partners/999/requests").status_code == 404


def test_idea_page_lists_links_for_everyone(client, asked, idea):
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert 'id="partners"' in page and "Studiefrämjandet" in page
    assert f'action="/ideas/{idea.id}/partners"' not in page


def test_idea_page_form_offers_only_partners_not_yet_asked(client, area, leader, asked, idea):
    other = make_partner("ABF", areas=[area])
    sign_in_as(client, leader)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    form = page.split(f'action="/ideas/{idea.id}/partners"')[1]
    assert f'value="{other.id}"' in form and f'value="{asked.partner_id}"' not in form
    assert link(client, idea.id, other.id).status_code == 302
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'action="/ideas/{idea.id}/partners"' not in page  # everyone active here is asked
