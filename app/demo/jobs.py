"""The demo summer jobs' workplaces, by the names their importers use (rows in app.demo.rows)."""

from app.demo.loader import summer_year
from app.demo.rows.jobs import CAFE, PARK, YOUTH_CENTRE

__all__ = ["CAFE", "PARK", "YOUTH_CENTRE", "summer_year"]
