"""The beat task of petition deadlines (:mod:`records.petitions.sweep`)."""

from __future__ import annotations

import logging
from dataclasses import asdict

from sqlalchemy.exc import OperationalError

from indexer import runtime
from indexer.celery_app import celery
from indexer.normalize import fold
from records.calendar import WorkingCalendar, local_today
from records.petitions import sweep as petition_sweep
from records.petitions.context import Context

log = logging.getLogger(__name__)


# Named where it was first defined, so the beat schedule and queued messages keep working.
@celery.task(
    name="indexer.tasks.petition_deadlines", autoretry_for=(OperationalError,), max_retries=3
)
def petition_deadlines() -> dict[str, int]:
    """Mark overdue petitions and notify their handlers of near and passed deadlines."""
    with runtime.database().session() as session:
        ctx = Context(WorkingCalendar.load(session), local_today(), fold)
        result = petition_sweep.run(session, ctx)
    if result.overdue or result.notifications or result.recomputed:
        log.info("petition deadlines: %s", result)
    return asdict(result)
