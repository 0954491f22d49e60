"""A guardian's answer reaches the youth as a notice in the youth's language: consent (the
place is confirmed), decline and a withdrawn consent (the place is given up), for a café shift
and for a summer-job placement, each with a link labelled for what it opens."""

from datetime import time

import pytest
from flask_babel import force_locale

from app.jobs import services as jobs
from app.jobs import shifts as job_shifts
from app.models import ConsentDecision, Notification, NotificationKind, Role
from app.notifications import messages
from app.refusals import Refused
from app.shifts import guardians, services
from tests.activities.factories import make_activity
from tests.conftest import give_role, notices
from tests.jobs.factories import job_input
from tests.jobs.factories import youth as job_youth
from tests.moderation.factories import make_idea
from tests.shifts.factories import make_shift, make_workplace, youth

KINDS = {
    ConsentDecision.CONSENTED: NotificationKind.GUARDIAN_CONSENTED,
    ConsentDecision.DECLINED: NotificationKind.GUARDIAN_DECLINED,
    ConsentDecision.WITHDRAWN: NotificationKind.GUARDIAN_WITHDREW,
}


@pytest.fixture
def waiting(area):
    """A 14-year-old's shift place waiting for the guardian, who has been asked."""
    person = youth("Hiba", age=14)
    give_role(person, area, Role.RESIDENT)
    signup = services.sign_up(make_shift(make_workplace(area, "Caféet")), person)
    guardians.request_consent(signup, "guardian@test.example")
    return guardians.consent_for(signup)


def _read(notice, lang="en"):
    with force_locale(lang):
        return messages.render(notice)


@pytest.mark.parametrize("decisions", [["consent"], ["decline"], ["consent", "withdraw"]])
def test_each_answer_about_a_shift_tells_the_youth(app, waiting, decisions):
    by_name = {
        "consent": ConsentDecision.CONSENTED,
        "decline": ConsentDecision.DECLINED,
        "withdraw": ConsentDecision.WITHDRAWN,
    }
    for name in decisions:
        guardians.decide(waiting, by_name[name])
    last = KINDS[by_name[decisions[-1]]]
    (notice,) = notices(last)
    assert (
        notice.person_id == waiting.signup.person_id and notice.shift_id == waiting.signup.shift_id
    )
    with app.test_request_context():
        shown = _read(notice)
        assert "Caféet" in shown.sentence and "guardian" in shown.sentence
        assert shown.url == f"/shifts/{waiting.signup.shift_id}"
        assert shown.link_label == "Open the shift"
        if last is NotificationKind.GUARDIAN_CONSENTED:
            assert "confirmed" in shown.sentence
        else:
            assert "given up" in shown.sentence
        assert _read(notice, "sv").sentence != shown.sentence  # in the reader's language


def test_an_answer_already_given_sends_nothing_more(app, waiting):
    guardians.decide(waiting, ConsentDecision.CONSENTED)
    with pytest.raises(Refused):
        guardians.decide(waiting, ConsentDecision.DECLINED)
    assert len(notices(NotificationKind.GUARDIAN_CONSENTED)) == 1
    assert notices(NotificationKind.GUARDIAN_DECLINED) == []


@pytest.mark.parametrize(
    ("decision", "words"),
    [(ConsentDecision.CONSENTED, "is yours"), (ConsentDecision.DECLINED, "given up")],
)
def test_an_answer_about_a_summer_job_tells_the_youth(app, area, leader, decision, words):
    job = jobs.create(area, leader, job_input(min_age=13, max_age=18, employer="Parken AB"))
    person = job_youth("Fjorton", age=14)
    application = jobs.place(jobs.apply(job, person, ""), leader)
    job_shifts.generate(application, leader, time(9), time(11))
    guardians.request_application_consent(application, "guardian@test.example")
    guardians.decide(guardians.consent_for_application(application), decision)
    (notice,) = notices(KINDS[decision])
    assert notice.person_id == person.id and notice.shift_id is None
    with app.test_request_context():
        shown = _read(notice)
    assert "Parken AB" in shown.sentence and words in shown.sentence
    assert shown.url == "/my/signups" and shown.link_label == "Open my sign-ups"


def test_links_are_labelled_for_what_they_open(app, area, leader, resident):
    idea = make_idea(area, resident)
    activity = make_activity(area, leader)
    with app.test_request_context():
        about_idea = _read(Notification(kind=NotificationKind.IDEA_PUBLISHED, idea=idea, detail=""))
        about_activity = _read(
            Notification(
                kind=NotificationKind.PLACE_OFFERED, activity=activity, activity_id=activity.id
            )
        )
    assert about_idea.link_label == "Open the idea"
    assert about_activity.link_label == "Open the activity"
