"""Relevance of hoso's search on a judged corpus, against a baseline built in the same run.

    .venv/bin/python bench/relevance_eval.py [--corpus /work/shared/corpus]
        [--queries FILE] [--output bench/results/relevance_eval.json]

1. Every document's primary file goes through hoso's own pipeline, in process: intake
   (``records.intake.receive``), parsing (``indexer.pipeline.parse``: sandboxed extraction,
   legacy-encoding repair, normalisation, metadata) and indexing (``indexer.pipeline.index``)
   into a fresh index of the live engine (``HOSO_SEARCH_URL``), with a throw-away SQLite
   database and data folder.
2. The **baseline** index holds the same extracted text (as printed, before hoso's search
   normalisation) under the engine's ``standard`` analyzer, queried with a plain ``match``
   of the query as typed.
3. Every query runs through ``indexer.search.search`` (the real query builder, with the
   access filter of the local administrator) and through the baseline; nDCG@10 (gain
   2^grade - 1), MRR and recall@10 are reported overall and per query kind.
4. Two more checks: each query typed with diacritics is run again without them (the
   difference of nDCG@10 is the *diacritics gap*), and each ``doc_number`` query must
   have its document first.

The figures are printed and written as JSON (``--output``). Indexes and files made for the
run are removed at the end.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The shared corpus sits next to the checkout (or next to the folder of worktrees).
DEFAULT_CORPUS = next(
    (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus",
)
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "relevance_eval.json"
K = 10
TARGETS = {"ndcg": 0.80, "over_baseline": 0.15, "diacritics_gap": 0.05}


# -- metrics --------------------------------------------------------------------------------
def ndcg(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    gains = [(2 ** relevant.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k])]
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
    return sum(gains) / best if best else 0.0


def reciprocal_rank(ranked: list[str], relevant: dict[str, int]) -> float:
    return next((1 / (i + 1) for i, doc in enumerate(ranked) if relevant.get(doc, 0) > 0), 0.0)


def recall(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    wanted = {doc for doc, grade in relevant.items() if grade > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def mean(key: str, subset: list[dict[str, Any]]) -> float:
        return round(statistics.fmean(r[key] for r in subset), 4) if subset else 0.0

    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    return {
        "overall": {m: mean(m, rows) for m in ("ndcg", "mrr", "recall")} | {"queries": len(rows)},
        "by_kind": {
            kind: {m: mean(m, subset) for m in ("ndcg", "mrr", "recall")} | {"queries": len(subset)}
            for kind, subset in sorted(by_kind.items())
        },
    }


def evaluate(
    queries: list[dict[str, Any]], run: Callable[[str], list[str]]
) -> list[dict[str, Any]]:
    rows = []
    for query in queries:
        ranked = run(query["query"])
        relevant = {str(k): int(v) for k, v in query["relevant"].items()}
        rows.append(
            {
                "id": query["id"],
                "kind": query.get("kind", "other"),
                "query": query["query"],
                "ndcg": ndcg(ranked, relevant),
                "mrr": reciprocal_rank(ranked, relevant),
                "recall": recall(ranked, relevant),
                "top": ranked[:K],
            }
        )
    return rows


# -- loading the corpus through hoso --------------------------------------------------------
def configure(workdir: Path, prefix: str) -> None:
    """Point hoso's settings at a throw-away data folder, database and index prefix."""
    os.environ["HOSO_DATA_DIR"] = str(workdir / "data")
    os.environ["HOSO_DATABASE_URL"] = f"sqlite:///{workdir / 'data' / 'hoso.db'}"
    os.environ["HOSO_SEARCH_INDEX_PREFIX"] = prefix
    os.environ.setdefault("HOSO_SECRET_KEY", "relevance-eval")


