import sqlalchemy as sa

from app.demo.loader import seed_demo
from app.demo.rows.activities import DEMO_YOUTH_COUNT
from app.demo.rows.people import AREAS, PEOPLE
from app.demo.rows.programmes import DEMO_PARTICIPANTS_WITHOUT_ACCOUNT
from app.extensions import db
from app.models import Area, AreaRole, Person, Role
from tests.conftest import count, csrf_token


def test_seed_demo_is_idempotent(runner):
    for _ in range(2):
        result = runner.invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
    assert count(Area) == 4
    assert count(Person) == len(PEOPLE) + DEMO_YOUTH_COUNT + DEMO_PARTICIPANTS_WITHOUT_ACCOUNT
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


def _area(slug):
    return db.session.scalar(sa.select(Area).where(Area.slug == slug))


def test_rannebergen_has_over_100_youth_activities_in_the_last_year(app):
    from datetime import timedelta

    from app.models import Activity, Audience, Registration
    from app.models.util import utcnow

    seed_demo()
    now = utcnow()
    past_year = (
        Activity.area_id == _area("rannebergen").id,
        Activity.audience == Audience.YOUTH,
        Activity.starts_at >= now - timedelta(days=365),
        Activity.ends_at < now,
    )
    assert count(Activity, *past_year) > 100
    # Over 100 distinct activities: different titles, not one weekly series repeated.
    titles = set(db.session.scalars(sa.select(Activity.title).where(*past_year)))
    assert len(titles) > 100
    attended = db.session.scalar(
        sa.select(sa.func.count(Registration.id))
        .join(Activity)
        .where(*past_year, Registration.attended.is_(True))
    )
    assert attended > 300
    assert db.session.scalar(sa.select(sa.func.sum(Activity.walk_ins)).where(*past_year)) > 0
    coming = count(Activity, Activity.area_id == _area("rannebergen").id, Activity.starts_at > now)
    assert coming >= 3


def test_lina_hage_youth_taking_part_grow_about_80_percent(app):
    from app.clock import local
    from app.models import Activity, Audience, Registration
    from app.models.util import utcnow

    seed_demo()
    rows = db.session.execute(
        sa.select(Registration.person_id, Activity.starts_at)
        .join(Activity)
        .where(
            Activity.area_id == _area("lina-hage").id,
            Activity.audience == Audience.YOUTH,
            Registration.attended.is_(True),
        )
    ).all()
    year = local(utcnow()).year
    per_year = {y: {p for p, start in rows if local(start).year == y} for y in (year - 2, year - 1)}
    before, after = len(per_year[year - 2]), len(per_year[year - 1])
    assert before >= 15
    assert 0.7 <= after / before - 1 <= 0.9
    youth = db.session.scalars(
        sa.select(Person).where(Person.id.in_(per_year[year - 2] | per_year[year - 1]))
    ).all()
    assert all(p.email is None and p.phone is None for p in youth)
    assert all(13 <= year - 1 - p.birth_year <= 17 for p in youth if p.id in per_year[year - 1])


def test_demo_activities_are_seeded_once(app):
    from app.models import Activity, Registration

    seed_demo()
    before = (count(Activity), count(Registration), count(Person), count(AreaRole))
    seed_demo()
    assert (count(Activity), count(Registration), count(Person), count(AreaRole)) == before


def test_demo_activities_are_consistent_and_every_area_has_something_coming(app):
    from app.activities.services import upcoming
    from app.models import Activity, Registration, RegistrationStatus
    from app.models.activities import HOLDS_PLACE
    from app.models.util import utcnow

    seed_demo()
    now = utcnow()
    activities = db.session.scalars(sa.select(Activity)).all()
    assert all(a.ends_at > a.starts_at for a in activities)
    held = dict(
        db.session.execute(
            sa.select(Registration.activity_id, sa.func.count())
            .where(Registration.status.in_(HOLDS_PLACE))
            .group_by(Registration.activity_id)
        ).all()
    )
    assert all(held.get(a.id, 0) <= a.capacity for a in activities if a.capacity is not None)
    registrations = db.session.scalars(sa.select(Registration)).all()
    by_id = {a.id: a for a in activities}
    for registration in registrations:
        activity = by_id[registration.activity_id]
        if activity.ends_at < now:
            assert registration.status is RegistrationStatus.CONFIRMED
            assert registration.attended is not None
            assert registration.created_at < activity.starts_at
        else:
            assert registration.attended is None
    assert any(r.status is RegistrationStatus.WAITLISTED for r in registrations)
    for slug, *_ in AREAS:
        agenda = upcoming(_area(slug))
        assert agenda.today or agenda.this_week or agenda.later
    boden = [a for a in activities if a.area_id == _area("boden").id]
    assert any(a.partner and a.partner.name == "Röda korset" for a in boden)


