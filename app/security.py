"""Security headers and translated error pages."""

from html import escape

from flask import current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.extensions import db
from app.i18n import text_direction

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


def init_app(app) -> None:
    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        # One URL may answer a full page or an htmx fragment; caches must keep them apart.
        response.vary.add("HX-Request")
        if app.config["GRANNLABB_ENV"] == "production":
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

    messages = {
        400: lambda: _("The request could not be understood. Go back and try again."),
        403: lambda: _("You do not have permission to do this."),
        404: lambda: _("We could not find that page."),
        405: lambda: _("That is not possible here."),
        413: lambda: _("The file is too large."),
        429: lambda: _("Too many attempts. Wait a while and try again."),
        500: lambda: _("Something went wrong on our side. Try again in a little while."),
    }

    def render_error(code: int, message: str | None = None):
        if request.path.startswith("/healthz"):
            return jsonify(error=code), code
        return (
            render_template("errors/error.html", code=code, message=message or messages[code]()),
            code,
        )

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400, _("The form had expired or was not sent from this site. Reload and try again.")
        )

    @app.errorhandler(HTTPException)
    def http_error(error):
        code = error.code if error.code in messages else 400
        if error.code and error.code < 400:
            return error
        return render_error(code)

    @app.errorhandler(500)
    def server_error(error):
        # After a database error the session's transaction is aborted (PostgreSQL refuses
        # every further query in it); the page's own queries need a fresh one.
        try:
            db.session.rollback()
        except Exception:  # noqa: BLE001  (the database may be gone altogether)
            current_app.logger.exception("Rollback before the error page failed")
        try:
            return render_error(500)
        except Exception:  # noqa: BLE001
            current_app.logger.exception("The error page could not be rendered")
            return _bare_error_page(), 500


def _bare_error_page() -> str:
    """The 500 page without templates, the signed-in person or the database."""
    fallback = "Something went wrong on our side. Try again in a little while."
    try:
        message = _("Something went wrong on our side. Try again in a little while.")
        from flask_babel import get_locale

        lang = str(get_locale() or "sv")
        direction = text_direction(lang)
    except Exception:  # noqa: BLE001  (the locale may need the database)
        message, lang, direction = fallback, "en", "ltr"
    return (
        f'<!doctype html><html lang="{escape(lang)}" dir="{direction}"><meta charset="utf-8">'
        f"<title>500 · Grannlabb</title><h1>{escape(message)}</h1>"
        '<p><a href="/">Grannlabb</a></p></html>'
    )
