"""Retention pages: who may move a document to the trash, hold it, and reach the schedule,
the holds and the disposal lists. (Restoring needs a trashed document: it is checked in
tests/integration/test_retention.py, as is approving a list.)"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from records.models import Agency, Document
from records.models.base import utcnow
from tests.access.registry import (
    SELF,
    ObjectEndpoint,
    XssProbe,
    http_allowed,
    register,
    register_xss,
)

COMMISSION_LEADER = "leader-noichinh-mat"
COMMISSION_ARCHIVIST = "archivist-noichinh-mat"


def _document_page(template: str) -> Any:
    def call(h: Any, user: Any, ref: Any) -> bool:
        return http_allowed(h.client(user).get(template.format(id=ref.id)))

    return call


def _page(path: str) -> Any:
    def call(h: Any, user: Any, obj: Any = None) -> bool:
        return http_allowed(h.client(user).get(path))

    return call


register(
    ObjectEndpoint(
        "retention: move to trash (confirmation page)",
        "document",
        "trash",
        _document_page("/retention/documents/{id}/trash"),
    ),
    ObjectEndpoint(
        "retention: hold and period of a document",
        "document",
        "hold",
        _document_page("/retention/documents/{id}/hold"),
    ),
    ObjectEndpoint(
        "retention: schedule", "retention", "manage", _page("/retention/schedule"), SELF
    ),
    ObjectEndpoint(
        "retention: starts awaiting confirmation",
        "retention",
        "manage",
        _page("/retention/starts"),
        SELF,
    ),
    ObjectEndpoint(
        "retention: legal holds", "retention", "manage", _page("/retention/holds"), SELF
    ),
    ObjectEndpoint(
        "retention: disposal lists", "retention", "manage", _page("/retention/disposals"), SELF
    ),
)


def _plant_trashed(h: Any, payload: str) -> None:
    """A trashed document of the commission whose file name is the payload."""
    with h.db.session() as session:
        commission = session.scalar(select(Agency).where(Agency.code == "noi_chinh"))
        session.add(
            Document(
                sha256=hashlib.sha256(f"trash-{payload}".encode()).hexdigest(), size=1,
                filename=payload, status="indexed", kind="txt", owner_agency=commission,
                trashed_at=utcnow(),
            )
        )  # fmt: skip


def _trash_page(h: Any) -> str:
    leader = next(p for p in h.world.users if p.key == COMMISSION_LEADER)
    return h.client(leader).get("/retention/trash").get_data(as_text=True)


register_xss(XssProbe("retention: the trash page", _plant_trashed, _trash_page))


def _plant_awaiting_start(h: Any, payload: str) -> None:
    """A commission document in hoso for years, whose retention start is not confirmed."""
    with h.db.session() as session:
        commission = session.scalar(select(Agency).where(Agency.code == "noi_chinh"))
        session.add(
            Document(
                sha256=hashlib.sha256(f"start-{payload}".encode()).hexdigest(), size=1,
                filename=payload, status="indexed", kind="txt", owner_agency=commission,
                doc_type="cong_van", uploaded_at=datetime(2005, 1, 1, tzinfo=UTC),
            )
        )  # fmt: skip


def _starts_page(h: Any) -> str:
    archivist = next(p for p in h.world.users if p.key == COMMISSION_ARCHIVIST)
    return h.client(archivist).get("/retention/starts").get_data(as_text=True)


register_xss(
    XssProbe("retention: starts awaiting confirmation", _plant_awaiting_start, _starts_page)
)
