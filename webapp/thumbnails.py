"""Which documents of a list have a first-page thumbnail the user may see, and its URL.

A document whose denouncers are hidden from the user shows none (its page might name
them); the thumbnail endpoint checks the same again.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import url_for
from flask_login import current_user
from sqlalchemy import select

from indexer.thumbnails import THUMBNAIL
from records.models import Document
from records.petitions.protection import hidden_from
from webapp.db_session import db_session
from webapp.services import services


def thumbnail_urls(document_ids: Iterable[int]) -> dict[int, str]:
    ids = list(document_ids)
    if not ids:
        return {}
    session = db_session()
    store = services().store
    masked = hidden_from(session, current_user, ids)
    rows = session.execute(select(Document.id, Document.sha256).where(Document.id.in_(ids)))
    return {
        document_id: url_for("search.thumbnail", document_id=document_id)
        for document_id, sha256 in rows
        if document_id not in masked and store.has_derived(sha256, THUMBNAIL)
    }
