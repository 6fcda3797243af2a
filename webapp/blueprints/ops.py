"""Endpoints for the machines that run hoso: liveness, readiness and Prometheus metrics.

``/livez`` and ``/readyz`` are open without sign-in and reveal nothing but which service
is unreachable. ``/metrics`` holds counts, not content; it asks for a bearer token when
``HOSO_METRICS_TOKEN`` is set, and without one answers only a scraper on the same machine.
"""

from __future__ import annotations

import hmac
import ipaddress

from flask import Blueprint, Response, abort, jsonify, request
from flask.typing import ResponseReturnValue

from webapp import metrics
from webapp.health import check_all
from webapp.services import services

bp = Blueprint("ops", __name__)


@bp.get("/livez")
def livez() -> ResponseReturnValue:
    """The process answers requests; nothing else is checked."""
    return jsonify(status="alive")


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Database, broker and search engine are all reachable: send this process traffic."""
    states = check_all(services())
    failing = sorted(state.name for state in states if not state.ok)
    if failing:
        return jsonify(status="not ready", failing=failing), 503
    return jsonify(status="ready")


@bp.get("/metrics")
def prometheus() -> ResponseReturnValue:
    token = services().settings.metrics_token
    if token:
        sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(sent.encode(), token.encode()):
            abort(401)
    elif not _local_scraper():
        abort(403)
    body, content_type = metrics.exposition(services())
    return Response(body, content_type=content_type)


def _local_scraper() -> bool:
    """Without ``HOSO_METRICS_TOKEN``, only a scraper on this machine reads the metrics: the
    peer is loopback and no proxy forwarded the request (nginx adds X-Forwarded-For)."""
    peer = request.remote_addr or ""
    try:
        loopback = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        return False
    return (
        loopback and "X-Forwarded-For" not in request.headers and "Forwarded" not in request.headers
    )
