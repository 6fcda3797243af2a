"""Logs and metrics of Celery processes: JSON lines with the task's id and document id,
and prometheus-client's per-process files removed when a pool process exits."""

from __future__ import annotations

import os
import sys
from typing import Any

from celery import Task
from celery.signals import setup_logging, task_postrun, task_prerun, worker_process_shutdown

from indexer import runtime
from records import logs

_TASK_KEYS = ("task_id", "task", "document_id", "documents")


def _service() -> str:
    return "beat" if "beat" in sys.argv else "worker"


def _configure_logging(**_kwargs: Any) -> None:
    """Celery leaves the root logger to us when a receiver is connected to this signal."""
    settings = runtime.settings()
    logs.configure(settings.log_format, settings.log_level, _service())


def _bind_task(task_id: str = "", task: Task | None = None, args: Any = None, **_: Any) -> None:
    context: dict[str, Any] = {"task_id": task_id, "task": task.name if task else ""}
    first = args[0] if args else None
    if isinstance(first, int):
        context["document_id"] = first
    elif isinstance(first, list):
        context["documents"] = len(first)
    logs.bind(**context)


def _unbind_task(**_: Any) -> None:
    logs.unbind(*_TASK_KEYS)


def _forget_process_metrics(pid: int | None = None, **_: Any) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid or os.getpid())


def install() -> None:
    """Connect the receivers above to Celery's signals (once per process)."""
    for signal, receiver in (
        (setup_logging, _configure_logging),
        (task_prerun, _bind_task),
        (task_postrun, _unbind_task),
        (worker_process_shutdown, _forget_process_metrics),
    ):
        signal.connect(receiver, weak=False)
