"""Rebuilding and checking the index of a big archive: documents/s and peak memory.

    .venv/bin/python bench/reindex_speed.py [--documents 5000] [--batches 100,200,400]
        [--label after] [--out bench/results/reindex_speed.json]

Seeds a synthetic archive (bench/synthetic.py: documents of 1–3 pages with cases, shares,
mentions and citations) straight into a fresh PostgreSQL database and file store, then runs
each operation in a child process whose peak RSS is read with wait4:

- ``reindex`` once per bulk batch size (the whole rebuild: fill, catch-up, alias swap);
- ``check`` (database against index) and ``check --files`` (every stored file hashed);
- ``repair`` after the index behind the alias was emptied (every document missing).

Needs the shared PostgreSQL, Redis and search node (deploy/dev/services.sh up all with
HOSO_WITH_POSTGRES=1). Results are merged under ``--label`` into the JSON file and its .md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import Shape, seed  # noqa: E402
from indexer import consistency, runtime  # noqa: E402
from indexer.admin_lock import admin_lock  # noqa: E402
from indexer.engine import SearchEngine, load_schema  # noqa: E402
from indexer.reindex import reindex  # noqa: E402
from records import migrate  # noqa: E402
from records.config import load_settings  # noqa: E402
from records.db import Database  # noqa: E402
from records.storage import open_store  # noqa: E402
from tests.support.services import (  # noqa: E402
    create_database,
    database_url,
    drop_database,
    ensure_services,
)


# -- the measured operations, each run in a child process -------------------------------------
def child(operation: str, batch: int) -> dict:
    started = time.perf_counter()
    if operation == "reindex":
        report = reindex(batch_size=batch, old_index_grace_s=0)
        # A rebuild that could not write every document raises instead of reporting.
        result = {"documents": report.documents, "failed": 0}
    elif operation in ("check", "check-files"):
        drift = consistency.check_here(files=operation == "check-files")
        result = {"documents": drift.database_documents, "clean": drift.clean}
    elif operation == "repair":
        drift = consistency.check_here()
        started = time.perf_counter()
        settings = runtime.settings()
        with admin_lock(
            "check --repair", runtime.database(), settings.broker_url, settings.index_alias
        ) as lock:
            report = consistency.repair(drift, runtime.engine(), settings.index_alias, lock=lock)
        result = {"documents": report.indexed, "failed": len(report.failed)}
    else:
        raise SystemExit(f"unknown operation {operation}")
    seconds = time.perf_counter() - started
    return {
        **result,
        "seconds": round(seconds, 2),
        "docs_per_s": round(result["documents"] / seconds, 1),
    }


def measure(operation: str, batch: int = 0) -> dict:
    """Run ``operation`` in a child; its own figures plus wall time and peak RSS."""
    command = [sys.executable, __file__, "--child", operation, "--batch", str(batch)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode:
        raise RuntimeError(f"{operation} failed ({process.returncode}): {out[-2000:]}")
    figures = json.loads(out.strip().splitlines()[-1])
    return {**figures, "wall_s": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


# -- the parent: set up, seed, measure, record ------------------------------------------------
def setup(urls, template: str, folder: Path) -> tuple[str, object]:
    name = create_database(urls, template=template)
    token = uuid.uuid4().hex[:8]
    os.environ.update(
        {
            "HOSO_DATA_DIR": str(folder / token),
            "HOSO_DATABASE_URL": database_url(urls, name),
            "HOSO_SEARCH_URL": urls.search,
            "HOSO_SEARCH_INDEX_PREFIX": f"hosobench-{token}",
            "HOSO_BROKER_URL": urls.broker,
            "HOSO_QUEUE": f"hosobench-{token}",
            "HOSO_SECRET_KEY": "bench",
            "HOSO_ENV": "testing",
        }
    )
    runtime.reset()
    return name, load_settings()


def empty_index(settings) -> None:
    engine = SearchEngine(settings.search_url, settings.search_engine)
    for index in engine.indices_for(settings.index_alias):
        engine.delete_index(index)
    engine.ensure_alias(settings.index_alias, load_schema("documents"))


def run(args: argparse.Namespace) -> dict:
    urls = ensure_services()
    template = create_database(urls)
    databases = [template]
    results: dict = {
        "machine": f"{platform.node()} {os.cpu_count()} cores, {platform.python_version()}",
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "commit": subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
    }
    with tempfile.TemporaryDirectory(prefix="hoso-bench-") as tmp:
        try:
            migrate.upgrade(database_url(urls, template))
            name, settings = setup(urls, template, Path(tmp))
            databases.append(name)
            db = Database(settings.database_url)
            started = time.perf_counter()
            with db.session() as session:
                seeded = seed(session, open_store(settings), Shape(args.documents, {}))
            db.dispose()
            results["archive"] = {**vars(seeded), "seed_s": round(time.perf_counter() - started)}
            print("archive", json.dumps(results["archive"]), flush=True)
            results["reindex"] = {}
            for batch in args.batches:
                figures = measure("reindex", batch)
                results["reindex"][str(batch)] = figures
                print(f"reindex batch {batch}", json.dumps(figures), flush=True)
            for operation in ("check", "check-files"):
                results[operation] = measure(operation)
                print(operation, json.dumps(results[operation]), flush=True)
            empty_index(settings)
            results["repair"] = measure("repair")
            print("repair", json.dumps(results["repair"]), flush=True)
            results["check_after_repair"] = measure("check")
            if not results["check_after_repair"]["clean"]:
                raise RuntimeError("the index differs from the database after the repair")
        finally:
            engine = SearchEngine(urls.search)
            for index in engine.indices_matching("hosobench-*"):
                engine.delete_index(index)
            for name in reversed(databases):
                drop_database(urls, name)
    return results


def markdown(all_results: dict) -> str:
    lines = [
        "# Reindex and check on a synthetic archive",
        "",
        "Documents of 1–3 pages (about 1,200 characters each) with cases, shares, mentions",
        "and citations, seeded straight into PostgreSQL (bench/synthetic.py); the shared",
        "single search node (512 MB heap). Each operation runs in its own process; peak RSS",
        "is that process's. Other work shares the machine's 2 cores: figures are indicative.",
        "",
        "| run | operation | batch | documents | seconds | docs/s | peak RSS MB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, r in all_results.items():
        name = f"{label} ({r['commit']}, {r['when']})"
        for batch, f in r["reindex"].items():
            lines.append(_row(name, "reindex", batch, f))
        for operation in ("check", "check-files", "repair"):
            lines.append(_row(name, operation, "", r[operation]))
    return "\n".join(lines) + "\n"


def _row(name: str, operation: str, batch: str, f: dict) -> str:
    cells = [
        name,
        operation,
        batch,
        f["documents"],
        f["seconds"],
        f["docs_per_s"],
        f["peak_rss_mb"],
    ]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument(
        "--batches", type=lambda s: [int(b) for b in s.split(",")], default=[100, 200, 400, 800]
    )
    parser.add_argument("--label", default="after")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "reindex_speed.json"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, default=200, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.batch)), flush=True)
        return
    results = run(args)
    recorded = json.loads(args.out.read_text()) if args.out.exists() else {}
    recorded[args.label] = results
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(recorded, indent=2, ensure_ascii=False) + "\n")
    args.out.with_suffix(".md").write_text(markdown(recorded))
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
