"""REST endpoints for proposals to put cases on the monitoring list."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from records.cases import require
from records.coordination import proposals as proposal_ops
from records.models import Proposal
from records.policy import ProposalAction, can_proposal, proposal_clause
from webapp.actor import current_actor
from webapp.api import route
from webapp.api.common import STR, STRS, json_body, op
from webapp.auditing import audit
from webapp.features.casework import (
    load_case_by_code,
    visible_document,
    visible_documents,
    work_session,
)
from webapp.features.proposals import commission, load_proposal

TAG = "proposals"
BOOL = {"type": "boolean"}


def proposal_json(proposal: Proposal) -> dict[str, Any]:
    return {
        "id": proposal.id,
        "case": proposal.case.code,
        "agency": proposal.agency.code,
        "level": proposal.level,
        "reasons": proposal.reasons,
        "status": proposal.status,
        "review_note": proposal.review_note,
        "decision_document_id": proposal.decision_document_id,
        "decision_note": proposal.decision_note,
    }


@route(
    "/proposals",
    {
        "get": op("Proposals for the monitoring list the caller may see", TAG),
        "post": op(
            "Propose a case the caller's body takes part in (level: a watch-list level)",
            TAG,
            body={"case": STR, "level": STR, "reasons": STR, "documents": STRS},
            ok="201",
        ),
    },
)
def proposals_collection() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if request.method == "POST":
        data = json_body()
        case = load_case_by_code(session, str(data.get("case", "")))
        proposal, _outcome = proposal_ops.propose(
            session,
            user,
            case,
            level=str(data.get("level", "")),
            reasons=str(data.get("reasons", "")),
            documents=visible_documents(session, data.get("documents") or []),
            commission=commission(session),
        )
        return jsonify(proposal_json(proposal)), 201
    rows = session.scalars(select(Proposal).where(proposal_clause(user)).order_by(Proposal.id))
    items = [proposal_json(p) for p in rows]
    audit("proposal.list", total=len(items), channel="api")
    return jsonify(proposals=items)


@route("/proposals/<int:proposal_id>", {"get": op("One proposal", TAG)})
def proposal_item(proposal_id: int) -> ResponseReturnValue:
    session = work_session()
    proposal = load_proposal(session, proposal_id)
    audit("proposal.view", object_type="proposal", object_id=proposal.id,
          level=proposal.case.confidentiality, channel="api")  # fmt: skip
    return jsonify(proposal_json(proposal))


@route(
    "/proposals/<int:proposal_id>/review",
    {"post": op("The Commission's review", TAG, body={"recommend": BOOL, "note": STR})},
)
def proposal_review(proposal_id: int) -> ResponseReturnValue:
    session = work_session()
    proposal = load_proposal(session, proposal_id)
    data = json_body()
    proposal_ops.review(
        session,
        current_actor(),
        proposal,
        recommend=bool(data.get("recommend")),
        note=str(data.get("note", "")),
    )
    return jsonify(proposal_json(proposal))


@route(
    "/proposals/<int:proposal_id>/decide",
    {
        "post": op(
            "Record the Standing Committee's decision with its document (an approval puts the "
            "case on the watch list)",
            TAG,
            body={"approved": BOOL, "document": STR, "note": STR},
        )
    },
)
def proposal_decide(proposal_id: int) -> ResponseReturnValue:
    session = work_session()
    proposal = load_proposal(session, proposal_id)
    data = json_body()
    # The decision's document is looked up only for those who may record it.
    require(can_proposal(current_actor(), ProposalAction.DECIDE, proposal), "proposal.decide")
    proposal_ops.decide(
        session,
        current_actor(),
        proposal,
        approved=bool(data.get("approved")),
        document=visible_document(session, str(data.get("document", ""))),
        note=str(data.get("note", "")),
    )
    return jsonify(proposal_json(proposal))
