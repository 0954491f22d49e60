"""The demo premises' loaders, by the names their importers use (rows in app.demo.rows)."""

from app.demo.loader import load_association_bookings as _association_bookings
from app.demo.loader import load_premises as seed_demo_premises

__all__ = ["_association_bookings", "seed_demo_premises"]
