"""The demo by counts: every table holds as many rows as the demo made before its rows became
data, and a second run adds none. The demo's dates are relative to today (term weeks, holidays
still ahead), so the counts are taken at the moment they were recorded (2026-12-03, 20:55 in Sweden)."""

from datetime import UTC, datetime

import sqlalchemy as sa
import time_machine

from app.demo.loader import seed_demo
from app.extensions import db

EXPECTED = {
    "account_claim": 0,
    "activity": 373,
    "agenda": 1,
    "agenda_item": 3,
    "agreement": 4,
    "agreement_partner": 12,
    "area": 4,
    "area_role": 119,
    "association": 3,
    "audit_entry": 220,
    "ballot": 2,
    "ballot_choice": 3,
    "booking": 16,
    "closed_date": 30,
    "budget_round": 1,
    "comment": 5,
    "costed_idea": 2,
    "contact_message": 0,
    "enrolment": 32,
    "founder": 10,
    "founding_board_seat": 0,
    "founding_minutes": 2,
    "guardian_consent": 35,
    "guardian_decision": 26,
    "idea": 13,
    "idea_event": 41,
    "indicator": 9,
    "invite_batch": 0,
    "invite_code": 0,
    "job": 4,
    "job_application": 8,
    "login_code": 0,
    "login_link": 0,
    "measurement": 65,
    "membership": 7,
    "moderation_decision": 15,
    "notification": 46,  # 36 before partner representatives and placed applicants were told (issue 12); 2 budget checks
    "opening_span": 28,
    "partner": 5,
    "partner_area": 20,
    "partner_invitation": 0,
    "partner_link": 5,
    "partner_representative": 4,
    "person": 120,
    "premises": 5,
    "programme": 2,
    "programme_outcome": 43,
    "registration": 2243,
    "report": 0,
    "result_summary": 0,
    "school_free_period": 0,
    "shift": 28,
    "shift_signup": 38,
    "sign_in": 0,
    "statutes_version": 3,
    "task_lease": 0,
    "translation": 0,
    "vote": 25,
    "worker_beat": 0,
    "workplace": 1,
}


def _counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


RECORDED_ON = datetime(2026, 12, 3, 19, 55, tzinfo=UTC)


def test_demo_fills_every_table_as_recorded(app):
    with time_machine.travel(RECORDED_ON, tick=False):
        seed_demo()
    assert _counts() == EXPECTED


def test_seed_demo_twice_changes_no_count(app):
    seed_demo()
    first = _counts()
    seed_demo()
    assert _counts() == first
