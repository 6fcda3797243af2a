"""The Flask application factory."""

from __future__ import annotations

from flask import Flask

from records.config import Settings, load_settings
from webapp import api, db_session, errors, i18n, navigation, observability, security
from webapp.blueprints import auth, main, ops
from webapp.extensions import csrf
from webapp.services import Services


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_upload_mb * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.production,
        BABEL_DEFAULT_LOCALE="vi",
        WTF_CSRF_TIME_LIMIT=None,
        TESTING=settings.environment == "testing",
    )
    app.extensions["hoso"] = Services.create(settings)
    observability.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    db_session.init_app(app)
    navigation.init_app(app)
    auth.init_app(app)
    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(ops.bp)
    return app
