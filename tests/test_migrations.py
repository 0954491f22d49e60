"""The committed migrations build exactly the schema the models describe."""

import os

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from tests.conftest import _postgres_database


def test_migrations_match_models(tmp_path, test_config, worker_id):
    base = os.environ.get("TEST_DATABASE_URL")
    url = (
        _postgres_database(base, f"{worker_id}_migrations")
        if base
        else f"sqlite:///{tmp_path}/migrated.sqlite"
    )
    app = create_app({**test_config, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        assert diff == []
        downgrade(revision="base")
        with db.engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_calendar_links_made_before_hashing_keep_working(tmp_path, test_config):
    url = f"sqlite:///{tmp_path}/calendar.sqlite"
    app = create_app({**test_config, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="36eb0aae1a9b")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO person (display_name, locale, is_admin, created_at, "
                    "calendar_token) VALUES ('Amina', 'sv', false, '2026-01-01', 'old-link')"
                )
            )
        upgrade(revision="5a2acb222ea2")
        from app.activities.calendars import person_by_calendar_token

        assert person_by_calendar_token("old-link").display_name == "Amina"
        assert person_by_calendar_token("other-link") is None
        db.session.remove()
        db.engine.dispose()
