"""Accuracy of the ingestion pipeline against a corpus's ground truth, field by field.

    .venv/bin/python bench/extraction_eval.py [--corpus DIR] [--all-files] [--inprocess]

Each file is ingested the way users ingest: by default ``hoso ingest --wait --json`` into a
scratch hoso (its own SQLite database, file store, index and queue) with a real Celery
worker and the live search node (HOSO_SEARCH_URL, HOSO_BROKER_URL or the local defaults);
with ``--inprocess`` the same files are stored and ``indexer.pipeline.parse`` runs in this
process (no worker, no engine). The values then read from the database are compared with
``manifest.jsonl``:

* doc_type, number, issued_date (at the printed precision), place, issuer, subject
  (whitespace collapsed), signer: exact match;
* agencies: micro-F1 over (document, body) pairs;
* OCR: character accuracy (1 - edit distance / length) of scanned files' text;
* legacy encodings: a TCVN3/VNI file is repaired when its encoding is recognised and its
  text matches the ground truth to 99% of characters;
* with ``--all-files``: the share of documents whose PDF rendering gives the same subject
  as their DOCX (``pdf_docx_same_subject``; the differing ones are listed).

Type codes outside the manifest's vocabulary (regulations, joint circulars, decrees) are
scored as its "other". By default the primary
file of each entry is ingested (the one a user would upload); ``--all-files`` adds every
other rendering (DOCX, PDF, scan, legacy and NFD variants). Results go to
bench/results/extraction_eval.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the character-accuracy metric is the unit tests' own

from indexer import pipeline, runtime  # noqa: E402
from indexer.engine import SearchEngine  # noqa: E402
from records import migrate  # noqa: E402
from records.accounts import ensure_admin  # noqa: E402
from records.config import load_settings  # noqa: E402
from records.db import Database  # noqa: E402
from records.intake import receive  # noqa: E402
from records.models import Agency, AgencyMention, Document, DocumentPage  # noqa: E402
from records.storage import open_store  # noqa: E402
from tests.unit.extract.accuracy import char_accuracy  # noqa: E402

MANIFEST_TYPES = {
    "chi_thi", "quyet_dinh", "quy_che", "ke_hoach", "bao_cao", "ket_luan_thanh_tra",
    "thong_bao", "bien_ban", "cong_van", "don_khieu_nai", "don_to_cao", "don_kien_nghi",
    "don_phan_anh", "nghi_quyet", "huong_dan", "to_trinh", "other",
}  # fmt: skip
FIELDS = ("doc_type", "number", "issued_date", "place", "issuer", "subject", "signer")
TARGETS = {
    "doc_type": 0.97,
    "number": 0.97,
    "issued_date": 0.97,
    "issuer": 0.95,
    "subject": 0.90,
    "signer": 0.95,
    "agencies_f1": 0.95,
    "ocr_char_accuracy": 0.95,
    "legacy_repaired": 1.0,
}
LEGACY = {"tcvn3", "vni"}
LEGACY_FLOOR = 0.99
DEFAULT_OUT = ROOT / "bench" / "results" / "extraction_eval.json"


@dataclass
class Sample:
    """One ingested file and its manifest entry."""

    entry: dict[str, Any]
    file: dict[str, Any]
    path: Path
    id: int | None = None
    status: str = ""
    error: str | None = None
    got: dict[str, Any] = field(default_factory=dict)
    agencies: set[str] = field(default_factory=set)
    text: str = ""
    source_encoding: str | None = None
    ocr: bool = False


def squash(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def expected(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc_type": entry["doc_type"],
        "number": entry["number"],
        "issued_date": entry["issued_date"] or entry.get("issued_date_partial"),
        "place": entry["place"],
        "issuer": squash(entry["issuer"]),
        "subject": squash(entry["subject"]),
        "signer": entry["signer"],
    }


def observed(document: Document) -> dict[str, Any]:
    date = None
    if document.issued_date is not None:
        iso = document.issued_date.isoformat()
        date = {"day": iso, "month": iso[:7], "year": iso[:4]}.get(document.date_precision or "")
    doc_type = document.doc_type if document.doc_type in MANIFEST_TYPES else "other"
    return {
        "doc_type": doc_type,
        "number": document.number,
        "issued_date": date,
        "place": document.place,
        "issuer": squash(document.issuer),
        "subject": squash(document.subject),
        "signer": document.signer,
    }


def samples(corpus: Path, all_files: bool) -> list[Sample]:
    lines = (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    found = []
    for entry in (json.loads(line) for line in lines if line.strip()):
        for item in entry["files"]:
            if all_files or item.get("primary"):
                found.append(Sample(entry=entry, file=item, path=corpus / item["path"]))
    return found


# -- running the pipeline -------------------------------------------------------------------
def scratch_env(folder: Path) -> dict[str, str]:
    token = uuid.uuid4().hex[:10]
    return {
        "HOSO_DATA_DIR": str(folder / "data"),
        "HOSO_DATABASE_URL": f"sqlite:///{folder / 'data' / 'hoso.db'}",
        "HOSO_SEARCH_INDEX_PREFIX": f"hosoeval-{token}",
        "HOSO_QUEUE": f"hosoeval-{token}",
        "HOSO_SECRET_KEY": "extraction-eval",
    }


def start_worker(env: dict[str, str], log: Path, concurrency: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "celery", "-A", "indexer.celery_app", "worker",
        "--loglevel", "warning", "--concurrency", str(concurrency), "--queues", env["HOSO_QUEUE"],
        "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def run_worker_pipeline(items: list[Sample], folder: Path, concurrency: int) -> float:
    """``hoso ingest --wait --json`` with a real worker; return the wall time in seconds."""
    os.environ.update(scratch_env(folder))
    env = dict(os.environ)
    runtime.reset()
    settings = load_settings()
    migrate.upgrade(settings.database_url)
    with Database(settings.database_url).session() as session:
        ensure_admin(session)
    links = folder / "files"
    links.mkdir()
    by_link: dict[str, Sample] = {}
    for number, item in enumerate(items):
        link = links / f"{number:04d}-{item.path.name}"
        link.symlink_to(item.path.resolve())
        by_link[str(link)] = item
    worker = start_worker(env, folder / "worker.log", concurrency)
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [str(Path(sys.executable).with_name("hoso")), "ingest", str(links), "--wait", "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        if not result.stdout.strip():
            raise SystemExit(f"hoso ingest failed:\n{result.stderr}")
        for line in result.stdout.splitlines():
            row = json.loads(line)
            item = by_link[row["path"]]
            item.id, item.status, item.error = row["id"], row["status"], row["error"]
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        engine = SearchEngine(settings.search_url, settings.search_engine)
        for index in engine.indices_for(settings.index_alias):
            engine.delete_index(index)
    return elapsed


def run_in_process(items: list[Sample], folder: Path) -> float:
    """Store each file and run ``pipeline.parse`` here; return the wall time in seconds."""
    os.environ.update(scratch_env(folder))
    runtime.reset()
    settings = load_settings()
    migrate.upgrade(settings.database_url)
    database = Database(settings.database_url)
    store = open_store(settings)
    started = time.perf_counter()
    for item in items:
        with database.session() as session, item.path.open("rb") as stream:
            owner = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
            received = receive(
                session, store, stream, item.path.name, user=None, agency=owner, channel="cli"
            )
            item.id = received.document.id
        pipeline.parse(item.id)
    return time.perf_counter() - started


def read_back(items: list[Sample], database_url: str) -> None:
    database = Database(database_url)
    with database.session() as session:
        for item in items:
            if item.id is None:
                continue
            document = session.get(Document, item.id)
            item.status = "indexed" if item.status == "indexed" else document.status
            item.error = item.error or document.error
            item.got = observed(document)
            item.source_encoding = document.source_encoding
            item.ocr = document.ocr
            item.agencies = set(
                session.scalars(
                    select(AgencyMention.agency_code).where(AgencyMention.document_id == item.id)
                )
            )
            pages = session.scalars(
                select(DocumentPage.original)
                .where(DocumentPage.document_id == item.id)
                .order_by(DocumentPage.page_no)
            ).all()
            item.text = "\n".join(pages)
    database.dispose()


# -- scoring ------------------------------------------------------------------------------
def score(items: list[Sample], corpus: Path) -> dict[str, Any]:
    hits: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    tp = fp = fn = 0
    ocr_scores: dict[str, float] = {}
    legacy: dict[str, bool] = {}
    text_scores: list[float] = []
    for item in items:
        name = item.file["path"]
        want = expected(item.entry)
        for key in FIELDS:
            if item.got.get(key) == want[key]:
                hits[key] += 1
            else:
                misses.append(
                    {"file": name, "field": key, "got": item.got.get(key), "want": want[key]}
                )
        wanted = set(item.entry["agencies_mentioned"])
        tp += len(item.agencies & wanted)
        fp += len(item.agencies - wanted)
        fn += len(wanted - item.agencies)
        if item.agencies != wanted:
            misses.append(
                {
                    "file": name,
                    "field": "agencies",
                    "got": sorted(item.agencies),
                    "want": sorted(wanted),
                }
            )
        truth = (corpus / item.entry["text_file"]).read_text(encoding="utf-8")
        accuracy = char_accuracy(item.text, truth) if item.text else 0.0
        text_scores.append(accuracy)
        if item.file["format"] == "pdf_scanned":
            ocr_scores[name] = accuracy
        if item.file.get("encoding") in LEGACY:
            legacy[name] = (
                item.source_encoding == item.file["encoding"] and accuracy >= LEGACY_FLOOR
            )
    renderings = same_subject(items)
    total = len(items)
    denominator = 2 * tp + fp + fn
    metrics: dict[str, float | None] = {key: hits[key] / total for key in FIELDS}
    metrics["agencies_f1"] = 2 * tp / denominator if denominator else 1.0
    metrics["ocr_char_accuracy"] = (
        sum(ocr_scores.values()) / len(ocr_scores) if ocr_scores else None
    )
    metrics["legacy_repaired"] = sum(legacy.values()) / len(legacy) if legacy else None
    metrics["text_char_accuracy"] = sum(text_scores) / total
    metrics["pdf_docx_same_subject"] = (
        sum(not differs for differs in renderings.values()) / len(renderings)
        if renderings
        else None
    )
    statuses = Counter(item.status for item in items)
    return {
        "files": total,
        "statuses": dict(statuses),
        "metrics": metrics,
        "targets": TARGETS,
        "passed": {
            key: metrics[key] is None or metrics[key] >= target for key, target in TARGETS.items()
        },
        "ocr_files": ocr_scores,
        "legacy_files": legacy,
        "misses": misses,
        "pdf_docx_subject_differs": sorted(d for d, differs in renderings.items() if differs),
        "failed": [
            {"file": item.file["path"], "error": item.error}
            for item in items
            if item.status == "failed"
        ],
    }


def same_subject(items: list[Sample]) -> dict[str, bool]:
    """Per document rendered both as DOCX and as (text) PDF: whether their subjects differ."""
    subjects: dict[str, dict[str, str | None]] = {}
    for item in items:
        if item.file["format"] in ("docx", "pdf") and item.file.get("encoding") == "unicode":
            subjects.setdefault(item.entry["id"], {})[item.file["format"]] = item.got.get("subject")
    return {
        doc: found["pdf"] != found["docx"]
        for doc, found in subjects.items()
        if {"pdf", "docx"} <= found.keys()
    }


def table(report: dict[str, Any]) -> str:
    rows = [
        f"{report['files']} files ({report['mode']}), statuses {report['statuses']}, "
        f"{report['seconds']:.1f} s",
        f"  {'field':<20} {'value':>8}  {'target':>7}",
    ]
    for key, value in report["metrics"].items():
        target = report["targets"].get(key)
        shown = "n/a" if value is None else f"{value:.1%}"
        mark = "" if target is None else ("  ok" if report["passed"][key] else "  BELOW")
        rows.append(f"  {key:<20} {shown:>8}  {'' if target is None else f'{target:.0%}':>7}{mark}")
    rows += [
        f"  miss {m['file']} {m['field']}: got {m['got']!r}, want {m['want']!r}"
        for m in report["misses"]
    ]
    rows += [f"  failed {f['file']}: {f['error']}" for f in report["failed"]]
    rows += [f"  PDF and DOCX subjects differ: {doc}" for doc in report["pdf_docx_subject_differs"]]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument(
        "--all-files", action="store_true", help="every rendering, not only primaries"
    )
    parser.add_argument("--inprocess", action="store_true", help="pipeline.parse here, no worker")
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    items = samples(args.corpus, args.all_files)
    folder = Path(tempfile.mkdtemp(prefix="hoso-eval-"))
    try:
        if args.inprocess:
            seconds = run_in_process(items, folder)
        else:
            seconds = run_worker_pipeline(items, folder, args.concurrency)
        read_back(items, load_settings().database_url)
    finally:
        runtime.reset()
    shutil.rmtree(folder, ignore_errors=True)
    report = score(items, args.corpus)
    report.update(
        mode="in-process pipeline.parse" if args.inprocess else "hoso ingest + worker + engine",
        corpus=str(args.corpus),
        all_files=args.all_files,
        seconds=round(seconds, 1),
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(report))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
