"""Demo programmes."""


def seed_demo_programmes() -> None:
    """Filled in by the programmes work."""
