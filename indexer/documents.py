"""Building the search-index bodies of documents from the database (the record)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from indexer.issuers import canonical_issuer
from indexer.metadata import number_keys
from indexer.normalize import fold, normalize_text
from records.models import Case, CaseDocument, Document, DocumentReference
from records.petitions.protection import PROTECTED_FIELDS, Protection, protections
from records.policy import case_access_codes, identity_level, identity_readers

#: Load documents with these options before :func:`index_bodies`, so that building the
#: bodies of a batch costs the same few queries whatever its size.
BODY_OPTIONS: tuple[LoaderOption, ...] = (
    joinedload(Document.owner_agency),
    selectinload(Document.pages),
    selectinload(Document.shared_with),
    selectinload(Document.mentions),
)


def index_bodies(session: Session, documents: Sequence[Document]) -> list[dict[str, Any]]:
    """Everything search needs about each document, including its access-control fields,
    in the order given. A document of a denunciation is indexed masked (:func:`protect`)."""
    ids = [document.id for document in documents]
    if not ids:
        return []
    cases: dict[int, list[str]] = defaultdict(list)
    for doc_id, code in session.execute(
        select(CaseDocument.document_id, Case.code)
        .join(Case, Case.id == CaseDocument.case_id)
        .where(CaseDocument.document_id.in_(ids), CaseDocument.state == "attached")
    ):
        cases[doc_id].append(code)
    references: dict[int, list[str]] = defaultdict(list)
    for doc_id, key in session.execute(
        select(DocumentReference.document_id, DocumentReference.number_key).where(
            DocumentReference.document_id.in_(ids)
        )
    ):
        references[doc_id].append(key)
    case_bodies = case_access_codes(session, ids)
    protected = protections(session, ids)
    bodies = []
    for d in documents:
        body = _body(d, sorted(cases[d.id]), sorted(references[d.id]), case_bodies[d.id])
        protection = protected.get(d.id)
        bodies.append(protect(body, protection) if protection and protection.active else body)
    return bodies


def _body(
    document: Document, cases: list[str], references: list[str], case_bodies: list[str]
) -> dict[str, Any]:
    pages = [{"no": page.page_no, "text": page.text} for page in document.pages]
    body = {
        "id": str(document.id),
        "filename": document.filename,
        "kind": document.kind,
        "doc_type": document.doc_type,
        "number": document.number,
        "number_keys": number_keys(document.number) if document.number else [],
        "issued_date": document.issued_date.isoformat() if document.issued_date else None,
        "place": _searchable(document.place),
        "issuer": _searchable(document.issuer),
        "issuer_body": canonical_issuer(document.issuer),
        "subject": _searchable(document.subject),
        "signer": _searchable(document.signer),
        "sign_authority": document.sign_authority,
        "recipients": [normalize_text(r) for r in document.recipients or []],
        "is_draft": document.is_draft,
        "page_count": document.page_count,
        "content": "\n".join(page["text"] for page in pages),
        "pages": pages,
        "agencies": sorted(mention.agency_code for mention in document.mentions),
        "cases": cases,
        "references": references,
        "confidentiality": document.confidentiality,
        "trashed": document.trashed_at is not None,
        "owner_agency": document.owner_agency.code,
        "shared_agencies": sorted(agency.code for agency in document.shared_with),
        "shared_all": document.shared_all,
        "case_agencies": case_bodies,
        "urgency": document.urgency,
        "ocr": document.ocr,
        "uploaded_at": document.uploaded_at.isoformat(),
        "changed_at": document.changed_at.isoformat(),
        "pipeline_version": document.pipeline_version,
        "same_group": str(document.same_group_id or document.id),
    }
    return body


def protect(body: dict[str, Any], protection: Protection) -> dict[str, Any]:
    """``body`` with the denouncers masked in every text field, the original text kept in
    ``identity_content`` for those handling the denunciation, and who they are.

    Every query, highlight, suggestion and similarity search reads the masked fields; only
    a clause limited by ``records.policy.identity_engine_filter`` reads the original.
    """
    masked = dict(body)
    for name in PROTECTED_FIELDS:
        value = body[name]
        if isinstance(value, list):
            masked[name] = [protection.mask(item, fold) for item in value]
        else:
            masked[name] = protection.mask(value, fold)
    masked["pages"] = [
        {"no": page["no"], "text": protection.mask(page["text"], fold)} for page in body["pages"]
    ]
    masked["content"] = protection.mask(body["content"], fold)
    masked["identity_content"] = "\n".join(
        filter(None, [body["subject"], body["signer"], body["issuer"], body["content"]])
    )
    masked["identity_readers"] = identity_readers(protection.petitions)
    masked["identity_level"] = identity_level(protection.petitions)
    return masked


def _searchable(value: str | None) -> str | None:
    """Metadata is stored as printed; the index gets the normalised form (one tone
    placement), like the page text and like queries, so "thuỷ" finds "thủy"."""
    return normalize_text(value) if value else value
