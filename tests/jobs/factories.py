"""Shared builders for the tests of this domain."""

from datetime import date, timedelta

from app.jobs.services import JobInput
from tests.conftest import make_person

START = date.today() + timedelta(days=30)


def job_input(**changes) -> JobInput:
    data = dict(
        employer="Bodens kommun",
        workplace="Parkförvaltningen",
        starts_on=START,
        ends_on=START + timedelta(days=13),
        places=2,
        min_age=15,
        max_age=18,
        tasks="Rensa ogräs, vattna planteringar.",
        supervisor_name="Sara",
        apply_by=START - timedelta(days=7),
        light_work=True,
    )
    data.update(changes)
    return JobInput(**data)


def youth(name="Ung", age=16):
    return make_person(name, birth_year=START.year - age)


def form(**changes) -> dict:
    data = job_input(**changes)
    return {
        "employer": data.employer,
        "workplace": data.workplace,
        "starts_on": data.starts_on.isoformat(),
        "ends_on": data.ends_on.isoformat(),
        "places": str(data.places),
        "min_age": str(data.min_age),
        "max_age": str(data.max_age),
        "tasks": data.tasks,
        "supervisor_name": data.supervisor_name,
        "apply_by": data.apply_by.isoformat(),
    }
