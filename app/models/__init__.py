"""Typed SQLAlchemy models, one module per domain."""

from app.models.agendas import Agenda, AgendaItem
from app.models.areas import Area, AreaRole, InviteBatch, InviteCode, Role
from app.models.audit import AuditEntry
from app.models.ideas import (
    Category,
    Comment,
    Decision,
    EventKind,
    HideReason,
    Idea,
    IdeaEvent,
    IdeaStatus,
    ModerationDecision,
    Report,
    ReportReason,
    Vote,
)
from app.models.notifications import Notification, NotificationKind
from app.models.partners import LinkStatus, Partner, PartnerKind, PartnerLink, PartnerRepresentative
from app.models.people import LoginCode, LoginLink, Person

__all__ = [
    "Agenda",
    "AgendaItem",
    "Area",
    "AreaRole",
    "AuditEntry",
    "Category",
    "Comment",
    "Decision",
    "EventKind",
    "HideReason",
    "Idea",
    "IdeaEvent",
    "IdeaStatus",
    "InviteBatch",
    "InviteCode",
    "LinkStatus",
    "LoginCode",
    "LoginLink",
    "ModerationDecision",
    "Notification",
    "NotificationKind",
    "Partner",
    "PartnerKind",
    "PartnerLink",
    "PartnerRepresentative",
    "Person",
    "Report",
    "ReportReason",
    "Role",
    "Vote",
]
