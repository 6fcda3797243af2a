"""Search latency through the REST API against the engine's own, and how it grows.

    .venv/bin/python bench/search_benchmark.py [--sizes 1000,10000,100000]
        [--clients 1,8,32] [--rounds 3] [--web-workers 4]

For each archive size: a fresh PostgreSQL database gets a synthetic archive
(bench/synthetic.py, bulk INSERTs), ``hoso reindex``'s code builds its index (documents/s
recorded), and gunicorn serves the app with its production configuration
(``-c python:webapp.gunicorn_conf webapp.wsgi:app``, HOSO_ENV=production). A non-admin
officer of one body (Thanh tra tỉnh, clearance "mật") searches with a read token, so the
access filter is on. The queries cover every kind of ../shared/corpus/queries.jsonl, made
general by the synthetic vocabulary. For each number of concurrent clients and each round,
the same queries go through ``GET /api/v1/search`` and, right after, straight to the
engine (the requests the API sends: the search, then its hits' passages; same functions),
so both see the same noise; percentiles are per round, the figures reported are medians
over the rounds.

Peak RSS: of each gunicorn worker (VmHWM) and of the search node (sampled; it is shared).
Needs the shared PostgreSQL, Redis and search node. Results go to
bench/results/search_benchmark_<N>.json. Indexes and databases are removed at the end.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import Shape, seed  # noqa: E402
from bench.vocabulary import PROVINCES, TOPICS  # noqa: E402
from indexer import runtime  # noqa: E402
from indexer.engine import SearchEngine  # noqa: E402
from indexer.normalize import fold  # noqa: E402
from indexer.query import passages_body, search_body  # noqa: E402
from indexer.query_parser import ParsedQuery, parse_query  # noqa: E402
from indexer.reindex import reindex  # noqa: E402
from records import migrate, tokens  # noqa: E402
from records.config import load_settings  # noqa: E402
from records.db import Database  # noqa: E402
from records.models import Agency, Document, User  # noqa: E402
from records.policy import document_engine_filter  # noqa: E402
from records.storage import open_store  # noqa: E402
from tests.support.services import (  # noqa: E402
    ServiceUrls,
    create_database,
    database_url,
    drop_database,
    ensure_services,
)
from webapp.search_params import filters_from, page_from, sort_from  # noqa: E402

RESULTS = ROOT / "bench" / "results"
#: The searching user: an officer of one body, cleared for "mật" (not the top levels).
BODY, CLEARANCE = "thanh_tra", "mat"
WARMUP_ROUNDS = 1
#: Sends one request (a query or an engine body); returns the engine's own time in ms.
Sender = Callable[[requests.Session, Any], int]


@dataclass(frozen=True)
class Query:
    kind: str
    params: tuple[tuple[str, str], ...]


def queries(rng: random.Random, numbers: list[str]) -> list[Query]:
    """Every kind of the corpus's query set, from the synthetic archive's vocabulary (the
    corpus generator's): topics, bodies, places."""
    topical = [short for _, short in rng.sample(TOPICS, 3)]
    topical.append(f"{rng.choice(TOPICS)[1]} {rng.choice(PROVINCES)}")
    out = [Query("topical", (("q", text),)) for text in topical]
    out += [Query("no_diacritics", (("q", fold(text)),)) for text in topical[:3]]
    out += [Query("phrase", (("q", f'"{p}"'),)) for p in ("tiếp công dân", "thu hồi tài sản")]
    out += [Query("doc_number", (("q", n),)) for n in numbers]
    out += [Query("variant_spelling", (("q", q),)) for q in ("Thanh Hoá", "Khánh Hoà tiếp dân")]
    out += [
        Query("date_bounded", (("q", "báo cáo kết quả"), ("from", "2020-01-01"),
                               ("to", "2020-12-31"))),
        Query("issuer_type", (("q", "kiểm tra, giám sát"), ("type", "quyet_dinh"))),
        Query("agency", (("q", "dấu hiệu tội phạm"), ("agency", "cong_an"))),
        Query("agency", (("q", "Ban Nội chính Tỉnh ủy"),)),
        Query("paging", (("q", "khiếu nại, tố cáo"), ("page", "5"))),
        Query("browse", (("type", "bao_cao"), ("sort", "newest"))),
        Query("party", (("q", "nhiệm vụ của ban thường vụ tỉnh ủy, đảng đoàn"),)),
        Query("abbreviation", (("q", "công tác PCTN"),)),
        Query("paraphrase", (("q", "chống tham ô, lãng phí trong bộ máy nhà nước"),)),
        Query("body_fact", (("q", "trong bao lâu phải chuyển nguồn tin về tội phạm cho "
                                  "cơ quan điều tra"),)),
    ]  # fmt: skip
    return out


# -- the scratch hoso ---------------------------------------------------------------------------
def scratch(urls: ServiceUrls, template: str, folder: Path) -> tuple[str, dict[str, str]]:
    """A fresh database and the environment of a production hoso using it."""
    name = create_database(urls, template=template)
    token = uuid.uuid4().hex[:8]
    env = {
        "HOSO_ENV": "production",
        "HOSO_SECRET_KEY": secrets.token_urlsafe(48),
        "HOSO_DATA_DIR": str(folder / token),
        "HOSO_DATABASE_URL": database_url(urls, name),
        "HOSO_SEARCH_URL": urls.search,
        "HOSO_SEARCH_INDEX_PREFIX": f"hosobench-{token}",
        "HOSO_BROKER_URL": urls.broker,
        "HOSO_QUEUE": f"hosobench-{token}",
        "HOSO_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    runtime.reset()
    return name, env


def searcher(db: Database) -> tuple[str, int]:
    """Create the searching officer and their read token; return the token and user id."""
    with db.session() as session:
        user = User(
            username="bench.officer",
            full_name="Cán bộ đo kiểm",
            agency=session.scalars(select(Agency).where(Agency.code == BODY)).one(),
            roles=["officer"],
            clearance=CLEARANCE,
            password_hash="!",
        )
        session.add(user)
        session.flush()
        _, raw = tokens.issue(session, user, "search benchmark")
        session.commit()
        return raw, user.id


@dataclass(frozen=True)
class EngineSearch:
    """What the API sends the engine for one query: the search body, then the passages of
    the hits it found (indexer.search._with_passages)."""

    body: dict[str, Any]
    query: ParsedQuery
    access: dict[str, Any]


def engine_bodies(db: Database, user_id: int, plan: list[Query]) -> list[EngineSearch]:
    """The requests the API sends to the engine for each query (same functions, same user)."""
    with db.session() as session:
        user = session.get(User, user_id)
        access = document_engine_filter(user)
        bodies = []
        for query in plan:
            args = MultiDict(query.params)
            page = page_from(args)
            parsed = parse_query(args.get("q", ""))
            body = search_body(
                parsed,
                access,
                filters=filters_from(args),
                sort=sort_from(args),
                page=page,
                facets=page.number == 1,  # as the API: facets with the first page only
            )
            bodies.append(EngineSearch(body, parsed, access))
        return bodies


class Gunicorn:
    """The web app under gunicorn with the production configuration."""

    def __init__(self, env: dict[str, str], workers: int, folder: Path) -> None:
        self.port = _free_port()
        metrics = folder / "metrics"
        metrics.mkdir(parents=True, exist_ok=True)
        self.log = (folder / "gunicorn.log").open("w")
        command = [
            sys.executable, "-m", "gunicorn", "-c", "python:webapp.gunicorn_conf",
            "webapp.wsgi:app", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers), "--timeout", "120",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/livez", timeout=2).status_code < 500:
                    return
            except requests.ConnectionError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not start; see {folder / 'gunicorn.log'}")

    def workers_peak_rss_mb(self) -> list[float]:
        return [_status_kb(pid, "VmHWM") / 1024 for pid in _children(self.process.pid)]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()


class EngineMemory(threading.Thread):
    """Samples the search node's resident memory and JVM heap while the load runs."""

    def __init__(self, search_url: str) -> None:
        super().__init__(daemon=True)
        self.search_url = search_url
        info = requests.get(f"{search_url}/_nodes/_local/process", timeout=10).json()
        node = next(iter(info["nodes"].values()))
        self.pid = int(node["process"]["id"])
        self.peak_rss_mb = 0.0
        self.peak_heap_mb = 0.0
        self.heap_max_mb = 0.0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.5):
            if Path(f"/proc/{self.pid}").exists():
                self.peak_rss_mb = max(self.peak_rss_mb, _status_kb(self.pid, "VmRSS") / 1024)
            stats = requests.get(f"{self.search_url}/_nodes/_local/stats/jvm", timeout=10).json()
            mem = next(iter(stats["nodes"].values()))["jvm"]["mem"]
            self.peak_heap_mb = max(self.peak_heap_mb, mem["heap_used_in_bytes"] / 2**20)
            self.heap_max_mb = mem["heap_max_in_bytes"] / 2**20

    def stop(self) -> dict[str, float]:
        self.stopping.set()
        self.join()
        return {
            "node_peak_rss_mb": round(self.peak_rss_mb, 1),
            "heap_peak_used_mb": round(self.peak_heap_mb, 1),
            "heap_max_mb": round(self.heap_max_mb, 1),
        }


# -- load -----------------------------------------------------------------------------------
def load(
    send: Sender, plan: list[Any], clients: int, rng: random.Random, least: int
) -> dict[str, Any]:
    """Each of ``clients`` threads sends the whole plan, each time in its own order, as
    many times as it takes for at least ``least`` requests in all."""
    passes = max(1, math.ceil(least / (clients * len(plan))))
    orders = [
        [i for _ in range(passes) for i in rng.sample(range(len(plan)), len(plan))]
        for _ in range(clients)
    ]

    def client(order: list[int]) -> list[tuple[float, int]]:
        with requests.Session() as http:
            timings = []
            for i in order:
                started = time.perf_counter()
                took = send(http, plan[i])
                timings.append((time.perf_counter() - started, took))
            return timings

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        timings = [t for per_client in pool.map(client, orders) for t in per_client]
    wall = time.perf_counter() - started
    latencies = [seconds for seconds, _ in timings]
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "throughput_rps": round(len(latencies) / wall, 1),
        "engine_took_p50_ms": statistics.median(took for _, took in timings),
    }


