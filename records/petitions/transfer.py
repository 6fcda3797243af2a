"""A petition with signs of a crime sent to investigators, as a casework Transfer.

Sending creates a :class:`records.models.Transfer` linked to the petition (and to its case
when it has one), shares the petition's file with the investigation body, and dates the
answer by BLTTHS Art. 147(1) on the working calendar. The investigators' answer may be
recorded on the petition or on the transfer's own page; the sweep keeps the petition in
step with its transfer (answered, or the time extended).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from records import alerts, audit, transfers
from records.messages import N_
from records.models import (
    Agency,
    Case,
    Document,
    Petition,
    PetitionDocument,
    Transfer,
    TransferDocument,
    User,
)
from records.petitions.step import Step
from records.policy import can_record_outcome, may_see
from records.transfer_rules import LEGAL_BASES, OUTCOMES

#: The legal bases a petition is transferred under, with their labels.
BASES = {code: LEGAL_BASES[code].label for code in ("ltc_27_1", "blths_145", "lpctn_62", "khac")}
#: The investigators' answers (records.transfer_rules.OUTCOMES, but the pending one).
ANSWERS = {
    "khoi_to": N_("Khởi tố vụ án"),
    "khong_khoi_to": N_("Không khởi tố vụ án"),
    "tam_dinh_chi": N_("Tạm đình chỉ giải quyết nguồn tin"),
    "tra_lai": N_("Trả lại, chuyển cơ quan khác"),
}
assert set(ANSWERS) <= set(OUTCOMES)


def of(session: Session, petition: Petition) -> Transfer | None:
    """The petition's latest transfer."""
    return session.scalar(
        select(Transfer).where(Transfer.petition_id == petition.id).order_by(Transfer.id.desc())
    )


def send(step: Step, to_agency: Agency, due_on: date) -> Transfer:
    """Record the transfer of ``step.petition`` to ``to_agency``, answer due on ``due_on``."""
    session, actor, petition = step.session, step.user, step.petition
    values = step.values
    transfer = Transfer(
        case_id=petition.case_id,
        petition_id=petition.id,
        from_agency_id=petition.owner_agency_id,
        to_agency=to_agency,
        legal_basis=values["basis"],
        legal_basis_text=values.get("basis_text") or "",
        reference=(values.get("reference") or "")[:128],
        sent_date=step.on,
        due_date=due_on,
        calendar_version=step.ctx.calendar.version,
        confidentiality=petition.confidentiality,
        created_by_id=actor.id,
    )
    session.add(transfer)
    session.flush()
    for document in _file_of(session, actor, petition, step.documents):
        transfers.share_with(session, actor, document, to_agency)
        transfer.documents.append(TransferDocument(document_id=document.id, role="sent"))
    audit.record(
        session,
        actor,
        "transfer.create",
        object_type="transfer",
        object_id=transfer.id,
        level=transfer.confidentiality,
        ip=step.ctx.ip,
        petition=petition.id,
        to=to_agency.code,
        basis=transfer.legal_basis,
        due=due_on.isoformat(),
    )
    alerts.transfer_received(session, transfer, _case(session, transfer))
    return transfer


def _file_of(
    session: Session, actor: User, petition: Petition, step_documents: tuple | list
) -> list[Document]:
    """The documents sent: the step's own and the petition's letters and attachments."""
    found: dict[int, Document] = {d.id: d for d in step_documents}
    for document in session.scalars(
        select(Document)
        .join(PetitionDocument, PetitionDocument.document_id == Document.id)
        .where(PetitionDocument.petition_id == petition.id)
    ):
        if may_see(actor, document) and document.owner_agency_id == actor.agency_id:
            found.setdefault(document.id, document)
    return list(found.values())


def _case(session: Session, transfer: Transfer) -> Case | None:
    return session.get(Case, transfer.case_id) if transfer.case_id else None


def may_answer(actor: User, transfer: Transfer) -> bool:
    return can_record_outcome(actor, transfer)


def answer(step: Step, transfer: Transfer) -> None:
    """Register the investigators' answer on the transfer (from the petition's page)."""
    transfers.record_outcome(
        step.session,
        step.user,
        transfer,
        outcome=step.values["outcome"],
        outcome_date=step.on,
        note=step.values.get("note") or "",
        documents=list(step.documents),
    )
