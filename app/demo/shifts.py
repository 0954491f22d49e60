"""The demo café's names, by the names their importers use (rows in app.demo.rows.shifts)."""

from app.demo.rows.shifts import CAFE, SUPERVISOR_ACCOUNT

__all__ = ["CAFE", "SUPERVISOR_ACCOUNT"]
