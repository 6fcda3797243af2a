"""A request id on every request: bound to the log context and echoed in X-Request-ID."""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, request

from records import logs

HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(lambda _error: logs.unbind("request_id"))


def _start() -> None:
    sent = request.headers.get(HEADER, "")
    # nginx passes its $request_id; anything else odd is replaced, never logged as sent.
    g.request_id = sent if _SAFE_ID.match(sent) else uuid.uuid4().hex
    logs.bind(request_id=g.request_id)


def _finish(response: Response) -> Response:
    response.headers.setdefault(HEADER, g.get("request_id", ""))
    return response
