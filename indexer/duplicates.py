"""The same document in several renderings (PDF and DOCX of one text, a scan of a printed
file): recognised when it is first indexed, and shown once.

A freshly indexed document is compared with the index by the engine's more_like_this of
itself (``indexer.related.similar_body``, without an access filter: the group is a fact
about the texts, and every list that shows a group shows only what the user may see). A
document scoring at least :data:`SAME_DOCUMENT_MIN` of the document's own score is
another rendering. On the shared corpus every rendering of a document scores 0.96 or more
of the original's score and no other pair more than 0.69 (``bench/related_threshold.py``),
so the threshold sits between them.

The group is the lowest document id among the renderings (``Document.same_group_id``,
also indexed as ``same_group``); search results keep the best-ranked rendering of a group
on a page and list the others with it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from sqlalchemy import select, update

from indexer.engine import SearchEngine, SearchUnavailable
from records.db import Database
from records.models import Document

log = logging.getLogger(__name__)

#: A more_like_this score at least this share of the document's own: another rendering.
SAME_DOCUMENT_MIN = 0.82
#: Renderings looked for per document.
CANDIDATES = 10


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


def group_of(
    engine: SearchEngine, index: str, document_id: int, known: Mapping[int, int] | None = None
) -> int:
    """The group id of ``document_id``: the lowest id among it and its renderings' groups.

    ``known`` holds groups decided but maybe not yet visible in the index (earlier documents
    of the same batch): they count over what the index says.
    """
    known = known or {}
    hits = engine.search(index, renderings_body(index, document_id))["hits"]["hits"]
    own = next((hit["_score"] for hit in hits if hit["_id"] == str(document_id)), None)
    if not own:
        return document_id
    groups = [document_id]
    for hit in hits:
        if hit["_id"] != str(document_id) and hit["_score"] >= SAME_DOCUMENT_MIN * own:
            other = int(hit["_id"])
            indexed = (hit.get("_source") or {}).get("same_group")
            groups.append(known.get(other) or int(indexed or other))
    return min(groups)


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
            groups[document_id] = group_of(engine, index, document_id, groups)
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
