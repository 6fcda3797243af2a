"""The Celery application: broker from settings, reliable delivery, the periodic sweep.

Delivery survives a killed worker within a minute. Tasks are acknowledged when they end
(``task_acks_late``); until then the Redis transport keeps each message in its ``unacked``
set, and gives it to another worker once it is older than the visibility timeout. That
timeout is short (:data:`VISIBILITY_TIMEOUT_S`), and a living worker keeps the messages it
holds young (:class:`KeepDeliveriesHeld`, every :data:`HELD_REFRESH_S`), however long a
parse runs or a retry waits; a worker that was killed stops doing so, and its messages come
back after the timeout. Its pool processes die with it (parent-death signal), and so do
their parse children.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import Celery, bootsteps
from celery.signals import worker_process_init

from indexer import observability, runtime
from indexer.limited_child import die_with_parent

log = logging.getLogger(__name__)

#: A message a worker took is given to another this long after its holder last vouched
#: for it.
VISIBILITY_TIMEOUT_S = 30
#: How often a worker vouches for the messages it holds (well inside the timeout).
HELD_REFRESH_S = 8.0
#: How often each worker looks for messages whose holder stopped vouching, and how many
#: it gives back at a time.
RESTORE_EVERY_S = 5
RESTORE_BATCH = 100
#: Documents whose queueing failed (broker away) are queued again this often.
REQUEUE_WAITING_EVERY_S = 15.0
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
        include=[
            "indexer.tasks",
            "indexer.queue",
            # The background jobs that are not indexing (the package above this one).
            "jobs.petitions",
            "jobs.reminders",
            "jobs.mailin.tasks",
            "jobs.retention",
        ],
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
        broker_transport_options={
            "visibility_timeout": VISIBILITY_TIMEOUT_S,
            "unacked_restore_interval": RESTORE_EVERY_S,
            "unacked_restore_throttle": 1,
        },
        task_default_queue=settings.queue,
        beat_schedule={
            "sweep": {"task": "indexer.tasks.sweep", "schedule": SWEEP_EVERY_S},
            "requeue-waiting": {
                "task": "indexer.queue.requeue_waiting",
                "schedule": REQUEUE_WAITING_EVERY_S,
                "options": {"expires": REQUEUE_WAITING_EVERY_S},
            },
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
    app.steps["consumer"].add(KeepDeliveriesHeld)
    return app


class KeepDeliveriesHeld(bootsteps.StartStopStep):
    """Every :data:`HELD_REFRESH_S`, mark the messages this worker holds (running,
    reserved, or waiting for a retry's countdown) as just delivered, so the transport
    gives them to another worker only when this one stopped — not when a task is slow.

    Every :data:`RESTORE_EVERY_S`, give back the messages whose holder stopped vouching for
    them. kombu 5.7 does this itself at that pace (``unacked_restore_interval``); kombu 5.6
    ignores that option and looks only every 100 s, so a killed worker's task would wait
    that long.
    """

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self._timers: list[Any] = []

    def start(self, consumer: Any) -> None:
        if not hasattr(_qos(consumer), "_delivered"):
            # kombu's virtual transports keep unacknowledged deliveries there (redis.py
            # reads it too); should that change, long tasks would be delivered twice.
            log.error(
                "cannot see the messages this worker holds: tasks held longer than "
                "%d s may run twice",
                VISIBILITY_TIMEOUT_S,
            )
        self._timers = [
            consumer.timer.call_repeatedly(HELD_REFRESH_S, self.refresh, (consumer,)),
            consumer.timer.call_repeatedly(RESTORE_EVERY_S, self.restore, (consumer,)),
        ]

    def stop(self, consumer: Any) -> None:
        for timer in self._timers:
            timer.cancel()
        self._timers = []

    @staticmethod
    def refresh(consumer: Any) -> None:
        channel = getattr(consumer.task_consumer, "channel", None)
        held = list(getattr(_qos(consumer), "_delivered", {}))
        if not held:
            return
        now = time.time()
        try:
            with channel.conn_or_acquire() as client:
                # XX: only messages still unacknowledged; one acked meanwhile stays gone.
                client.zadd(channel.unacked_index_key, dict.fromkeys(held, now), xx=True)
        except Exception as err:  # the broker is away: the consumer reconnects by itself
            log.warning("could not mark %d held messages as alive: %s", len(held), err)

    @staticmethod
    def restore(consumer: Any) -> None:
        qos = _qos(consumer)
        if not hasattr(qos, "restore_visible"):
            return
        try:
            # interval=1: scan now (the transport's own calls skip all but every tenth).
            qos.restore_visible(num=RESTORE_BATCH, interval=1)
        except Exception as err:  # the broker is away: the consumer reconnects by itself
            log.warning("could not give back the messages of stopped workers: %s", err)


def _qos(consumer: Any) -> Any:
    """The transport's record of the deliveries the consumer's channel holds, if it has one."""
    return getattr(getattr(consumer.task_consumer, "channel", None), "qos", None)


@worker_process_init.connect
def _fresh_handles(**_kwargs: object) -> None:
    die_with_parent()  # a pool process never outlives its worker
    runtime.reset()


celery = make_celery()
observability.install()