def _cafe():
    from app.demo.rows.shifts import CAFE
    from app.models import Workplace

    return db.session.scalar(sa.select(Workplace).where(Workplace.name == CAFE))


def test_demo_cafe_supervisor_account_sees_todays_shifts(app):
    from app.demo.rows.shifts import SUPERVISOR_ACCOUNT
    from tests.conftest import sign_in_as

    seed_demo()
    cafe = _cafe()
    assert cafe.supervisor is not None and cafe.supervisor.display_name == SUPERVISOR_ACCOUNT
    assert cafe.supervisor.age_this_year(2026) >= 18
    roles = {(r.area_id, r.role) for r in cafe.supervisor.roles}
    assert (cafe.area_id, Role.RESIDENT) in roles
    client = app.test_client()
    client.set_cookie("lang", "en")
    sign_in_as(client, cafe.supervisor)
    page = client.get("/my/supervising").get_data(as_text=True)
    assert "Ungdomscaféet" in page and "No shifts to supervise today." not in page
    seed_demo()
    assert _cafe().supervisor_id == cafe.supervisor_id


def test_demo_cafe_has_a_week_of_coming_shifts_under_the_rules(app):
    from datetime import timedelta

    from app.clock import local
    from app.models import GuardianConsent, Shift, ShiftSignup, SignupStatus
    from app.models.util import utcnow
    from app.shifts import places, services

    seed_demo()
    cafe = _cafe()
    assert cafe.area.slug == "rannebergen" and cafe.supervisor_name
    coming = [s for s in services.upcoming(cafe.area) if s.workplace_id == cafe.id]
    today = local(utcnow()).date()
    days = sorted({local(s.starts_at).date() for s in coming} - {today})
    # Every day of the coming week, whatever day seed-demo runs (today's are checked below).
    assert days == [today + timedelta(days=i) for i in range(1, 8)]
    assert {s.role for s in coming} == {"Kassa", "Kök"}
    assert all(places.places_left(s) >= 0 for s in coming)
    assert any(places.places_left(s) > 0 for s in coming)  # room to try a sign-up
    statuses = [
        s.status
        for s in db.session.scalars(
            sa.select(ShiftSignup).where(ShiftSignup.shift_id.in_([s.id for s in coming]))
        )
    ]
    assert set(statuses) == {
        SignupStatus.CONFIRMED,
        SignupStatus.AWAITING_GUARDIAN,
        SignupStatus.WAITLISTED,
    }
    # Every minor's sign-up names a fictional guardian number; nothing else is stored.
    addresses = set(db.session.scalars(sa.select(GuardianConsent.guardian_address)))
    assert addresses and all(a.startswith("+4670174069") for a in addresses)
    # No place breaks the rules for minors (or overlaps) given all the person's other places.
    held = db.session.scalars(
        sa.select(ShiftSignup)
        .join(Shift)
        .where(Shift.workplace_id == cafe.id, ShiftSignup.status.in_(services.SIGNUP_HOLDS_PLACE))
    ).all()
    for signup in held:
        assert places.violations(signup.shift, signup.person_id, signup.person.birth_year) == []


def test_demo_youth_samir_has_worked_hours_and_a_certificate(client):
    from app.shifts.hours import area_hours, my_hours
    from tests.conftest import sign_in_as

    seed_demo()
    samir = db.session.scalar(sa.select(Person).where(Person.display_name == "Samir Khalil"))
    assert samir.phone and my_hours(samir).total > 0
    table = area_hours(_area("rannebergen"))
    assert "Samir Khalil" in {t.name for t in table.youth} and len(table.youth) > 1
    sign_in_as(client, samir)
    certificate = client.get("/my/hours/certificate").get_data(as_text=True)
    assert "Ungdomscaféet" in certificate and "Arbetsintyg" in certificate
    assert "Grannlabb Rannebergen, Göteborg" in certificate
    assert "Sara Nilsson</bdi>, processledare" in certificate  # she confirmed his arrivals


