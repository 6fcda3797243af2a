"""One document read with SQLAlchemy Core, for ``hoso doc show``: the plain, common case.

A document is *plain* when its view depends on its own rows alone: it has not failed (the
reason is a translated message of the web layer), is attached to no case (cases widen who
sees it and are listed within the case policy), neither carries nor is carried by an e-mail
message (listed within the document policy) and is linked to no denunciation (masked for
those not handling it). Any other document is read through the models and ``records.policy``.

This module reads; it decides no access. Whether the user may see a plain document is
decided by :func:`records.policy.plain.plainly_visible`, the policy's form of ``may_see`` for
the rows read here. Nothing here imports ``sqlalchemy.orm`` or the models.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, exists, func, insert, or_, select

from records.audit_entry import Actor, event_values
from records.core_tables import (
    agencies,
    agency_mentions,
    audit_events,
    case_documents,
    document_pages,
    document_references,
    document_shares,
    documents,
    mail_attachments,
    petition_documents,
    petitions,
    users,
)
from records.petitions.codes import Kind
from records.sqltypes import utcnow


def find_actor(connection: Connection, username: str) -> Row[Any] | None:
    """The active user named ``username`` with their body's code and coordinating flag."""
    return connection.execute(
        select(
            users.c.id,
            users.c.username,
            users.c.agency_id,
            users.c.roles,
            users.c.clearance,
            users.c.active,
            agencies.c.code.label("agency_code"),
            agencies.c.coordinating,
        )
        .select_from(users.outerjoin(agencies, agencies.c.id == users.c.agency_id))
        .where(users.c.username == username, users.c.active)
    ).first()


def find_document(connection: Connection, document_id: int) -> Row[Any] | None:
    """The document's row (the columns of ``records.core_tables.documents``), or None."""
    return connection.execute(select(documents).where(documents.c.id == document_id)).first()


def is_plain(connection: Connection, document: Row[Any]) -> bool:
    """Is ``document`` plain (see the module's docstring), so that this module may show it?"""
    if document.status == "failed":
        return False
    doc_id = document.id
    linked = or_(
        exists().where(
            case_documents.c.document_id == doc_id, case_documents.c.state == "attached"
        ),
        exists().where(
            or_(
                mail_attachments.c.message_document_id == doc_id,
                mail_attachments.c.attachment_document_id == doc_id,
            )
        ),
        exists().where(
            petition_documents.c.document_id == doc_id,
            petitions.c.id == petition_documents.c.petition_id,
            petitions.c.kind == Kind.DENUNCIATION.value,
        ),
    )
    return not connection.scalar(select(linked))


def shared_agencies(connection: Connection, document_id: int) -> list[Row[Any]]:
    """The bodies (id, code) the document is shared with."""
    return list(
        connection.execute(
            select(agencies.c.id, agencies.c.code)
            .join(document_shares, document_shares.c.agency_id == agencies.c.id)
            .where(document_shares.c.document_id == document_id)
        )
    )


def listed_fields(connection: Connection, document: Row[Any]) -> dict[str, Any]:
    """What the document's JSON lists beside its own columns
    (``webapp.features.document_object``)."""
    doc_id = document.id
    return {
        "agencies": connection.scalars(
            select(agency_mentions.c.agency_code).where(agency_mentions.c.document_id == doc_id)
        ).all(),
        "pages": connection.scalar(
            select(func.count())
            .select_from(document_pages)
            .where(document_pages.c.document_id == doc_id)
        ),
        "owner_agency": connection.scalar(
            select(agencies.c.code).where(agencies.c.id == document.owner_agency_id)
        ),
        "references": connection.scalars(
            select(document_references.c.number).where(document_references.c.document_id == doc_id)
        ).all(),
    }


def record_view(connection: Connection, user: Row[Any], document: Row[Any], **detail: Any) -> None:
    """Log ``document.view`` as :func:`records.audit.record` would."""
    values = event_values(
        Actor(user.id, user.username, user.agency_code or ""),
        "document.view",
        object_type="document",
        object_id=document.id,
        level=document.confidentiality,
        detail=detail,
    )
    connection.execute(insert(audit_events).values(at=utcnow(), **values))
