"""The demo partners' profiles, by the name their importers use (rows in app.demo.rows)."""

from app.demo.rows.agreements import PROFILES

__all__ = ["PROFILES"]
