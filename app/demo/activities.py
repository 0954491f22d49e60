"""The demo's youth and activities by the names their importers use (rows in app.demo.rows)."""

from app.demo.rows.activities import DEMO_YOUTH_COUNT, LINA_HAGE_YOUTH, RANNEBERGEN_YOUTH

__all__ = ["DEMO_YOUTH_COUNT", "LINA_HAGE_YOUTH", "RANNEBERGEN_YOUTH"]
