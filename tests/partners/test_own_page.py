"""A representative's own partners: named on the account page with a link to the public
partner page, their open requests one tap away; the same on /partners/mine for several."""

from app.extensions import db
from app.models import PartnerRepresentative
from app.partners import services
from tests.conftest import make_person, sign_in_as
from tests.partners.factories import make_partner, make_rep


def test_the_account_page_names_and_links_the_partner(client, app, area, partner, idea, leader):
    rep = make_rep(partner, "Sara Partner")
    with app.test_request_context():
        services.link_idea(idea, partner, "Studiecirkel?", leader)
    sign_in_as(client, rep)
    page = client.get("/account").get_data(as_text=True)
    assert "My partners" in page
    assert (
        f'<a href="/partners/{partner.id}" dir="auto"><strong>Studiefrämjandet</strong></a>' in page
    )
    assert f'href="/partners/{partner.id}/requests">Answer requests (1 open)' in page
    # the public page has the requests one tap away
    public = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert f'href="/partners/{partner.id}/requests"' in public


def test_no_partner_section_for_others(client, resident):
    sign_in_as(client, resident)
    assert "My partners" not in client.get("/account").get_data(as_text=True)


def test_several_partners_are_listed_with_their_own_counts(client, area, partner):
    other = make_partner("Röda korset", areas=[area])
    rep = make_person("Two Hats")
    for each in (partner, other):
        db.session.add(PartnerRepresentative(partner_id=each.id, person_id=rep.id))
    db.session.commit()
    sign_in_as(client, rep)
    page = client.get("/partners/mine").get_data(as_text=True)
    for each in (partner, other):
        assert f'<a href="/partners/{each.id}" dir="auto">' in page
        assert f'href="/partners/{each.id}/requests">Answer requests (0 open)' in page
    assert services.open_request_counts([]) == {}
