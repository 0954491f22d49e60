"""Grannlabb: residents run their own neighbourhood development."""

from flask import Flask

from app.config import load_config


def create_app(config: dict | None = None) -> Flask:
    """Application factory; ``config`` overrides the environment (used by tests)."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    app.config.update(load_config(app.instance_path, config))

    from app import converters, i18n, observability, security, textinput

    converters.init_app(app)  # before any route is added: <int:…> is bounded
    textinput.init_app(app)
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    observability.init_app(app)

    from app import models  # noqa: F401  (register tables)
    from app.auth import init_login

    init_login(app)
    _enable_sqlite_wal(app)

    from app.account.routes import bp as account_bp
    from app.activities.routes import bp as activities_bp
    from app.admin.routes import bp as admin_bp
    from app.agendas.routes import bp as agendas_bp
    from app.agreements.routes import bp as agreements_bp
    from app.areas.routes import bp as areas_bp
    from app.assisted.routes import bp as assisted_bp
    from app.associations.routes import bp as associations_bp
    from app.auth.routes import bp as auth_bp
    from app.ideas.routes import bp as ideas_bp
    from app.jobs.routes import bp as jobs_bp
    from app.leader.routes import bp as leader_bp
    from app.main.routes import bp as main_bp
    from app.moderation.routes import bp as moderation_bp
    from app.notifications.routes import bp as notifications_bp
    from app.partners.routes import bp as partners_bp
    from app.premises.routes import bp as premises_bp
    from app.programmes.routes import bp as programmes_bp
    from app.results.routes import bp as results_bp
    from app.rounds.routes import bp as rounds_bp
    from app.shifts.calendar_routes import bp as school_calendar_bp
    from app.shifts.routes import bp as shifts_bp
    from app.translations.routes import bp as translations_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(areas_bp)
    app.register_blueprint(assisted_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(translations_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(partners_bp)
    app.register_blueprint(agendas_bp)
    app.register_blueprint(activities_bp)
    app.register_blueprint(shifts_bp)
    app.register_blueprint(school_calendar_bp)
    app.register_blueprint(jobs_bp)
    app.register_blueprint(leader_bp)
    app.register_blueprint(associations_bp)
    app.register_blueprint(premises_bp)
    app.register_blueprint(agreements_bp)
    app.register_blueprint(programmes_bp)
    app.register_blueprint(results_bp)
    app.register_blueprint(rounds_bp)
    if app.config["DEMO_SIGN_IN"]:
        from app.demo.routes import bp as demo_bp

        app.register_blueprint(demo_bp)

    from app.cli import register_cli

    register_cli(app)
    from app import static_files

    static_files.init_app(app)  # it wraps the whole app
    if proxies := app.config["PROXIES"]:
        # Behind that many reverse proxies: the client's address (for rate limits) and scheme
        # come from their X-Forwarded-For and X-Forwarded-Proto; otherwise never trusted.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    return app


def _enable_sqlite_wal(app: Flask) -> None:
    """SQLite: write-ahead log, foreign keys, and a busy timeout for concurrent writers."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    from sqlalchemy import event

    from app.extensions import db

    with app.app_context():

        @event.listens_for(db.engine, "connect")
        def set_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; no fsync per commit
            cursor.close()
