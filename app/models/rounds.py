"""Residents' budget rounds: the round and its rules, the ideas costed for it, the ballots."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.areas import Area
from app.models.ideas import Idea, str_enum
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow

TITLE_MAX = 120
DEFAULT_MIN_AGE = 16


class CountingRule(enum.StrEnum):
    GREEDY = "greedy"  # most approvals first, skipping what no longer fits
    EQUAL_SHARES = "equal-shares"  # the Method of Equal Shares


class BallotChannel(enum.StrEnum):
    PHONE = "phone"  # the resident's own, on their phone or computer
    ASSISTED = "assisted"  # at the meeting place, a leader helping the resident who is there
    PAPER = "paper"  # a paper ballot entered by a leader, counted once a second leader confirms


class BudgetRound(db.Model):
    """An amount of the area's money that its residents decide on, with the round's rules.

    Phases by date: costed ideas are collected until ``ideas_until``, then leaders check them;
    a leader opens voting from ``voting_from`` (the rules freeze: ``frozen_at``), ballots are
    taken until ``voting_until``, then a leader counts (``counted_at``, ``outcome``) and the
    funded ideas are followed up until ``follow_up_on``.
    """

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    title: so.Mapped[str] = so.mapped_column(sa.String(TITLE_MAX))
    amount: so.Mapped[int]  # whole kronor
    # The idea categories that may enter (their values); empty: every category.
    categories: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    min_age: so.Mapped[int] = so.mapped_column(default=DEFAULT_MIN_AGE)
    rule: so.Mapped[CountingRule] = so.mapped_column(
        str_enum(CountingRule), default=CountingRule.EQUAL_SHARES
    )
    ideas_until: so.Mapped[date]
    voting_from: so.Mapped[date]
    voting_until: so.Mapped[date]  # the last day of voting (Swedish time)
    follow_up_on: so.Mapped[date | None]
    frozen_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    counted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    # The count under both rules (app.rounds.counting), as plain data.
    outcome: so.Mapped[dict | None] = so.mapped_column(sa.JSON)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    area: so.Mapped[Area] = so.relationship()


class CostedIdea(db.Model):
    """An idea in a budget round, with its cost estimate and a leader's check of it."""

    __table_args__ = (sa.UniqueConstraint("round_id", "idea_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    round_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("budget_round.id", ondelete="CASCADE"), index=True
    )
    idea_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("idea.id", ondelete="CASCADE"), index=True
    )
    estimate: so.Mapped[int]  # kronor, as proposed
    cost: so.Mapped[int | None]  # kronor, as checked by a leader; counted with this
    feasible: so.Mapped[bool | None]  # None: not checked yet
    reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")  # public
    checked_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    checked_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    added_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    approvals: so.Mapped[int] = so.mapped_column(default=0)  # after the count
    funded: so.Mapped[bool] = so.mapped_column(default=False)

    round: so.Mapped[BudgetRound] = so.relationship()
    idea: so.Mapped[Idea] = so.relationship()


class Ballot(db.Model):
    """One resident's approval ballot in a round: one per person, changeable while voting is
    open. A paper ballot counts once a second leader has confirmed it."""

    __table_args__ = (sa.UniqueConstraint("round_id", "person_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    round_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("budget_round.id", ondelete="CASCADE"), index=True
    )
    person_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    channel: so.Mapped[BallotChannel] = so.mapped_column(
        str_enum(BallotChannel), default=BallotChannel.PHONE
    )
    # The leader who helped at the meeting place, or who entered the paper ballot.
    entered_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    confirmed_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    confirmed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    person: so.Mapped[Person | None] = so.relationship(foreign_keys=[person_id])

    @property
    def counts(self) -> bool:
        return self.channel is not BallotChannel.PAPER or self.confirmed_at is not None


class BallotChoice(db.Model):
    """An idea a ballot approves."""

    ballot_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("ballot.id", ondelete="CASCADE"), primary_key=True
    )
    costed_idea_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("costed_idea.id", ondelete="CASCADE"), primary_key=True, index=True
    )
