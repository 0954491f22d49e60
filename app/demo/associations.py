"""The demo associations' names and their loader, by the names their importers use."""

from app.demo.loader import load_associations as seed_demo_associations
from app.demo.rows.associations import CAFE, WOMEN, YOUTH

__all__ = ["CAFE", "WOMEN", "YOUTH", "seed_demo_associations"]
