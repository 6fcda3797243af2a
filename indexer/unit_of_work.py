"""Indexing follows the commit: what a transaction changed is queued once it is committed.

A watched session collects, at each flush, the documents it stored (new files to parse),
the documents it marked changed (:meth:`Document.touch`: a share, a case, new metadata) and
the denunciations it moved (who may read their documents unmasked may have changed). When
the transaction commits, they are sent to the workers; when it rolls back, nothing is sent.
No handler queues by hand. If the broker is away the documents keep their state and the
periodic sweep (:func:`indexer.tasks.sweep`) sends them later.

The web app and the CLI watch their sessions (:func:`watch`); the workers do not, as their
own changes (a document parsed, indexed) are the result of the queue, not a cause for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from indexer.queue import enqueue_index, enqueue_ingest
from records.models import Document, Petition, PetitionDocument
from records.petitions.codes import Kind

_PENDING = "hoso.unit_of_work"
_SAVEPOINTS = "hoso.unit_of_work.savepoints"
_DELIVERED = "hoso.unit_of_work.delivered"


@dataclass
class Pending:
    """What the open transaction will queue when it commits."""

    parse: set[int] = field(default_factory=set)
    reparse: set[int] = field(default_factory=set)
    index: set[int] = field(default_factory=set)
    then: list[Callable[[], None]] = field(default_factory=list)


def watch(target: sessionmaker | Session) -> None:
    """Queue the changes of every transaction of ``target`` when it commits."""
    event.listen(target, "after_transaction_create", _savepoint)
    event.listen(target, "after_flush", _collect)
    event.listen(target, "after_commit", _send)
    event.listen(target, "after_soft_rollback", _forget)


def reparse(session: Session, document: Document) -> None:
    """Parse ``document`` again from its file once the transaction of the watched
    ``session`` commits (a new version made current, a re-run asked for)."""
    pending(session).reparse.add(document.id)


def on_commit(session: Session, task: Callable[[], None]) -> None:
    """Run ``task`` once the transaction commits (work for the workers that must not start
    before they can read what it changed); a rollback drops it."""
    pending(session).then.append(task)


def delivered(session: Session, document_id: int) -> bool:
    """Did the broker take the work a commit of ``session`` queued for ``document_id``?
    False when it could not (the document waits for the queue, or for the sweep)."""
    return session.info.get(_DELIVERED, {}).get(document_id, False)


def pending(session: Session) -> Pending:
    """What ``session`` will queue at its next commit."""
    return session.info.setdefault(_PENDING, Pending())


def _savepoint(session: Session, transaction: SessionTransaction) -> None:
    """Remember what was pending when a savepoint began, to return to it on its rollback."""
    if transaction.nested:
        found = pending(session)
        session.info.setdefault(_SAVEPOINTS, {})[transaction] = replace(
            found,
            parse=set(found.parse),
            reparse=set(found.reparse),
            index=set(found.index),
            then=list(found.then),
        )


def _collect(session: Session, _context: object) -> None:
    found = pending(session)
    for obj in session.new:
        if isinstance(obj, Document) and obj.status == "received":
            found.parse.add(obj.id)
    denunciations: list[int] = []
    for obj in session.dirty:
        if isinstance(obj, Document):
            attrs = inspect(obj).attrs
            if attrs.indexed_at.history.added and obj.indexed_at >= obj.changed_at:
                found.index.discard(obj.id)  # indexed at once, after its last change
            elif attrs.changed_at.history.added:
                found.index.add(obj.id)
        elif isinstance(obj, Petition) and obj.kind == Kind.DENUNCIATION:
            denunciations.append(obj.id)
    if denunciations:
        found.index.update(
            session.scalars(
                select(Document.id)
                .join(PetitionDocument, PetitionDocument.document_id == Document.id)
                .where(
                    PetitionDocument.petition_id.in_(denunciations),
                    Document.status == "indexed",
                )
            )
        )


def _send(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint released: the transaction goes on
        session.info.get(_SAVEPOINTS, {}).pop(session.get_nested_transaction(), None)
        return
    session.info.pop(_SAVEPOINTS, None)
    found = session.info.pop(_PENDING, None)
    if found is None:
        return
    report = session.info.setdefault(_DELIVERED, {})
    for document_id in sorted(found.parse - found.reparse):
        report[document_id] = enqueue_ingest(document_id)
    for document_id in sorted(found.reparse):
        report[document_id] = enqueue_ingest(document_id, force=True)
    to_index = sorted(found.index - found.parse - found.reparse)
    report.update(dict.fromkeys(to_index, enqueue_index(to_index)))
    for task in found.then:
        task()


def _forget(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
        session.info.pop(_SAVEPOINTS, None)
        return
    before = session.info.get(_SAVEPOINTS, {}).pop(transaction, None)
    if before is not None:
        session.info[_PENDING] = before
