"""Small request helpers shared by the blueprints."""

from flask import request


def safe_next(target: str | None) -> str | None:
    """A local path to return to, or None when the target could lead off-site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def wants_fragment() -> bool:
    """An htmx request for a piece of the page (boosted navigation wants the whole page)."""
    return (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"
    )
