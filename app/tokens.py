"""Secrets handed to people (sign-in links, codes, sessions, calendar links): made here, and
stored only as a keyed hash, so a copy of the database opens nothing."""

import hashlib
import hmac
import secrets

from flask import current_app

TOKEN_BYTES = 32


def new_token(nbytes: int = TOKEN_BYTES) -> str:
    """A random, URL-safe secret."""
    return secrets.token_urlsafe(nbytes)


def digest(value: str) -> str:
    """The keyed hash (HMAC-SHA256 with the app's secret key) under which a secret is stored."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
