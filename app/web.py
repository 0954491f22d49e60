"""Small request helpers shared by the blueprints."""

import unicodedata
from enum import Enum
from typing import TypeVar
from urllib.parse import unquote, urlsplit

from flask import request

E = TypeVar("E", bound=Enum)

NEXT_MAX_LENGTH = 2000


def _local_path(text: str) -> bool:
    """A path on this site as a browser would read it: no scheme, no host, nothing hidden."""
    if not text.startswith("/") or text.startswith("//") or "\\" in text:
        return False
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        return False  # browsers drop tabs and line breaks: "/\t/evil" would become "//evil"
    parts = urlsplit(text)
    # "//" inside the path could become the start after "/x/..//evil" is resolved.
    return not parts.scheme and not parts.netloc and "//" not in parts.path


def safe_next(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None (the one check of every redirect
    target taken from a request).

    The target, its percent-decoded forms and their compatibility forms (a full-width
    slash is a slash to some browsers) must all be local paths.
    """
    if not isinstance(target, str) or not target or len(target) > NEXT_MAX_LENGTH:
        return None
    readings = [target]
    for _ in range(3):
        decoded = unquote(readings[-1])
        if decoded == readings[-1]:
            break
        readings.append(decoded)
    readings += [unicodedata.normalize("NFKC", r) for r in readings]
    return target if all(_local_path(r) for r in readings) else None


def wants_fragment() -> bool:
    """An htmx request for a piece of the page (boosted navigation wants the whole page)."""
    return (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"
    )


def member_of(kind: type[E], value: str | None) -> E | None:
    """The member of the enum ``kind`` whose value a request sent, or None."""
    return next((member for member in kind if member.value == value), None)
