"""Names of periods and codes as the dashboard shows them, in the user's language (exports
and the summary report are produced under the Vietnamese locale)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from records.models import Agency
from records.petitions.codes import KIND_LABELS, STATE_LABELS
from records.reports import Period, PeriodKind
from records.reports.period import ROMAN
from webapp.labels import CASE_STATUSES, label


def period_label(period: Period) -> str:
    start, end = period.start, period.end
    if period.kind is PeriodKind.MONTH:
        return _("Tháng %(month)s/%(year)s", month=start.month, year=start.year)
    if period.kind is PeriodKind.QUARTER:
        return _("Quý %(quarter)s/%(year)s", quarter=ROMAN[(start.month - 1) // 3], year=start.year)
    if period.kind is PeriodKind.HALF and start.month == 1:
        return _("6 tháng đầu năm %(year)s", year=start.year)
    if period.kind is PeriodKind.HALF:
        return _("6 tháng cuối năm %(year)s", year=start.year)
    if period.kind is PeriodKind.YEAR:
        return _("Năm %(year)s", year=start.year)
    if period.kind is PeriodKind.FIVE_YEARS:
        return _("05 năm %(first)s - %(last)s", first=start.year, last=end.year)
    return _("Từ %(start)s đến %(end)s", start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}")


def petition_kind(code: str) -> str:
    return _(KIND_LABELS[code]) if code in KIND_LABELS else code


def petition_state(code: str) -> str:
    return _(STATE_LABELS[code]) if code in STATE_LABELS else code


class AgencyNames:
    """Bodies' names by code."""

    def __init__(self, session: Session) -> None:
        self.names: dict[str, str] = dict(session.execute(select(Agency.code, Agency.name)).all())

    def __call__(self, code: str | None) -> str:
        return self.names.get(code or "", code or "")


def case_status(code: str) -> str:
    return label(CASE_STATUSES, code)
