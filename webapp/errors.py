"""Error pages: a clear message, never a traceback."""

from __future__ import annotations

import logging
import math

from flask import Flask, current_app, g, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import Forbidden, HTTPException

from indexer.engine import OncePerInterval, SearchUnavailable
from records.errors import NotAllowed, RuleError
from webapp.extensions import login_manager
from webapp.labels import message

#: An engine that is away is reported once a minute, not on every request that meets it.
log = logging.getLogger(__name__)
log.addFilter(OncePerInterval())
#: Retry-After of a 503 when the engine just failed (the circuit breaker gives its own).
SEARCH_RETRY_AFTER_S = 5


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(RuleError, _refused)
    app.register_error_handler(SearchUnavailable, _search_down)
    app.register_error_handler(OperationalError, _database_down)
    app.register_error_handler(InterfaceError, _database_down)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _http_error(err: HTTPException) -> ResponseReturnValue:
    messages = {
        400: _("Yêu cầu không hợp lệ."),
        403: _("Bạn không có quyền truy cập nội dung này."),
        404: _("Không tìm thấy trang hoặc tài liệu."),
        413: _("Tệp quá lớn: vượt quá giới hạn tải lên."),
        429: _("Quá nhiều yêu cầu, vui lòng thử lại sau."),
    }
    message = messages.get(err.code or 500, err.description or "")
    # What the exception says in headers stays (Allow on a 405, Retry-After on a 429).
    headers = [(k, v) for k, v in err.get_headers() if k.lower() != "content-type"]
    if _wants_json():
        return jsonify(error=err.name, message=message), err.code, headers
    return render_template("error.html", code=err.code, message=message), err.code, headers


def _refused(err: RuleError) -> ResponseReturnValue:
    """A rule refused the request (its work is rolled back with the error answer): the API
    answers 422 with the rule's code, a page 400; a refusal of the policy is a 403."""
    session = g.get("db_session")
    if session is not None:
        session.rollback()  # the error page must not flush what the refusal left half done
    if isinstance(err, NotAllowed):
        return _http_error(Forbidden())
    if request.path.startswith("/api/"):
        return jsonify(error=err.code, message=message(err), detail=err.params), 422
    return render_template("error.html", code=400, message=message(err)), 400


def _search_down(err: SearchUnavailable) -> ResponseReturnValue:
    log.error("search unavailable: %s", str(err).splitlines()[0][:300])
    message = _("Dịch vụ tìm kiếm đang tạm ngừng; tài liệu tải lên vẫn được lưu an toàn.")
    headers = {"Retry-After": str(max(1, math.ceil(err.retry_after or SEARCH_RETRY_AFTER_S)))}
    if _wants_json():
        return jsonify(error="search unavailable", message=message), 503, headers
    return render_template("error.html", code=503, message=message), 503, headers


def _database_down(err: OperationalError | InterfaceError) -> ResponseReturnValue:
    """The database went away mid-request (restart, failover): say so, and let the next
    request try again — the pool checks connections before use, so no restart is needed."""
    current_app.logger.error("database unavailable: %s", str(err).splitlines()[0])
    # The page must not ask the database who is signed in: render it as for a visitor.
    g._login_user = login_manager.anonymous_user()
    message = _("Cơ sở dữ liệu đang tạm ngừng; vui lòng thử lại sau ít phút.")
    headers = {"Retry-After": "10"}
    if _wants_json():
        return jsonify(error="database unavailable", message=message), 503, headers
    return render_template("error.html", code=503, message=message), 503, headers
