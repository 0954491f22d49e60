import json
from pathlib import Path

import sqlalchemy as sa
from flask import (
    Blueprint,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_login import current_user

from app import translation
from app.auth.forms import ConfirmForm
from app.extensions import db, limiter
from app.i18n import is_supported, remember_language, text_direction
from app.main.services import next_steps
from app.models import Area
from app.models.util import utcnow
from app.models.worker import last_beat
from app.web import safe_next

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    areas = db.session.scalars(sa.select(Area).order_by(Area.name)).all()
    shown = next_steps(current_user) if current_user.is_authenticated else None
    return render_template("main/home.html", areas=areas, next=shown)


@bp.get("/privacy")
def privacy():
    """What Grannlabb keeps, who sees it, and what is sent where (from this server's setup)."""
    config = current_app.config
    return render_template(
        "main/privacy.html",
        translation_service=translation.service_name(),
        sms=config.get("SMS_BACKEND") == "http",
        mail=config.get("MAIL_BACKEND") == "smtp",
    )


@bp.get("/healthz")
@limiter.exempt
def healthz():
    """Liveness and database reachability, for load balancers and monitoring."""
    try:
        db.session.execute(sa.text("SELECT 1"))
        reachable = True
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        reachable = False
    return jsonify(status="ok" if reachable else "degraded", database=reachable), (
        200 if reachable else 503
    )


# On the phone's home screen: the manifest, the icons, the service worker and its offline page.


@bp.get("/manifest.webmanifest")
@limiter.exempt
def manifest():
    """The web app manifest, in the visitor's language."""
    from flask_babel import get_locale
    from flask_babel import gettext as _

    code = str(get_locale())
    icon = lambda name, size, purpose="any": {  # noqa: E731
        "src": url_for("static", filename=f"icons/{name}"),
        "sizes": size,
        "type": "image/png",
        "purpose": purpose,
    }
    body = {
        "name": "Grannlabb",
        "short_name": "Grannlabb",
        "description": _("Residents run their own neighbourhood development."),
        "lang": code,
        "dir": text_direction(code),
        "start_url": url_for("main.home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b6e4f",
        "icons": [
            icon("icon-192.png", "192x192"),
            icon("icon-512.png", "512x512"),
            icon("icon-maskable-512.png", "512x512", "maskable"),
        ],
    }
    response = current_app.response_class(
        json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json"
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/sw.js")
@limiter.exempt
def service_worker():
    """Served from the root so that it may answer for every page of the site."""
    response = send_from_directory(current_app.static_folder, "sw.js", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/favicon.ico")
@limiter.exempt
def favicon():
    return send_from_directory(
        Path(current_app.static_folder) / "icons", "favicon.ico", max_age=86400
    )


@bp.get("/offline")
def offline():
    """What the service worker shows without a connection (fetched without cookies, in the
    language it is asked for: never a personal page)."""
    from flask_babel import force_locale

    code = request.args.get("lang")
    if not is_supported(code):
        return render_template("main/offline.html")
    with force_locale(code):
        return render_template("main/offline.html", lang=code, dir=text_direction(code))


@bp.get("/readyz")
@limiter.exempt
def readyz():
    """Ready to serve: the database answers, the shared rate-limit store (Redis) answers when
    one is set, and a worker has beaten recently (``READY_WORKER_MAX_AGE`` seconds, 0 for a
    deployment that runs the tasks from cron instead)."""
    checks = {}
    try:
        db.session.execute(sa.text("SELECT 1"))
        checks["database"] = True
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        checks["database"] = False
    storage = current_app.config.get("RATELIMIT_STORAGE_URI", "memory://")
    if not storage.startswith("memory://"):
        try:
            checks["rate_limit_store"] = bool(limiter.storage.check())
        except Exception:  # noqa: BLE001 - any failure of the store means not ready
            checks["rate_limit_store"] = False
    max_age = int(current_app.config.get("READY_WORKER_MAX_AGE", 120))
    age = None
    if checks["database"]:
        beat = last_beat()
        age = None if beat is None else round((utcnow() - beat).total_seconds())
    if max_age:
        checks["worker"] = age is not None and age <= max_age
    ready = all(checks.values())
    return jsonify(status="ready" if ready else "not ready", worker_heartbeat_age=age, **checks), (
        200 if ready else 503
    )


@bp.route("/language", methods=["GET", "POST"])
def language():
    """Choose the language. Always a full page load, so ``<html lang dir>`` changes too."""
    form = ConfirmForm()
    back = safe_next(request.values.get("next")) or url_for("main.home")
    if request.method == "POST":
        code = request.form.get("lang")
        if not form.validate_on_submit() or not is_supported(code):
            return render_template("main/language.html", form=form, back=back), 400
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
        response = make_response(redirect(back))
        remember_language(response, code)
        return response
    return render_template("main/language.html", form=form, back=back)
