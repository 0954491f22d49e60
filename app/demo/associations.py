"""Demo associations."""


def seed_demo_associations() -> None:
    """Filled in by the associations work."""
