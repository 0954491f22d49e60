"""The demo's entry point: ``seed_demo`` loads every row of app.demo.rows; the areas and people."""

from app.demo.loader import demo_people, seed_demo
from app.demo.rows.people import AREAS, DEMO_ADDRESSES, PEOPLE, REPRESENTATIVES

__all__ = ["AREAS", "DEMO_ADDRESSES", "PEOPLE", "REPRESENTATIVES", "demo_people", "seed_demo"]
