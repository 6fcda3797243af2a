"""Ingest benchmark: generated documents from upload to searchable, through the real pipeline.

    .venv/bin/python -m bench.ingest_benchmark [--count 1000] [--seed 1] [--concurrency 2]
        [--scan-share 0] [--baseline-files 300] [--profile] [--no-thumbnails] [--time-limit S]
        [--out FILE]

1. ``--count`` documents from bench/generator.py (text PDFs and DOCX; ``--scan-share``
   adds scans) are rendered into a scratch folder (kept between runs of the same seed and
   count under ``$TMPDIR/hoso-bench-corpus``).
2. A scratch hoso: a new PostgreSQL database (``--database-url``, the local server by
   default), its own index prefix, Celery queue and file store (the local folder, or the
   object store when ``HOSO_STORAGE_URL`` and the ``AWS_*`` keys are set); a real Celery worker with
   ``--concurrency`` pool processes, each parsing in its sandbox (fork server + a parse
   child that serves up to 100 files). The live search node is used.
3. Every file is received (``records.intake.receive``: stored, registered) and queued
   (``indexer.queue.enqueue_ingest``) as one burst; a poller asks the engine which
   documents it finds, so each document's time from upload to searchable is measured.
   Then (unless ``--no-thumbnails``) it waits for the first-page thumbnails, which are
   queued behind everything else, and reports when the last one was drawn.
   Meanwhile every process (this one, which does the intake; the worker, its pool
   processes, their fork servers and parse children) is sampled for its resident memory.
4. In the same run, on one core: a plain ``pdfminer.high_level.extract_text`` loop over
   ``--baseline-files`` of the same PDFs, the baseline of the pages/s ratio.

Stage times come from the pipeline's own Prometheus histograms (``records.metrics``),
written by the worker processes into a private PROMETHEUS_MULTIPROC_DIR. ``--profile``
samples the worker and its children with py-spy and writes the hottest frames and the
share of time spent in pdfminer. Results: bench/results/ingest_benchmark_<count>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import sqlalchemy as sa
from pdfminer.high_level import extract_text
from prometheus_client import CollectorRegistry
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import func, select

from bench.generator import write as generate
from indexer import runtime
from indexer.engine import SearchEngine
from indexer.queue import enqueue_ingest
from indexer.thumbnails import THUMBNAIL
from records import migrate
from records.config import load_settings
from records.db import Database
from records.intake import receive
from records.models import Agency, Document
from records.storage import FileStore, open_store

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
DEFAULT_DATABASE = "postgresql+psycopg://hoso@127.0.0.1:5479/postgres"
FINAL = ("indexed", "failed")
SAMPLE_EVERY_S = 0.1
POLL_EVERY_S = 0.25
WORKER_LIMIT_MB = 400


# -- corpus ---------------------------------------------------------------------------------
def corpus(seed: int, count: int, scan_share: float) -> tuple[Path, list[dict[str, Any]]]:
    folder = Path(tempfile.gettempdir()) / "hoso-bench-corpus" / f"s{seed}-n{count}-x{scan_share}"
    manifest = folder / "manifest.jsonl"
    if not manifest.is_file():
        started = time.perf_counter()
        shutil.rmtree(folder, ignore_errors=True)
        generate(seed, count, folder, scan_share=scan_share, jobs=os.cpu_count() or 1)
        print(f"generated {count} documents in {time.perf_counter() - started:.0f} s: {folder}")
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        row["path"] = folder / row["file"]
    return folder, rows


# -- memory ---------------------------------------------------------------------------------
@dataclass
class MemorySampler:
    """Peak resident memory of this process and of the worker's whole process tree."""

    worker_pid: int
    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)
    samples: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def role(self, process: psutil.Process) -> str:
        if process.pid == os.getpid():
            return "intake (this process)"
        if process.pid == self.worker_pid:
            return "worker main"
        cmdline = " ".join(process.cmdline())
        parent = process.ppid()
        if "indexer.sandbox" in cmdline:
            forked = "indexer.sandbox" in " ".join(psutil.Process(parent).cmdline())
            return "sandbox parse child" if forked else "sandbox fork server"
        if parent == self.worker_pid:
            return "worker pool process"
        return f"other ({process.name()})"

    def sample(self) -> None:
        try:
            tree = [psutil.Process(self.worker_pid)]
            tree += tree[0].children(recursive=True)
        except psutil.NoSuchProcess:
            tree = []
        for process in [psutil.Process(), *tree]:
            try:
                rss = process.memory_info().rss
                role = self.peaks[process.pid][0] if process.pid in self.peaks else None
                role = role or self.role(process)
            except psutil.Error:
                continue  # a parse child that just ended
            old = self.peaks.get(process.pid, (role, 0))[1]
            self.peaks[process.pid] = (role, max(old, rss))
        self.samples += 1

    def high_water_marks(self) -> None:
        """The kernel's own peak (VmHWM) of the processes still alive: no sample missed."""
        for pid, (role, peak) in list(self.peaks.items()):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    self.peaks[pid] = (role, max(peak, int(line.split()[1]) * 1024))

    def run(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY_S):
            self.sample()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()

    def report(self) -> dict[str, Any]:
        by_role: dict[str, list[int]] = {}
        for role, peak in self.peaks.values():
            by_role.setdefault(role, []).append(peak)
        return {
            "samples": self.samples,
            "sample_every_s": SAMPLE_EVERY_S,
            "peak_rss_mb_by_role": {
                role: {"processes": len(peaks), "max": _mb(max(peaks))}
                for role, peaks in sorted(by_role.items())
            },
        }


