"""Response headers every page carries, and the refusal to run unsafely in production."""

from __future__ import annotations

from flask import Flask, Response

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


class UnsafeConfiguration(RuntimeError):
    pass


def init_app(app: Flask) -> None:
    services = app.extensions["hoso"]
    if services.settings.production and app.debug:
        raise UnsafeConfiguration("refusing to run in production with debug mode on")
    app.after_request(_headers)


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
