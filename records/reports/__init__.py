"""Dashboards and periodic reports: figures computed from the records, only over what the
user may see (the access policy's SQL clauses are inside every query)."""

from records.reports.dashboard import EXPORT_ROWS, PAGE_ROWS, Dashboard, build
from records.reports.period import Period, PeriodKind, default_period
from records.reports.scope import Duration, Scope

__all__ = [
    "EXPORT_ROWS",
    "PAGE_ROWS",
    "Dashboard",
    "Duration",
    "Period",
    "PeriodKind",
    "Scope",
    "build",
    "default_period",
]
