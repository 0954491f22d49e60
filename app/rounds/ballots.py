"""Approval ballots: one per resident and round, changeable while voting is open.

A ballot approves any number of the round's feasible ideas; the page shows the running total of
their costs against the round's amount (a ballot may approve more than the amount: the count
decides what fits). Three channels: the resident's own (phone), at the meeting place with a
leader helping (assisted, in the public moderation log by role), and paper ballots entered by
a leader, which count only once a second leader has confirmed them. Under simultaneous
submissions the ballot row is inserted once (unique per person) and its choices are replaced
under the row's lock, so a double tap or two devices leave exactly one ballot.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.locking import insert_or_not, lock_row
from app.models import Decision, Person
from app.models.notifications import NotificationKind
from app.models.rounds import Ballot, BallotChannel, BallotChoice, BudgetRound, CostedIdea
from app.models.util import utcnow
from app.notifications.services import notify
from app.refusals import Refused
from app.rounds import services


@dataclass(frozen=True)
class Total:
    chosen: int  # kronor: the costs of the approved ideas added up
    amount: int  # the round's amount

    @property
    def left(self) -> int:
        return self.amount - self.chosen

    @property
    def over(self) -> bool:
        return self.chosen > self.amount


def ballot_of(budget_round: BudgetRound, person: Person) -> Ballot | None:
    if not person.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(Ballot).where(Ballot.round_id == budget_round.id, Ballot.person_id == person.id)
    )


def choices_of(ballot: Ballot | None) -> set[int]:
    if ballot is None:
        return set()
    return set(
        db.session.scalars(
            sa.select(BallotChoice.costed_idea_id).where(BallotChoice.ballot_id == ballot.id)
        )
    )


def total(
    budget_round: BudgetRound, costed: Collection[CostedIdea], chosen: Collection[int]
) -> Total:
    return Total(sum(c.cost or 0 for c in costed if c.id in chosen), budget_round.amount)


def _checked_choices(budget_round: BudgetRound, chosen: Collection[int]) -> set[int]:
    wanted = set(chosen)
    if not wanted:
        return set()
    feasible = set(
        db.session.scalars(
            sa.select(CostedIdea.id).where(
                CostedIdea.round_id == budget_round.id,
                CostedIdea.feasible.is_(True),
                CostedIdea.id.in_(wanted),
            )
        )
    )
    if feasible != wanted:
        raise Refused(_l("Choose among the ideas on this ballot."), 422)
    return wanted


def _insert_ballot_once(budget_round: BudgetRound, person: Person, channel, entered_by) -> None:
    db.session.execute(
        insert_or_not(Ballot)
        .values(
            round_id=budget_round.id,
            person_id=person.id,
            channel=channel,
            entered_by_id=entered_by.id if entered_by else None,
            created_at=utcnow(),
            updated_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["round_id", "person_id"])
    )


def cast(
    budget_round: BudgetRound,
    person: Person,
    chosen: Collection[int],
    helper: Person | None = None,
) -> Ballot:
    """The person's ballot now approves exactly ``chosen`` (ids of costed ideas), by their own
    hand or with ``helper`` at the meeting place. Replaces their earlier ballot."""
    if not services.voting_open(budget_round):
        raise Refused(_l("Voting is not open in this round."), 409)
    services.check_voter(budget_round, person)
    wanted = _checked_choices(budget_round, chosen)
    channel = BallotChannel.ASSISTED if helper is not None else BallotChannel.PHONE
    _insert_ballot_once(budget_round, person, channel, helper)
    ballot = ballot_of(budget_round, person)
    lock_row(Ballot, ballot.id, Ballot.updated_at)
    _replace_choices(ballot, wanted)
    ballot.channel = channel
    ballot.entered_by_id = helper.id if helper else None
    ballot.confirmed_by_id = ballot.confirmed_at = None
    ballot.updated_at = utcnow()
    if helper is not None:
        services.log(budget_round, helper, Decision.ASSIST_BALLOT)
    db.session.commit()
    return ballot


def _replace_choices(ballot: Ballot, wanted: set[int]) -> None:
    db.session.execute(sa.delete(BallotChoice).where(BallotChoice.ballot_id == ballot.id))
    if wanted:
        db.session.execute(
            sa.insert(BallotChoice),
            [{"ballot_id": ballot.id, "costed_idea_id": c} for c in sorted(wanted)],
        )


# --- Paper ballots ---------------------------------------------------------------------------


def enter_paper(
    budget_round: BudgetRound, leader: Person, person: Person, chosen: Collection[int]
) -> Ballot:
    """A leader enters a resident's paper ballot; it counts once another leader confirms it.
    Refused when the resident already has a ballot (a transcription never overrides one)."""
    services.require_leader(leader, budget_round.area)
    if not services.voting_open(budget_round):
        raise Refused(_l("Voting is not open in this round."), 409)
    services.check_voter(budget_round, person)
    wanted = _checked_choices(budget_round, chosen)
    ballot = Ballot(
        round_id=budget_round.id,
        person_id=person.id,
        channel=BallotChannel.PAPER,
        entered_by_id=leader.id,
    )
    db.session.add(ballot)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise Refused(_l("This resident has already voted in this round."), 409) from None
    _replace_choices(ballot, wanted)
    db.session.commit()
    return ballot


def _unconfirmed_query(budget_round: BudgetRound) -> sa.Select:
    return sa.select(Ballot).where(
        Ballot.round_id == budget_round.id,
        Ballot.channel == BallotChannel.PAPER,
        Ballot.confirmed_at.is_(None),
    )


def unconfirmed_count(budget_round: BudgetRound) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(_unconfirmed_query(budget_round).subquery())
    )


def unconfirmed(budget_round: BudgetRound) -> list[Ballot]:
    query = _unconfirmed_query(budget_round).options(sa.orm.joinedload(Ballot.person))
    return list(db.session.scalars(query.order_by(Ballot.id)))


def confirm_paper(ballot: Ballot, leader: Person) -> None:
    """A second leader confirms a paper ballot as entered: it counts from now."""
    budget_round = db.session.get(BudgetRound, ballot.round_id)
    services.require_leader(leader, budget_round.area)
    if ballot.channel is not BallotChannel.PAPER or ballot.confirmed_at is not None:
        raise Refused(_l("This paper ballot is already confirmed."), 409)
    if ballot.entered_by_id == leader.id:
        raise Refused(
            _l("Another leader than the one who entered it confirms a paper ballot."), 409
        )
    if not services.voting_open(budget_round):
        raise Refused(_l("Voting is not open in this round."), 409)
    claimed = db.session.execute(
        sa.update(Ballot)
        .where(Ballot.id == ballot.id, Ballot.confirmed_at.is_(None))
        .values(confirmed_at=utcnow(), confirmed_by_id=leader.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise Refused(_l("This paper ballot is already confirmed."), 409)
    services.log(budget_round, leader, Decision.PAPER_BALLOT)
    notify(
        ballot.person_id,
        NotificationKind.BUDGET_PAPER_COUNTED,
        detail=f"{budget_round.id}\n{budget_round.title}",
    )
    db.session.commit()


def discard_paper(ballot: Ballot, leader: Person) -> None:
    """A paper ballot entered wrongly is removed before it is confirmed (then entered again)."""
    budget_round = db.session.get(BudgetRound, ballot.round_id)
    services.require_leader(leader, budget_round.area)
    if ballot.channel is not BallotChannel.PAPER or ballot.confirmed_at is not None:
        raise Refused(_l("Only a paper ballot not yet confirmed can be removed."), 409)
    db.session.delete(ballot)
    db.session.commit()


# --- For the count ---------------------------------------------------------------------------


def counted(budget_round: BudgetRound) -> list[tuple[BallotChannel, set[int]]]:
    """Every ballot that counts, with its channel and approvals (paper: confirmed only)."""
    rows = db.session.execute(
        sa.select(Ballot.id, Ballot.channel, BallotChoice.costed_idea_id)
        .outerjoin(BallotChoice, BallotChoice.ballot_id == Ballot.id)
        .where(
            Ballot.round_id == budget_round.id,
            sa.or_(Ballot.channel != BallotChannel.PAPER, Ballot.confirmed_at.is_not(None)),
        )
        .order_by(Ballot.id)
    )
    ballots: dict[int, tuple[BallotChannel, set[int]]] = {}
    for ballot_id, channel, costed_id in rows:
        entry = ballots.setdefault(ballot_id, (BallotChannel(channel), set()))
        if costed_id is not None:
            entry[1].add(costed_id)
    return list(ballots.values())
