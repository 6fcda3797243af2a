"""The sandbox: limits on CPU, wall time and memory, results as in-process, any caller."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from indexer import sandbox
from indexer.extract import ExtractLimits, extract
from indexer.sandbox import extract_limited
from tests.unit.extract.corpus import FILES, needs_corpus
from tests.unit.extract.daemon_worker import extract_pages
from tests.unit.extract.pdfgen import text_pdf
from tests.unit.extract.refusal import LIMITS, assert_still_working, refused


def test_cpu_limit(tmp_path: Path) -> None:
    path = tmp_path / "slow.pdf"
    path.write_bytes(text_pdf(20_000))
    limits = ExtractLimits(max_pages=100_000, cpu_s=1)
    assert refused(path, limits) == "parsing used more than 1 s of CPU time"
    assert_still_working(tmp_path)


def test_wall_clock_limit(tmp_path: Path) -> None:
    """A child that waits without using CPU (here on a pipe nobody writes to) is stopped."""
    path = tmp_path / "stuck.txt"
    os.mkfifo(path)
    assert refused(path, ExtractLimits(wall_s=1.5)) == "parsing took longer than 1.5 s"
    assert_still_working(tmp_path)


def test_memory_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes("Cộng hòa xã hội chủ nghĩa Việt Nam. ".encode() * 600_000)
    assert refused(path, ExtractLimits(memory_mb=128)) == (
        "parsing needed more than 128 MB of memory"
    )
    assert_still_working(tmp_path)


def test_memory_limit_reached_inside_pdfium(tmp_path: Path) -> None:
    """PDFium aborts when an allocation fails under the cap: that is the memory limit."""
    path = tmp_path / "dense.pdf"
    path.write_bytes(text_pdf(50, b"Trang) Tj " + b"(Trang) Tj " * 20_000 + b"(Trang"))
    assert refused(path, ExtractLimits(memory_mb=128)) == (
        "parsing needed more than 128 MB of memory"
    )
    assert_still_working(tmp_path)


@needs_corpus
def test_sandbox_result_equals_in_process_result() -> None:
    path = FILES / "vn-r008.tcvn3.docx"
    assert extract_limited(path, LIMITS) == extract(path, limits=LIMITS)
    assert extract_limited(path, LIMITS, fork_server=False) == extract(path, limits=LIMITS)


def test_works_from_a_daemonic_worker_process(tmp_path: Path) -> None:
    """Celery's prefork children are daemonic; multiprocessing could not start a child there."""
    path = tmp_path / "in.pdf"
    path.write_bytes(text_pdf(1, b"Trong worker"))
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    worker = context.Process(target=extract_pages, args=(str(path), queue), daemon=True)
    worker.start()
    assert queue.get(timeout=20) == ["Trong worker"]
    worker.join(timeout=10)


def test_a_dead_fork_server_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "in.pdf"
    path.write_bytes(text_pdf(1, b"Mot trang"))
    assert extract_limited(path, LIMITS).pages == ["Mot trang"]
    server = sandbox._current
    assert server is not None and server.usable()
    server.process.kill()
    server.process.wait()
    assert extract_limited(path, LIMITS).pages == ["Mot trang"]
    assert sandbox._current is not server and sandbox._current.usable()


def test_callers_in_parallel_threads_each_get_their_result(tmp_path: Path) -> None:
    """One thread uses the fork server, the others one-off children; all are limited."""
    paths = []
    for i in range(4):
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(text_pdf(1, b"Trang %d" % i))
        paths.append(path)
    with ThreadPoolExecutor(max_workers=4) as pool:
        pages = list(pool.map(lambda p: extract_limited(p, LIMITS).pages, paths))
    assert pages == [[f"Trang {i}"] for i in range(4)]


def parse_children() -> set[int]:
    """Processes the fork server has forked and not yet reaped."""
    server = sandbox._current
    assert server is not None
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server.process.pid:
            children.add(int(stat.parent.name))
    return children


def test_one_child_parses_many_files_and_a_killed_one_is_replaced(tmp_path: Path) -> None:
    paths = []
    for i in range(3):
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(text_pdf(1, b"Van ban %d" % i))
        paths.append(path)
    assert extract_limited(paths[0], LIMITS).pages == ["Van ban 0"]
    first = parse_children()
    assert len(first) == 1
    assert extract_limited(paths[1], LIMITS).pages == ["Van ban 1"]
    assert parse_children() == first

    slow = tmp_path / "slow.pdf"
    slow.write_bytes(text_pdf(20_000))
    assert refused(slow, ExtractLimits(max_pages=100_000, cpu_s=1)) == (
        "parsing used more than 1 s of CPU time"
    )
    assert extract_limited(paths[2], LIMITS).pages == ["Van ban 2"]
    after = parse_children()
    assert len(after) == 1 and after != first


def test_cpu_limit_holds_per_file_not_per_child(tmp_path: Path) -> None:
    """Six files of about half a CPU second each, one child, a 2 s limit: each is within
    its own allowance although the child uses more than its first allowance in all."""
    path = tmp_path / "long.pdf"
    path.write_bytes(text_pdf(800, b"Van ban nhieu trang"))
    limits = ExtractLimits(cpu_s=2)
    assert len(extract_limited(path, limits).pages) == 800
    child = parse_children()
    for _ in range(5):
        assert len(extract_limited(path, limits).pages) == 800
    assert parse_children() == child
