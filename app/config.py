"""Configuration from environment variables, with safe development defaults."""

import os
import secrets
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    """The configuration cannot run the app; the message says what to set."""


def _database_url(value: str) -> str:
    """Accept the common ``postgres://`` spelling and use the psycopg 3 driver."""
    if value.startswith("postgres://"):
        value = "postgresql://" + value[len("postgres://") :]
    if value.startswith("postgresql://"):
        value = "postgresql+psycopg://" + value[len("postgresql://") :]
    return value


def _dev_secret_key(instance_path: str) -> str:
    """Generate a secret key once into ``instance/`` so sessions survive restarts."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def check_shared_state(processes: int, storage: str) -> None:
    """More than one process needs the rate limits in a shared store (Redis), or each
    process would count on its own and allow that many times the limit."""
    if processes > 1 and storage.startswith("memory://"):
        raise ConfigError(
            f"Grannlabb would run in {processes} processes with its rate limits kept in each "
            "process's memory. Set RATELIMIT_STORAGE_URI to a shared store, for example "
            "redis://localhost:6379/0 (Debian's redis-server), then start again."
        )


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    """Build the config mapping: defaults < environment < explicit overrides."""
    env = os.environ
    overrides = overrides or {}
    mode = overrides.get("GRANNLABB_ENV", env.get("GRANNLABB_ENV", "development"))
    production = mode == "production"
    config: dict = {
        "GRANNLABB_ENV": mode,
        "SECRET_KEY": env.get("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL"),
        "BABEL_DEFAULT_LOCALE": "sv",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
        "BABEL_TRANSLATION_DIRECTORIES": "../translations",
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "MAX_CONTENT_LENGTH": 6 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        # How many processes serve the app (gunicorn reads the same variable): with more than
        # one, counts kept in memory would be per process, so production wants a shared store.
        "WEB_CONCURRENCY": int(env.get("WEB_CONCURRENCY", "1")),
        "RATELIMIT_HEADERS_ENABLED": True,
        "DEMO_SIGN_IN": not production,
        "UPLOAD_FOLDER": env.get("UPLOAD_FOLDER", str(Path(instance_path) / "uploads")),
        "BASE_URL": env.get("BASE_URL", "http://127.0.0.1:5000"),
        # How many reverse proxies (nginx, a load balancer) stand in front: their forwarded
        # client address is believed, so rate limits count per resident, not per proxy.
        "PROXIES": int(env.get("PROXIES", "0")),
        # Senders: "console" (development), "smtp" for email, "http" for SMS.
        "MAIL_BACKEND": env.get("MAIL_BACKEND", "smtp" if env.get("MAIL_SERVER") else "console"),
        "MAIL_SERVER": env.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(env.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": env.get("MAIL_USE_TLS", "") == "1",
        "MAIL_USERNAME": env.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD"),
        "MAIL_FROM": env.get("MAIL_FROM", "Grannlabb <noreply@grannlabb.localhost>"),
        # Error reports to Sentry (app/observability.py), off unless set.
        "SENTRY_DSN": env.get("SENTRY_DSN"),
        # /readyz wants a worker heartbeat this recent (seconds); 0 when the tasks run from cron.
        "READY_WORKER_MAX_AGE": int(env.get("READY_WORKER_MAX_AGE", "120")),
        # The results pages' counts are kept this many seconds (app/results/summaries.py);
        # the worker counts them again every few minutes. 0: every view counts live.
        "RESULTS_MAX_AGE": int(env.get("RESULTS_MAX_AGE", "600")),
        # Machine translation of residents' texts (app/translation.py): none, libretranslate
        # or google; nothing is sent anywhere unless it is set.
        "TRANSLATE_BACKEND": env.get("TRANSLATE_BACKEND", "none"),
        "TRANSLATE_URL": env.get("TRANSLATE_URL"),
        "TRANSLATE_API_KEY": env.get("TRANSLATE_API_KEY"),
        "TRANSLATE_TIMEOUT": float(env.get("TRANSLATE_TIMEOUT", "8")),
        "TRANSLATE_MAX_CHARS": int(env.get("TRANSLATE_MAX_CHARS", "5000")),
        "SMS_BACKEND": env.get("SMS_BACKEND", "http" if env.get("SMS_API_URL") else "console"),
        "SMS_API_URL": env.get("SMS_API_URL"),
        "SMS_API_USER": env.get("SMS_API_USER"),
        "SMS_API_PASSWORD": env.get("SMS_API_PASSWORD"),
        "SMS_FROM": env.get("SMS_FROM", "Grannlabb"),
    }
    config.update(overrides)

    if production:
        missing = [
            name
            for name, key in (
                ("SECRET_KEY", "SECRET_KEY"),
                ("DATABASE_URL", "SQLALCHEMY_DATABASE_URI"),
            )
            if not config.get(key)
        ]
        if missing:
            raise ConfigError(
                "Grannlabb runs with GRANNLABB_ENV=production but "
                + " and ".join(missing)
                + " is not set. Set SECRET_KEY to a long random value (for example the output "
                "of `python -c 'import secrets; print(secrets.token_hex(32))'`) and DATABASE_URL "
                "to the PostgreSQL database, then start again."
            )
        if len(config["SECRET_KEY"]) < 32:
            raise ConfigError(
                "SECRET_KEY is too short for production: use at least 32 random characters."
            )
        check_shared_state(config["WEB_CONCURRENCY"], config["RATELIMIT_STORAGE_URI"])
    else:
        config["SECRET_KEY"] = config.get("SECRET_KEY") or _dev_secret_key(instance_path)
        config["SQLALCHEMY_DATABASE_URI"] = config.get("SQLALCHEMY_DATABASE_URI") or (
            "sqlite:///" + str(Path(instance_path) / "grannlabb.sqlite")
        )
    config["SQLALCHEMY_DATABASE_URI"] = _database_url(config["SQLALCHEMY_DATABASE_URI"])
    return config
