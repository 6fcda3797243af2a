"""Where "the same document" and "similar" begin, measured on the shared corpus.

    .venv/bin/python bench/related_threshold.py [--corpus /work/shared/corpus]
        [--output bench/results/related_threshold.json]

Every file of the corpus (each document in several renderings: DOCX, PDF, scans, legacy
encodings) goes through hoso's pipeline into a scratch index, as in
``bench/relevance_eval.py``. For every file, the engine's more_like_this of it (as
``indexer.related.similar`` asks) scores the others; a score is taken as a share of the
file's own score, and the ratio of the two texts' lengths (shorter / longer) is noted. The
pairs are judged from the corpus:

* **same**: two renderings of one document;
* **related**: two documents judged relevant (grade 2) to one query of ``queries.jsonl``;
* **unrelated**: every other pair.

Printed and written: the distribution of shares per class, the lowest share that still
separates "same" from the rest (``same_document_min``: midway between the highest other
pair and the lowest same pair), and the share above which a listed "similar" document is
more often related than not (``similar_min``: the threshold with the best F1 for related
against unrelated). ``indexer.related`` uses these two numbers; the lowest length ratio
of "same" pairs bounds ``indexer.duplicates.LENGTH_RATIO_MIN``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.relevance_eval import DEFAULT_CORPUS, configure  # noqa: E402

DEFAULT_OUTPUT = ROOT / "bench" / "results" / "related_threshold.json"


def load_all_files(corpus: Path) -> dict[int, str]:
    """Receive, parse and index every file; return {document id: corpus id}."""
    from sqlalchemy import select

    from indexer import pipeline, runtime
    from records import migrate
    from records.accounts import ensure_admin
    from records.intake import receive
    from records.models import Agency

    runtime.reset()
    migrate.upgrade(runtime.settings().database_url)
    owners: dict[int, str] = {}
    with runtime.database().session() as session:
        ensure_admin(session)
        owner = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
        for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            for item in entry["files"]:
                path = corpus / item["path"]
                with path.open("rb") as stream:
                    received = receive(
                        session,
                        runtime.store(),
                        stream,
                        path.name,
                        user=None,
                        agency=owner,
                        channel="cli",
                    )
                owners[received.document.id] = entry["id"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        parsed = list(pool.map(pipeline.parse, owners))
    pipeline.index([doc_id for doc_id, ok in zip(owners, parsed, strict=True) if ok])
    runtime.engine().refresh(runtime.settings().index_alias)
    return owners


def related_pairs(corpus: Path) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for line in (corpus / "queries.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            wanted = [d for d, g in json.loads(line)["relevant"].items() if int(g) == 2]
            pairs |= {frozenset(p) for p in combinations(wanted, 2)}
    return pairs


def best_f1(related: list[float], unrelated: list[float]) -> tuple[float, float]:
    best = (0.0, 0.0)
    for threshold in sorted(set(related)):
        kept = sum(1 for s in related if s >= threshold)
        wrong = sum(1 for s in unrelated if s >= threshold)
        precision = kept / (kept + wrong) if kept + wrong else 0.0
        recall = kept / len(related) if related else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best[1]:
            best = (threshold, f1)
    return best


def summary(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"pairs": 0}
    ordered = sorted(values)
    return {
        "pairs": len(values),
        "min": round(ordered[0], 3),
        "median": round(statistics.median(ordered), 3),
        "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 3),
        "max": round(ordered[-1], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="hoso-related-"))
    configure(workdir, f"hoso-related-{uuid.uuid4().hex[:8]}")
    from sqlalchemy import select

    from indexer import runtime
    from indexer.duplicates import length_ratio, text_lengths
    from indexer.related import similar
    from records.models import Document, User

    shares: dict[str, list[float]] = defaultdict(list)
    length_ratios: dict[str, list[float]] = defaultdict(list)
    try:
        owners = load_all_files(args.corpus)
        judged = related_pairs(args.corpus)
        engine, alias = runtime.engine(), runtime.settings().index_alias
        with runtime.database().session() as session:
            admin = session.scalars(select(User).where(User.username == "admin")).one()
            indexed = session.scalars(select(Document.id).where(Document.status == "indexed")).all()
            lengths = text_lengths(runtime.database(), indexed)
            for document_id in indexed:
                for ref, share in similar(engine, alias, admin, document_id, limit=len(owners)):
                    a, b = owners[document_id], owners[ref.id]
                    kind = "same" if a == b else "related" if {a, b} in judged else "unrelated"
                    shares[kind].append(share)
                    length_ratios[kind].append(length_ratio(lengths[document_id], lengths[ref.id]))
    finally:
        engine = runtime.engine()
        for index in engine.indices_for(runtime.settings().index_alias):
            engine.delete_index(index)
        runtime.database().dispose()
        shutil.rmtree(workdir, ignore_errors=True)

    others = shares["related"] + shares["unrelated"]
    lowest_same = min(shares["same"], default=1.0)
    highest_other = max(others, default=0.0)
    similar_min, f1 = best_f1(shares["related"], shares["unrelated"])
    report = {
        "corpus": str(args.corpus),
        "files": len(owners),
        "indexed": len(indexed),
        "shares": {kind: summary(values) for kind, values in sorted(shares.items())},
        "length_ratios": {kind: summary(v) for kind, v in sorted(length_ratios.items())},
        "same_separable": lowest_same > highest_other,
        "same_document_min": round((lowest_same + highest_other) / 2, 3),
        "similar_min": round(similar_min, 3),
        "similar_f1": round(f1, 3),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