def api_sender(url: str, token: str) -> Sender:
    headers = {"Authorization": f"Bearer {token}"}

    def send(http: requests.Session, query: Query) -> int:
        response = http.get(f"{url}/api/v1/search", params=query.params, headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"API answered {response.status_code}: {response.text[:300]}")
        return int(response.json()["took_ms"])

    return send


def engine_sender(search_url: str, alias: str) -> Sender:
    def post(http: requests.Session, body: dict[str, Any]) -> dict[str, Any]:
        response = http.post(f"{search_url}/{alias}/_search", json=body)
        if response.status_code != 200:
            raise RuntimeError(f"engine answered {response.status_code}: {response.text[:300]}")
        return response.json()

    def send(http: requests.Session, search: EngineSearch) -> int:
        found = post(http, search.body)
        ids = [hit["_id"] for hit in found["hits"]["hits"]]
        took = int(found["took"])
        if ids and (search.query.scoring_text or search.query.numbers):
            took += int(post(http, passages_body(search.query, search.access, ids))["took"])
        return took

    return send


# -- one archive size ----------------------------------------------------------------------------
def run_size(args: argparse.Namespace, urls: ServiceUrls, template: str, tmp: Path) -> dict:
    name, env = scratch(urls, template, tmp)
    settings = load_settings()
    db = Database(settings.database_url)
    server = None
    try:
        started = time.perf_counter()
        with db.session() as session:
            seeded = seed(session, open_store(settings), Shape(args.size, {}))
        seed_s = time.perf_counter() - started
        print(f"[{args.size}] seeded in {seed_s:.0f} s: {vars(seeded)}", flush=True)
        report = reindex(batch_size=args.batch, old_index_grace_s=0)
        print(f"[{args.size}] reindexed at {report.docs_per_second:.0f} docs/s", flush=True)
        token, user_id = searcher(db)
        rng = random.Random(args.size)
        with db.session() as session:
            numbers = list(session.scalars(select(Document.number).order_by(Document.id).limit(50)))
        plan = queries(rng, rng.sample(numbers, 3))
        bodies = engine_bodies(db, user_id, plan)
        index_stats = requests.get(f"{urls.search}/{settings.index_alias}/_stats/store,docs").json()
        server = Gunicorn(env, args.web_workers, tmp / env["HOSO_QUEUE"])
        api = api_sender(server.url, token)
        direct = engine_sender(urls.search, settings.index_alias)
        memory = EngineMemory(urls.search)
        memory.start()
        for _ in range(WARMUP_ROUNDS):
            load(api, plan, 4, rng, args.requests)
            load(direct, bodies, 4, rng, args.requests)
        runs: dict[str, Any] = {}
        for clients in args.clients:
            rounds = []
            for number in range(args.rounds):
                api_round = load(api, plan, clients, rng, args.requests)
                engine_round = load(direct, bodies, clients, rng, args.requests)
                rounds.append({"api": api_round, "engine": engine_round})
                print(f"[{args.size}] {clients} clients, round {number + 1}: "
                      f"api p95 {api_round['p95_ms']} ms, engine p95 "
                      f"{engine_round['p95_ms']} ms", flush=True)  # fmt: skip
            runs[str(clients)] = {"median": _medians(rounds), "rounds": rounds}
        engine_memory = memory.stop()
        if args.profile:
            profile(plan, token, RESULTS / f"search_profile_{args.size}.txt")
        return {
            "documents": args.size,
            "archive": {**vars(seeded), "seed_s": round(seed_s, 1)},
            "index": {
                "docs": index_stats["_all"]["primaries"]["docs"]["count"],
                "store_mb": round(
                    index_stats["_all"]["primaries"]["store"]["size_in_bytes"] / 2**20, 1
                ),
            },
            "reindex": {
                "batch": args.batch,
                "documents": report.documents,
                "seconds": round(report.seconds, 1),
                "docs_per_s": round(report.docs_per_second, 1),
            },
            "queries": [{"kind": q.kind, "params": dict(q.params)} for q in plan],
            "searcher": {"body": BODY, "clearance": CLEARANCE, "roles": ["officer"]},
            "web_workers": args.web_workers,
            "clients": runs,
            "memory": {
                "web_workers_peak_rss_mb": [round(m, 1) for m in server.workers_peak_rss_mb()],
                **engine_memory,
            },
        }
    finally:
        if server:
            server.stop()
        db.dispose()
        engine = SearchEngine(urls.search)
        for index in engine.indices_matching(f"{env['HOSO_SEARCH_INDEX_PREFIX']}*"):
            engine.delete_index(index)
        drop_database(urls, name)


