"""Every notice kind reads as a sentence in each of the six languages, with a link labelled
for what it opens (a new kind without words fails here)."""

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.i18n import LANGUAGES
from app.models import Notification, NotificationKind
from app.notifications import messages
from tests.activities.factories import make_activity
from tests.associations.factories import found_together, the_association
from tests.moderation.factories import make_idea
from tests.shifts.factories import make_shift, make_workplace

# What each kind's notice points at, and the words its link must carry (in English).
SHIFT = {
    NotificationKind.SHIFT_REMINDER,
    NotificationKind.SHIFT_TAKEN_OVER,
    NotificationKind.SHIFT_PLACE_GIVEN,
    NotificationKind.SHIFT_CANCELLED,
    NotificationKind.SHIFT_CHANGED,
}
ACTIVITY = {
    NotificationKind.PLACE_OFFERED,
    NotificationKind.ACTIVITY_REMINDER,
    NotificationKind.ACTIVITY_PLACE_LOST,
}
ASSOCIATION = {
    NotificationKind.ASSOCIATION_MESSAGE,
    NotificationKind.ASSOCIATION_JOIN_REQUEST,
    NotificationKind.ASSOCIATION_FOUNDER_INVITE,
}
IDEA = {
    NotificationKind.IDEA_PUBLISHED,
    NotificationKind.IDEA_HIDDEN,
    NotificationKind.IDEA_STATUS,
    NotificationKind.PARTNER_ANSWERED,
    NotificationKind.ON_AGENDA,
    NotificationKind.IDEA_DONE,
    NotificationKind.COMMENT_HIDDEN,
    NotificationKind.PHOTO_HIDDEN,
    NotificationKind.TRANSLATION_CORRECTED,
    NotificationKind.BUDGET_CHECKED,
    NotificationKind.BUDGET_FUNDED,
    NotificationKind.BUDGET_NOT_FUNDED,
}
DETAILS = {
    NotificationKind.TRANSLATION_CORRECTED: "comment:so",
    NotificationKind.BUDGET_CHECKED: "not-feasible\n\nFör dyrt för rundan",
    NotificationKind.BUDGET_FUNDED: "40000\nBudget 2027",
    NotificationKind.BUDGET_NOT_FUNDED: "40000\nBudget 2027",
    NotificationKind.BUDGET_PAPER_COUNTED: "1\nBudget 2027",
    NotificationKind.ROLE_ENDED: "leader\nRannebergen",
    NotificationKind.BOOKING_DECLINED: "Samlingslokalen\nFullbokat",
    NotificationKind.BOOKING_CANCELLED: "Samlingslokalen\nStängt",
    NotificationKind.JOB_PLACED: "minor\n1\nParken AB, Parkförvaltningen",
    NotificationKind.PARTNER_ASKED: "Röda Korset",
    NotificationKind.ASSOCIATION_MESSAGE: "Amina\nHej styrelsen",
}
LINKS = {
    **dict.fromkeys(SHIFT, "Open the shift"),
    **dict.fromkeys(ACTIVITY, "Open the activity"),
    **dict.fromkeys(ASSOCIATION, "Open the association"),
    **dict.fromkeys(IDEA, "Open the idea"),
    NotificationKind.JOB_PLACED: "Open the summer job",
    NotificationKind.PARTNER_ASKED: "Open the requests",
    NotificationKind.BUDGET_PAPER_COUNTED: "Open the budget round",
}


@pytest.fixture
def one_of_each(client, area, leader, resident):
    found_together(client, area)
    targets = {
        "idea_id": make_idea(area, resident).id,
        "activity_id": make_activity(area, leader).id,
        "shift_id": make_shift(make_workplace(area, "Caféet")).id,
        "association_id": the_association().id,
    }
    rows = []
    for kind in NotificationKind:
        row = Notification(person_id=resident.id, kind=kind, detail=DETAILS.get(kind, "Text"))
        if kind in SHIFT:
            row.shift_id = targets["shift_id"]
        elif kind in ACTIVITY:
            row.activity_id = targets["activity_id"]
        elif kind in ASSOCIATION:
            row.association_id = targets["association_id"]
        elif kind in IDEA or kind is NotificationKind.PARTNER_ASKED:
            row.idea_id = targets["idea_id"]
        rows.append(row)
    db.session.add_all(rows)
    db.session.commit()
    return rows


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_kind_has_words_and_a_labelled_link(app, one_of_each, lang):
    with app.test_request_context():
        for row in one_of_each:
            with force_locale(lang):
                notice = messages.render(row)
            assert notice.sentence and "%(" not in notice.sentence, row.kind
            assert notice.url and notice.link_label, row.kind
            assert notice.sms_body().startswith(notice.sentence)


def test_links_say_what_they_open(app, one_of_each):
    with app.test_request_context(), force_locale("en"):
        for row in one_of_each:
            notice = messages.render(row)
            if row.kind in LINKS:
                assert notice.link_label == LINKS[row.kind], row.kind
            else:  # a page of the reader's own, named for what it is
                assert notice.link_label.startswith("Open "), row.kind
                assert notice.link_label != "Open the page", row.kind
