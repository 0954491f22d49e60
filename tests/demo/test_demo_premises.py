"""Demo premises: the four areas' meeting places with opening hours and a few bookings."""

from datetime import timedelta

import sqlalchemy as sa

from app.demo.load.premises import load_association_bookings
from app.demo.loader import seed_demo
from app.extensions import db
from app.models import Area
from app.models.associations import (
    Association,
    AssociationKind,
    AssociationStatus,
    MemberRole,
    Membership,
    MembershipStatus,
)
from app.models.premises import Booking, BookingStatus, OpeningSpan, Premises
from app.premises.booking import overlapping
from app.premises.schedule import week_start
from tests.conftest import count, make_person


def test_demo_premises_in_every_area_seeded_once(app):
    seed_demo()
    before = (count(Premises), count(OpeningSpan), count(Booking))
    seed_demo()
    assert (count(Premises), count(OpeningSpan), count(Booking)) == before
    areas = set(
        db.session.scalars(sa.select(Area.slug).join(Premises, Premises.area_id == Area.id))
    )
    assert areas == {"boden", "portalen", "rannebergen", "lina-hage"}
    assert count(OpeningSpan) > 0
    approved = db.session.scalars(
        sa.select(Booking).where(Booking.status == BookingStatus.APPROVED)
    ).all()
    assert len(approved) >= 4
    assert count(Booking, Booking.status == BookingStatus.PENDING) >= 1  # the kitchen
    # Never two approved bookings overlapping in the same premises.
    for one in approved:
        other = overlapping(one.premises_id, one.starts_at, one.ends_at, one.id)
        assert other is None


def test_youth_cafe_association_books_in_its_own_name(app):
    seed_demo()
    rannebergen = db.session.scalar(sa.select(Area).where(Area.slug == "rannebergen"))
    premises = db.session.scalar(
        sa.select(Premises).where(Premises.name == "Rannebergens mötesplats")
    )
    association = db.session.scalar(
        sa.select(Association).where(
            Association.area_id == rannebergen.id, Association.name.ilike("%caf%")
        )
    )
    if association is None:  # the associations demo has not made it: make one like it
        association = Association(
            area_id=rannebergen.id,
            kind=AssociationKind.NONPROFIT,
            status=AssociationStatus.FOUNDED,
            name="Ungdomscaféet i Rannebergen",
            invite_token="demo-cafe-test",
        )
        db.session.add(association)
        db.session.flush()
        db.session.add(
            Membership(
                association_id=association.id,
                person_id=make_person("Café Chair").id,
                status=MembershipStatus.MEMBER,
                role=MemberRole.CHAIR,
            )
        )
        db.session.commit()
        load_association_bookings(premises)
    booked = count(Booking, Booking.association_id == association.id)
    assert booked >= 6
    load_association_bookings(premises)
    assert count(Booking, Booking.association_id == association.id) == booked


def test_youth_cafe_places_one_activity_in_its_booking(app):
    from app.models import Activity

    seed_demo()
    held = db.session.scalars(sa.select(Activity).where(Activity.booking_id.is_not(None))).all()
    cafe = [a for a in held if a.booking.association_id is not None]
    assert len(cafe) == 1
    activity, booking = cafe[0], cafe[0].booking
    assert booking.status is BookingStatus.APPROVED
    assert activity.association_id == booking.association_id
    assert activity.area_id == booking.premises.area_id
    assert activity.place == booking.premises.name == "Rannebergens mötesplats"
    assert (activity.starts_at, activity.ends_at) == (booking.starts_at, booking.ends_at)
    before = count(Activity)
    seed_demo()
    assert count(Activity) == before


def test_premises_pages_fit_the_page_budget(app):
    from app.budgets import PAGE_BUDGET, page_weight
    from app.models import Person
    from tests.conftest import sign_in_as

    seed_demo()
    leader = db.session.scalar(sa.select(Person).where(Person.display_name == "Sara Nilsson"))
    premises = db.session.scalar(
        sa.select(Premises).where(Premises.name == "Rannebergens mötesplats")
    )
    client = app.test_client()
    client.set_cookie("lang", "sv")
    sign_in_as(client, leader)
    week = week_start(None) + timedelta(weeks=1)
    for path in (
        "/areas/rannebergen/premises",
        f"/premises/{premises.id}?week={week.isoformat()}",
        f"/premises/{premises.id}/book",
        "/bookings/mine",
    ):
        weight = page_weight(app, path, client)
        assert weight["total"] <= PAGE_BUDGET, weight
