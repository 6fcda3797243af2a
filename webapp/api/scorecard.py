"""REST endpoint of the coordination scorecard."""

from __future__ import annotations

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from records.calendar import local_today
from records.models import Agency
from records.policy import scorecard_agency_ids
from webapp.actor import current_actor
from webapp.api import route
from webapp.api.common import op
from webapp.auditing import audit
from webapp.features.casework import work_session
from webapp.reporting.filters import read_period
from webapp.reporting.scorecard import scores_for


@route(
    "/scorecard",
    {
        "get": op(
            "The coordination scorecard per body (period: 2026-Q3, 2026, 2021-2025…; the "
            "Commission sees every body, a body's leaders their own)",
            "reports",
        )
    },
)
def scorecard_figures() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not scorecard_agency_ids(user, list(session.scalars(select(Agency)))):
        abort(403)
    period = read_period(request.args, local_today())
    scores, agencies = scores_for(session, user, period)
    data = [
        {
            "agency": agencies[s.agency_id].code,
            "requests": {
                "received": s.requests_received,
                "on_time": s.requests_on_time,
                "late": s.requests_late,
                "open": s.requests_open,
                "overdue": s.requests_overdue,
                "median_working_days": s.median_answer_days,
            },
            "follow_ups": {
                "given": s.tasks_given,
                "on_time": s.tasks_on_time,
                "late": s.tasks_late,
                "open": s.tasks_open,
                "overdue": s.tasks_overdue,
            },
            "proposals": {"made": s.proposals_made, "approved": s.proposals_approved},
            "transfers": {
                "sent": s.transfers_sent,
                "outcomes": dict(s.transfer_outcomes),
                "overdue": s.transfers_overdue,
            },
            "petitions_forwarded": {
                "total": s.petitions_forwarded,
                "on_time": s.forwarded_on_time,
                "late": s.forwarded_late,
            },
        }
        for s in scores
    ]
    audit("scorecard.view", period=period.code, bodies=len(scores), channel="api")
    return jsonify(period=period.code, bodies=data)
