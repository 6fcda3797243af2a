"""The same document in several renderings (PDF and DOCX of one text, a scan of a printed
file): recognised when it is first indexed, and shown once.

A freshly indexed document is compared with the index by the engine's more_like_this of
itself (``indexer.related.similar_body``, without an access filter: the group is a fact
about the texts, and every list that shows a group shows only what the user may see). A
document scoring at least :data:`SAME_DOCUMENT_MIN` of the document's own score is
another rendering. On the shared corpus every rendering of a document scores 0.96 or more
of the original's score and no other pair more than 0.69 (``bench/related_threshold.py``),
so the threshold sits between them. The engine's score is checked against the texts
themselves (:func:`renderings`): renderings are about as long (a letter quoted in full by a
report is not the report), and short texts, which share most of their words with every
letter of their office, must print the same numbers and nearly the same words.

The group is the lowest document id among the renderings (``Document.same_group_id``,
also indexed as ``same_group``); search shows a group once across pages
(``indexer.search.one_per_group``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Sequence

from sqlalchemy import func, select, update

from indexer.engine import SearchEngine, SearchUnavailable
from indexer.normalize import fold
from records.db import Database
from records.models import Document, DocumentPage

log = logging.getLogger(__name__)

#: A more_like_this score at least this share of the document's own: another rendering.
SAME_DOCUMENT_MIN = 0.82
#: Renderings looked for per document.
CANDIDATES = 10
#: Renderings of one document are about as long: the shorter text is at least this share
#: of the longer (0.976 or more for every rendering pair of the shared corpus; the margin
#: is for OCR, which drops or garbles parts of a page). A letter and a report quoting it,
#: which the engine scores alike once the report is a few pages or less, are not.
LENGTH_RATIO_MIN = 0.7
#: Below this many characters (under half a page) a text is mostly the letterhead, the
#: salutation and the closing that every letter of an office shares ...
SHORT_TEXT = 1200
#: ... so short texts must share this share of their (folded) words, and their numbers.
SHORT_WORDS_MIN = 0.9
WORD = re.compile(r"\w+")


def renderings_body(index: str, document_id: int) -> dict[str, object]:
    """more_like_this of the document over the whole index, the document included."""
    return {
        "size": CANDIDATES + 1,
        "_source": ["same_group"],
        "query": {
            "more_like_this": {
                "fields": ["subject.folded", "content.folded"],
                "like": [{"_index": index, "_id": str(document_id)}],
                "include": True,
                "min_term_freq": 1,
                "min_doc_freq": 1,
                "max_doc_freq": 5000,
                "max_query_terms": 40,
                "minimum_should_match": "10%",
            }
        },
    }


def candidates(engine: SearchEngine, index: str, document_id: int) -> dict[int, int]:
    """Documents scoring as another rendering of ``document_id``, with the group the index
    holds for each (its own id while it has none)."""
    hits = engine.search(index, renderings_body(index, document_id))["hits"]["hits"]
    own = next((hit["_score"] for hit in hits if hit["_id"] == str(document_id)), None)
    if not own:
        return {}
    return {
        int(hit["_id"]): int((hit.get("_source") or {}).get("same_group") or hit["_id"])
        for hit in hits
        if hit["_id"] != str(document_id) and hit["_score"] >= SAME_DOCUMENT_MIN * own
    }


def length_ratio(a: int, b: int) -> float:
    """The shorter length as a share of the longer (1.0 for two empty texts)."""
    shorter, longer = sorted((a, b))
    return shorter / longer if longer else 1.0


def text_lengths(database: Database, document_ids: Collection[int]) -> dict[int, int]:
    """{document id: characters of its searched text}."""
    with database.session() as session:
        rows = session.execute(
            select(DocumentPage.document_id, func.sum(func.length(DocumentPage.text)))
            .where(DocumentPage.document_id.in_(list(document_ids)))
            .group_by(DocumentPage.document_id)
        ).all()
    return {document_id: 0 for document_id in document_ids} | {d: int(n or 0) for d, n in rows}


def texts(database: Database, document_ids: Collection[int]) -> dict[int, str]:
    with database.session() as session:
        rows = session.execute(
            select(DocumentPage.document_id, DocumentPage.text)
            .where(DocumentPage.document_id.in_(list(document_ids)))
            .order_by(DocumentPage.document_id, DocumentPage.page_no)
        ).all()
    out: dict[int, list[str]] = {document_id: [] for document_id in document_ids}
    for document_id, text in rows:
        out[document_id].append(text)
    return {document_id: "\n".join(pages) for document_id, pages in out.items()}


def short_texts_alike(a: str, b: str) -> bool:
    """Two short texts are one document only when nearly all their words are shared and
    one prints every number the other does (a scan may add a page number): short letters
    of one office share most of their words and differ in numbers, dates and names."""
    words_a, words_b = set(WORD.findall(fold(a))), set(WORD.findall(fold(b)))
    numbers_a = {w for w in words_a if w.isdigit()}
    numbers_b = {w for w in words_b if w.isdigit()}
    if not (numbers_a <= numbers_b or numbers_b <= numbers_a):
        return False
    union = words_a | words_b
    return not union or len(words_a & words_b) / len(union) >= SHORT_WORDS_MIN


def renderings(database: Database, document_id: int, found: Collection[int]) -> list[int]:
    """Those of ``found`` (scored as renderings by the engine) whose text is another
    rendering of ``document_id``'s: about as long, and if short, nearly the same words."""
    if not found:
        return []
    lengths = text_lengths(database, [document_id, *found])
    alike = [
        other
        for other in found
        if length_ratio(lengths[document_id], lengths[other]) >= LENGTH_RATIO_MIN
    ]
    short = [o for o in alike if min(lengths[document_id], lengths[o]) < SHORT_TEXT]
    if not short:
        return alike
    written = texts(database, [document_id, *short])
    return [
        other
        for other in alike
        if other not in short or short_texts_alike(written[document_id], written[other])
    ]


