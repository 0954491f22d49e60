"""gunicorn's settings for Grannlabb: ``gunicorn -c python:app.gunicorn_conf 'app:create_app()'``.

The number of workers comes from WEB_CONCURRENCY (as gunicorn's own default does); before any
worker starts, more than one of them without a shared rate-limit store is refused, whether the
number came from the environment or from ``--workers``.
"""

import os

from app.config import check_shared_state

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
graceful_timeout = 30
accesslog = None  # the app logs one line per request itself


def on_starting(server) -> None:
    check_shared_state(server.cfg.workers, os.environ.get("RATELIMIT_STORAGE_URI", "memory://"))
