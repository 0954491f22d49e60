"""Typed SQLAlchemy models, one module per domain."""

from app.models.areas import Area, AreaRole, InviteBatch, InviteCode, Role
from app.models.audit import AuditEntry
from app.models.people import LoginCode, LoginLink, Person

__all__ = [
    "Area",
    "AreaRole",
    "AuditEntry",
    "InviteBatch",
    "InviteCode",
    "LoginCode",
    "LoginLink",
    "Person",
    "Role",
]
