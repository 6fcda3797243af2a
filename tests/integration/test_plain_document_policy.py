"""``records.policy.plain.plainly_visible`` (the policy's Core-row form, used by the Core read
of ``hoso doc show``) decides as ``records.policy.may_see`` on every plain document: each kind
of user against each kind of document (owner, level, sharing, trash), on PostgreSQL and on
SQLite."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from records import plain_document as plain
from records.db import Database
from records.models import Agency, Document, User
from records.policy import documents as document_policy
from records.policy import may_see, roles
from records.policy.plain import plainly_visible

pytestmark = pytest.mark.services

ROLE_SETS = (("viewer",), ("officer", "auditor"), ("auditor",), ("administrator",), ("archivist",))
LEVELS = ("thuong", "mat")
BODIES = ("noi_chinh", "thanh_tra", "outside")
STATES = ("live", "trashed", "disposed")


def test_both_forms_share_the_reader_roles() -> None:
    assert document_policy.READER_ROLES is roles.READER_ROLES


def test_plainly_visible_agrees_with_the_policy(db: Database) -> None:
    session = db.sessionmaker()
    try:
        bodies = {a.code: a for a in session.scalars(select(Agency).where(Agency.code.in_(BODIES)))}
        # A body outside the coordination regulation: "shared with all" does not reach it.
        bodies["outside"] = Agency(code="outside", name="Ngoài", coordinating=False)
        session.add(bodies["outside"])
        users = [
            User(username=f"u{n}", agency=bodies[body], roles=list(roles), clearance=level,
                 active=active)
            for n, (roles, level, body, active) in enumerate(
                itertools.product(ROLE_SETS, LEVELS, BODIES, (True, False))
            )
        ]  # fmt: skip
        documents = [
            Document(
                sha256=uuid.uuid4().hex * 2, size=1, filename="a.txt", owner_agency=bodies[owner],
                confidentiality=level, shared_with=[bodies[code] for code in shared],
                shared_all=shared_all, status="disposed" if state == "disposed" else "indexed",
                trashed_at=datetime.now(UTC) if state == "trashed" else None,
            )
            for owner, level, shared, shared_all, state in itertools.product(
                BODIES[:2], LEVELS, ((), ("thanh_tra",), ("outside",)), (False, True), STATES
            )
        ]  # fmt: skip
        session.add_all([*users, *documents])
        session.flush()
        connection = session.connection()
        rows = {d.id: plain.find_document(connection, d.id) for d in documents}
        shared = {d.id: {a.id for a in plain.shared_agencies(connection, d.id)} for d in documents}
        assert all(plain.is_plain(connection, row) for row in rows.values())
        seen = 0
        for user in users:
            actor = plain.find_actor(connection, user.username)
            assert (actor is None) == (not user.active)
            for document in documents:
                expected = may_see(user, document, {})
                if actor is not None:
                    assert plainly_visible(actor, rows[document.id], shared[document.id]) == (
                        expected
                    ), (user.roles, user.clearance, user.agency.code, document.id)
                seen += expected
        assert seen > 0
    finally:
        session.rollback()
        session.close()
