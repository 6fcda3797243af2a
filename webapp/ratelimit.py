"""Rate limits on signing in, per client address and per account (Flask-Limiter, Redis).

One limiter per app, counting in the broker's Redis so every web process shares the
counts; if Redis is unreachable the limiter counts in memory instead of failing sign-in.
"""

from __future__ import annotations

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from records.config import Settings

#: Sign-in steps whose POSTs are limited.
LIMITED = ("auth.login", "auth.second_factor")


def _account_key() -> str:
    return "account:" + request.form.get("username", "").strip().lower()[:64]


def init_app(app: Flask, settings: Settings) -> Limiter:
    """Limit the sign-in views of ``app`` (call after the blueprints are registered)."""
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=settings.broker_url,
        key_prefix=f"hoso-limits-{settings.queue}",
        in_memory_fallback_enabled=True,
        headers_enabled=True,
        swallow_errors=True,
    )
    rate = settings.login_rate_limit
    for endpoint in LIMITED:
        view = limiter.limit(rate, methods=["POST"])(app.view_functions[endpoint])
        if endpoint == "auth.login":
            view = limiter.limit(rate, methods=["POST"], key_func=_account_key)(view)
        app.view_functions[endpoint] = view
    return limiter
