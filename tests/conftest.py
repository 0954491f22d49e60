"""Fixtures: an app per test on a schema created once per worker, SQLite or PostgreSQL.

Set ``TEST_DATABASE_URL`` to a PostgreSQL server URL to run the suite there: each xdist
worker gets its own database, created fresh (``TEST_DATABASE_PREFIX`` keeps several runs apart).
"""

import csv
import io
import os
import re
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import g
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from app.models import Area, AreaRole, Notification, Person, Role, SignIn
from app.models.util import utcnow
from app.senders import SendError
from app.shifts import guardians
from app.tokens import digest, new_token

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
GUARDIAN_LINK = re.compile(r"/guardian/([A-Za-z0-9_-]+)")


def _postgres_database(base_url: str, worker: str) -> str:
    import psycopg

    url = make_url(base_url)
    name = f"grannlabb_test_{os.environ.get('TEST_DATABASE_PREFIX', '')}{worker}"
    admin = url.set(drivername="postgresql", database=url.database or "postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(drivername="postgresql+psycopg", database=name).render_as_string(
        hide_password=False
    )


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id):
    base = os.environ.get("TEST_DATABASE_URL")
    if base:
        return _postgres_database(base, worker_id)
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


@pytest.fixture(scope="session")
def test_config(database_url, tmp_path_factory):
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-" + "x" * 32,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "BASE_URL": "http://localhost",
        "UPLOAD_FOLDER": str(tmp_path_factory.mktemp("uploads")),
        "MAIL_BACKEND": "console",
        "SMS_BACKEND": "console",
        "RESULTS_MAX_AGE": 0,  # results count live; tests/results/test_summaries.py keeps them
    }


@pytest.fixture(scope="session")
def _schema(test_config):
    app = create_app(test_config)
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()
    return True


def _fresh_g():
    """Tests hold an app context open, which requests would share; give each request its own g."""
    g.__dict__.clear()


@pytest.fixture
def app(test_config, _schema):
    app = create_app(test_config)
    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_g)
    with app.app_context():
        yield app
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def make_app(test_config, _schema):
    """Build extra apps with changed settings; their database connections close afterwards."""
    apps = []

    def build(**overrides):
        app = create_app({**test_config, **overrides})
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app):
    """A browser whose language is English, so tests can read the messages."""
    client = app.test_client()
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def server(app):
    """The test's app served in a thread on a free port (see ``tests/live.py``)."""
    app.config["RATELIMIT_ENABLED"] = False
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_port
    srv.shutdown()
    thread.join(timeout=10)
    srv.server_close()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(client, path="/") -> str:
    """The CSRF token of the client's session, read from a page's meta tag."""
    page = client.get(path).get_data(as_text=True)
    return CSRF_META.search(page).group(1)


def csv_rows(response) -> list[list[str]]:
    """A CSV download read back as Excel reads it: UTF-8 with a BOM, ``;`` between cells where
    the language writes a decimal comma (Swedish), ``,`` otherwise."""
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff"), "no BOM: Excel would not read it as UTF-8"
    body = text[1:]
    delimiter = ";" if ";" in body.splitlines()[0] else ","
    return list(csv.reader(io.StringIO(body), dialect="excel", delimiter=delimiter))


def post(client, path, data=None, **kwargs):
    """POST a form with the session's CSRF token, as a browser would."""
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_token(client))
    return client.post(path, data=data, **kwargs)


def session_key(person_id: int) -> str:
    """A new sign-in of the person. It goes through the test's own session and is
    committed with whatever the test changed before, so that no second connection waits
    on the test's write lock (SQLite), and without expiring the objects the test holds."""
    secret = new_token()
    db.session.add(
        SignIn(
            person_id=person_id,
            secret_hash=digest(secret),
            created_at=utcnow(),
            expires_at=utcnow() + timedelta(days=30),
        )
    )
    session = db.session()
    keep, session.expire_on_commit = session.expire_on_commit, False  # objects stay loaded
    try:
        session.commit()
    finally:
        session.expire_on_commit = keep
    return f"{person_id}:{secret}"


def sign_in_as(client, person: Person) -> None:
    key = session_key(person.id)
    with client.session_transaction() as session:
        session["_user_id"] = key
        session["_fresh"] = True


def make_person(
    name="Test Person", email=None, phone=None, birth_year=1990, locale="en", admin=False
) -> Person:
    if email is None and phone is None:
        email = (
            re.sub(r"\W+", ".", name.lower()) + f".{db.session.query(Person).count()}@test.example"
        )
    person = Person(
        display_name=name,
        email=email,
        phone=phone,
        birth_year=birth_year,
        locale=locale,
        is_admin=admin,
    )
    db.session.add(person)
    db.session.commit()
    return person


def make_area(slug="boden", name=None) -> Area:
    area = Area(slug=slug, name=name or slug.title(), municipality=f"{slug.title()} kommun")
    db.session.add(area)
    db.session.commit()
    return area


def give_role(person: Person, area: Area, role: Role, verified=False) -> AreaRole:
    area_role = AreaRole(
        person_id=person.id, area_id=area.id, role=role, verified_at=utcnow() if verified else None
    )
    db.session.add(area_role)
    db.session.commit()
    return area_role


@pytest.fixture
def area(app):
    return make_area("boden", "Boden")


@pytest.fixture
def other_area(app):
    return make_area("portalen", "Portalen")


@pytest.fixture
def leader(area):
    person = make_person("Karin Leader")
    give_role(person, area, Role.LEADER)
    return person


@pytest.fixture
def resident(area):
    person = make_person("Amina Resident", phone="+46701740605")
    give_role(person, area, Role.RESIDENT)
    return person


class Outbox:
    """Where guardian links go in tests (the ``outbox`` fixture); ``fail`` makes sending fail."""

    def __init__(self):
        self.sent = []
        self.fail = False

    def send(self, to, subject, body):
        if self.fail:
            raise SendError("down")
        self.sent.append((to, subject, body))

    def token(self, k=-1):
        return GUARDIAN_LINK.search(self.sent[k][2]).group(1)


@pytest.fixture
def outbox(monkeypatch):
    box = Outbox()
    monkeypatch.setattr(guardians, "sender_for", lambda address: box)
    return box


@pytest.fixture
def workplace(area):
    """The area's youth café (``tests/test_shifts.py`` makes it)."""
    from tests.shifts.factories import make_workplace

    return make_workplace(area)


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def notices(kind) -> list[Notification]:
    """The notices of one kind, oldest first, read afresh from the database."""
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(Notification).where(Notification.kind == kind).order_by(Notification.id)
        )
    )
