"""Error pages: a clear message, never a traceback."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from indexer.engine import SearchUnavailable


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(SearchUnavailable, _search_down)


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
    if _wants_json():
        return jsonify(error=err.name, message=message), err.code
    return render_template("error.html", code=err.code, message=message), err.code


def _search_down(err: SearchUnavailable) -> ResponseReturnValue:
    current_app.logger.error("search unavailable: %s", err)
    message = _("Dịch vụ tìm kiếm đang tạm ngừng; tài liệu tải lên vẫn được lưu an toàn.")
    if _wants_json():
        return jsonify(error="search unavailable", message=message), 503
    return render_template("error.html", code=503, message=message), 503
