"""Demo agreements."""


def seed_demo_agreements() -> None:
    """Filled in by the agreements work."""
