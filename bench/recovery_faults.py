"""Time to recover from each fault of issue 19, on this machine, over real processes
(``bench/recovery.py --faults``). Each scenario gets a fresh hoso: its own database (a copy
of a migrated template on the shared PostgreSQL), index prefix and queue on the shared
search node and Redis, or a private Redis where the broker is stopped.

The "before" figures are those measured when the issue was filed (836 documents on
PostgreSQL, default settings); the old code is not run again here.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import sqlalchemy as sa
from click.testing import CliRunner

from indexer import pipeline, runtime
from indexer.reindex import reindex
from records import migrate
from records.config import Settings, load_settings
from records.db import Database
from tests.support.broker import publishing_to
from tests.support.files import make_letters
from tests.support.ingest import signed_in, upload, wait_for
from tests.support.private import PrivateServices
from tests.support.scenarios import SearchLoop, ingest
from tests.support.services import create_database, database_url, drop_database, ensure_services
from tests.support.worker import Worker
from webapp import create_app
from webapp.cli import main

BEFORE = {
    "worker_kill": "10 min 22 s (the sweep's stale time)",
    "broker_outage": "11 min 49 s after the broker returned; reply said only `received`",
    "hung_engine_search": "about 60 s per request (6 engine calls retried), then 503",
    "hung_engine_readyz": "10–20 s",
    "page_breaks": "never: the document stayed `parsed`, retried every minute",
    "repair_during_reindex": "the repair deleted the index being built; every search failed",
    "postgres_outage": "a 37 s outage used 4–7 of each task's 8 retries",
}
QUERY = {"query": {"match": {"content.folded": "mau3"}}}


@contextmanager
def system(urls: Any, template: str, folder: Path, broker: str | None = None) -> Iterator[Settings]:
    """A fresh hoso for one scenario; its database is dropped afterwards."""
    name = create_database(urls, template=template)
    token = uuid.uuid4().hex[:8]
    os.environ.update(
        {
            "HOSO_DATA_DIR": str(folder / token),
            "HOSO_DATABASE_URL": database_url(urls, name),
            "HOSO_SEARCH_URL": urls.search,
            "HOSO_SEARCH_INDEX_PREFIX": f"hosobench-{token}",
            "HOSO_BROKER_URL": broker or urls.broker,
            "HOSO_QUEUE": f"hosobench-{token}",
            "HOSO_SECRET_KEY": "bench",
            "HOSO_ENV": "testing",
        }
    )
    runtime.reset()
    settings = load_settings()
    try:
        with publishing_to(settings.broker_url):
            yield settings
    finally:
        engine = runtime.engine()
        for index in engine.indices_matching(f"{settings.index_alias}*"):
            engine.delete_index(index)
        runtime.database().dispose()
        runtime.reset()
        drop_database(urls, name)


def worker_kill(settings: Settings, folder: Path) -> dict[str, Any]:
    db = Database(settings.database_url)
    victim_log = folder / "victim.log"
    victim = Worker(settings, victim_log, concurrency=1).start()
    survivor = Worker(settings, folder / "survivor.log", concurrency=1).start()
    try:
        run = ingest(db, settings, make_letters(folder / "kill", 30), wait=False)
        while victim_log.read_text(errors="replace").count("succeeded in") < 3:
            time.sleep(0.1)
        victim.kill_main()
        killed = time.monotonic()
        while victim.group_alive():
            time.sleep(0.05)
        children_gone = time.monotonic() - killed
        wait_for(db, run.ids, statuses=("indexed",), timeout_s=900)
        recovered = time.monotonic() - killed
    finally:
        victim.kill()
        survivor.stop()
        db.dispose()
    return {
        "documents": 30,
        "children_gone_s": round(children_gone, 1),
        "all_indexed_after_kill_s": round(recovered, 1),
    }


def broker_outage(settings: Settings, services: PrivateServices, folder: Path) -> dict[str, Any]:
    db = Database(settings.database_url)
    worker = Worker(settings, folder / "broker.log", beat=True).start()
    try:
        services.stop("redis")
        ids = [upload(db, settings, path) for path in make_letters(folder / "broker", 5)]
        time.sleep(60)
        services.start("redis")
        back = time.monotonic()
        wait_for(db, ids, statuses=("indexed",), timeout_s=900)
        recovered = time.monotonic() - back
    finally:
        worker.stop()
        db.dispose()
    return {
        "documents": len(ids),
        "outage_s": 60,
        "all_indexed_after_return_s": round(recovered, 1),
    }


def hung_engine(settings: Settings) -> dict[str, Any]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    db = Database(settings.database_url)
    try:
        app = create_app(settings.with_overrides(search_url=url))
        client, _token = signed_in(app, db, "tracuu")
        times = []
        for _ in range(4):
            started = time.monotonic()
            status = client.get("/api/v1/search?q=tham+nhung").status_code
            times.append((round(time.monotonic() - started, 2), status))
        # A fresh app, its circuit breaker closed: the check waits on the engine itself.
        fresh = create_app(settings.with_overrides(search_url=url)).test_client()
        started = time.monotonic()
        ready = fresh.get("/readyz").status_code
        readyz_s = round(time.monotonic() - started, 2)
    finally:
        stop.set()
        acceptor.join()
        for connection in held:
            connection.close()
        server.close()
        db.dispose()
    return {
        "first_search_s": times[0][0],
        "breaker_open_search_s": times[-1][0],
        "statuses": sorted({status for _, status in times}),
        "readyz_s": readyz_s,
        "readyz_status": ready,
    }


def page_breaks(settings: Settings, folder: Path) -> dict[str, Any]:
    import docx
    from docx.enum.text import WD_BREAK

    path = folder / "ngat-trang.docx"
    document = docx.Document()
    run = document.add_paragraph("Trang 1").add_run()
    for n in range(10_000):
        run.add_break(WD_BREAK.PAGE)
        run.add_text(str(n + 2))
    document.save(str(path))
    db = Database(settings.database_url)
    worker = Worker(settings, folder / "pages.log").start()
    try:
        started = time.monotonic()
        doc_id = upload(db, settings, path)
        (document_row,) = wait_for(db, [doc_id], timeout_s=600).values()
        seconds = time.monotonic() - started
    finally:
        worker.stop()
        db.dispose()
    return {
        "kb": round(path.stat().st_size / 1024),
        "status": document_row.status,
        "error_code": document_row.error_code,
        "upload_to_failed_s": round(seconds, 1),
    }


def repair_during_reindex(settings: Settings, folder: Path) -> dict[str, Any]:
    db = Database(settings.database_url)
    ids = [upload(db, settings, p, queue=False) for p in make_letters(folder / "rebuild", 40)]
    for doc_id in ids:
        pipeline.parse(doc_id)
    pipeline.index(ids)
    engine = runtime.engine()
    engine.refresh(settings.index_alias)
    filling = threading.Event()
    tried = threading.Event()

    def pause(done: int, _total: int) -> None:
        if done and not filling.is_set():
            filling.set()
            tried.wait(120)

    outcome: dict[str, Any] = {}
    rebuilding = threading.Thread(
        target=lambda: outcome.update(report=reindex(batch_size=10, progress=pause))
    )
    with SearchLoop(engine, settings.index_alias, QUERY) as loop:
        rebuilding.start()
        filling.wait(120)
        started = time.monotonic()
        result = CliRunner().invoke(main, ["check", "--repair"])
        refused_s = time.monotonic() - started
        tried.set()
        rebuilding.join()
    db.dispose()
    return {
        "documents": len(ids),
        "repair_exit_status": result.exit_code,
        "refused_in_s": round(refused_s, 2),
        "reindex_completed": "report" in outcome,
        "searches_during": loop.answered,
        "search_failures": len(loop.failures),
    }


def postgres_outage(folder: Path) -> dict[str, Any]:
    """A private PostgreSQL stopped for two minutes while 20 documents are in the pipeline."""
    services = PrivateServices(folder / "pg-services")
    try:
        admin_url = services.postgres()
        admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(sa.text("CREATE DATABASE hoso"))
        admin.dispose()
        url = sa.make_url(admin_url).set(database="hoso").render_as_string(hide_password=False)
        migrate.upgrade(url)
        os.environ["HOSO_DATABASE_URL"] = url
        runtime.reset()
        settings = load_settings()
        db = Database(url)
        log = folder / "pg-worker.log"
        worker = Worker(settings, log).start()
        try:
            run = ingest(db, settings, make_letters(folder / "pg", 20), wait=False)
            services.stop("postgres")
            time.sleep(120)
            services.start("postgres")
            back = time.monotonic()
            wait_for(db, run.ids, statuses=("indexed",), timeout_s=900)
            recovered = time.monotonic() - back
        finally:
            worker.stop()
            db.dispose()
    finally:
        services.close()
    text = log.read_text(errors="replace")
    retries = Counter(re.findall(r"Task \S+\[([0-9a-f-]+)\] retry: Retry in", text))
    return {
        "documents": 20,
        "outage_s": 120,
        "all_indexed_after_return_s": round(recovered, 1),
        "tasks_retried": len(retries),
        "most_retries_of_a_task": max(retries.values(), default=0),
        "tasks_given_up": text.count("gives up"),
    }


def run() -> dict[str, Any]:
    urls = ensure_services()
    template = create_database(urls)
    results: dict[str, Any] = {"when": time.strftime("%Y-%m-%d %H:%M:%S"), "before": BEFORE}
    try:
        migrate.upgrade(database_url(urls, template))
        with TemporaryDirectory(prefix="hoso-faults-") as tmp:
            folder = Path(tmp)
            with system(urls, template, folder) as settings:
                results["repair_during_reindex"] = repair_during_reindex(settings, folder)
                print("repair_during_reindex", results["repair_during_reindex"], flush=True)
            with system(urls, template, folder) as settings:
                results["hung_engine"] = hung_engine(settings)
                print("hung_engine", results["hung_engine"], flush=True)
            with system(urls, template, folder) as settings:
                results["page_breaks"] = page_breaks(settings, folder)
                print("page_breaks", results["page_breaks"], flush=True)
            with system(urls, template, folder) as settings:
                results["worker_kill"] = worker_kill(settings, folder)
                print("worker_kill", results["worker_kill"], flush=True)
            services = PrivateServices(folder / "services")
            try:
                broker = services.redis()
                with system(urls, template, folder, broker=broker) as settings:
                    results["broker_outage"] = broker_outage(settings, services, folder)
                    print("broker_outage", results["broker_outage"], flush=True)
            finally:
                services.close()
            with system(urls, template, folder) as settings:
                results["postgres_outage"] = postgres_outage(folder)
                print("postgres_outage", results["postgres_outage"], flush=True)
    finally:
        drop_database(urls, template)
    return results


def markdown(r: dict[str, Any]) -> str:
    b = r["before"]
    kill, broker, hung = r["worker_kill"], r["broker_outage"], r["hung_engine"]
    pages, rebuild, pg = r["page_breaks"], r["repair_during_reindex"], r["postgres_outage"]
    rows = [
        (
            f"main worker SIGKILLed during an ingest of {kill['documents']} documents",
            b["worker_kill"],
            f"all indexed {kill['all_indexed_after_kill_s']} s after the kill; its pool and "
            f"parse children gone in {kill['children_gone_s']} s",
        ),
        (
            f"broker stopped {broker['outage_s']} s, {broker['documents']} uploads meanwhile",
            b["broker_outage"],
            f"all indexed {broker['all_indexed_after_return_s']} s after it returned; "
            "reply says “đã nhận, chờ xếp hàng”",
        ),
        (
            "search engine hung: web search",
            b["hung_engine_search"],
            f"503 in {hung['first_search_s']} s, {hung['breaker_open_search_s']} s once the "
            "circuit breaker is open",
        ),
        (
            "search engine hung: `/readyz`",
            b["hung_engine_readyz"],
            f"{hung['readyz_status']} in {hung['readyz_s']} s",
        ),
        (
            f"DOCX of 10,000 page breaks ({pages['kb']} KB)",
            b["page_breaks"],
            f"`{pages['status']}` ({pages['error_code']}) {pages['upload_to_failed_s']} s "
            "after upload",
        ),
        (
            f"`check --repair` during a reindex of {rebuild['documents']} documents",
            b["repair_during_reindex"],
            f"refused (exit {rebuild['repair_exit_status']}) in {rebuild['refused_in_s']} s; "
            f"reindex completed: {rebuild['reindex_completed']}; "
            f"{rebuild['search_failures']} of {rebuild['searches_during']} searches failed",
        ),
        (
            f"PostgreSQL stopped {pg['outage_s']} s, {pg['documents']} documents in the pipeline",
            b["postgres_outage"],
            f"all indexed {pg['all_indexed_after_return_s']} s after it returned; "
            f"{pg['tasks_retried']} tasks retried, at most {pg['most_retries_of_a_task']} "
            f"times each, {pg['tasks_given_up']} gave up (retries last 30 min)",
        ),
    ]
    lines = [
        f"# Time to recover from faults ({r['when']}, `bench/recovery.py --faults`)",
        "",
        "Fresh hoso per fault on the shared search node and PostgreSQL (private Redis for the",
        "broker outage), default settings, nobody calling the sweep. “Before” is what was",
        "measured when issue 19 was filed (836 documents on PostgreSQL).",
        "",
        "| fault | before | after |",
        "| --- | --- | --- |",
        *(f"| {fault} | {before} | {after} |" for fault, before, after in rows),
    ]
    return "\n".join(lines) + "\n"
