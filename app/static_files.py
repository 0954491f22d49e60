"""Static files at content-hashed addresses, kept by browsers for a year, and compressed
responses.

Every file under ``static/`` is also served at ``/static/<hash>/<name>``, where the hash is
the first 12 hex digits of its SHA-256; ``url_for("static", filename=...)`` gives that
address. A changed file gets a new address, so each address can be cached as immutable and a
warm page view asks for nothing but the page. WhiteNoise (a kept library) serves them, with
the gzip and brotli variants written beside the copies when the app starts (in
``instance/static/``, atomically, so several processes may start at once). Pages, fragments,
JSON and CSV are compressed by Flask-Compress when the browser accepts it.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import tempfile
from pathlib import Path

from flask import Flask
from flask_compress import Compress
from whitenoise import WhiteNoise

HASH_LENGTH = 12
COMPRESSIBLE = {".css", ".js", ".svg", ".txt", ".json", ".webmanifest", ".map"}
HASHED = re.compile(rf"^/static/[0-9a-f]{{{HASH_LENGTH}}}/")
compress = Compress()


def _write(target: Path, data: bytes) -> None:
    """Write the file whole or not at all (another process may be writing it too)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, target)


def _variants(target: Path, data: bytes) -> None:
    if target.suffix not in COMPRESSIBLE:
        return
    _write(target.with_name(target.name + ".gz"), gzip.compress(data, 9, mtime=0))
    try:
        import brotli
    except ImportError:  # gzip only
        return
    _write(target.with_name(target.name + ".br"), brotli.compress(data))


def build(static_dir: Path, out_dir: Path) -> dict[str, str]:
    """Copy each static file to ``<out>/<hash>/<name>`` (with its compressed variants) once;
    returns name -> hashed name."""
    names = {}
    for path in sorted(static_dir.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        name = path.relative_to(static_dir).as_posix()
        data = path.read_bytes()
        hashed = f"{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}/{name}"
        target = out_dir / hashed
        if not target.exists():
            _variants(target, data)
            _write(target, data)  # last: its presence means the variants are there
        names[name] = hashed
    return names


def init_app(app: Flask) -> None:
    static_dir = Path(app.static_folder)
    out_dir = Path(app.instance_path) / "static"
    names = build(static_dir, out_dir)
    app.extensions["static_names"] = names

    @app.url_defaults
    def hashed_address(endpoint: str, values: dict) -> None:
        if endpoint == "static" and values.get("filename") in names:
            values["filename"] = names[values["filename"]]

    served = WhiteNoise(
        app.wsgi_app,
        max_age=60,  # an address without its hash may change: browsers check it again soon
        immutable_file_test=lambda _path, url: bool(HASHED.match(url)),
    )
    served.add_files(str(out_dir), prefix="static/")
    served.add_files(str(static_dir), prefix="static/")
    app.wsgi_app = served

    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    app.config.setdefault(
        "COMPRESS_MIMETYPES",
        [
            "text/html",
            "text/css",
            "text/csv",
            "text/plain",
            "application/json",
            "application/manifest+json",
            "text/javascript",
            "application/javascript",
            "image/svg+xml",
        ],
    )
    compress.init_app(app)