def load_corpus(corpus: Path) -> dict[str, int]:
    """Receive, parse and index every primary file; return {corpus id: document id}."""
    from sqlalchemy import select

    from indexer import pipeline, runtime
    from records import migrate
    from records.accounts import ensure_admin
    from records.intake import receive
    from records.models import Agency

    runtime.reset()
    migrate.upgrade(runtime.settings().database_url)
    ids: dict[str, int] = {}
    with runtime.database().session() as session:
        ensure_admin(session)
        owner = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
        for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            primary = next(f for f in entry["files"] if f.get("primary"))
            path = corpus / primary["path"]
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
            ids[entry["id"]] = received.document.id
    with ThreadPoolExecutor(max_workers=2) as pool:  # each parse is a sandboxed child process
        parsed = list(pool.map(pipeline.parse, ids.values()))
    ready = [doc_id for doc_id, ok in zip(ids.values(), parsed, strict=True) if ok]
    pipeline.index(ready)
    runtime.engine().refresh(runtime.settings().index_alias)
    return ids


def build_baseline(name: str) -> None:
    """The engine's standard analyzer over the same extracted text, one field."""
    from sqlalchemy import select

    from indexer import runtime
    from records.models import DocumentPage

    engine = runtime.engine()
    engine.create_index(
        name, {"mappings": {"properties": {"text": {"type": "text", "analyzer": "standard"}}}}
    )
    texts: dict[int, list[str]] = defaultdict(list)
    with runtime.database().session() as session:
        rows = session.execute(
            select(DocumentPage.document_id, DocumentPage.original).order_by(
                DocumentPage.document_id, DocumentPage.page_no
            )
        ).all()
    for document_id, original in rows:
        texts[document_id].append(original)
    engine.bulk(
        [
            {"_index": name, "_id": str(d), "_source": {"text": "\n".join(t)}}
            for d, t in texts.items()
        ],
        refresh=True,
        require_alias=False,  # the baseline's own index, written by name
    )


