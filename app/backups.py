"""Backups: ``flask --app app backup <file>`` and ``flask --app app restore <file>``.

A backup is one ``.tar.gz`` holding the database and the uploaded images (``UPLOAD_FOLDER``):

- SQLite: a consistent copy made with SQLite's online backup API while the app runs
  (``database.sqlite``);
- PostgreSQL: ``pg_dump --format=custom`` (``database.dump``), restored with ``pg_restore``.

Restore expects an empty database (a new one, or after ``dropdb``/``createdb``) and puts the
images back; the migrations' version comes with the data.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from flask import current_app
from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    pass


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _libpq(url) -> str:
    """The URL as pg_dump and pg_restore read it (no SQLAlchemy driver name)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


def backup(target: Path) -> Path:
    url = _url()
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if url.get_backend_name() == "sqlite":
            database = work / "database.sqlite"
            source = sqlite3.connect(url.database)
            copy = sqlite3.connect(database)
            with copy:
                source.backup(copy)
            source.close()
            copy.close()
        else:
            database = work / "database.dump"
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={database}", _libpq(url)])
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(database, arcname=database.name)
            if uploads.is_dir():
                archive.add(uploads, arcname="uploads")
    return target


def restore(source: Path) -> None:
    url = _url()
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(work, filter="data")
        if url.get_backend_name() == "sqlite":
            saved = work / "database.sqlite"
            if not saved.exists():
                raise BackupError("This backup holds a PostgreSQL database, not SQLite.")
            copy = sqlite3.connect(saved)
            target = sqlite3.connect(url.database)
            with target:
                copy.backup(target)
            copy.close()
            target.close()
        else:
            saved = work / "database.dump"
            if not saved.exists():
                raise BackupError("This backup holds an SQLite database, not PostgreSQL.")
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--exit-on-error",
                    f"--dbname={_libpq(url)}",
                    str(saved),
                ]
            )
        if (work / "uploads").is_dir():
            shutil.copytree(work / "uploads", uploads, dirs_exist_ok=True)
