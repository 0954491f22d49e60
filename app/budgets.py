"""Page weight: gzip bytes of a page's HTML plus the stylesheets it links (DESIGN.md §6)."""

import gzip
import re

from flask import Flask

PAGE_BUDGET = 14 * 1024  # HTML + CSS, gzip: fits the first round trip
OWN_JS_BUDGET = 2 * 1024

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_weight(app: Flask, path: str, client=None) -> dict:
    """Fetch ``path`` and return the gzip sizes of its HTML and CSS."""
    client = client or app.test_client()

    def fetch(url: str) -> bytes:
        with client.get(url) as response:
            return response.get_data()

    html = fetch(path)
    css = b"".join(fetch(href) for href in STYLESHEET.findall(html.decode()))
    return {"path": path, "html": gz(html), "css": gz(css), "total": gz(html) + gz(css)}
