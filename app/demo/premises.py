"""Demo premises."""


def seed_demo_premises() -> None:
    """Filled in by the premises work."""
