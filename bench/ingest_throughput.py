"""Throughput of the whole ingestion pipeline, and of hoso's PDF text path against pdfminer.

    .venv/bin/python bench/ingest_throughput.py [--corpus DIR] [--files 200] [--concurrency 2]

1. Whole pipeline: the corpus files are copied to ``--files`` files, each made unique
   (a PDF comment, a ZIP comment, a final line) so that no copy is a duplicate; a scratch
   hoso (SQLite, its own store, index and queue) receives them all at once, as a burst of
   uploads, and a real Celery worker parses and indexes them into the live search node.
   Measured from the first upload to the last document indexed: documents/s and pages/s,
   once for the common case (text PDFs, DOCX, TXT) and once with the scans (OCR) mixed in.
2. PDF text: the corpus PDFs that have a text layer, in the same run, through hoso's
   extractor in-process, through the sandbox (fork server) and with a plain
   ``pdfminer.high_level.extract_text`` loop (see bench/extract_speed.py).

Results go to bench/results/ingest_throughput.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from extract_speed import LIMITS, pages_per_second
from pdfminer.high_level import extract_text
from sqlalchemy import func, select

from indexer import runtime
from indexer.engine import SearchEngine
from indexer.extract import extract
from indexer.queue import enqueue_ingest
from indexer.sandbox import extract_limited
from records import migrate
from records.config import load_settings
from records.db import Database
from records.intake import receive
from records.models import Agency, Document
from records.storage import FileStore

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "bench" / "results" / "ingest_throughput.json"
FINAL = ("indexed", "failed")


def unique_copy(source: Path, target: Path, number: int) -> None:
    """``source`` with a harmless difference, so its sha256 is new."""
    shutil.copyfile(source, target)
    mark = f"hoso bench copy {number}"
    if source.suffix == ".pdf":
        with target.open("ab") as out:
            out.write(f"\n%{mark}\n".encode())
    elif source.suffix == ".docx":
        with zipfile.ZipFile(target, "a") as archive:
            archive.comment = mark.encode()
    else:
        with target.open("ab") as out:
            out.write(b"\n")
            out.write(str(number).encode())


def copies(sources: list[Path], count: int, folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    made = []
    for number, source in zip(range(count), itertools.cycle(sources), strict=False):
        target = folder / f"{number:05d}-{source.name}"
        unique_copy(source, target, number)
        made.append(target)
    return made


def pipeline_run(files: list[Path], folder: Path, concurrency: int) -> dict[str, Any]:
    token = uuid.uuid4().hex[:10]
    os.environ.update(
        {
            "HOSO_DATA_DIR": str(folder / "data"),
            "HOSO_DATABASE_URL": f"sqlite:///{folder / 'data' / 'hoso.db'}",
            "HOSO_SEARCH_INDEX_PREFIX": f"hosobench-{token}",
            "HOSO_QUEUE": f"hosobench-{token}",
            "HOSO_SECRET_KEY": "ingest-throughput",
        }
    )
    runtime.reset()
    settings = load_settings()
    migrate.upgrade(settings.database_url)
    database = Database(settings.database_url)
    store = FileStore(settings.files_dir)
    log = folder / "worker.log"
    worker = start_worker(settings.queue, concurrency, log)
    try:
        started = time.perf_counter()
        ids = []
        with database.session() as session:
            owner = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
        for path in files:
            with database.session() as session, path.open("rb") as stream:
                received = receive(
                    session, store, stream, path.name, user=None, agency=owner, channel="cli"
                )
                ids.append(received.document.id)
            enqueue_ingest(ids[-1])
        uploaded = time.perf_counter() - started
        while True:
            with database.session() as session:
                done = session.scalar(
                    select(func.count()).where(Document.id.in_(ids), Document.status.in_(FINAL))
                )
            if done == len(ids):
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        with database.session() as session:
            pages = session.scalar(select(func.sum(Document.page_count))) or 0
            statuses = dict(
                session.execute(
                    select(Document.status, func.count()).group_by(Document.status)
                ).all()
            )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        engine = SearchEngine(settings.search_url, settings.search_engine)
        for index in engine.indices_for(settings.index_alias):
            engine.delete_index(index)
        database.dispose()
        runtime.reset()
    return {
        "files": len(files),
        "pages": pages,
        "statuses": statuses,
        "upload_seconds": round(uploaded, 2),
        "seconds": round(elapsed, 2),
        "documents_per_s": round(len(files) / elapsed, 2),
        "pages_per_s": round(pages / elapsed, 2),
        "concurrency": concurrency,
    }


def start_worker(queue: str, concurrency: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "celery", "-A", "indexer.celery_app", "worker",
        "--loglevel", "info", "--concurrency", str(concurrency), "--queues", queue,
        "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    out = log.open("wb")
    worker = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    # Wait until the pool is up, so the burst measures the pipeline, not the start-up.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and b"ready" not in log.read_bytes():
        time.sleep(0.2)
    return worker


def pdf_text_path(corpus: Path, rounds: int) -> dict[str, Any]:
    paths = sorted(p for p in (corpus / "files").glob("*.pdf") if ".scan." not in p.name)
    pages = sum(len(pdfium.PdfDocument(p)) for p in paths)
    extract(paths[0], limits=LIMITS)  # warm-up: imports, syllable tables
    extract_limited(paths[0], LIMITS)  # starts the fork server
    methods = {
        "hoso extract, in-process (pdfminer layout)": lambda p: extract(p, limits=LIMITS),
        "hoso extract_limited (sandboxed, fork server)": lambda p: extract_limited(p, LIMITS),
        "hoso extract_limited (one interpreter per file)": lambda p: extract_limited(
            p, LIMITS, fork_server=False
        ),
        "pdfminer.high_level.extract_text": extract_text,
    }
    return {
        "files": len(paths),
        "pages": pages,
        "pages_per_s": {
            name: round(pages_per_second(run, paths, pages, rounds), 1)
            for name, run in methods.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--files", type=int, default=200, help="files per pipeline run")
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the PDF comparison")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    sources = sorted((args.corpus / "files").iterdir())
    common = [p for p in sources if ".scan." not in p.name]
    folder = Path(tempfile.mkdtemp(prefix="hoso-throughput-"))
    try:
        runs = {}
        for name, chosen in (("common case (no scans)", common), ("with scans (OCR)", sources)):
            files = copies(chosen, args.files, folder / name.split()[0] / "files")
            runs[name] = pipeline_run(files, folder / name.split()[0], args.concurrency)
            print(f"{name:24} {json.dumps(runs[name])}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    pdf = pdf_text_path(args.corpus, args.rounds)
    print(f"PDF text path over {pdf['files']} corpus PDFs ({pdf['pages']} pages):")
    for name, speed in pdf["pages_per_s"].items():
        print(f"  {name:48} {speed:8.1f} pages/s")
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "pipeline": runs,
        "pdf_text": pdf,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
