"""The demo programmes' figures, by the names their importers use (rows in app.demo.rows)."""

from app.demo.rows.programmes import DEMO_PARTICIPANTS_WITHOUT_ACCOUNT

__all__ = ["DEMO_PARTICIPANTS_WITHOUT_ACCOUNT"]
