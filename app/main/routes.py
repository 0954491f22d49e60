import sqlalchemy as sa
from flask import (
    Blueprint,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from app import translation
from app.auth.forms import ConfirmForm
from app.extensions import db, limiter
from app.i18n import is_supported, remember_language
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
