"""The TOTP second factor (RFC 6238, 30-second steps, as in every authenticator app)."""

from __future__ import annotations

import time

import pyotp

from records.models import User

ISSUER = "hoso"
#: Steps either side of now accepted, for clocks that drift a little.
DRIFT_STEPS = 1


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(username: str, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def matching_step(secret: str, code: str, *, now: float | None = None) -> int | None:
    """The time step whose code equals ``code`` (within the drift), or None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    moment = time.time() if now is None else now
    for offset in range(-DRIFT_STEPS, DRIFT_STEPS + 1):
        at = moment + offset * totp.interval
        if pyotp.utils.strings_equal(totp.at(at), code):
            return int(at // totp.interval)
    return None


def verify(user: User, code: str, *, now: float | None = None) -> bool:
    """Check a code for ``user``; a code (its time step) is accepted only once."""
    if not user.totp_secret:
        return False
    step = matching_step(user.totp_secret, code, now=now)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True
