"""Proposals for the monitoring list: the list, proposing a case, the Commission's review
and the Standing Committee's decision recorded with its document."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from records.case_status import MONITORING_LEVELS
from records.cases import require
from records.coordination import proposals as proposal_ops
from records.errors import RuleError
from records.models import Document, Proposal
from records.policy import ProposalAction, can_proposal, proposal_clause, visible_ids
from webapp.actor import current_actor
from webapp.auditing import audit
from webapp.blueprints.cases import attempt
from webapp.features.casework import (
    load_case_by_code,
    receive_files,
    visible_document,
    visible_documents,
    work_session,
)
from webapp.features.proposals import commission, load_proposal

bp = Blueprint("proposals", __name__)

PROPOSAL_STATUSES = {
    "proposed": _l("Chờ thẩm định"),
    "recommended": _l("Ban Nội chính đề xuất chấp thuận"),
    "not_recommended": _l("Ban Nội chính đề xuất không chấp thuận"),
    "approved": _l("Ban Thường vụ đồng ý"),
    "rejected": _l("Ban Thường vụ không đồng ý"),
}


@bp.get("/proposals")
def index() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    rows = session.scalars(
        select(Proposal).where(proposal_clause(user)).order_by(Proposal.id.desc()).limit(500)
    ).all()
    audit("proposal.list", total=len(rows))
    return render_template("proposals/index.html", items=rows)


@bp.route("/proposals/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    if not user.has_role("leader", "officer"):
        abort(403)
    form = request.values
    if request.method == "POST":

        def operation() -> Proposal:
            case = load_case_by_code(session, form.get("case", "").strip())
            documents = visible_documents(
                session, form.get("documents", "").replace(",", " ").split()
            )
            proposal, _outcome = proposal_ops.propose(
                session,
                user,
                case,
                level=form.get("level", ""),
                reasons=form.get("reasons", ""),
                documents=documents,
                commission=commission(session),
            )
            return proposal

        ok, created = attempt(session, operation)
        if ok and created is not None:
            flash(_("Đã gửi đề nghị đưa vào diện theo dõi, chỉ đạo."), "success")
            return redirect(url_for("proposals.show", proposal_id=created.id))
    return render_template("proposals/form.html", form=form, levels=MONITORING_LEVELS)


@bp.get("/proposals/<int:proposal_id>")
def show(proposal_id: int) -> ResponseReturnValue:
    session = work_session()
    user = current_actor()
    proposal = load_proposal(session, proposal_id)
    decision = None
    if proposal.decision_document_id and visible_ids(
        session, user, "document", [proposal.decision_document_id]
    ):
        decision = session.get(Document, proposal.decision_document_id)
    audit("proposal.view", object_type="proposal", object_id=proposal.id,
          level=proposal.case.confidentiality)  # fmt: skip
    return render_template(
        "proposals/show.html",
        item=proposal,
        decision=decision,
        can_review=proposal.status == "proposed"
        and can_proposal(user, ProposalAction.REVIEW, proposal),
        can_decide=proposal.status in ("recommended", "not_recommended")
        and can_proposal(user, ProposalAction.DECIDE, proposal),
    )


@bp.post("/proposals/<int:proposal_id>/review")
def review(proposal_id: int) -> ResponseReturnValue:
    session = work_session()
    proposal = load_proposal(session, proposal_id)
    form = request.form
    ok, _none = attempt(
        session,
        lambda: proposal_ops.review(
            session,
            current_actor(),
            proposal,
            recommend=form.get("recommend") == "1",
            note=form.get("note", ""),
        ),
    )
    if ok:
        flash(_("Đã ghi ý kiến thẩm định."), "success")
    return redirect(url_for("proposals.show", proposal_id=proposal.id))


@bp.post("/proposals/<int:proposal_id>/decide")
def decide(proposal_id: int) -> ResponseReturnValue:
    """The Standing Committee's decision: a document already in hoso or a file uploaded now."""
    session = work_session()
    proposal = load_proposal(session, proposal_id)
    form = request.form

    def operation() -> None:
        # The decision's document is looked up (or stored) only for those who may record it.
        require(can_proposal(current_actor(), ProposalAction.DECIDE, proposal), "proposal.decide")
        reference = form.get("document", "").strip()
        if reference:
            document = visible_document(session, reference)
        else:
            uploaded = receive_files(
                session, request.files.getlist("file")[:1], proposal.case.confidentiality
            )
            if not uploaded:
                raise RuleError("proposal.decision_document_required")
            document = uploaded[0]
        proposal_ops.decide(
            session,
            current_actor(),
            proposal,
            approved=form.get("approved") == "1",
            document=document,
            note=form.get("note", ""),
        )

    ok, _none = attempt(session, operation)
    if ok:
        flash(_("Đã ghi nhận quyết định của Ban Thường vụ."), "success")
    return redirect(url_for("proposals.show", proposal_id=proposal.id))
