"""Backup and restore: into an empty database every table comes back with its rows, and the
uploaded images with them (SQLite's backup API, or pg_dump/pg_restore on PostgreSQL)."""

import os

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from app import backups
from app.demo.loader import seed_demo
from app.extensions import db
from tests.conftest import _postgres_database


def _empty_database(source_url: str, tmp_path) -> str:
    url = make_url(source_url)
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite'}"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return _postgres_database(os.environ["TEST_DATABASE_URL"], f"{worker}_restore")


def _tables(engine) -> dict[str, tuple[int, tuple | None]]:
    """Each table's row count and its first row (by its first column)."""
    found = {}
    with engine.connect() as connection:
        for table in sa.inspect(engine).get_table_names():
            reflected = sa.Table(table, sa.MetaData(), autoload_with=connection)
            count = connection.scalar(sa.select(sa.func.count()).select_from(reflected))
            first = connection.execute(
                sa.select(reflected)
                .order_by(*reflected.primary_key.columns or reflected.c)
                .limit(1)
            ).first()
            found[table] = (count, tuple(first) if first else None)
    return found


def test_a_backup_restores_every_table_and_the_images(app, make_app, tmp_path):
    seed_demo()
    uploads = tmp_path / "uploads"
    (uploads / "ideas").mkdir(parents=True)
    (uploads / "ideas" / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
    app.config["UPLOAD_FOLDER"] = str(uploads)
    db.session.remove()
    archive = backups.backup(tmp_path / "backup.tar.gz")
    assert archive.stat().st_size > 0
    source = _tables(db.engine)
    assert source["idea"][0] > 0 and source["person"][0] > 0

    target_url = _empty_database(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path)
    restored_uploads = tmp_path / "restored-uploads"
    other = make_app(SQLALCHEMY_DATABASE_URI=target_url, UPLOAD_FOLDER=str(restored_uploads))
    with other.app_context():
        assert sa.inspect(db.engine).get_table_names() == []  # empty before
        backups.restore(archive)
        assert _tables(db.engine) == source  # every table: its count and a sample row
        db.engine.dispose()
    assert (restored_uploads / "ideas" / "photo.jpg").read_bytes() == b"\xff\xd8 a photo"