# -- the run -------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--queries", type=Path, help="default: <corpus>/queries.jsonl")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    queries_path = args.queries or args.corpus / "queries.jsonl"
    queries = [
        json.loads(line)
        for line in queries_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]

    workdir = Path(tempfile.mkdtemp(prefix="hoso-relevance-"))
    prefix = f"hoso-relevance-{uuid.uuid4().hex[:8]}"
    configure(workdir, prefix)
    from sqlalchemy import select

    from indexer import runtime
    from indexer.normalize import fold, has_diacritics
    from indexer.query import Page
    from indexer.search import search
    from records.models import Document, User

    baseline_index = f"{prefix}-baseline"
    started = time.perf_counter()
    try:
        ids = load_corpus(args.corpus)
        loaded_s = time.perf_counter() - started
        build_baseline(baseline_index)
        by_document = {str(doc_id): corpus_id for corpus_id, doc_id in ids.items()}
        engine = runtime.engine()
        alias = runtime.settings().index_alias
        with runtime.database().session() as session:
            statuses = dict(session.execute(select(Document.id, Document.status)).all())
            admin = session.scalars(select(User).where(User.username == "admin")).one()

            took: list[int] = []

            def run_hoso(text: str) -> list[str]:
                result = search(session, engine, alias, admin, text, page=Page(size=K))
                took.append(result.took_ms)
                return [by_document[str(hit.id)] for hit in result.hits]

            def run_baseline(text: str) -> list[str]:
                body = {"query": {"match": {"text": text}}, "size": K, "_source": False}
                hits = engine.search(baseline_index, body)["hits"]["hits"]
                return [by_document[hit["_id"]] for hit in hits]

            hoso_rows = evaluate(queries, run_hoso)
            baseline_rows = evaluate(queries, run_baseline)
            with_marks = [
                q for q in queries if has_diacritics(q["query"]) and q.get("kind") != "doc_number"
            ]
            folded_queries = [{**q, "query": fold(q["query"])} for q in with_marks]
            marked_rows = evaluate(with_marks, run_hoso)
            folded_rows = evaluate(folded_queries, run_hoso)
            numbers = [
                {
                    "id": row["id"],
                    "query": row["query"],
                    "first": row["top"][0] if row["top"] else None,
                    "ok": bool(row["top"]) and q["relevant"].get(row["top"][0], 0) == 2,
                }
                for row, q in zip(hoso_rows, queries, strict=True)
                if q.get("kind") == "doc_number"
            ]
    finally:
        engine = runtime.engine()
        for index in [*engine.indices_for(runtime.settings().index_alias), baseline_index]:
            try:
                engine.delete_index(index)
            except Exception as err:  # cleanup goes on; say what stays
                print(f"could not delete index {index}: {err}", file=sys.stderr)
        runtime.database().dispose()
        shutil.rmtree(workdir, ignore_errors=True)

    hoso = summarise(hoso_rows)
    baseline = summarise(baseline_rows)
    marked = statistics.fmean(r["ndcg"] for r in marked_rows) if marked_rows else 0.0
    folded = statistics.fmean(r["ndcg"] for r in folded_rows) if folded_rows else 0.0
    gap = round(marked - folded, 4)
    over = round(hoso["overall"]["ndcg"] - baseline["overall"]["ndcg"], 4)
    targets = {
        "ndcg_at_least_0.80": hoso["overall"]["ndcg"] >= TARGETS["ndcg"],
        "at_least_0.15_over_baseline": over >= TARGETS["over_baseline"],
        "no_diacritics_within_0.05": abs(gap) <= TARGETS["diacritics_gap"],
        "doc_numbers_first": all(n["ok"] for n in numbers),
    }
    report = {
        "corpus": str(args.corpus),
        "queries": str(queries_path),
        "documents": len(ids),
        "indexed": sum(1 for s in statuses.values() if s == "indexed"),
        "failed": sorted(by_document[str(d)] for d, s in statuses.items() if s == "failed"),
        "load_seconds": round(loaded_s, 1),
        "hoso": hoso | {"per_query": hoso_rows},
        "baseline": baseline | {"per_query": baseline_rows},
        "ndcg_over_baseline": over,
        "diacritics": {
            "queries": len(marked_rows),
            "ndcg_with": round(marked, 4),
            "ndcg_without": round(folded, 4),
            "gap": gap,
            "per_query": [
                {"id": a["id"], "with": round(a["ndcg"], 4), "without": round(b["ndcg"], 4)}
                for a, b in zip(marked_rows, folded_rows, strict=True)
            ],
        },
        "doc_numbers_first": numbers,
        "engine_took_ms": {
            "median": statistics.median(took),
            "max": max(took),
            "note": "with facets and highlights, as the search page asks",
        },
        "targets": targets,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    _print(report)
    return 0


def _print(report: dict[str, Any]) -> None:
    def line(name: str, figures: dict[str, Any]) -> str:
        return (
            f"  {name:<18} nDCG@10 {figures['ndcg']:.3f}   MRR {figures['mrr']:.3f}   "
            f"recall@10 {figures['recall']:.3f}   ({figures['queries']} queries)"
        )

    print(
        f"corpus: {report['corpus']}: {report['indexed']}/{report['documents']} documents "
        f"indexed in {report['load_seconds']} s; failed: {report['failed'] or 'none'}"
    )
    for system in ("hoso", "baseline"):
        print(f"\n{system}:")
        print(line("overall", report[system]["overall"]))
        for kind, figures in report[system]["by_kind"].items():
            print(line(kind, figures))
    diacritics = report["diacritics"]
    print(f"\nnDCG@10 over the baseline: {report['ndcg_over_baseline']:+.3f}")
    print(
        f"without diacritics: nDCG@10 {diacritics['ndcg_without']:.3f} vs "
        f"{diacritics['ndcg_with']:.3f} with them (gap {diacritics['gap']:+.3f}, "
        f"{diacritics['queries']} queries)"
    )
    for number in report["doc_numbers_first"]:
        print(
            f"doc number {number['query']!r}: first hit {number['first']} "
            f"{'ok' if number['ok'] else 'WRONG'}"
        )
    took = report["engine_took_ms"]
    print(f"engine time per search: median {took['median']} ms, max {took['max']} ms")
    print("\ntargets:")
    for name, ok in report["targets"].items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")


if __name__ == "__main__":
    sys.exit(main())