def profile(plan: list[Query], token: str, out: Path) -> None:
    """The API's search path in this process under pyinstrument, the plan sent 5 times."""
    from pyinstrument import Profiler

    from webapp import create_app

    client = create_app(load_settings()).test_client()
    headers = {"Authorization": f"Bearer {token}"}
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(5):
        for query in plan:
            response = client.get("/api/v1/search", query_string=query.params, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"API answered {response.status_code} while profiled")
    profiler.stop()
    out.write_text(profiler.output_text(unicode=True, color=False))
    print(f"profile written to {out}", flush=True)


def _medians(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for side in ("api", "engine"):
        out[side] = {
            key: statistics.median(r[side][key] for r in rounds)
            for key in ("p50_ms", "p95_ms", "p99_ms", "throughput_rps", "engine_took_p50_ms")
        }
    out["p95_ratio"] = round(
        statistics.median(r["api"]["p95_ms"] / r["engine"]["p95_ms"] for r in rounds), 2
    )
    return out


# -- machine ------------------------------------------------------------------------------------
def machine(search_url: str) -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor(),
    )
    meminfo = Path("/proc/meminfo").read_text().split()
    version = requests.get(search_url, timeout=10).json()["version"]
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "ram_gb": round(int(meminfo[meminfo.index("MemTotal:") + 1]) / 2**20, 1),
        "python": platform.python_version(),
        "engine": f"{version.get('distribution', 'elasticsearch')} {version['number']}",
    }


