"""The Flask application factory: settings, extensions, blueprints and the API."""

from __future__ import annotations

from flask import Flask

from records.config import Settings, load_settings
from webapp import (
    api,
    db_session,
    errors,
    i18n,
    observability,
    ratelimit,
    routing,
    security,
    templating,
)
from webapp.api import accounts as api_accounts
from webapp.api import cases as api_cases
from webapp.api import documents as api_documents
from webapp.api import meetings as api_meetings
from webapp.api import notifications as api_notifications
from webapp.api import petitions as api_petitions
from webapp.api import plans as api_plans
from webapp.api import proposals as api_proposals
from webapp.api import reports as api_reports
from webapp.api import requests as api_requests
from webapp.api import scorecard as api_scorecard
from webapp.api import search as api_search
from webapp.api import transfers as api_transfers
from webapp.api import versions as api_versions
from webapp.api import vetting as api_vetting
from webapp.blueprints import (
    account,
    admin,
    audit,
    auth,
    bulk,
    calendar,
    case_codes,
    cases,
    documents,
    mailboxes,
    main,
    meetings,
    metadata_review,
    notifications,
    ops,
    petitions,
    plans,
    proposals,
    redactions,
    reports,
    requests,
    retention,
    scorecard,
    search,
    versions,
    vetting,
)
from webapp.extensions import csrf
from webapp.services import Services

#: API modules whose routes register on ``api.bp`` when imported.
API_MODULES = (
    api_accounts,
    api_cases,
    api_documents,
    api_meetings,
    api_notifications,
    api_petitions,
    api_plans,
    api_proposals,
    api_reports,
    api_requests,
    api_scorecard,
    api_search,
    api_transfers,
    api_versions,
    api_vetting,
)
#: Bytes of multipart framing and form fields allowed on top of the largest file.
FORM_OVERHEAD = 64 * 1024


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_NAME="hoso_session",
        # A file of the full allowed size still fits, with its form fields around it.
        MAX_CONTENT_LENGTH=settings.max_upload_mb * 1024 * 1024 + FORM_OVERHEAD,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.production,
        BABEL_DEFAULT_LOCALE="vi",
        WTF_CSRF_TIME_LIMIT=None,
        # CSRF is checked by auth's gate, which knows whether a request carries a session
        # (checked) or an API token (no cookie, nothing to forge).
        WTF_CSRF_CHECK_DEFAULT=False,
        TESTING=settings.environment == "testing",
    )
    app.extensions["hoso"] = Services.create(settings)
    routing.init_app(app)  # before any blueprint adds a rule with <int:...>
    observability.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    db_session.init_app(app)
    templating.init_app(app)
    auth.init_app(app)
    for blueprint in (
        main,
        auth,
        account,
        admin,
        case_codes,
        audit,
        cases,
        requests,
        notifications,
        search,
        petitions,
        calendar,
        reports,
        mailboxes,
        redactions,
        scorecard,
        documents,
        bulk,
        versions,
        metadata_review,
        retention,
        vetting,
        meetings,
        plans,
        proposals,
    ):
        app.register_blueprint(blueprint.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(ops.bp)
    ratelimit.init_app(app, settings)
    return app
