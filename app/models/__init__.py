"""Typed SQLAlchemy models, one module per domain."""

from app.models import (  # noqa: F401  (register their tables)
    agreements,
    assisted,
    associations,
    premises,
    programmes,
    results,
    rounds,
    schoolcalendar,
    translations,
    worker,
)
from app.models.activities import Activity, Audience, Registration, RegistrationStatus
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
from app.models.jobs import ApplicationStatus, Job, JobApplication
from app.models.notifications import Notification, NotificationKind
from app.models.partners import LinkStatus, Partner, PartnerKind, PartnerLink, PartnerRepresentative
from app.models.people import LoginCode, LoginLink, Person, SignIn
from app.models.shifts import (
    ConsentDecision,
    GuardianConsent,
    GuardianDecision,
    Shift,
    ShiftSignup,
    SignupStatus,
    Workplace,
)

__all__ = [
    "ApplicationStatus",
    "Job",
    "JobApplication",
    "ConsentDecision",
    "GuardianConsent",
    "GuardianDecision",
    "Activity",
    "Agenda",
    "AgendaItem",
    "Area",
    "AreaRole",
    "AuditEntry",
    "Audience",
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
    "SignIn",
    "Registration",
    "RegistrationStatus",
    "Report",
    "ReportReason",
    "Role",
    "Shift",
    "ShiftSignup",
    "SignupStatus",
    "Vote",
    "Workplace",
]
