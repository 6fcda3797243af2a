"""Case codes handed out by hoso: ``<kind>-<body>-<year>-<serial>`` (``VV-BNCTU-2026-007``).

The kind is VV (vụ việc) or VA (vụ án), the body its abbreviation in capitals without
diacritics, the serial one more than the highest of that body, kind and year. A code typed
by hand is kept as it is; a generated one is a proposal the user may change.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Agency, Case

KIND_PREFIXES = {"vu_viec": "VV", "vu_an": "VA"}
SERIAL_DIGITS = 3


def body_part(agency: Agency) -> str:
    """The body's abbreviation (else its code) in ASCII capitals: ``Tòa án`` → ``TOAAN``."""
    text = (agency.abbreviation or agency.code).replace("Đ", "D").replace("đ", "d")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", ascii_text).upper() or agency.code.upper()


def next_code(session: Session, agency: Agency, kind: str, today: date) -> str:
    """The next free code of ``agency`` for cases of ``kind`` opened in ``today``'s year."""
    prefix = f"{KIND_PREFIXES.get(kind, 'VV')}-{body_part(agency)}-{today.year}-"
    taken = session.scalars(select(Case.code).where(Case.code.startswith(prefix, autoescape=True)))
    serials = [int(code[len(prefix) :]) for code in taken if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(serials, default=0) + 1:0{SERIAL_DIGITS}d}"
