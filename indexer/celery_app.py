"""The Celery application: broker from settings, reliable delivery, the periodic sweep."""

from __future__ import annotations

from celery import Celery
from celery.signals import worker_process_init

from indexer import observability, runtime

SWEEP_EVERY_S = 60.0
REMINDERS_EVERY_S = 3600.0
MAIL_EVERY_S = 120.0
#: Deadlines are days; checking twice an hour notices a new day (and a calendar change) soon.
PETITION_DEADLINES_EVERY_S = 1800.0
#: Disposal lists are proposed once a day (approved ones left unexecuted are queued again).
DISPOSAL_PROPOSAL_EVERY_S = 86400.0


def make_celery() -> Celery:
    settings = runtime.settings()
    app = Celery(
        "hoso",
        broker=settings.broker_url,
        include=["indexer.tasks", "indexer.reminders", "indexer.mailin.tasks", "indexer.retention"],
    )
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        # A task is acknowledged only when it finished, so a killed worker's task is
        # delivered again; tasks are idempotent, so running twice is harmless.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": 900},
        task_default_queue=settings.queue,
        beat_schedule={
            "sweep": {"task": "indexer.tasks.sweep", "schedule": SWEEP_EVERY_S},
            "reminders": {
                "task": "indexer.reminders.send_reminders",
                "schedule": REMINDERS_EVERY_S,
            },
            "mail": {"task": "indexer.reminders.send_mail", "schedule": MAIL_EVERY_S},
            "petition-deadlines": {
                "task": "indexer.tasks.petition_deadlines",
                "schedule": PETITION_DEADLINES_EVERY_S,
            },
            "disposal-proposals": {
                "task": "indexer.retention.propose_disposals",
                "schedule": DISPOSAL_PROPOSAL_EVERY_S,
            },
        },
        timezone="UTC",
    )
    if settings.mailboxes:
        app.conf.beat_schedule["mail-intake"] = {
            "task": "indexer.mailin.tasks.poll_mailboxes",
            "schedule": float(settings.mail_poll_s),
            # A poll that waited longer than one interval is superseded by the next.
            "options": {"expires": float(settings.mail_poll_s)},
        }
    return app


@worker_process_init.connect
def _fresh_handles(**_kwargs: object) -> None:
    runtime.reset()


celery = make_celery()
observability.install()