def table(results: list[dict[str, Any]]) -> str:
    """The README table: one row per archive size and number of clients."""
    lines = [
        "| documents | clients | API p50 / p95 / p99 ms | engine p50 / p95 / p99 ms "
        "| p95 API/engine | API req/s | engine req/s |",
        "| ---: | ---: | --- | --- | ---: | ---: | ---: |",
    ]
    for result in sorted(results, key=lambda r: r["documents"]):
        for clients, run in result["clients"].items():
            m = run["median"]
            api, engine = m["api"], m["engine"]
            lines.append(
                f"| {result['documents']:,} | {clients} "
                f"| {api['p50_ms']:.0f} / {api['p95_ms']:.0f} / {api['p99_ms']:.0f} "
                f"| {engine['p50_ms']:.0f} / {engine['p95_ms']:.0f} / {engine['p99_ms']:.0f} "
                f"| {m['p95_ratio']:.2f} | {api['throughput_rps']:.0f} "
                f"| {engine['throughput_rps']:.0f} |"
            )
    return "\n".join(lines) + "\n"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    numbers = lambda s: [int(n) for n in s.split(",")]  # noqa: E731
    parser.add_argument("--sizes", type=numbers, default=[1000, 10000, 100000])
    parser.add_argument("--clients", type=numbers, default=[1, 8, 32])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--web-workers", type=int, default=4, help="as the systemd unit")
    parser.add_argument("--requests", type=int, default=200, help="least per round and side")
    parser.add_argument(
        "--profile", action="store_true", help="also profile the API in-process (pyinstrument)"
    )
    parser.add_argument("--batch", type=int, default=500, help="reindex bulk batch")
    args = parser.parse_args()
    urls = ensure_services()
    template = create_database(urls)
    try:
        migrate.upgrade(database_url(urls, template))
        info = machine(urls.search)
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        for size in args.sizes:
            args.size = size
            with tempfile.TemporaryDirectory(prefix="hoso-searchbench-") as tmp:
                result = run_size(args, urls, template, Path(tmp))
            result = {
                "machine": info,
                "commit": commit,
                "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                **result,
            }
            out = RESULTS / f"search_benchmark_{size}.json"
            out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
            print(f"written {out}", flush=True)
        found = [json.loads(p.read_text()) for p in RESULTS.glob("search_benchmark_*.json")]
        (RESULTS / "search_benchmark.md").write_text(table(found))
    finally:
        drop_database(urls, template)


if __name__ == "__main__":
    main()
