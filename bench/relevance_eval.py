"""Relevance of hoso's search on a judged corpus, against a baseline built in the same run.

    .venv/bin/python bench/relevance_eval.py [--corpus /work/shared/corpus]
        [--queries FILE] [--output bench/results/relevance_eval.json]

1. Every document's primary file goes through hoso's own pipeline, in process: intake
   (``records.intake.receive``), parsing (``indexer.pipeline.parse``: sandboxed extraction,
   legacy-encoding repair, normalisation, metadata) and indexing (``indexer.pipeline.index``)
   into a fresh index of the live engine (``HOSO_SEARCH_URL``), with a throw-away SQLite
   database and data folder.
2. Two **baselines** hold the corpus's ground-truth texts (``texts/<id>.txt``, the perfect
   text hoso has to extract first) in scratch indexes of the same engine: ``folded``
   (standard tokenizer, ``lowercase`` + ``asciifolding``) and ``standard`` (the bare
   ``standard`` analyzer), both queried with ``simple_query_string`` of the query as typed.
   That is what a plain engine does with no knowledge of the domain; hoso has to beat it.
3. Every query runs through ``indexer.search.search`` (the real query builder, with the
   access filter of the local administrator) and through both baselines; nDCG@10 (gain
   2^grade - 1), MRR and recall@10 are reported overall and per query kind for all three.
4. ``--heldout FILE`` (default ``bench/relevance_heldout.jsonl``: queries written and
   judged from the corpus texts, never used to tune the ranking) is scored the same way
   in the same run and reported separately.
5. Two more checks: each query typed with diacritics is run again without them (the
   difference of nDCG@10 is the *diacritics gap*), and the number queries
   (``doc_number``) must have their document first (MRR 1.0).

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
DEFAULT_HELDOUT = ROOT / "bench" / "relevance_heldout.jsonl"
K = 10
TARGETS = {"ndcg": 0.97, "abbreviation": 0.85, "diacritics_gap": 0.05}
#: The plain engines hoso is compared with: name -> analysis of their one text field.
BASELINES: dict[str, dict[str, Any]] = {
    "folded": {
        "analyzer": {
            "plain_folded": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            }
        }
    },
    "standard": {},
}


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


def build_baseline(name: str, analysis: dict[str, Any], texts: dict[str, str]) -> None:
    """One scratch index of ``texts`` ({corpus id: text}) under a plain analyzer."""
    from indexer import runtime

    analyzer = next(iter(analysis.get("analyzer", {})), "standard")
    runtime.engine().create_index(
        name,
        {
            "settings": {"analysis": analysis} if analysis else {},
            "mappings": {"properties": {"text": {"type": "text", "analyzer": analyzer}}},
        },
    )
    runtime.engine().bulk(
        [{"_index": name, "_id": key, "_source": {"text": text}} for key, text in texts.items()],
        refresh=True,
        require_alias=False,  # the baseline's own index, written by name
    )


def corpus_texts(corpus: Path) -> dict[str, str]:
    """The ground-truth text of every document, by corpus id."""
    out: dict[str, str] = {}
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            out[entry["id"]] = (corpus / entry["text_file"]).read_text(encoding="utf-8")
    return out


def read_queries(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def compare(
    queries: list[dict[str, Any]], systems: dict[str, Callable[[str], list[str]]]
) -> dict[str, Any]:
    """Every system over ``queries``: summaries, per-query rows, and per kind whether hoso
    scores at least what the folded baseline does."""
    out: dict[str, Any] = {}
    for name, run in systems.items():
        rows = evaluate(queries, run)
        out[name] = summarise(rows) | {"per_query": rows}
    hoso, folded = out["hoso"], out["folded"]
    out["hoso_minus_folded"] = {
        "overall": round(hoso["overall"]["ndcg"] - folded["overall"]["ndcg"], 4),
        "by_kind": {
            kind: round(figures["ndcg"] - folded["by_kind"][kind]["ndcg"], 4)
            for kind, figures in hoso["by_kind"].items()
        },
    }
    return out


# -- the run -------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--queries", type=Path, help="default: <corpus>/queries.jsonl")
    parser.add_argument("--heldout", type=Path, default=DEFAULT_HELDOUT)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    queries_path = args.queries or args.corpus / "queries.jsonl"
    queries = read_queries(queries_path)
    heldout = read_queries(args.heldout) if args.heldout and args.heldout.is_file() else []

    workdir = Path(tempfile.mkdtemp(prefix="hoso-relevance-"))
    prefix = f"hoso-relevance-{uuid.uuid4().hex[:8]}"
    configure(workdir, prefix)
    from sqlalchemy import select

    from indexer import runtime
    from indexer.normalize import fold, has_diacritics
    from indexer.query import Page
    from indexer.search import search
    from records.models import Document, User

    baseline_indexes = {name: f"{prefix}-baseline-{name}" for name in BASELINES}
    started = time.perf_counter()
    try:
        ids = load_corpus(args.corpus)
        loaded_s = time.perf_counter() - started
        texts = corpus_texts(args.corpus)
        for name, index in baseline_indexes.items():
            build_baseline(index, BASELINES[name], texts)
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

            def baseline(index: str) -> Callable[[str], list[str]]:
                def run(text: str) -> list[str]:
                    body = {
                        "query": {"simple_query_string": {"query": text, "fields": ["text"]}},
                        "size": K,
                        "_source": False,
                    }
                    return [hit["_id"] for hit in engine.search(index, body)["hits"]["hits"]]

                return run

            systems = {"hoso": run_hoso} | {
                name: baseline(index) for name, index in baseline_indexes.items()
            }
            dev = compare(queries, systems)
            held = compare(heldout, systems) if heldout else None
            with_marks = [
                q for q in queries if has_diacritics(q["query"]) and q.get("kind") != "doc_number"
            ]
            folded_queries = [{**q, "query": fold(q["query"])} for q in with_marks]
            marked_rows = evaluate(with_marks, run_hoso)
            folded_rows = evaluate(folded_queries, run_hoso)
    finally:
        engine = runtime.engine()
        indexes = [*engine.indices_for(runtime.settings().index_alias)]
        for index in [*indexes, *baseline_indexes.values()]:
            try:
                engine.delete_index(index)
            except Exception as err:  # cleanup goes on; say what stays
                print(f"could not delete index {index}: {err}", file=sys.stderr)
        runtime.database().dispose()
        shutil.rmtree(workdir, ignore_errors=True)

    numbers = [
        {
            "id": row["id"],
            "query": row["query"],
            "first": row["top"][0] if row["top"] else None,
            "ok": row["mrr"] == 1.0,
        }
        for row in dev["hoso"]["per_query"]
        if row["kind"] == "doc_number"
    ]
    marked = statistics.fmean(r["ndcg"] for r in marked_rows) if marked_rows else 0.0
    folded = statistics.fmean(r["ndcg"] for r in folded_rows) if folded_rows else 0.0
    gap = round(marked - folded, 4)
    hoso_kinds = dev["hoso"]["by_kind"]
    targets = {
        "ndcg_at_least_0.97": dev["hoso"]["overall"]["ndcg"] >= TARGETS["ndcg"],
        "at_least_folded_baseline_on_every_kind": all(
            d >= 0 for d in dev["hoso_minus_folded"]["by_kind"].values()
        ),
        "abbreviation_at_least_0.85": hoso_kinds.get("abbreviation", {}).get("ndcg", 1.0)
        >= TARGETS["abbreviation"],
        "number_mrr_1.0": all(n["ok"] for n in numbers),
        "no_diacritics_within_0.05": abs(gap) <= TARGETS["diacritics_gap"],
    }
    if held:
        targets["heldout_at_least_folded_baseline"] = held["hoso_minus_folded"]["overall"] >= 0
    report = {
        "corpus": str(args.corpus),
        "queries": str(queries_path),
        "documents": len(ids),
        "indexed": sum(1 for s in statuses.values() if s == "indexed"),
        "failed": sorted(by_document[str(d)] for d, s in statuses.items() if s == "failed"),
        "load_seconds": round(loaded_s, 1),
        "baselines": {
            name: "ground-truth texts, simple_query_string, "
            + (f"analyzer {analysis}" if analysis else "standard analyzer")
            for name, analysis in BASELINES.items()
        },
        "dev": dev,
        "heldout": ({"queries": str(args.heldout)} | held) if held else None,
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
    print(
        f"corpus: {report['corpus']}: {report['indexed']}/{report['documents']} documents "
        f"indexed in {report['load_seconds']} s; failed: {report['failed'] or 'none'}"
    )
    for split in ("dev", "heldout"):
        if report[split]:
            _print_split(split, report[split])
    diacritics = report["diacritics"]
    print(
        f"\nwithout diacritics: nDCG@10 {diacritics['ndcg_without']:.3f} vs "
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


def _print_split(split: str, figures: dict[str, Any]) -> None:
    """nDCG@10 per kind, one column per system."""
    systems = [name for name in ("hoso", *BASELINES) if name in figures]
    print(f"\n{split}: nDCG@10 (MRR)")
    print(f"  {'kind':<16}" + "".join(f"{name:>18}" for name in systems) + "   queries")
    kinds = ["overall", *figures["hoso"]["by_kind"]]
    for kind in kinds:
        cells = []
        for name in systems:
            row = figures[name]["overall" if kind == "overall" else "by_kind"]
            row = row if kind == "overall" else row[kind]
            cells.append(f"{row['ndcg']:>10.3f} ({row['mrr']:.2f})")
        count = figures["hoso"]["overall" if kind == "overall" else "by_kind"]
        count = count if kind == "overall" else count[kind]
        print(f"  {kind:<16}" + "".join(f"{c:>18}" for c in cells) + f"   {count['queries']}")


if __name__ == "__main__":
    sys.exit(main())
