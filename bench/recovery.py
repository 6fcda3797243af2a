"""Scale-out and recovery figures on this machine, over real processes:

    .venv/bin/python bench/recovery.py [--files 500] [--out bench/results/recovery.json]
    .venv/bin/python bench/recovery.py --faults     # time to recover from each fault, a few
                                                    # minutes in all (recovery_faults.json)

1. ingest N files (4 in 5 .txt, 1 in 5 .docx) into a three-JVM OpenSearch cluster (2
   shards, 1 replica) with one Celery worker (2 processes): once undisturbed, once with the
   elected cluster manager SIGKILLed after 20% of the uploads and started again at 60%;
   a search loop runs throughout and its failures are counted;
2. ``hoso reindex`` of the second archive on the cluster (docs/s), the loop still running;
3. ``hoso backup`` of it, and ``hoso restore`` into an empty system (with its reindex).

With ``--faults``, each fault of issue 19 once, on the shared search node and PostgreSQL
with a private Redis (:mod:`bench.recovery_faults`): the main worker SIGKILLed during an
ingest, the broker stopped for a minute with uploads meanwhile, a hung search engine met by
web requests and ``/readyz``, a DOCX of 10,000 page breaks, and ``check --repair`` during a
reindex.

Needs the shared PostgreSQL and Redis (deploy/dev/services.sh up all, HOSO_WITH_POSTGRES=1);
starts and stops its own cluster. Results go to bench/results/recovery.{json,md}; the
Markdown page shows the figures of both modes.
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

from indexer import runtime  # noqa: E402
from indexer.engine import SearchEngine, load_schema  # noqa: E402
from indexer.reindex import reindex  # noqa: E402
from records import migrate  # noqa: E402
from records.config import load_settings  # noqa: E402
from records.db import Database  # noqa: E402
from tests.support.files import make_letters  # noqa: E402
from tests.support.private import PrivateServices  # noqa: E402
from tests.support.scenarios import SearchLoop, assert_consistent, ingest  # noqa: E402
from tests.support.services import (  # noqa: E402
    create_database,
    database_url,
    drop_database,
    ensure_services,
)
from tests.support.worker import Worker  # noqa: E402

QUERY = {"query": {"match": {"content.folded": "phoi hop xac minh"}}, "size": 5}


def fresh_system(urls, template: str, search_url: str, folder: Path) -> tuple[str, object]:
    name = create_database(urls, template=template)
    token = uuid.uuid4().hex[:8]
    os.environ.update(
        {
            "HOSO_DATA_DIR": str(folder / token),
            "HOSO_DATABASE_URL": database_url(urls, name),
            "HOSO_SEARCH_URL": search_url,
            "HOSO_SEARCH_INDEX_PREFIX": f"hosobench-{token}",
            "HOSO_BROKER_URL": urls.broker,
            "HOSO_QUEUE": f"hosobench-{token}",
            "HOSO_SECRET_KEY": "bench",
            "HOSO_SEARCH_SHARDS": "2",
            "HOSO_SEARCH_REPLICAS": "1",
            "HOSO_ENV": "testing",
        }
    )
    runtime.reset()
    settings = load_settings()
    SearchEngine(search_url).ensure_alias(
        settings.index_alias, load_schema("documents"), shards=2, replicas=1
    )
    return name, settings


def manager_node(engine: SearchEngine, urls: list[str]) -> int:
    manager = engine._client.cat.cluster_manager(format="json")[0]["id"]
    for number, url in enumerate(urls, start=1):
        local = SearchEngine(url)._client.nodes.info(node_id="_local")["nodes"]
        if any(node_id.startswith(manager) for node_id in local):
            return number
    raise RuntimeError("no cluster manager found")


def ingest_run(settings, paths, services, search_url, *, kill: bool, folder: Path) -> dict:
    db = Database(settings.database_url)
    engine = SearchEngine(search_url)
    nodes = search_url.split(",")
    events: list[str] = []
    victim = manager_node(engine, nodes) if kill else 0

    def fault(count: int) -> None:
        if kill and count == len(paths) // 5:
            services.kill_node(victim)
            events.append(f"node {victim} (cluster manager) SIGKILLed after {count} uploads")
        elif kill and count == len(paths) * 3 // 5:
            started = time.perf_counter()
            services.start_node(victim)
            events.append(
                f"node {victim} restarted after {count} uploads "
                f"(rejoined in {time.perf_counter() - started:.0f} s)"
            )

    worker = Worker(settings, folder / f"worker-{settings.queue}.log").start()
    try:
        with SearchLoop(engine, settings.index_alias, QUERY) as loop:
            run = ingest(db, settings, paths, after_upload=fault, timeout_s=1800)
    finally:
        worker.stop()
    green_started = time.perf_counter()
    status = engine.wait_for_index(settings.index_alias, "green", 300)
    assert_consistent(db, engine, settings, len(paths))
    db.dispose()
    return {
        "files": len(paths),
        "node_killed": kill,
        "events": events,
        "upload_s": round(run.upload_s, 1),
        "ingest_s": round(run.total_s, 1),
        "docs_per_s": round(len(paths) / run.total_s, 2),
        "green_after_s": round(time.perf_counter() - green_started, 1),
        "final_status": status,
        "searches": loop.answered,
        "search_failures": len(loop.failures),
        "partial_searches": loop.partial,
    }


def hoso(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "webapp.cli", *args], capture_output=True, text=True, check=True
    )
    return time.perf_counter() - started, result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "recovery.json")
    parser.add_argument("--faults", action="store_true", help="Time to recover from each fault.")
    args = parser.parse_args()
    if args.faults:
        from bench import recovery_faults

        faults_out = args.out.with_name("recovery_faults.json")
        faults_out.write_text(json.dumps(recovery_faults.run(), indent=2) + "\n")
        write_markdown(args.out, faults_out)
        print(f"written {faults_out}")
        return

    urls = ensure_services()
    template = create_database(urls)
    databases: list[str] = []
    results: dict = {
        "machine": f"{platform.node()} {os.cpu_count()} cores, {platform.python_version()}",
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    with tempfile.TemporaryDirectory(prefix="hoso-bench-") as tmp:
        folder = Path(tmp)
        migrate.upgrade(database_url(urls, template))
        services = PrivateServices(folder / "services")
        try:
            started = time.perf_counter()
            search_url = services.cluster(3)
            results["cluster_start_s"] = round(time.perf_counter() - started, 1)
            paths = make_letters(folder / "in", args.files)

            for kill in (False, True):
                name, settings = fresh_system(urls, template, search_url, folder)
                databases.append(name)
                key = "ingest_with_node_kill" if kill else "ingest"
                results[key] = ingest_run(
                    settings, paths, services, search_url, kill=kill, folder=folder
                )
                print(key, json.dumps(results[key]), flush=True)

            engine = SearchEngine(search_url)
            with SearchLoop(engine, settings.index_alias, QUERY) as loop:
                report = reindex()
            results["reindex"] = {
                "documents": report.documents,
                "seconds": round(report.seconds, 1),
                "docs_per_s": round(report.docs_per_second, 1),
                "searches_during": loop.answered,
                "search_failures": len(loop.failures),
            }
            print("reindex", json.dumps(results["reindex"]), flush=True)

            backup_dir = folder / "backup"
            backup_s, _ = hoso("backup", str(backup_dir))
            size = sum(p.stat().st_size for p in backup_dir.rglob("*") if p.is_file())
            name, _settings = fresh_system(urls, template, search_url, folder)
            databases.append(name)
            restore_s, _ = hoso("restore", str(backup_dir))
            db = Database(_settings.database_url)
            assert_consistent(db, SearchEngine(search_url), _settings, args.files)
            db.dispose()
            results["backup_restore"] = {
                "documents": args.files,
                "backup_s": round(backup_s, 1),
                "backup_mb": round(size / 1e6, 1),
                "restore_with_reindex_s": round(restore_s, 1),
            }
            print("backup_restore", json.dumps(results["backup_restore"]), flush=True)
        finally:
            services.close()
            for name in [*databases, template]:
                drop_database(urls, name)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    write_markdown(args.out, args.out.with_name("recovery_faults.json"))
    print(f"written {args.out}")


def write_markdown(scale_json: Path, faults_json: Path) -> None:
    """bench/results/recovery.md from the figures of both modes (those that exist)."""
    parts = []
    if scale_json.is_file():
        parts.append(markdown(json.loads(scale_json.read_text())))
    if faults_json.is_file():
        from bench import recovery_faults

        parts.append(recovery_faults.markdown(json.loads(faults_json.read_text())))
    scale_json.with_suffix(".md").write_text("\n".join(parts))


def row(*cells: object) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def markdown(r: dict) -> str:
    a, b = r["ingest"], r["ingest_with_node_kill"]
    x, y = r["reindex"], r["backup_restore"]
    lines = [
        f"# Recovery figures ({r['when']}, {r['machine']})",
        "",
        "3-JVM OpenSearch cluster (2 shards, 1 replica), one Celery worker with 2 processes,",
        f"shared PostgreSQL and Redis; cluster start {r['cluster_start_s']} s. Other work on",
        "the machine shares its 2 cores: compare runs of one file, not across files.",
        "",
        row("run", "files", "upload → all indexed", "docs/s", "searches", "failed searches"),
        row(*["---"] * 6),
    ]
    for label, run in (("undisturbed", a), ("cluster manager SIGKILLed, restarted", b)):
        lines.append(
            row(
                label,
                run["files"],
                f"{run['ingest_s']} s",
                run["docs_per_s"],
                run["searches"],
                run["search_failures"],
            )
        )
    lines += [
        "",
        "; ".join(b["events"]) + f"; green {b['green_after_s']} s after the last document.",
        "",
        row("operation", "documents", "time", "rate"),
        row(*["---"] * 4),
        row(
            f"`hoso reindex` (alias swap; {x['searches_during']} searches meanwhile, "
            f"{x['search_failures']} failed)",
            x["documents"],
            f"{x['seconds']} s",
            f"{x['docs_per_s']} docs/s",
        ),
        row(f"`hoso backup` ({y['backup_mb']} MB)", y["documents"], f"{y['backup_s']} s", ""),
        row(
            "`hoso restore` into an empty system, with its reindex",
            y["documents"],
            f"{y['restore_with_reindex_s']} s",
            "",
        ),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