def _mb(size: int) -> float:
    return round(size / 2**20, 1)


# -- the scratch hoso ------------------------------------------------------------------------
def scratch_database(admin_url: str) -> tuple[str, str]:
    name = f"hoso_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, name: str) -> None:
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def start_worker(env: dict[str, str], concurrency: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "celery", "-A", "indexer.celery_app", "worker",
        "--loglevel", "info", "--concurrency", str(concurrency), "--queues", env["HOSO_QUEUE"],
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    with log.open("wb") as out:
        worker = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while b"ready" not in log.read_bytes():
        if worker.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:]
            raise SystemExit(f"the Celery worker did not start:\n{tail}")
        time.sleep(0.2)
    return worker


def stage_times(metrics_dir: Path) -> dict[str, dict[str, float]]:
    """Sum and count of each ingest stage, added up over the worker processes' files."""
    registry = CollectorRegistry()
    MultiProcessCollector(registry, str(metrics_dir))
    sums: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for metric in registry.collect():
        if metric.name != "hoso_ingest_stage_seconds":
            continue
        for sample in metric.samples:
            stage = sample.labels.get("stage")
            if sample.name.endswith("_sum"):
                sums[stage] += sample.value
            elif sample.name.endswith("_count"):
                counts[stage] += sample.value
    return {
        stage: {
            "calls": int(counts[stage]),
            "total_s": round(sums[stage], 2),
            "mean_ms": round(1000 * sums[stage] / counts[stage], 1),
        }
        for stage in sums
        if counts[stage]
    }


@dataclass
class Searchable:
    """Polls the engine for the uploaded documents; notes when each is first found."""

    engine: SearchEngine
    alias: str
    uploaded: dict[int, float] = field(default_factory=dict)
    found: dict[int, float] = field(default_factory=dict)

    def poll(self) -> int:
        waiting = [str(i) for i in self.uploaded if i not in self.found]
        for start in range(0, len(waiting), 1000):
            chunk = waiting[start : start + 1000]
            body = {"query": {"ids": {"values": chunk}}, "_source": False, "size": len(chunk)}
            try:
                hits = self.engine.search(self.alias, body)["hits"]["hits"]
            except Exception:  # the alias does not exist before the first bulk request
                return len(self.found)
            now = time.perf_counter()
            for hit in hits:
                self.found[int(hit["_id"])] = now
        return len(self.found)