def test_demo_shifts_are_seeded_once(app):
    from app.models import GuardianConsent, Shift, ShiftSignup, Workplace

    seed_demo()
    before = (count(Workplace), count(Shift), count(ShiftSignup), count(GuardianConsent))
    seed_demo()
    after = (count(Workplace), count(Shift), count(ShiftSignup), count(GuardianConsent))
    assert after == before and before[0] == 1 and before[1] == 12 + 2 * 8  # last week, 8 days


def test_area_page_links_leaders_to_the_day_and_worked_hours(client):
    from tests.conftest import sign_in_as

    seed_demo()
    area = _area("rannebergen")
    sara = db.session.scalar(sa.select(Person).where(Person.display_name == "Sara Nilsson"))
    sign_in_as(client, sara)
    page = client.get(f"/areas/{area.slug}").get_data(as_text=True)
    assert f"/areas/{area.slug}/today" in page and f"/areas/{area.slug}/hours" in page
    samir = db.session.scalar(sa.select(Person).where(Person.display_name == "Samir Khalil"))
    sign_in_as(client, samir)
    page = client.get(f"/areas/{area.slug}").get_data(as_text=True)
    assert f"/areas/{area.slug}/today" not in page


def test_demo_summer_jobs_in_two_areas_with_applications_and_placements(app):
    from datetime import date

    from app.demo.rows.jobs import CAFE, PARK, YOUTH_CENTRE
    from app.jobs import services as jobs
    from app.models import JobApplication
    from app.models.jobs import APPLICATION_HOLDS_PLACE, Job

    seed_demo()
    today = date.today()
    coming = db.session.scalars(sa.select(Job).where(Job.ends_on >= today)).all()
    assert {job.workplace for job in coming} == {PARK, CAFE, YOUTH_CENTRE}
    assert {job.area.slug for job in coming} == {"lina-hage", "boden"}
    for job in coming:
        assert job.starts_on.month in (6, 7, 8) and job.apply_by > today
        assert job.tasks and job.supervisor_name and job.places > 0
    assert count(JobApplication) >= 7
    park = next(job for job in coming if job.workplace == PARK)
    listed = jobs.applicants(park)
    placed = [a for a in listed if a.application.status in APPLICATION_HOLDS_PLACE]
    assert len(placed) == park.places
    assert all(a.earlier_placements == 0 for a in placed)
    # The youth placed last summer applied first but comes after the first-timers.
    earlier = [a for a in listed if a.earlier_placements == 1]
    assert len(earlier) == 1 and earlier[0].application.status == "applied"
    assert min(a.application.created_at for a in listed) == earlier[0].application.created_at
    motivations = {a.application.motivation for a in listed}
    assert any("أ" in m for m in motivations) and any("Waxaan" in m for m in motivations)


def test_demo_summer_jobs_are_seeded_once(app):
    from app.models import JobApplication
    from app.models.jobs import Job

    seed_demo()
    jobs_before, applications_before = count(Job), count(JobApplication)
    seed_demo()
    assert (count(Job), count(JobApplication)) == (jobs_before, applications_before)
    assert jobs_before == 4


def test_demo_cafe_has_shifts_today_with_a_fourteen_year_old(client):
    from app.clock import local
    from app.models import Shift, ShiftSignup
    from app.models.util import utcnow
    from app.shifts import services
    from tests.conftest import sign_in_as

    seed_demo()
    cafe = _cafe()
    assert cafe.light_work
    today = local(utcnow()).date()
    shifts = [
        s
        for s in db.session.scalars(sa.select(Shift).where(Shift.workplace_id == cafe.id))
        if local(s.starts_at).date() == today
    ]
    assert {s.role for s in shifts} == {"Kassa", "Kök"}
    hiba = db.session.scalar(sa.select(Person).where(Person.display_name == "Hiba Warsame"))
    assert hiba.age_this_year(today.year) == 14 and hiba.phone
    assert _area("rannebergen").id in {r.area_id for r in hiba.roles}
    places = db.session.scalars(
        sa.select(ShiftSignup).where(
            ShiftSignup.person_id == hiba.id, ShiftSignup.status.in_(services.SIGNUP_HOLDS_PLACE)
        )
    ).all()
    assert any(local(p.shift.starts_at).date() == today for p in places) and len(places) >= 2
    sara = db.session.scalar(sa.select(Person).where(Person.display_name == "Sara Nilsson"))
    sign_in_as(client, sara)
    page = client.get("/areas/rannebergen/today").get_data(as_text=True)
    assert "Ungdomscaféet" in page and "Hiba Warsame" in page
