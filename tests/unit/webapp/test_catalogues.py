"""Translation catalogues compile safely when several processes do it at once."""

from __future__ import annotations

import multiprocessing
import shutil
from multiprocessing.synchronize import Barrier
from pathlib import Path

from babel.messages.mofile import read_mo

from webapp.i18n import TRANSLATIONS, compile_catalogues

PROCESSES = 6


def _fresh_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, folder, ignore=shutil.ignore_patterns("*.mo", "*.tmp"))
    return folder


def _compile_together(barrier: Barrier, folder: Path, outcomes: multiprocessing.Queue) -> None:
    barrier.wait()  # every process starts compiling at the same moment, as gunicorn workers do
    try:
        compile_catalogues(folder)
        outcomes.put("ok")
    except Exception as err:  # reported to the test, which fails on it
        outcomes.put(repr(err))


def test_processes_compiling_at_once_all_succeed_and_leave_a_whole_catalogue(
    tmp_path: Path,
) -> None:
    folder = _fresh_copy(tmp_path)
    context = multiprocessing.get_context("fork")
    barrier, outcomes = context.Barrier(PROCESSES), context.Queue()
    processes = [
        context.Process(target=_compile_together, args=(barrier, folder, outcomes))
        for _ in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [outcomes.get(timeout=5) for _ in processes] == ["ok"] * PROCESSES
    with (folder / "en" / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        catalogue = read_mo(handle)
    assert catalogue.get("Đăng xuất").string == "Sign out"
    assert not list(folder.rglob("*.tmp"))


def test_an_up_to_date_catalogue_is_not_rewritten(tmp_path: Path) -> None:
    folder = _fresh_copy(tmp_path)
    compile_catalogues(folder)
    mo_path = folder / "en" / "LC_MESSAGES" / "messages.mo"
    first = mo_path.stat().st_mtime_ns
    compile_catalogues(folder)
    assert mo_path.stat().st_mtime_ns == first
