"""The synthetic archive of the benchmarks is a consistent hoso archive, and the search
benchmark's queries cover every kind of the corpus's query set."""

from __future__ import annotations

import json
import random
from pathlib import Path

from sqlalchemy import func, select

from bench.search_benchmark import queries
from bench.synthetic import Shape, seed
from indexer import consistency, runtime
from indexer.engine import SearchEngine
from indexer.reindex import reindex
from records.config import Settings
from records.db import Database
from records.models import Case, Document
from records.storage import open_store


def test_synthetic_archive_reindexes_cleanly_and_every_query_kind_is_sent(
    db: Database, hoso_settings: Settings, search_engine: SearchEngine, corpus: Path
) -> None:
    with db.session() as session:
        done = seed(session, open_store(hoso_settings), Shape(60, {}, documents_per_case=10))
        levels = set(session.scalars(select(Document.confidentiality).distinct()))
        owners = session.scalar(select(func.count(Document.owner_agency_id.distinct())))
        assert session.scalar(select(func.count(Case.id))) == done.cases == 6
        numbers = list(session.scalars(select(Document.number).limit(3)))
    assert done.documents == 60 and done.pages >= 60 and done.shares and done.references
    assert "thuong" in levels and len(levels) >= 2 and owners >= 5
    runtime.reset()

    report = reindex(old_index_grace_s=0)
    assert report.documents == 60
    assert consistency.check_here(files=True).clean
    assert search_engine.count(hoso_settings.index_alias) >= 60

    lines = (corpus / "queries.jsonl").read_text(encoding="utf-8").splitlines()
    kinds = {json.loads(line)["kind"] for line in lines if line.strip()}
    assert kinds <= {query.kind for query in queries(random.Random(1), numbers)}
