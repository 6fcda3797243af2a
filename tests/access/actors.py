"""People of several bodies acting through the REST API with bearer tokens, for the tests
of the actions that change who sees what."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from records import accounts, tokens
from records.db import Database
from records.models import Document
from tests.support.auth import PASSWORD


@dataclass(frozen=True)
class Actor:
    id: int
    username: str
    agency: str
    roles: tuple[str, ...]
    clearance: str
    headers: dict[str, str]


class Actors:
    """Creates accounts with tokens and calls the API as them."""

    def __init__(self, db: Database, client: Any) -> None:
        self.db = db
        self.client = client

    def make(self, username: str, agency: str, role: str, clearance: str) -> Actor:
        with self.db.session() as session:
            user = accounts.create_user(
                session, username=username, agency_code=agency, roles=[role],
                clearance=clearance, password=PASSWORD, actor=None,
            )  # fmt: skip
            _, raw = tokens.issue(session, user, "test", scope="read_write")
            return Actor(
                user.id, username, agency, (role,), clearance, {"Authorization": f"Bearer {raw}"}
            )

    def upload(self, actor: Actor, data: bytes, filename: str, **form: Any):
        fields = {"file": (io.BytesIO(data), filename), **form}
        return self.client.post(
            "/api/v1/documents", data=fields, headers=actor.headers,
            content_type="multipart/form-data",
        )  # fmt: skip

    def get(self, actor: Actor, path: str):
        return self.client.get(path, headers=actor.headers)

    def patch(self, actor: Actor, path: str, body: dict[str, Any]):
        return self.client.patch(path, json=body, headers=actor.headers)

    def post(self, actor: Actor, path: str, body: dict[str, Any]):
        return self.client.post(path, json=body, headers=actor.headers)

    def document(self, document_id: int) -> Document:
        """A fresh copy of the document row, its shares loaded."""
        with self.db.session() as session:
            document = session.get(Document, document_id)
            assert document is not None
            list(document.shared_with)
            session.expunge(document)
            return document
