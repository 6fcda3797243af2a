"""The Flask application factory."""

from __future__ import annotations

from flask import Flask

from records.config import Settings, load_settings
from webapp import api, db_session, errors, i18n, labels, navigation, security
from webapp.api import documents as _documents_api  # noqa: F401 - declares its routes
from webapp.blueprints import auth, documents, main
from webapp.extensions import csrf
from webapp.services import Services

#: Bytes of multipart framing and form fields allowed on top of the largest file.
FORM_OVERHEAD = 64 * 1024


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        # A file of the full allowed size still fits, with its form fields around it.
        MAX_CONTENT_LENGTH=settings.max_upload_mb * 1024 * 1024 + FORM_OVERHEAD,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.production,
        BABEL_DEFAULT_LOCALE="vi",
        BABEL_DEFAULT_TIMEZONE="Asia/Ho_Chi_Minh",
        WTF_CSRF_TIME_LIMIT=None,
        TESTING=settings.environment == "testing",
    )
    app.extensions["hoso"] = Services.create(settings)
    i18n.init_app(app)
    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    db_session.init_app(app)
    navigation.init_app(app)
    labels.init_app(app)
    auth.init_app(app)
    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    documents.init_app(app)
    app.register_blueprint(api.bp)
    return app
