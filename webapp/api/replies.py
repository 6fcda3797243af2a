"""Answers the document endpoints share: the JSON error shape and the visible-or-404 rule."""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from records import policy
from records.models import Document
from webapp.db_session import db_session


def error_reply(code: str, message: str, status: int) -> ResponseReturnValue:
    return jsonify(error=code, message=message), status


def visible_document(document_id: int) -> Document | None:
    """The document if it exists and the user may see it; otherwise None (answer 404, so
    a document's existence does not leak)."""
    document = db_session().get(Document, document_id)
    if document is None or not policy.may_see(current_user, document):
        return None
    return document


def not_found() -> ResponseReturnValue:
    return error_reply("not_found", _("Không tìm thấy trang hoặc tài liệu."), 404)
