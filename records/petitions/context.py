"""What every petition operation needs from its caller.

``records`` cannot import ``indexer``; the caller (web, CLI, worker) passes the Vietnamese
text folding of ``indexer.normalize.fold`` in, with the working calendar and today's date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from records.calendar import WorkingCalendar


@dataclass(frozen=True)
class Context:
    calendar: WorkingCalendar
    today: date
    fold: Callable[[str], str]  # lower-case, no diacritics, đ -> d
    ip: str = ""
