"""Shared state only in shared services: production with more than one process refuses memory
rate limits, and the limits hold across processes on a real Redis server."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from app import gunicorn_conf
from app.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[1]
REDIS = shutil.which("redis-server")
REQUIRE_REDIS = os.environ.get("GRANNLABB_REQUIRE_REDIS") == "1"


def _production(monkeypatch, **env):
    monkeypatch.setenv("GRANNLABB_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/grannlabb")
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def test_several_processes_without_a_shared_store_are_refused(tmp_path, monkeypatch):
    _production(monkeypatch, WEB_CONCURRENCY="4")
    with pytest.raises(ConfigError, match="RATELIMIT_STORAGE_URI"):
        load_config(str(tmp_path))
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://localhost:6379/0")
    assert load_config(str(tmp_path))["WEB_CONCURRENCY"] == 4
    _production(monkeypatch, WEB_CONCURRENCY="1")
    assert load_config(str(tmp_path))["RATELIMIT_STORAGE_URI"] == "memory://"


def test_gunicorn_refuses_several_workers_without_a_shared_store(monkeypatch):
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    with pytest.raises(ConfigError):
        gunicorn_conf.on_starting(SimpleNamespace(cfg=SimpleNamespace(workers=3)))
    gunicorn_conf.on_starting(SimpleNamespace(cfg=SimpleNamespace(workers=1)))
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://localhost:6379/0")
    gunicorn_conf.on_starting(SimpleNamespace(cfg=SimpleNamespace(workers=3)))


@pytest.fixture
def redis_url(tmp_path):
    if REDIS is None:
        if REQUIRE_REDIS:
            pytest.fail("redis-server is not installed (apt-get install redis-server)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            REDIS,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(10)


OTHER_PROCESS = """
import sys
from app import create_app
app = create_app({
    "TESTING": True,
    "SECRET_KEY": "other-process-" + "x" * 32,
    "SQLALCHEMY_DATABASE_URI": sys.argv[1],
    "RATELIMIT_STORAGE_URI": sys.argv[2],
    "RATELIMIT_ENABLED": True,
    "LIMIT_TRANSLATE": "3 per hour",
})
client = app.test_client()
print(" ".join(str(client.get("/translations/idea/999999?to=en").status_code) for _ in range(2)))
"""


def test_limits_are_counted_together_by_processes_sharing_redis(make_app, redis_url):
    app = make_app(
        RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=redis_url, LIMIT_TRANSLATE="3 per hour"
    )
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    other = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, database, redis_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "GRANNLABB_ENV": "development"},
    )
    assert other.returncode == 0, other.stderr
    assert other.stdout.split() == ["404", "404"]  # two of the three, in another process
    client = app.test_client()
    assert client.get("/translations/idea/999999?to=en").status_code == 404  # the third
    assert client.get("/translations/idea/999999?to=en").status_code == 429  # over, here
    ready = client.get("/readyz").json
    assert ready["rate_limit_store"] is True