def pipeline_run(
    rows: list[dict[str, Any]], folder: Path, args: argparse.Namespace
) -> dict[str, Any]:
    """The whole run in a scratch database, dropped afterwards whatever happened."""
    db_name, db_url = scratch_database(args.database_url)
    try:
        return _measured_run(rows, folder, args, db_url)
    finally:
        drop_database(args.database_url, db_name)


def _measured_run(
    rows: list[dict[str, Any]], folder: Path, args: argparse.Namespace, db_url: str
) -> dict[str, Any]:
    token = uuid.uuid4().hex[:10]
    metrics_dir = folder / "metrics"
    metrics_dir.mkdir(parents=True)
    os.environ.update(
        {
            "HOSO_DATA_DIR": str(folder / "data"),
            "HOSO_DATABASE_URL": db_url,
            "HOSO_SEARCH_INDEX_PREFIX": f"hosobench-{token}",
            "HOSO_QUEUE": f"hosobench-{token}",
            "HOSO_SECRET_KEY": "ingest-benchmark",
        }
    )
    runtime.reset()
    settings = load_settings()
    migrate.upgrade(settings.database_url)
    database = Database(settings.database_url)
    store = open_store(settings)
    engine = SearchEngine(settings.search_url, settings.search_engine)
    env = dict(os.environ, PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))
    worker = start_worker(env, args.concurrency, folder / "worker.log")
    sampler = MemorySampler(worker.pid)
    sampler.start()
    profiler = start_profiler(worker.pid, folder) if args.profile else None
    searchable = Searchable(engine, settings.index_alias)
    ids: dict[int, dict[str, Any]] = {}
    try:
        with database.session() as session:
            owner = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
        started = time.perf_counter()
        store_s = 0.0
        deadline = started + args.time_limit if args.time_limit else float("inf")
        for row in rows:
            if time.perf_counter() > deadline:
                break
            with database.session() as session, row["path"].open("rb") as stream:
                t0 = time.perf_counter()
                received = receive(
                    session, store, stream, row["path"].name, user=None, agency=owner,
                    channel="cli",
                )  # fmt: skip
                store_s += time.perf_counter() - t0
                doc_id = received.document.id
            enqueue_ingest(doc_id)
            searchable.uploaded[doc_id] = time.perf_counter()
            ids[doc_id] = row
            if len(ids) % 100 == 0:
                searchable.poll()
        uploaded_s = time.perf_counter() - started
        failed: set[int] = set()
        while True:
            found = searchable.poll()
            with database.session() as session:
                failed = set(
                    session.scalars(select(Document.id).where(Document.status == "failed")).all()
                )
            if found + len(failed - searchable.found.keys()) >= len(ids):
                break
            if time.perf_counter() > deadline:
                break  # reported as incomplete: the rate is that of the documents found
            if worker.poll() is not None:
                raise SystemExit(f"the worker died; see {folder / 'worker.log'}")
            time.sleep(POLL_EVERY_S)
        elapsed = max(searchable.found.values(), default=started) - started
        thumbnails = (
            wait_for_thumbnails(database, store, started, deadline) if args.thumbnails else None
        )
        sampler.high_water_marks()
        stages = stage_times(metrics_dir)
        with database.session() as session:
            statuses = dict(
                session.execute(
                    select(Document.status, func.count()).group_by(Document.status)
                ).all()
            )
            hoso_pages = session.scalar(select(func.sum(Document.page_count))) or 0
    finally:
        sampler.stop()
        profile = stop_profiler(profiler, folder) if profiler else None
        worker.terminate()
        worker.wait(timeout=120)
        for index in engine.indices_for(settings.index_alias):
            engine.delete_index(index)
        database.dispose()
        runtime.reset()
    latencies = sorted(searchable.found[i] - searchable.uploaded[i] for i in searchable.found)
    seen = sorted(searchable.found.values())
    window = max(1, len(seen) // 10)
    # Documents/s over each tenth of the run (by documents found): flat means no slow-down
    # as the database and the index grow.
    tenths = [
        round(window / (seen[end] - seen[end - window]), 2)
        for end in range(window, len(seen), window)
        if seen[end] > seen[end - window]
    ]
    pages = sum(ids[i]["pages"] for i in searchable.found)
    by_format = Counter(ids[i]["format"] for i in searchable.found)
    memory = sampler.report()
    worker_peaks = [
        peak for role, peak in sampler.peaks.values() if role != "intake (this process)"
    ]
    return {
        "complete": len(searchable.found) + len(failed) >= len(rows),
        "documents": len(ids),
        "searchable": len(searchable.found),
        "failed": len(failed),
        "statuses": statuses,
        "formats": dict(by_format),
        "pages": pages,
        "pages_counted_by_hoso": hoso_pages,
        "upload_s": round(uploaded_s, 2),
        "intake_store_mean_ms": round(1000 * store_s / max(1, len(ids)), 2),
        "elapsed_s": round(elapsed, 2),
        "documents_per_s": round(len(searchable.found) / elapsed, 2),
        "pages_per_s": round(pages / elapsed, 2),
        "documents_per_s_by_tenth": tenths,
        "upload_to_searchable_s": {
            "p50": round(statistics.median(latencies), 2),
            "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
            "max": round(latencies[-1], 2),
        },
        "stages": stages,
        "thumbnails": thumbnails,
        "memory": memory,
        "worker_max_rss_mb": _mb(max(worker_peaks, default=0)),
        "worker_under_limit": max(worker_peaks, default=0) < WORKER_LIMIT_MB * 2**20,
        "concurrency": args.concurrency,
        "storage": "object store (S3)" if settings.storage_url else "local folder",
        "profile": profile,
    }


def wait_for_thumbnails(
    database: Database, store: FileStore, started: float, deadline: float
) -> dict[str, Any]:
    """After the burst is searchable: how long until every indexed document's first-page
    thumbnail (queued behind everything else) is drawn too."""
    with database.session() as session:
        pending = set(
            session.scalars(select(Document.sha256).where(Document.status == "indexed")).all()
        )
    total = len(pending)
    while pending and time.perf_counter() < deadline:
        pending = {sha256 for sha256 in pending if not store.has_derived(sha256, THUMBNAIL)}
        if pending:
            time.sleep(1.0)
    return {
        "documents": total,
        "made": total - len(pending),
        "all_made_s": None if pending else round(time.perf_counter() - started, 2),
    }


# -- profile ---------------------------------------------------------------------------------
def start_profiler(pid: int, folder: Path) -> subprocess.Popen[bytes] | None:
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        print("py-spy is not installed (pip install -e '.[bench]'): no profile")
        return None
    command = [spy, "record", "--pid", str(pid), "--subprocesses", "--rate", "50",
               "--format", "raw", "--output", str(folder / "profile.txt"),
               "--nonblocking"]  # fmt: skip
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=(folder / "py-spy.log").open("wb")
    )


