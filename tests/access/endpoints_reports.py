"""The dashboard, its exports and the summary report (pages and API): who may reach them,
and the dashboard's case counts against the cases each user may see."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from records.models import Agency, Case
from tests.access.registry import (
    SELF,
    CountEndpoint,
    ObjectEndpoint,
    XssProbe,
    http_allowed,
    register,
    register_xss,
)

COMMISSION_LEADER = "leader-noichinh-mat"


def _web(path: str) -> Any:
    def call(h: Any, user: Any, obj: Any = None) -> bool:
        return http_allowed(h.client(user).get(path))

    return call


def _api(path: str) -> Any:
    def call(h: Any, user: Any, obj: Any = None) -> bool:
        return http_allowed(h.api(user, "GET", path))

    return call


def _case_counts(h: Any, user: Any) -> dict[str, int]:
    """Received cases from the dashboard's REST figures (the world's cases are all received;
    cases planted by other probes are in other statuses)."""
    response = h.api(user, "GET", "/api/v1/reports/dashboard?rows=0")
    if not http_allowed(response):
        return {}
    return {"tiep_nhan": sum(response.json["cases"]["by_status"].get("tiep_nhan", {}).values())}


def _plant_case_title(h: Any, payload: str) -> None:
    """A monitored case of the commission whose title is the payload (the watch list)."""
    with h.db.session() as session:
        commission = session.scalar(select(Agency).where(Agency.code == "noi_chinh"))
        session.add(
            Case(
                code="XSS-REPORTS",
                title=payload,
                lead_agency=commission,
                status="xac_minh",
                monitoring_level="bcd_tinh",
            )
        )


def _dashboard_page(h: Any) -> str:
    leader = next(p for p in h.world.users if p.key == COMMISSION_LEADER)
    return h.client(leader).get("/reports").get_data(as_text=True)


register(
    ObjectEndpoint("reports: dashboard page", "report", "see", _web("/reports"), SELF),
    ObjectEndpoint(
        "reports: dashboard API", "report", "see", _api("/api/v1/reports/dashboard?rows=0"), SELF
    ),
    ObjectEndpoint(
        "reports: table API", "report", "see", _api("/api/v1/reports/tables/by_period"), SELF
    ),
    ObjectEndpoint(
        "reports: CSV export", "report", "export", _web("/reports/export/by_period.csv"), SELF
    ),
    ObjectEndpoint(
        "reports: XLSX export", "report", "export", _web("/reports/export/watch_list.xlsx"), SELF
    ),
    ObjectEndpoint("reports: summary form", "report", "summary", _web("/reports/summary"), SELF),
    CountEndpoint(
        "reports: cases by status (API)",
        "case",
        _case_counts,
        lambda case: ["tiep_nhan"],
    ),
)

register_xss(
    XssProbe("dashboard: a case's title on the watch list", _plant_case_title, _dashboard_page)
)
