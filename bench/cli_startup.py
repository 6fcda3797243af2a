"""How long a ``hoso`` command takes to start: ``hoso --help`` and ``hoso doc show ID --json``.

    .venv/bin/python bench/cli_startup.py [--rounds 7] [--source DIR --label NAME]

A throw-away SQLite data folder is made, migrated and given one stored document (no search
node or broker is needed). Each command runs as its own process, as a script calling it per
file would; the wall and CPU (user + system) times are medians over rounds, written to
bench/results/cli_startup.json. Targets on an idle machine: ``--help`` ≤ 0.4 s and ``doc show``
≤ 0.8 s wall. The load average is recorded beside the figures: on a busy machine they grow.
``--source`` times the code of another checkout (e.g. ``git archive`` of an older commit)
under ``--label``, so a before/after pair can be taken at the same load.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "cli_startup.json"
HOSO = [sys.executable, "-m", "webapp.cli"]
TARGETS_S = {"help": 0.4, "doc_show": 0.8}


def prepare(data_dir: Path) -> tuple[dict[str, str], int]:
    """A migrated SQLite hoso with an administrator and one document; its env and the id."""
    env = {
        **os.environ,
        "HOSO_DATA_DIR": str(data_dir),
        "HOSO_DATABASE_URL": f"sqlite:///{data_dir / 'hoso.db'}",
        "HOSO_SECRET_KEY": "bench",
    }
    os.environ.update(env)
    from records import migrate
    from records.accounts import ensure_admin
    from records.config import load_settings
    from records.db import Database
    from records.intake import receive
    from records.models import User
    from records.storage import open_store

    settings = load_settings()
    migrate.upgrade(settings.database_url)
    database = Database(settings.database_url)
    with database.session() as session:
        ensure_admin(session)
        admin = session.query(User).filter_by(username="admin").one()
        received = receive(
            session,
            open_store(settings),
            io.BytesIO("Số 12/QĐ-UBND. Quyết định về việc thử.".encode()),
            "thu.txt",
            user=admin,
            agency=admin.agency,
            channel="cli",
        )
        session.commit()
        return env, received.document.id


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run (it must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--label", default="current")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hoso-cli-bench-") as folder:
        env, document_id = prepare(Path(folder))
        env["PYTHONPATH"] = str(args.source)
        commands = {
            "help": [*HOSO, "--help"],
            "doc_show": [*HOSO, "doc", "show", str(document_id), "--json"],
        }
        for argv in commands.values():
            timed(argv, env, args.source)  # warm the file cache and the bytecode
        figures = {}
        for name, argv in commands.items():
            runs = [timed(argv, env, args.source) for _ in range(args.rounds)]
            figures[name] = {
                "wall_s": round(statistics.median(wall for wall, _ in runs), 3),
                "cpu_s": round(statistics.median(cpu for _, cpu in runs), 3),
                "target_wall_s": TARGETS_S[name],
            }
    result = {
        "rounds": args.rounds,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "commands": figures,
    }
    recorded = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    recorded[args.label] = result
    RESULTS.write_text(json.dumps(recorded, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({args.label: result}, indent=2))


if __name__ == "__main__":
    main()