def assign_groups(
    database: Database, engine: SearchEngine, index: str, document_ids: Sequence[int]
) -> dict[int, int]:
    """Give the documents that have none their group (in the database and the index);
    return {document id: group id} of those that joined another document's group.

    Documents are looked at in id order, each seeing the groups given before it, so a batch
    (or a rebuild, :mod:`indexer.reindex`) groups them as one-by-one indexing would. The
    engine failing leaves them without one (they are looked at again when next indexed).
    """
    with database.session() as session:
        waiting = session.scalars(
            select(Document.id).where(
                Document.id.in_(list(document_ids)), Document.same_group_id.is_(None)
            )
        ).all()
    if not waiting:
        return {}
    try:
        engine.refresh(index)
        groups: dict[int, int] = {}
        for document_id in sorted(waiting):  # in upload order, as one by one at ingest
            found = candidates(engine, index, document_id)
            kept = renderings(database, document_id, found)
            groups[document_id] = min([document_id, *(groups.get(o) or found[o] for o in kept)])
    except SearchUnavailable as err:
        log.warning("renderings of %d documents not looked up: %s", len(waiting), err)
        return {}
    with database.session() as session:
        for document_id, group in groups.items():
            session.execute(
                update(Document).where(Document.id == document_id).values(same_group_id=group)
            )
    joined = {d: g for d, g in groups.items() if g != d}
    updates = [
        {"_op_type": "update", "_index": index, "_id": str(d), "doc": {"same_group": str(g)}}
        for d, g in joined.items()
    ]
    try:  # the database has it: the next indexing writes it if this fails
        for error in engine.bulk(updates) if updates else []:
            log.error("group of document %s not written: %s", error.doc_id, error.reason)
    except SearchUnavailable as err:
        log.warning("groups of %d documents not written: %s", len(updates), err)
    return joined
