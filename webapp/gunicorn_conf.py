"""gunicorn settings for hoso: log lines in hoso's format, and the metric files of an
exited web worker marked dead (its counters still count in the totals). Use with
``gunicorn -c python:webapp.gunicorn_conf webapp.wsgi:app``; command line options (bind,
workers, timeout) still apply."""

from __future__ import annotations

import os

from records.config import load_settings

_settings = load_settings()

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "hoso": {
            "()": "records.logs.formatter",
            "log_format": _settings.log_format,
            "service": "web",
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "hoso",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {
            "handlers": ["stderr"],
            "level": _settings.log_level,
            "propagate": False,
        },
        "gunicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


def child_exit(_server: object, worker: object) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
