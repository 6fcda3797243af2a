"""The ingest pipeline of one document: parse, describe, tag, save — then index.

Both steps are idempotent and safe to run again at any time: ``parse`` rebuilds the
document's text, metadata and tags from the stored file (keeping user corrections), and
``index`` writes the database's current state of a batch of documents to the engine.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from indexer import duplicates, runtime
from indexer.corrections import CORRECTABLE, apply_corrections
from indexer.documents import BODY_OPTIONS, index_bodies
from indexer.engine import BulkError, SearchEngine, SearchUnavailable, load_schema
from indexer.extract.base import Extracted, ExtractionError, ExtractLimits
from indexer.metadata import DocumentMetadata, Reference, extract_metadata
from indexer.normalize import normalize_text
from indexer.page_corrections import apply_page_corrections, saved_corrections
from indexer.sandbox import extract_limited
from indexer.tagging import suggest_cases
from records import denunciation_letters, metrics
from records.codes import clearance_rank
from records.models import AgencyMention, Document, DocumentPage, DocumentReference
from records.models.base import utcnow
from records.policy import letters
from records.policy.letters import DENUNCIATION_LETTER
from records.sharing import recheck_after_raise
from records.storage import CorruptFile, FileMissing

log = logging.getLogger(__name__)

#: Bump when parsing or extraction rules change; ``hoso reprocess --outdated`` re-runs older ones.
#: 2: failure reasons carry a code (shown translated); OCR binarises with Sauvola.
PIPELINE_VERSION = 2

#: Most documents one bulk request indexes.
INDEX_BATCH = 200
#: A parsed document waiting longer than this is indexed along with the next one that is
#: ready (its own task is evidently behind, e.g. the engine was slow or away).
WAITING_AFTER = timedelta(seconds=2)


def parse(document_id: int, *, force: bool = False) -> bool:
    """Parse one document; return True when it is ready to index (False: failed or gone).

    A document already parsed by the current pipeline version is left as it is unless
    ``force`` is set (a user's "re-run", ``hoso reprocess``).
    """
    db = runtime.database()
    with db.session() as session:
        document = session.get(Document, document_id)
        if document is None:
            return False
        done = document.status in ("parsed", "indexed", "failed")
        if done and document.pipeline_version == PIPELINE_VERSION and not force:
            return document.status != "failed"
        document.status = "processing"
        document.attempts += 1
        document.touch()
        sha256 = document.sha256
    settings = runtime.settings()
    limits = ExtractLimits(
        max_pages=settings.parse_max_pages,
        wall_s=float(settings.parse_timeout_s),  # OCR and LibreOffice time count here
        cpu_s=settings.parse_timeout_s,
        memory_mb=settings.parse_memory_mb,
    )
    try:
        with metrics.stage("extract"), runtime.store().local_path(sha256) as path:
            extracted = extract_limited(path, limits)
    except FileMissing:
        _fail(document_id, ExtractionError("the stored file is missing", "file_missing"))
        return False
    except CorruptFile:
        _fail(document_id, ExtractionError("the stored file is damaged", "file_corrupt"))
        return False
    except ExtractionError as err:
        _fail(document_id, err)
        return False
    with metrics.stage("metadata"):
        with db.session() as session:
            # People's page corrections replace fresh extraction before metadata is read.
            corrected = apply_page_corrections(
                extracted.pages, saved_corrections(session, document_id)
            )
        metadata = extract_metadata(
            extracted.text, header_left=extracted.header_left, header_right=extracted.header_right
        )
    with metrics.stage("save"), db.session() as session:
        document = session.get(Document, document_id)
        if document is None:
            return False
        _save(session, document, extracted, metadata, corrected)
    return True


def _fail(document_id: int, err: ExtractionError) -> None:
    log.warning("document %s failed: %s", document_id, err)
    with runtime.database().session() as session:
        session.execute(
            update(Document)
            .where(Document.id == document_id)
            .values(
                status="failed",
                error=str(err)[:2000],
                error_code=err.code,
                error_params=err.params,
                pipeline_version=PIPELINE_VERSION,
                changed_at=utcnow(),
            )
        )


def _save(
    session: Session,
    document: Document,
    extracted: Extracted,
    metadata: DocumentMetadata,
    corrected: set[int],
) -> None:
    was_letter = document.doc_type == DENUNCIATION_LETTER
    document.kind = extracted.kind
    document.page_count = extracted.page_count
    document.ocr = extracted.ocr
    document.ocr_confidence = extracted.ocr_confidence
    document.source_encoding = extracted.source_encoding
    for field in CORRECTABLE:
        if field != "confidentiality":
            setattr(document, field, getattr(metadata, field, None))
    # A printed mark can raise the level the uploader chose, never lower it.
    if metadata.confidentiality and clearance_rank(metadata.confidentiality) > clearance_rank(
        document.confidentiality
    ):
        document.confidentiality = metadata.confidentiality
        recheck_after_raise(session, None, document)
    document.number_key = metadata.number_key
    document.date_precision = metadata.date_precision
    document.sign_authority = metadata.sign_authority
    document.is_draft = metadata.is_draft
    document.title_mark = metadata.title_mark
    document.is_excerpt = metadata.is_excerpt
    document.field_confidence = dict(metadata.confidence)
    document.recipients = list(metadata.recipients)
    _apply_described(document, extracted.described)
    apply_corrections(document)
    _keep_letter(session, document, was_letter or metadata.doc_type == DENUNCIATION_LETTER)
    denunciation_letters.protect(session, None, document)

    document.pages.clear()
    session.flush()
    # ``original`` keeps the text as printed (shown to people, read for metadata);
    # ``text`` has one tone placement, the form that is indexed and searched.
    confidences = extracted.page_confidences
    document.pages.extend(
        DocumentPage(
            page_no=number,
            text=normalize_text(printed),
            original=printed,
            ocr_confidence=confidences[number - 1] if number <= len(confidences) else None,
            corrected=number in corrected,
        )
        for number, printed in enumerate(extracted.pages, start=1)
    )
    document.mentions = [AgencyMention(agency_code=code) for code in sorted(set(metadata.agencies))]
    _save_references(session, document, metadata)
    suggest_cases(
        session, document, extracted.text, (ref.number_key for ref in metadata.references)
    )
    document.status = "parsed"
    document.error = None
    document.error_code = None
    document.error_params = {}
    document.pipeline_version = PIPELINE_VERSION
    document.touch()


def _keep_letter(session: Session, document: Document, letter: bool) -> None:
    """A document once typed a denunciation letter, or read as one now, is one until a
    petition registers it: its earlier versions still name the denouncer, and a person's
    earlier correction of its type does not hide a letter its new text is. Once registered,
    a person's correction of the type holds."""
    if not letter or document.doc_type == DENUNCIATION_LETTER:
        return
    if letters.registered(document, session):
        return
    document.doc_type = DENUNCIATION_LETTER
    document.corrections = {
        field: value for field, value in (document.corrections or {}).items() if field != "doc_type"
    }


def _apply_described(document: Document, described: dict[str, object]) -> None:
    """Metadata the file's format states (an e-mail's headers) wins over the text's."""
    if "subject" in described:
        document.subject = str(described["subject"])
    if "issuer" in described:
        document.issuer = str(described["issuer"])[:512]
    if "recipients" in described and isinstance(described["recipients"], list):
        document.recipients = [str(value) for value in described["recipients"]]
    if "issued_date" in described:
        document.issued_date = date.fromisoformat(str(described["issued_date"]))
        document.date_precision = "day"


def _save_references(session: Session, document: Document, metadata: DocumentMetadata) -> None:
    document.references.clear()
    session.flush()
    first: dict[str, Reference] = {}
    for ref in metadata.references:
        if ref.number_key != document.number_key:
            first.setdefault(ref.number_key, ref)
    # The documents cited, found in one query (the earliest one holding each number).
    cited = (
        dict(
            session.execute(
                select(Document.number_key, func.min(Document.id))
                .where(Document.number_key.in_(first))
                .group_by(Document.number_key)
            ).all()
        )
        if first
        else {}
    )
    for key, ref in first.items():
        document.references.append(
            DocumentReference(
                number=ref.number,
                number_key=key,
                doc_type=ref.doc_type,
                issued_date=ref.issued_date,
                cited_id=cited.get(key),
            )
        )
    if document.number_key:
        # Earlier documents that cite this one now point at it.
        session.execute(
            update(DocumentReference)
            .where(
                DocumentReference.number_key == document.number_key,
                DocumentReference.cited_id.is_(None),
                DocumentReference.document_id != document.id,
            )
            .values(cited_id=document.id)
        )


def index(document_ids: list[int], *, target: str | None = None) -> list[int]:
    """Write the current state of these documents to the engine; return the ids indexed.

    ``target`` is a concrete index (``hoso reindex`` fills a new one before the alias
    moves); by default documents go to the alias. Raises SearchUnavailable when the engine
    cannot be reached: the documents stay as they are and the sweep sends them again.
    """
    settings = runtime.settings()
    engine = runtime.engine()
    alias = settings.index_alias
    destination = target or alias
    with runtime.database().session() as session:
        documents = session.scalars(
            select(Document)
            .where(Document.id.in_(document_ids), Document.status.in_(("parsed", "indexed")))
            .options(*BODY_OPTIONS)
        ).all()
        stamps = {document.id: document.changed_at for document in documents}
        actions = bulk_actions(session, documents, destination)
    if not actions:
        return []
    if target is None:
        engine.ensure_alias(
            alias,
            load_schema("documents"),
            shards=settings.search_shards,
            replicas=settings.search_replicas,
        )
    sent = send(engine, actions)
    indexed = sent.indexed
    if target is not None:
        return indexed  # not serving yet: the record says where the alias points
    _refused(sent.refused)
    duplicates.assign_groups(runtime.database(), engine, alias, indexed)
    now = utcnow()
    with runtime.database().session() as session:
        for doc_id in indexed:
            # Only mark indexed if nobody changed the document while we were indexing it.
            session.execute(
                update(Document)
                .where(Document.id == doc_id, Document.changed_at == stamps[doc_id])
                .values(status="indexed", indexed_at=now)
            )
    if sent.transient:
        raise SearchUnavailable(
            f"the engine could not take {len(sent.transient)} documents for now "
            f"(first: {sent.transient[0].reason[:200]})"
        )
    return indexed


def bulk_actions(
    session: Session, documents: Sequence[Document], destination: str
) -> list[dict[str, Any]]:
    """Bulk "index" actions writing these documents (loaded with BODY_OPTIONS)."""
    return [
        {"_op_type": "index", "_index": destination, "_id": body["id"], "_source": body}
        for body in index_bodies(session, documents)
    ]


@dataclass
class Sent:
    """What one bulk request did: ids written, ids refused for good (with the engine's
    reason), and whether some items met a transient error worth another attempt."""

    indexed: list[int] = dataclasses.field(default_factory=list)
    refused: dict[int, str] = dataclasses.field(default_factory=dict)
    transient: list[BulkError] = dataclasses.field(default_factory=list)


def send(engine: SearchEngine, actions: list[dict[str, Any]]) -> Sent:
    """One bulk request; failures are logged and counted."""
    with metrics.timed("index"):
        try:
            errors = engine.bulk(actions)
        except SearchUnavailable as err:
            metrics.record_failure("index", str(err), len(actions))
            raise
    sent = Sent()
    for error in errors:
        log.error("indexing document %s failed: %s", error.doc_id, error.reason)
        metrics.record_failure("index", error.reason)
        if error.permanent and error.doc_id.isdigit():
            sent.refused[int(error.doc_id)] = error.reason
        else:
            sent.transient.append(error)
    failed_ids = {error.doc_id for error in errors}
    sent.indexed = [int(action["_id"]) for action in actions if action["_id"] not in failed_ids]
    metrics.INGEST_DOCUMENTS.labels("index", "ok").inc(len(sent.indexed))
    return sent


def _refused(refused: dict[int, str]) -> None:
    """Documents the engine refuses for good fail at once with its reason; nothing retries
    them until a person runs them again (``hoso doc rerun``)."""
    for document_id, reason in refused.items():
        _fail(
            document_id,
            ExtractionError(
                f"the search engine refused the document: {reason}",
                "index_refused",
                detail=_engine_reason(reason),
            ),
        )


def _engine_reason(reason: str) -> str:
    """The engine's own sentence out of a bulk item's error JSON."""
    try:
        error = json.loads(reason)
    except ValueError:
        return reason[:300]
    cause = error.get("caused_by", {}) if isinstance(error, dict) else {}
    text = (cause or error).get("reason") if isinstance(cause or error, dict) else None
    return str(text or error)[:300]


def index_ready(document_id: int) -> list[int]:
    """Index a document just parsed, together with other parsed documents left waiting,
    in one bulk request; return the ids indexed.

    Documents that another task indexed meanwhile are skipped, so a burst of uploads
    whose indexing fell behind costs one bulk request per batch, not one per document.
    """
    cutoff = utcnow() - WAITING_AFTER
    with runtime.database().session() as session:
        waiting = session.scalars(
            select(Document.id)
            .where(
                Document.status == "parsed",
                Document.changed_at < cutoff,
                Document.id != document_id,
            )
            .order_by(Document.changed_at)
            .limit(INDEX_BATCH - 1)
        ).all()
        stale = session.scalars(
            select(Document.id).where(
                Document.id.in_([document_id, *waiting]),
                or_(
                    Document.status == "parsed",
                    and_(
                        Document.status == "indexed",
                        or_(
                            Document.indexed_at.is_(None), Document.indexed_at < Document.changed_at
                        ),
                    ),
                ),
            )
        ).all()
    return index(list(stale))


def stale_after() -> timedelta:
    """How long a document may sit in received/processing before the sweep sends it again."""
    return timedelta(seconds=runtime.settings().sweep_stale_s)


__all__ = [
    "CORRECTABLE",
    "PIPELINE_VERSION",
    "SearchUnavailable",
    "index",
    "index_ready",
    "parse",
    "stale_after",
]
