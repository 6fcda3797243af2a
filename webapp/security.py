"""Response headers every page carries, and the refusal to run unsafely in production."""

from __future__ import annotations

from flask import Flask, Response, current_app, request

from records.config import check_production_secret

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
HSTS = "max-age=31536000; includeSubDomains"


class UnsafeConfiguration(RuntimeError):
    """hoso refuses to start (or serve) in production with an unsafe setting."""


def init_app(app: Flask) -> None:
    settings = app.extensions["hoso"].settings
    if settings.production:
        check_production_secret(settings.secret_key)
        _refuse_debug(app)
        app.before_request(lambda: _refuse_debug(current_app))
    app.after_request(_headers)


def _refuse_debug(app: Flask) -> None:
    """Debug mode shows tracebacks and runs code sent from the browser: never in production.
    Checked at start and on each request, since a runner may switch it on after the factory."""
    if app.debug or app.testing:
        raise UnsafeConfiguration("refusing to run in production with debug or testing mode on")


def _headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if current_app.extensions["hoso"].settings.production:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static":
        # Pages carry what a user may see; no shared or back-button cache keeps them.
        headers.setdefault("Cache-Control", "no-store")
    return response
