import sqlalchemy as sa

from app.demo.data import AREAS, PEOPLE, seed_demo
from app.extensions import db
from app.models import Area, AreaRole, Person, Role
from tests.conftest import count, csrf_token


def test_seed_demo_is_idempotent(runner):
    for _ in range(2):
        result = runner.invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
    assert count(Area) == 4
    assert count(Person) == len(PEOPLE)
    names = set(db.session.scalars(sa.select(Area.name)))
    assert names == {"Boden", "Portalen", "Rannebergen", "Lina Hage"}


def test_each_area_has_a_leader_and_residents_and_there_are_youth(app):
    seed_demo()
    for slug, *_ in AREAS:
        area = db.session.scalar(sa.select(Area).where(Area.slug == slug))
        roles = db.session.scalars(
            sa.select(AreaRole.role).where(AreaRole.area_id == area.id)
        ).all()
        assert Role.LEADER in roles and Role.RESIDENT in roles
    youth = [
        p for p in db.session.scalars(sa.select(Person)) if 13 <= p.age_this_year(2026 + 0) < 18
    ]
    assert len(youth) >= 3
    assert db.session.scalar(sa.select(Person).where(Person.is_admin)) is not None
    assert {p.locale for p in db.session.scalars(sa.select(Person))} >= {
        "sv",
        "ar",
        "so",
        "fa",
        "ti",
    }


def test_try_it_as_signs_in_with_one_tap(client):
    seed_demo()
    page = client.get("/try").get_data(as_text=True)
    assert "Fatima Al-Sayed" in page and "+4670" not in page
    fatima = db.session.scalar(sa.select(Person).where(Person.display_name == "Fatima Al-Sayed"))
    response = client.post(f"/try/{fatima.id}", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert "Fatima Al-Sayed" in client.get("/").get_data(as_text=True)


def test_try_it_as_only_for_demo_people(client):
    seed_demo()
    other = Person(display_name="Real", email="real@example.se", locale="sv")
    db.session.add(other)
    db.session.commit()
    response = client.post(f"/try/{other.id}", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 404


def test_demo_ideas_cover_languages_moderation_partners_and_an_agenda(app):
    from app.models import Agenda, AgendaItem, Idea, IdeaStatus, PartnerLink, Vote

    seed_demo()
    seed_demo()  # idempotent
    ideas = db.session.scalars(sa.select(Idea)).all()
    assert {idea.language for idea in ideas} >= {"sv", "ar", "so", "en"}
    assert len({idea.area_id for idea in ideas}) == 4
    hidden = [idea for idea in ideas if idea.status is IdeaStatus.HIDDEN]
    assert len(hidden) == 1 and hidden[0].public_reason
    assert count(Vote) == sum(idea.vote_count for idea in ideas) > 0
    assert sum(idea.comment_count for idea in ideas) >= 3
    partners = {link.partner.name for link in db.session.scalars(sa.select(PartnerLink))}
    assert {"Röda korset", "Svenska kyrkan", "ABF", "Hyresgästföreningen"} <= partners
    agendas = db.session.scalars(sa.select(Agenda)).all()
    assert len(agendas) == 1 and agendas[0].cut_at is not None
    assert count(AgendaItem) == agendas[0].idea_count
    assert len(ideas) == len({idea.title for idea in ideas})
