"""Task names outlive the modules that define them: the beat schedule, routes and messages
already queued name tasks, so moving a task between packages must keep its name."""

from __future__ import annotations

from indexer.celery_app import celery

#: Every task name ever scheduled or queued.
NAMES = {
    "indexer.tasks.ingest",
    "indexer.tasks.index_documents",
    "indexer.tasks.check_saved_searches",
    "indexer.tasks.make_thumbnail",
    "indexer.tasks.sweep",
    "indexer.tasks.petition_deadlines",
    "indexer.queue.requeue_waiting",
    "indexer.reminders.send_reminders",
    "indexer.reminders.send_mail",
    "indexer.retention.propose_disposals",
    "indexer.retention.execute_disposal",
    "indexer.mailin.tasks.poll_mailboxes",
}


def test_the_worker_registers_every_task_under_its_name():
    celery.loader.import_default_modules()
    assert set(celery.tasks) >= NAMES


def test_the_beat_schedule_names_only_registered_tasks():
    celery.loader.import_default_modules()
    scheduled = {entry["task"] for entry in celery.conf.beat_schedule.values()}
    assert scheduled <= set(celery.tasks)
