"""Shared builders for the tests of this domain."""

from app.models.programmes import Programme
from app.programmes import services


def make_programme(area, leader, name="A path into work", retention=24) -> Programme:
    return services.create(
        area,
        leader,
        services.ProgrammeInput(
            name=name,
            description="Weekly meetings and practice at workplaces.",
            for_whom="Women in the area looking for work",
            retention_months=retention,
            partner_id=None,
        ),
    )
