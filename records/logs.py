"""Log lines every hoso process writes: one JSON object per line, or readable text.

JSON lines carry ``time``, ``level``, ``logger``, ``event`` and ``service``, plus whatever
the code handling the current request or task bound with :func:`bind` — ``request_id`` in
the web app, ``task_id`` and ``document_id`` in workers — so one upload can be followed from
the request that received it to the task that indexed it. The standard ``logging`` calls
all over the code (and in Flask, Celery, gunicorn) go through the same formatter.
"""

from __future__ import annotations

import logging
import sys

import structlog

#: Marks the handler this module installs, so configuring again replaces only it.
_HANDLER_NAME = "hoso"

bind = structlog.contextvars.bind_contextvars
unbind = structlog.contextvars.unbind_contextvars
clear = structlog.contextvars.clear_contextvars


def formatter(log_format: str, service: str) -> logging.Formatter:
    """A stdlib formatter that renders records (and bound context) as JSON or text."""

    def add_service(_logger: object, _name: str, event: dict) -> dict:
        event.setdefault("service", service)
        return event

    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        add_service,
        structlog.processors.TimeStamper(fmt="iso", utc=True, key="time"),
    ]
    if log_format == "json":
        final: list = [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ]
    else:
        final = [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.dev.ConsoleRenderer(colors=False),
        ]
    return structlog.stdlib.ProcessorFormatter(foreign_pre_chain=shared, processors=final)


def configure(log_format: str, level: str, service: str) -> None:
    """Send this process's log records to stderr in ``log_format`` (json or text)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(formatter(log_format, service))
    root.addHandler(handler)
    root.setLevel(level)