def stop_profiler(profiler: subprocess.Popen[bytes], folder: Path) -> dict[str, Any] | None:
    profiler.send_signal(2)  # SIGINT: py-spy writes what it sampled
    try:
        profiler.wait(timeout=120)
    except subprocess.TimeoutExpired:
        profiler.kill()
    raw = folder / "profile.txt"
    if raw.is_file():  # kept for a closer look: collapsed stacks, one line each
        shutil.copyfile(raw, Path(tempfile.gettempdir()) / f"hoso-ingest-profile-{os.getpid()}.txt")
    return summarise_profile(raw)


def summarise_profile(path: Path, top: int = 25) -> dict[str, Any] | None:
    """Shares of samples: per process kind, in pdfminer, and the hottest own frames."""
    if not path.is_file():
        return None
    total = 0
    shares: Counter[str] = Counter()
    own: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples = int(count)
        frames = stack.split(";")
        total += samples
        # py-spy starts each stack with the chain of processes: worker main, pool
        # process, sandbox fork server, parse child.
        chain = [f for f in frames if f.startswith("process ")]
        sandboxes = sum("indexer.sandbox" in f for f in chain)
        kind = ("worker main", "worker pool process")[min(len(chain), 2) - 1] if chain else "?"
        kind = ("sandbox fork server", "sandbox parse child")[sandboxes - 1] if sandboxes else kind
        shares[f"process: {kind}"] += samples
        if "pdfminer" in stack:
            shares["pdfminer (any frame)"] += samples
        if "docx" in stack and "indexer/extract/docx.py" in stack:
            shares["docx extraction"] += samples
        if "indexer/metadata" in stack:
            shares["metadata"] += samples
        if "sqlalchemy" in stack:
            shares["sqlalchemy"] += samples
        if "opensearch" in stack:
            shares["engine client"] += samples
        own[frames[-1][:160]] += samples
        mine = [f for f in frames if "(indexer/" in f or "(records/" in f]
        if mine:
            ours[mine[-1][:160]] += samples
    if not total:
        return None
    return {
        "samples": total,
        "share": {k: round(v / total, 3) for k, v in shares.most_common()},
        "hottest_frames": [[frame, round(n / total, 3)] for frame, n in own.most_common(top)],
        "hottest_frames_of_hoso": [
            [frame, round(n / total, 3)] for frame, n in ours.most_common(top)
        ],
    }


