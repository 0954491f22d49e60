import pytest

from app import create_app
from app.config import ConfigError, load_config


def test_development_generates_secret_key_once(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    first = load_config(str(tmp_path))
    second = load_config(str(tmp_path))
    assert len(first["SECRET_KEY"]) == 64
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert first["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/grannlabb.sqlite"


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY and DATABASE_URL"),
        ({"SECRET_KEY": "k" * 40}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgresql://db/grannlabb"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_settings(tmp_path, monkeypatch, env, missing):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("GRANNLABB_ENV", "production")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError, match=f"{missing} is not set"):
        create_app()
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_short_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("GRANNLABB_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "short")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/grannlabb")
    with pytest.raises(ConfigError, match="too short"):
        load_config(str(tmp_path))


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@db/g", "postgresql+psycopg://u:p@db/g"),
        ("postgresql://u:p@db/g", "postgresql+psycopg://u:p@db/g"),
        ("postgresql+psycopg://u@db/g", "postgresql+psycopg://u@db/g"),
    ],
)
def test_database_url_uses_psycopg(tmp_path, monkeypatch, given, used):
    monkeypatch.setenv("DATABASE_URL", given)
    assert load_config(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == used


def test_senders_are_chosen_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.se")
    monkeypatch.setenv("SMS_API_URL", "https://api.46elks.com/a1/sms")
    config = load_config(str(tmp_path))
    assert config["MAIL_BACKEND"] == "smtp" and config["SMS_BACKEND"] == "http"


def test_production_has_no_demo_sign_in(make_app):
    app = make_app(GRANNLABB_ENV="production")
    client = app.test_client()
    assert client.get("/try").status_code == 404
    assert client.post("/try/1").status_code in (400, 404)
    assert "/try" not in client.get("/").get_data(as_text=True)
