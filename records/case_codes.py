"""Case codes handed out by hoso, after each body's pattern (``VV-BNCTU-2026-007``).

A pattern is text with placeholders: ``{kind}`` (VV for a vụ việc, VA for a vụ án),
``{body}`` (the body's abbreviation in capitals without diacritics), ``{year}`` and
``{serial}`` (one more than the highest serial of the codes the same pattern gave that
year, with at least :data:`SERIAL_DIGITS` digits). A body without its own pattern uses
:data:`DEFAULT_PATTERN`; an administrator sets one with :func:`set_pattern`. A code typed by
hand is kept as it is; a generated one is a proposal the user may change.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.audit import record
from records.errors import NotAllowed, RuleError
from records.models import Agency, Case, User
from records.policy import can_manage_users

KIND_PREFIXES = {"vu_viec": "VV", "vu_an": "VA"}
SERIAL_DIGITS = 3
DEFAULT_PATTERN = "{kind}-{body}-{year}-{serial}"
TOKENS = ("kind", "body", "year", "serial")
MAX_PATTERN = 48
#: What a pattern may hold between its placeholders (what a case code may hold, in ASCII).
LITERAL = re.compile(r"[A-Za-z0-9._/-]*")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def body_part(agency: Agency) -> str:
    """The body's abbreviation (else its code) in ASCII capitals: ``Tòa án`` → ``TOAAN``."""
    text = (agency.abbreviation or agency.code).replace("Đ", "D").replace("đ", "d")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", ascii_text).upper() or agency.code.upper()


def check_pattern(pattern: str) -> str:
    """The pattern, stripped, if it makes valid and distinct codes; else a RuleError.

    "" is accepted (the body goes back to the default pattern)."""
    pattern = pattern.strip()
    if not pattern:
        return ""
    if len(pattern) > MAX_PATTERN:
        raise RuleError("case_code.pattern_too_long", limit=MAX_PATTERN)
    names = PLACEHOLDER.findall(pattern)
    unknown = [name for name in names if name not in TOKENS]
    if unknown:
        raise RuleError("case_code.pattern_token", token=unknown[0])
    if names.count("serial") != 1:
        raise RuleError("case_code.pattern_serial")
    if not all(LITERAL.fullmatch(part) for part in PLACEHOLDER.split(pattern)[::2]):
        raise RuleError("case_code.pattern_chars")
    if not pattern[0].isalnum() and not pattern.startswith("{"):
        raise RuleError("case_code.pattern_chars")
    return pattern


def pattern_of(agency: Agency) -> str:
    return agency.case_code_pattern or DEFAULT_PATTERN


def _fill(pattern: str, agency: Agency, kind: str, year: int, serial: str) -> str:
    values = {
        "kind": KIND_PREFIXES.get(kind, "VV"),
        "body": body_part(agency),
        "year": str(year),
        "serial": serial,
    }
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], pattern)


def next_code(session: Session, agency: Agency, kind: str, today: date) -> str:
    """The next free code of ``agency`` for cases of ``kind`` opened in ``today``'s year."""
    marker = "\x00"
    prefix, suffix = _fill(pattern_of(agency), agency, kind, today.year, marker).split(marker)
    taken = session.scalars(
        select(Case.code).where(
            Case.code.startswith(prefix, autoescape=True),
            Case.code.endswith(suffix, autoescape=True),
        )
    )
    serials = [
        int(middle)
        for code in taken
        if len(code) > len(prefix) + len(suffix)
        and (middle := code[len(prefix) : len(code) - len(suffix)]).isdigit()
    ]
    return f"{prefix}{max(serials, default=0) + 1:0{SERIAL_DIGITS}d}{suffix}"


def example(agency: Agency, pattern: str, today: date) -> str:
    """The first code ``pattern`` would give ``agency`` this year (shown beside the form)."""
    return _fill(
        pattern or DEFAULT_PATTERN, agency, "vu_viec", today.year, "1".zfill(SERIAL_DIGITS)
    )


def set_pattern(session: Session, user: User, agency: Agency, pattern: str) -> None:
    """Change how ``agency``'s cases are numbered (administrators); existing codes stay."""
    if not can_manage_users(user):
        raise NotAllowed("case_code.pattern")
    checked = check_pattern(pattern)
    before = agency.case_code_pattern
    if checked == before:
        return
    agency.case_code_pattern = checked
    record(
        session, user, "agency.case_code_pattern", object_type="agency", object_id=agency.code,
        before=before, after=checked,
    )  # fmt: skip
