"""The time limits of transfers to investigators, as data.

The time limits are data (docs/domain.md §3.3), each with the article that sets it:

* sending the file: "immediately" when signs are found during an inspection or in a
  denunciation (TTLT 03/2018 Art. 5(1), LPCTN Art. 62, LTC Art. 27(1)); within 05 working
  days of signing the inspection conclusion when found afterwards (TTLT 03/2018 Art. 5(2));
* the investigators' decision (khởi tố / không khởi tố / tạm đình chỉ): 20 days from
  receipt (BLTTHS Art. 147(1)); for complex matters up to 2 months, and the procuracy may
  extend once by up to 2 more months (BLTTHS Art. 147(2)) — never beyond 4 months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from records.calendar import Unit, WorkingCalendar, add_months
from records.messages import N_
from records.models import Case


@dataclass(frozen=True)
class TimeLimit:
    days: int
    unit: Unit
    basis: str

    def due(self, start: date, calendar: WorkingCalendar) -> date:
        """The last day of the limit for an event on ``start`` (BLDS Art. 147–148); a limit
        of 0 ("immediately") ends on ``start``, or the next working day when it is a day off."""
        if self.days <= 0:
            return calendar.working_day_on_or_after(start)
        return calendar.end_of_period(start, self.days, self.unit)


@dataclass(frozen=True)
class LegalBasis:
    #: The one name of the basis wherever it is shown (cases, transfers, petitions, reports),
    #: marked for translation.
    label: str
    #: Time allowed from the signs being found (or the conclusion signed) to the transfer;
    #: None where the text sets none.
    referral: TimeLimit | None


LEGAL_BASES: dict[str, LegalBasis] = {
    "ltc_27_1": LegalBasis(
        N_("Luật Tố cáo, Điều 27 khoản 1 (chuyển ngay)"), TimeLimit(0, Unit.DAYS, "LTC Art. 27(1)")
    ),
    "lpctn_62": LegalBasis(
        N_("Luật Phòng, chống tham nhũng, Điều 62 (chuyển ngay)"),
        TimeLimit(0, Unit.DAYS, "LPCTN Art. 62"),
    ),
    "ttlt03_5_1": LegalBasis(
        N_("TTLT 03/2018, Điều 5 khoản 1 (phát hiện trong khi thanh tra: chuyển ngay)"),
        TimeLimit(0, Unit.DAYS, "TTLT 03/2018 Art. 5(1)"),
    ),
    "ttlt03_5_2": LegalBasis(
        N_("TTLT 03/2018, Điều 5 khoản 2 (05 ngày làm việc từ khi ký kết luận)"),
        TimeLimit(5, Unit.WORKING_DAYS, "TTLT 03/2018 Art. 5(2)"),
    ),
    "blths_145": LegalBasis(N_("Bộ luật Tố tụng hình sự, Điều 145"), None),
    "khac": LegalBasis(N_("Căn cứ khác (ghi rõ)"), None),
}

#: BLTTHS Art. 147(1): the investigators decide within 20 days of receiving the file.
ANSWER_LIMIT = TimeLimit(20, Unit.DAYS, "BLTTHS Art. 147(1)")
#: BLTTHS Art. 147(2): up to 2 months, plus one procuracy extension of up to 2 months.
ANSWER_MAX_MONTHS = 4

OUTCOMES: tuple[str, ...] = ("dang_xu_ly", "khoi_to", "khong_khoi_to", "tam_dinh_chi", "tra_lai")
#: The case status a transfer moves a matter to, when its status allows it.
TRANSFERRED_STATUS = "chuyen_cqdt"


def referral_due(case: Case, calendar: WorkingCalendar) -> date | None:
    """When a flagged case must have been sent to investigators (None: no limit set)."""
    if case.crime_signs_since is None or case.crime_signs_basis not in LEGAL_BASES:
        return None
    limit = LEGAL_BASES[case.crime_signs_basis].referral
    return limit.due(case.crime_signs_since, calendar) if limit else None


def answer_due(start: date, calendar: WorkingCalendar) -> date:
    return ANSWER_LIMIT.due(start, calendar)


def latest_allowed_due(start: date) -> date:
    """The latest due date extensions may reach for a file received on ``start``."""
    return add_months(start, ANSWER_MAX_MONTHS)
