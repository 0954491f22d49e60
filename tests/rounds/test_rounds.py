"""Budget rounds through the app: the rules and who may set them, costed ideas and their
check, opening voting (the rules freeze), the ballot, paper and assisted ballots, the count
with its explanations, and the result as a page, CSV and print."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    AuditEntry,
    Category,
    Decision,
    IdeaStatus,
    ModerationDecision,
    NotificationKind,
    Person,
    Role,
)
from app.models.rounds import Ballot, BallotChannel, BallotChoice, BudgetRound, CostedIdea
from app.models.util import utcnow
from tests.conftest import csv_rows, give_role, make_person, notices, post, sign_in_as
from tests.moderation.factories import make_idea
from tests.rounds.factories import costed, make_round, today, voters

HTMX = {"HX-Request": "true"}


def _form(**changes):
    day = today()
    data = {
        "title": "Gårdsbudget 2027",
        "amount": "50000",
        "min_age": "16",
        "rule": "equal-shares",
        "ideas_until": (day + timedelta(days=10)).isoformat(),
        "voting_from": (day + timedelta(days=20)).isoformat(),
        "voting_until": (day + timedelta(days=30)).isoformat(),
        "categories": ["environment", "safety"],
    }
    data.update(changes)
    return data


# --- The round and its rules ---------------------------------------------------------------------


def test_a_leader_creates_a_round_that_everyone_can_read(client, area, leader):
    sign_in_as(client, leader)
    assert client.get(f"/areas/{area.slug}/budget/new").status_code == 200
    response = post(client, f"/areas/{area.slug}/budget/new", _form())
    assert response.status_code == 302
    budget_round = db.session.scalar(sa.select(BudgetRound))
    assert budget_round.amount == 50000 and budget_round.min_age == 16
    assert budget_round.categories == ["environment", "safety"]
    client.get("/sign-out")
    page = client.get(f"/budget/{budget_round.id}").get_data(as_text=True)
    assert "Gårdsbudget 2027" in page and "Method of Equal Shares" in page
    assert "50,000\xa0SEK" in page and "16 or older" in page
    assert "Gårdsbudget 2027" in client.get(f"/areas/{area.slug}/budget").get_data(as_text=True)
    assert f"/areas/{area.slug}/budget" in client.get(f"/areas/{area.slug}").get_data(as_text=True)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"amount": "0"}, "whole kronor"),
        ({"amount": "abc"}, "whole kronor"),
        ({"title": ""}, "Write a title."),
        ({"voting_from": (today() - timedelta(days=1)).isoformat()}, "must follow each other"),
        ({"min_age": "200"}, "between 0 and 120"),
        ({"ideas_until": "0001-01-01", "voting_from": "0001-01-02"}, "within the coming three"),
        ({"rule": "dictator"}, "Not a valid choice"),
        ({"categories": ["nonsense"]}, "not a valid choice"),
    ],
)
def test_bad_rules_are_refused_clearly(client, area, leader, changes, message):
    sign_in_as(client, leader)
    response = post(client, f"/areas/{area.slug}/budget/new", _form(**changes))
    assert response.status_code == 422
    assert message.lower() in response.get_data(as_text=True).lower()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BudgetRound)) == 0


def test_only_the_areas_leaders_set_up_a_round(client, area, other_area, leader, resident):
    sign_in_as(client, resident)
    assert post(client, f"/areas/{area.slug}/budget/new", _form()).status_code == 403
    other = make_person("Other Leader")
    give_role(other, other_area, Role.LEADER)
    sign_in_as(client, other)
    assert post(client, f"/areas/{area.slug}/budget/new", _form()).status_code == 403
    budget_round = make_round(area, leader)
    assert post(client, f"/budget/{budget_round.id}/edit", _form()).status_code == 403
    assert post(client, f"/budget/{budget_round.id}/open").status_code == 403


def test_the_rules_change_until_voting_opens_then_freeze(client, area, leader):
    budget_round = make_round(area, leader, phase="checking")
    sign_in_as(client, leader)
    form = _form(title="Ny titel", ideas_until=budget_round.ideas_until.isoformat())
    assert post(client, f"/budget/{budget_round.id}/edit", form).status_code == 302
    db.session.expire_all()
    assert db.session.get(BudgetRound, budget_round.id).title == "Ny titel"
    db.session.get(BudgetRound, budget_round.id).frozen_at = utcnow()
    db.session.commit()
    response = post(client, f"/budget/{budget_round.id}/edit", _form(title="Igen"))
    assert response.status_code == 409 and "froze" in response.get_data(as_text=True)


# --- Costed ideas ------------------------------------------------------------------------------


def test_an_author_enters_her_idea_with_a_cost_estimate(client, area, leader, resident):
    budget_round = make_round(area, leader, categories=["environment"])
    mine = make_idea(area, resident, title="Grillplats")
    other = make_idea(area, leader, title="Ledarens idé")
    wrong = make_idea(area, resident, title="Trygghetsvandring", category=Category.SAFETY)
    sign_in_as(client, resident)
    page = client.get(f"/budget/{budget_round.id}").get_data(as_text=True)
    assert "Grillplats" in page and "Enter the idea" in page
    assert f'value="{other.id}"' not in page and f'value="{wrong.id}"' not in page
    path = f"/budget/{budget_round.id}/ideas"
    assert post(client, path, {"idea": other.id, "estimate": "100"}).status_code == 422
    assert post(client, path, {"idea": mine.id, "estimate": "0"}).status_code == 422
    assert post(client, path, {"idea": mine.id, "estimate": "40000"}).status_code == 302
    entry = db.session.scalar(sa.select(CostedIdea))
    assert (entry.idea_id, entry.estimate, entry.feasible) == (mine.id, 40000, None)
    assert "waiting for a leader" in client.get(f"/budget/{budget_round.id}").get_data(as_text=True)


def test_no_idea_enters_after_the_ideas_phase(client, area, leader, resident):
    budget_round = make_round(area, leader, phase="checking")
    idea = make_idea(area, resident)
    sign_in_as(client, resident)
    assert "Enter the idea" not in client.get(f"/budget/{budget_round.id}").get_data(as_text=True)
    path = f"/budget/{budget_round.id}/ideas"
    assert post(client, path, {"idea": idea.id, "estimate": "100"}).status_code == 422


def test_a_leader_checks_an_idea_in_public_and_the_author_is_told(client, area, leader, resident):
    budget_round = make_round(area, leader, phase="checking")
    entry = costed(budget_round, resident, "Grillplats", 40, feasible=None)
    path = f"/budget/ideas/{entry.id}/check"
    sign_in_as(client, resident)
    assert post(client, path, {"feasible": "no", "reason": "x"}).status_code == 403
    sign_in_as(client, leader)
    assert client.get(path).status_code == 200
    response = post(client, path, {"feasible": "no", "reason": ""})
    assert response.status_code == 422
    assert 'id="reason-error">Write the reason residents will read.' in response.get_data(
        as_text=True
    )
    response = post(client, path, {"feasible": "yes", "cost": "500"})
    assert response.status_code == 422 and "above the round" in response.get_data(as_text=True)
    response = post(client, path, {"feasible": "no", "reason": "Marken är kommunens."})
    assert response.status_code == 302
    db.session.expire_all()
    entry = db.session.get(CostedIdea, entry.id)
    assert entry.feasible is False and entry.reason == "Marken är kommunens."
    (notice,) = notices(NotificationKind.BUDGET_CHECKED)
    assert notice.person_id == resident.id and "Marken är kommunens." in notice.detail
    log = client.get(f"/areas/{area.slug}/moderation-log").get_data(as_text=True)
    assert "Checked for the budget round: not feasible" in log and "Marken är kommunens." in log
    assert post(client, path, {"feasible": "yes", "cost": "45"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(CostedIdea, entry.id).cost == 45


def test_voting_opens_on_its_day_once_every_idea_is_checked(client, area, leader, resident):
    budget_round = make_round(area, leader, phase="checking")
    entry = costed(budget_round, resident, "Grillplats", 40, feasible=None)
    sign_in_as(client, leader)
    path = f"/budget/{budget_round.id}/open"
    response = post(client, path)
    assert response.status_code == 409 and "not before" in response.get_data(as_text=True)
    budget_round.voting_from = today()
    db.session.commit()
    response = post(client, path)
    assert response.status_code == 409 and "Check every costed idea" in response.get_data(
        as_text=True
    )
    entry.feasible, entry.cost = True, 40
    db.session.commit()
    assert post(client, path).status_code == 302
    db.session.expire_all()
    assert db.session.get(BudgetRound, budget_round.id).frozen_at is not None
    audit = db.session.scalars(
        sa.select(AuditEntry.subject).where(AuditEntry.action == "budget_round_frozen")
    ).all()
    assert len(audit) == 1 and "120 kr" in audit[0] and "rule equal-shares" in audit[0]
    log = client.get(f"/areas/{area.slug}/moderation-log").get_data(as_text=True)
    assert "voting opened, the rules frozen" in log
    assert post(client, path).status_code == 409  # only once


# --- The ballot --------------------------------------------------------------------------------


@pytest.fixture
def voting(area, leader, resident):
    budget_round = make_round(area, leader, phase="voting")
    ideas = [
        costed(budget_round, resident, "A-idé", 64),
        costed(budget_round, resident, "B-idé", 40),
        costed(budget_round, resident, "D-idé", 40),
        costed(budget_round, resident, "Omöjlig", 10, feasible=False),
    ]
    return budget_round, ideas


def _choices(person_id):
    db.session.expire_all()
    return set(
        db.session.scalars(
            sa.select(BallotChoice.costed_idea_id)
            .join(Ballot, Ballot.id == BallotChoice.ballot_id)
            .where(Ballot.person_id == person_id)
        )
    )


def test_a_resident_votes_with_a_running_total_and_changes_her_ballot(client, area, voting):
    budget_round, (a, b, d, impossible) = voting
    (voter,) = voters(area, 1)
    sign_in_as(client, voter)
    path = f"/budget/{budget_round.id}/ballot"
    page = client.get(path).get_data(as_text=True)
    assert "A-idé" in page and "Omöjlig" not in page and "0\xa0SEK of 120\xa0SEK" in page
    preview = post(client, path, {"choice": [a.id, b.id], "preview": "1"}, headers=HTMX)
    part = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "<html" not in part
    assert "104\xa0SEK of 120\xa0SEK" in part and "16\xa0SEK left" in part
    assert _choices(voter.id) == set()  # a preview saves nothing
    over = post(client, path, {"choice": [a.id, b.id, d.id], "preview": "1"}, headers=HTMX)
    assert "more than the round's amount" in over.get_data(as_text=True)
    saved = post(client, path, {"choice": [a.id, b.id]})  # without JavaScript: a whole page
    assert saved.status_code == 200 and "Your ballot is saved" in saved.get_data(as_text=True)
    assert _choices(voter.id) == {a.id, b.id}
    assert post(client, path, {"choice": [d.id]}).status_code == 200
    assert _choices(voter.id) == {d.id}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Ballot)) == 1
    assert f'value="{d.id}" checked' in client.get(path).get_data(as_text=True)


def test_bad_choices_are_refused(client, area, voting):
    budget_round, (a, _b, _d, impossible) = voting
    (voter,) = voters(area, 1)
    sign_in_as(client, voter)
    path = f"/budget/{budget_round.id}/ballot"
    for choice in ([impossible.id], [99999], ["abc"]):
        response = post(client, path, {"choice": choice})
        assert response.status_code == 422, choice
    assert _choices(voter.id) == set()


def test_who_may_vote(client, area, other_area, leader, voting):
    budget_round, (a, *_rest) = voting
    path = f"/budget/{budget_round.id}/ballot"
    unverified = make_person("Ej verifierad")
    give_role(unverified, area, Role.RESIDENT)
    (young,) = voters(area, 1, "Ung", birth_year=today().year - 15)
    (sixteen,) = voters(area, 1, "Sexton", birth_year=budget_round.voting_until.year - 16)
    (elsewhere,) = voters(other_area, 1, "Annanstans")
    for person, status in ((unverified, 403), (young, 403), (elsewhere, 403), (sixteen, 200)):
        sign_in_as(client, person)
        assert post(client, path, {"choice": [a.id]}).status_code == status, person.display_name
    sign_in_as(client, young)
    assert "16 or older" in client.get(path).get_data(as_text=True)
    round_page = client.get(f"/budget/{budget_round.id}").get_data(as_text=True)
    assert "16 or older this year" in round_page and f'href="{path}"' not in round_page
    assert client.get(path).status_code == 403


def test_no_ballot_before_voting_opens_or_after_it_closes(client, area, leader, resident):
    (voter,) = voters(area, 1)
    sign_in_as(client, voter)
    for phase in ("checking", "counting"):
        budget_round = make_round(area, leader, phase=phase, title=phase)
        entry = costed(budget_round, resident, f"Idé {phase}", 10)
        response = post(client, f"/budget/{budget_round.id}/ballot", {"choice": [entry.id]})
        assert response.status_code == 409, phase
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Ballot)) == 0


def test_nobody_sees_anothers_ballot(client, area, voting):
    budget_round, (a, b, *_rest) = voting
    first, second = voters(area, 2)
    sign_in_as(client, first)
    post(client, f"/budget/{budget_round.id}/ballot", {"choice": [a.id, b.id]})
    sign_in_as(client, second)
    page = client.get(f"/budget/{budget_round.id}/ballot").get_data(as_text=True)
    assert " checked" not in page and "0\xa0SEK of 120" in page


def test_an_assisted_ballot_is_the_residents_and_logged_by_role(client, area, leader, voting):
    budget_round, (a, *_rest) = voting
    (helped,) = voters(area, 1, "Hjälpt")
    sign_in_as(client, leader)
    assert post(client, f"/areas/{area.slug}/meeting-place/help/{helped.id}").status_code == 302
    response = post(client, f"/budget/{budget_round.id}/ballot", {"choice": [a.id]})
    assert response.status_code == 200 and "Ballot of Hjälpt 0" in response.get_data(as_text=True)
    ballot = db.session.scalar(sa.select(Ballot))
    assert (ballot.person_id, ballot.channel, ballot.entered_by_id) == (
        helped.id,
        BallotChannel.ASSISTED,
        leader.id,
    )
    logged = db.session.scalars(
        sa.select(ModerationDecision.decision).where(
            ModerationDecision.decision == Decision.ASSIST_BALLOT
        )
    ).all()
    assert logged == [Decision.ASSIST_BALLOT]


def test_paper_ballots_count_once_a_second_leader_confirms(client, area, leader, voting):
    budget_round, (a, b, *_rest) = voting
    second = make_person("Second Leader")
    give_role(second, area, Role.LEADER)
    (paper_voter,) = voters(area, 1, "Pappersröst")
    sign_in_as(client, leader)
    path = f"/budget/{budget_round.id}/paper"
    assert "Pappersröst 0" in client.get(path + "?q=Pappers").get_data(as_text=True)
    assert post(client, path, {"person": paper_voter.id, "choice": [a.id, b.id]}).status_code == 302
    ballot = db.session.scalar(sa.select(Ballot))
    assert ballot.channel is BallotChannel.PAPER and not ballot.counts
    again = post(client, path, {"person": paper_voter.id, "choice": [a.id]})
    assert again.status_code == 409 and "already voted" in again.get_data(as_text=True)
    response = post(client, f"/budget/paper/{ballot.id}/confirm")
    assert response.status_code == 409  # not by the leader who entered it
    sign_in_as(client, second)
    assert post(client, f"/budget/paper/{ballot.id}/confirm").status_code == 302
    db.session.expire_all()
    ballot = db.session.get(Ballot, ballot.id)
    assert ballot.counts and ballot.confirmed_by_id == second.id
    (told,) = notices(NotificationKind.BUDGET_PAPER_COUNTED)
    assert told.person_id == paper_voter.id and told.detail.endswith("Gårdsbudget 2027")
    assert post(client, f"/budget/paper/{ballot.id}/confirm").status_code == 409


def test_a_resident_cannot_enter_or_confirm_paper_ballots(client, area, voting):
    budget_round, (a, *_rest) = voting
    (voter,) = voters(area, 1)
    sign_in_as(client, voter)
    path = f"/budget/{budget_round.id}/paper"
    assert client.get(path).status_code == 403
    assert post(client, path, {"person": voter.id, "choice": [a.id]}).status_code == 403


# --- The count and the result ------------------------------------------------------------------


def _cast(budget_round, people, chosen):
    for person in people:
        ballot = Ballot(round_id=budget_round.id, person_id=person.id)
        db.session.add(ballot)
        db.session.flush()
        for entry in chosen:
            db.session.add(BallotChoice(ballot_id=ballot.id, costed_idea_id=entry.id))
    db.session.commit()


@pytest.fixture
def counted_round(client, area, leader, resident):
    """Budget 120; A 64, B 40, D 40. Six ballots approve A and D, two A alone, four B.
    Greedy: A (8 approvals) then D (6): 104; B (4) no longer fits in 16.
    Equal shares: 10 kr per ballot. A costs its 8 supporters 8 each (64/8) — cheapest per
    krona; then D's 6 supporters have 2 each left (12 < 40): out of reach; B's 4 supporters pay
    10 each. Funded: A and B (104)."""
    budget_round = make_round(area, leader, phase="counting")
    a = costed(budget_round, resident, "A-idé", 64)
    b = costed(budget_round, resident, "B-idé", 40)
    d = costed(budget_round, resident, "D-idé", 40)
    _cast(budget_round, voters(area, 6, "AD"), [a, d])
    _cast(budget_round, voters(area, 2, "A"), [a])
    _cast(budget_round, voters(area, 4, "B"), [b])
    sign_in_as(client, leader)
    assert post(client, f"/budget/{budget_round.id}/count").status_code == 302
    return budget_round, a, b, d


def test_the_count_funds_by_the_rounds_rule_and_tells_every_author(counted_round):
    budget_round, a, b, d = counted_round
    db.session.expire_all()
    funded = {c.idea.title for c in db.session.scalars(sa.select(CostedIdea)) if c.funded}
    assert funded == {"A-idé", "B-idé"}
    assert db.session.get(CostedIdea, a.id).approvals == 8
    assert db.session.get(CostedIdea, a.id).idea.status is IdeaStatus.IN_PROGRESS
    assert db.session.get(CostedIdea, d.id).idea.status is IdeaStatus.PUBLISHED
    assert len(notices(NotificationKind.BUDGET_FUNDED)) == 2
    assert len(notices(NotificationKind.BUDGET_NOT_FUNDED)) == 1


def test_the_result_explains_both_rules_side_by_side(client, counted_round):
    budget_round, *_ideas = counted_round
    page = client.get(f"/budget/{budget_round.id}/result").get_data(as_text=True)
    deciding = page.index("Decided: Method of Equal Shares")
    other = page.index("For comparison: Most approvals first")
    assert deciding < other
    equal_shares, greedy = page[deciding:other], page[other:]
    assert equal_shares.index("A-idé") < equal_shares.index("B-idé") < equal_shares.index("D-idé")
    assert "paid for it together from their equal shares, about 8\xa0SEK each" in equal_shares
    assert "had only 12\xa0SEK left of their equal shares" in equal_shares
    assert greedy.index("D-idé") < greedy.index("B-idé")
    assert "only 16\xa0SEK were left: less than its cost of 40\xa0SEK" in greedy
    assert "12 ballots counted." in page


def test_the_result_as_csv_and_print(client, counted_round):
    budget_round, *_ideas = counted_round
    response = client.get(f"/budget/{budget_round.id}/result.csv")
    rows = csv_rows(response)
    assert rows[0][:3] == ["Idea", "Cost (kronor)", "Approvals"]
    by_title = {row[0]: row for row in rows[1:]}
    assert by_title["A-idé"][1:4] == ["64", "8", "Yes"]
    assert by_title["D-idé"][3] == "No" and by_title["D-idé"][5] == "Yes"
    page = client.get(f"/budget/{budget_round.id}/result/print").get_data(as_text=True)
    assert "Result: Gårdsbudget 2027" in page and "A-idé" in page


def test_counting_waits_for_voting_to_close_and_happens_once(client, area, leader, voting):
    budget_round, _ideas = voting
    sign_in_as(client, leader)
    response = post(client, f"/budget/{budget_round.id}/count")
    assert response.status_code == 409 and "once voting has closed" in response.get_data(
        as_text=True
    )
    assert client.get(f"/budget/{budget_round.id}/result").status_code == 404


def test_only_a_leader_counts(client, area, leader, resident):
    budget_round = make_round(area, leader, phase="counting")
    costed(budget_round, resident, "A-idé", 64)
    sign_in_as(client, resident)
    assert post(client, f"/budget/{budget_round.id}/count").status_code == 403
    db.session.expire_all()
    assert db.session.get(BudgetRound, budget_round.id).counted_at is None


def test_channels_with_fewer_than_five_ballots_are_not_shown(client, counted_round):
    budget_round, *_ideas = counted_round
    page = client.get(f"/budget/{budget_round.id}/result").get_data(as_text=True)
    table = page[page.index("Ballots by channel") :]
    assert "<td>12</td>" in table  # own phone: 12 (every ballot of the fixture)
    assert "<td>0</td>" in table


def test_the_ballot_and_round_pages_make_a_fixed_number_of_queries(client, area, leader, resident):
    from tests.queries import queries

    budget_round = make_round(area, leader, phase="voting")
    round_id, resident_id = budget_round.id, resident.id
    (voter,) = voters(area, 1)
    sign_in_as(client, voter)
    for k in range(2):
        costed(budget_round, resident, f"Idé {k}", 10 + k)
    sizes = []
    for n, path in enumerate((f"/budget/{round_id}/ballot", f"/budget/{round_id}")):
        _, small = queries(client, "GET", path)
        author = db.session.get(Person, resident_id)
        for k in range(10):
            costed(db.session.get(BudgetRound, round_id), author, f"Idé {n}-{k}", 20 + k)
        status, large = queries(client, "GET", path)
        assert status == 200 and len(large) == len(small), path
        sizes.append(len(small))
    assert all(n < 25 for n in sizes), sizes


def test_a_partner_that_took_the_idea_on_checks_it_too(client, area, leader, resident):
    from app.models.partners import LinkStatus, PartnerLink
    from tests.partners.factories import make_partner, make_rep

    budget_round = make_round(area, leader, phase="checking")
    taken, other = (
        costed(budget_round, resident, "Läxhjälp", 40, feasible=None),
        costed(budget_round, resident, "Grillplats", 40, feasible=None),
    )
    partner = make_partner("Studieförbundet", areas=[area])
    rep = make_rep(partner, "Rep Studie")
    db.session.add(
        PartnerLink(idea_id=taken.idea_id, partner_id=partner.id, status=LinkStatus.ACCEPTED)
    )
    db.session.commit()
    sign_in_as(client, rep)
    page = client.get(f"/budget/{budget_round.id}").get_data(as_text=True)
    assert f"/budget/ideas/{taken.id}/check" in page
    assert f"/budget/ideas/{other.id}/check" not in page
    assert (
        post(
            client, f"/budget/ideas/{other.id}/check", {"feasible": "yes", "cost": "40"}
        ).status_code
        == 403
    )
    response = post(client, f"/budget/ideas/{taken.id}/check", {"feasible": "yes", "cost": "35"})
    assert response.status_code == 302
    log = client.get(f"/areas/{area.slug}/moderation-log").get_data(as_text=True)
    assert "Partner representative" in log and "Rep Studie" not in log


def test_the_result_follows_the_funded_ideas_up(client, counted_round):
    budget_round, a, _b, _d = counted_round
    page = client.get(f"/budget/{budget_round.id}/result").get_data(as_text=True)
    assert page.count("Now: In progress") == 2  # the funded ideas of the deciding rule
    round_page = client.get(f"/budget/{budget_round.id}").get_data(as_text=True)
    assert "<strong>120\xa0SEK</strong> · Result" in round_page
    db.session.get(BudgetRound, budget_round.id).follow_up_on = today()
    db.session.get(CostedIdea, a.id).idea.status = IdeaStatus.DONE
    db.session.commit()
    round_page = client.get(f"/budget/{budget_round.id}").get_data(as_text=True)
    assert "Follow-up of the funded ideas" in round_page
    page = client.get(f"/budget/{budget_round.id}/result").get_data(as_text=True)
    assert "Now: Done" in page and "Now: In progress" in page


def test_voting_does_not_open_while_an_idea_costs_more_than_a_lowered_amount(
    client, area, leader, resident
):
    budget_round = make_round(area, leader, phase="checking", amount=1000)
    costed(budget_round, resident, "Dyr", 900)
    budget_round.voting_from = today()
    budget_round.amount = 500
    db.session.commit()
    sign_in_as(client, leader)
    response = post(client, f"/budget/{budget_round.id}/open")
    assert response.status_code == 409 and "check it again" in response.get_data(as_text=True)
