"""opinion: public-opinion intake and triage for Vietnamese communes and provinces."""
from pathlib import Path

from flask import Flask

from opinion.config import config_from_environment
from opinion.extensions import compress, csrf, db, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT_ROOT / "templates"
MIGRATIONS = PROJECT_ROOT / "migrations"


def create_app(config=None) -> Flask:
    """Application factory. `config` is a Config instance; by default it comes from the environment."""
    app = Flask(__name__, template_folder=str(TEMPLATES), instance_path=str(PROJECT_ROOT / "instance"))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_object(config or config_from_environment(Path(app.instance_path)))
    if app.config.get("BEHIND_PROXY"):
        # nginx in front: trust its X-Forwarded-For/-Proto (client address for rate limits,
        # https for secure cookies and HSTS).
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    _enable_sqlite_foreign_keys(app)

    from opinion import auth  # noqa: F401  (registers the user loader)
    from opinion.account import bp as account_bp
    from opinion.admin import bp as admin_bp
    from opinion.api import bp as api_bp
    from opinion.health import bp as health_bp
    from opinion.intake import bp as intake_bp
    from opinion.reports import bp as reports_bp
    from opinion.triage import bp as triage_bp

    app.register_blueprint(account_bp)
    app.register_blueprint(intake_bp)
    app.register_blueprint(triage_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(api_bp)
    csrf.exempt(api_bp)  # bearer tokens, never cookies: no CSRF surface

    from opinion import cli, logs, offline, pages
    offline.init_app(app)
    logs.init_app(app)
    pages.init_app(app)
    cli.init_app(app)
    return app


def _enable_sqlite_foreign_keys(app: Flask) -> None:
    from sqlalchemy import event

    with app.app_context():
        engine = db.engine
        if engine.dialect.name != "sqlite":
            return

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            # WAL lets readers work while a report is being written.
            cursor.execute("PRAGMA journal_mode=WAL")
            # A writer waits for another's commit instead of failing with "database is locked".
            cursor.execute("PRAGMA busy_timeout=15000")
            cursor.close()
