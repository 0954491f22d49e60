"""Small request helpers shared by the blueprints."""


def safe_next(target: str | None) -> str | None:
    """A local path to return to, or None when the target could lead off-site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
