"""Real simultaneous work for the concurrency tests, on SQLite and PostgreSQL.

Two ways in, both released at the same moment by a barrier:

- ``fire`` / ``post_together``: POSTs through the app served by werkzeug in a thread (the
  ``server`` fixture of ``tests/conftest.py``, one thread per request); every person has their
  own signed session cookie and CSRF token from ``credentials``.
- ``run_together``: functions called in threads, each in its own app context (its own session
  and database connection), as a command or a route would call a service.
"""

import http.client
import threading
import urllib.parse

from app.extensions import db
from tests.conftest import CSRF_META, sign_in_as


def credentials(app, person):
    """A signed-in session cookie and the CSRF token that goes with it."""
    client = app.test_client()
    client.set_cookie("lang", "en")
    sign_in_as(client, person)
    page = client.get("/").get_data(as_text=True)
    token = CSRF_META.search(page).group(1)
    return client.get_cookie("session").value, token


def _together(count, work):
    """Call ``work(index)`` in ``count`` threads and wait for all of them."""
    threads = [threading.Thread(target=work, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def post_together(port, requests):
    """POST every (path, cookie, token[, form fields]) at the same moment.

    Returns a (status, body) pair for each request, in order; a request that failed gives
    (error, "") so that the caller's assertion shows it.
    """
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def send(index):
        path, cookie, token, *fields = requests[index]
        body = urllib.parse.urlencode(
            {"csrf_token": token, **(fields[0] if fields else {})}, doseq=True
        )
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.connect()
            barrier.wait()
            conn.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"session={cookie}; lang=en",
                },
            )
            response = conn.getresponse()
            results[index] = (response.status, response.read().decode())
        except Exception as error:  # collected and asserted on
            results[index] = (error, "")
        finally:
            conn.close()

    _together(len(requests), send)
    return results


def fire(port, requests):
    """POST every (path, cookie, token[, form fields]) at the same moment; the status codes."""
    return [status for status, _body in post_together(port, requests)]


def run_together(app, functions):
    """Run the functions in threads released at the same moment; return results or errors."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def worker(index):
        with app.app_context():
            barrier.wait()
            try:
                results[index] = functions[index]()
            except Exception as error:  # collected and asserted on by the caller
                results[index] = error
            finally:
                db.session.remove()

    _together(len(functions), worker)
    return results