# -- baseline --------------------------------------------------------------------------------
def pdfminer_baseline(rows: list[dict[str, Any]], files: int) -> dict[str, Any]:
    """Plain ``extract_text`` over the same text PDFs, one after another on one core."""
    pdfs = [r for r in rows if r["format"] == "pdf"][:files]
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    try:
        started = time.perf_counter()
        for row in pdfs:
            extract_text(row["path"])
        elapsed = time.perf_counter() - started
    finally:
        os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    pages = sum(r["pages"] for r in pdfs)
    return {
        "files": len(pdfs),
        "pages": pages,
        "seconds": round(elapsed, 2),
        "pages_per_s": round(pages / elapsed, 2),
    }


# -- machine -------------------------------------------------------------------------------
def machine(engine_url: str) -> dict[str, Any]:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    try:
        version = SearchEngine(engine_url)._client.info()["version"]["number"]
    except Exception as err:  # reported, not fatal: the run has already happened
        version = f"unknown ({type(err).__name__})"
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "engine": f"opensearch {version}",
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=2, help="worker pool processes")
    parser.add_argument("--scan-share", type=float, default=0.0)
    parser.add_argument("--baseline-files", type=int, default=300)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE, help="an admin URL")
    parser.add_argument("--profile", action="store_true", help="sample the worker with py-spy")
    parser.add_argument(
        "--no-thumbnails",
        dest="thumbnails",
        action="store_false",
        help="stop when all is searchable, without waiting for the thumbnails",
    )
    parser.add_argument(
        "--time-limit", type=float, help="seconds; then report the documents found so far"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or RESULTS / f"ingest_benchmark_{args.count}.json"
    _, rows = corpus(args.seed, args.count, args.scan_share)
    folder = Path(tempfile.mkdtemp(prefix="hoso-ingest-bench-"))
    try:
        load_before = os.getloadavg()[0]
        run = pipeline_run(rows, folder, args)
        baseline = pdfminer_baseline(rows, args.baseline_files)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report = {
        "machine": machine(load_settings().search_url) | {"load_average_1m_before": load_before},
        "corpus": {"generator_seed": args.seed, "count": args.count, "scan_share": args.scan_share},
        "pipeline": run,
        "pdfminer_baseline_one_core": baseline,
        "ratio_pages_per_s_to_baseline": round(run["pages_per_s"] / baseline["pages_per_s"], 2),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    summary = {k: run[k] for k in ("documents_per_s", "pages_per_s", "worker_max_rss_mb")}
    print(json.dumps(summary | {"ratio": report["ratio_pages_per_s_to_baseline"]}))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
