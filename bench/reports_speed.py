"""The dashboard and the reports at the size of a province's five years of work: how long
the figures, a workbook of every table and the summary report take.

    .venv/bin/python bench/reports_speed.py [--petitions 50000] [--rounds 5]
        [--admin-url postgresql+psycopg://hoso@127.0.0.1:5479/postgres]

A throw-away PostgreSQL database is created, migrated, filled (petitions of every body
over five years, cases with their timelines, transfers, information requests) and
dropped. Times are medians over rounds, on this machine; results are written to
bench/results/reports_speed.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from records import migrate
from records.calendar import WorkingCalendar
from records.db import Database
from records.models import Agency, Case, CaseEvent, InfoRequest, Petition, Transfer, User
from records.reports import EXPORT_ROWS, Period, Scope, build
from webapp.reporting import export
from webapp.reporting.docx_report import render
from webapp.reporting.labels import AgencyNames
from webapp.reporting.summary import Particulars, compose
from webapp.reporting.tables import BUILDERS

TODAY = date(2026, 11, 26)
RESULTS = Path(__file__).parent / "results" / "reports_speed.json"
STATES = ["RECEIVED", "TRIAGE", "ACCEPTED", "VERIFYING", "CLOSED", "FORWARDED", "DECIDED"]


def _day(rng: random.Random, years: int = 5) -> date:
    return TODAY - timedelta(days=rng.randint(0, 365 * years))


def fill(session: sa.orm.Session, petitions: int, rng: random.Random) -> User:
    agencies = {a.code: a.id for a in session.scalars(sa.select(Agency))}
    bodies = list(agencies.values())
    rows = []
    for n in range(petitions):
        received = _day(rng)
        closed = received + timedelta(days=rng.randint(3, 90)) if rng.random() < 0.8 else None
        rows.append(
            {
                "register_no": f"{n}/bench",
                "kind": rng.choice(["khieu_nai", "to_cao", "kien_nghi", "phan_anh"]),
                "summary": "Đơn thư",
                "received_on": received,
                "channel": "buu_chinh",
                "owner_agency_id": rng.choice(bodies),
                "state": "CLOSED" if closed else rng.choice(STATES[:4]),
                "closed_on": closed if closed and closed <= TODAY else None,
                "decided_on": closed - timedelta(days=2) if closed and rng.random() < 0.5 else None,
                "due_on": None if closed else received + timedelta(days=rng.randint(10, 60)),
            }
        )
    session.execute(sa.insert(Petition), rows)
    cases = []
    for n in range(petitions // 25):
        cases.append(
            {
                "code": f"VV-{n}",
                "title": f"Vụ việc {n}",
                "lead_agency_id": rng.choice(bodies),
                "monitoring_level": rng.choice([None, None, "bcd_tinh", "bcd_trung_uong"]),
                "status": rng.choice(["tiep_nhan", "xac_minh", "dieu_tra", "ket_thuc"]),
                "created_at": datetime.combine(_day(rng), datetime.min.time(), UTC),
                "crime_signs_since": _day(rng, 1) if rng.random() < 0.1 else None,
                "crime_signs_at": datetime.now(UTC) if rng.random() < 0.1 else None,
                "crime_signs_basis": "ttlt03_5_2",
            }
        )
    session.execute(sa.insert(Case), cases)
    ids = session.scalars(sa.select(Case.id)).all()
    events = [
        {"case_id": case_id, "kind": "status", "detail": {},
         "at": datetime.combine(_day(rng), datetime.min.time(), UTC)}
        for case_id in ids for _ in range(8)
    ]  # fmt: skip
    session.execute(sa.insert(CaseEvent), events)
    investigators = [agencies["cong_an"], agencies["vien_kiem_sat"]]
    transfers = []
    for case_id in rng.sample(ids, len(ids) // 2):
        sent = _day(rng)
        answered = rng.random() < 0.7
        transfers.append(
            {
                "case_id": case_id,
                "from_agency_id": rng.choice(bodies),
                "to_agency_id": rng.choice(investigators),
                "legal_basis": "ttlt03_5_2",
                "sent_date": sent,
                "due_date": sent + timedelta(days=20),
                "outcome": rng.choice(["khoi_to", "khong_khoi_to"]) if answered else "dang_xu_ly",
                "outcome_date": sent + timedelta(days=rng.randint(5, 40)) if answered else None,
            }
        )
    session.execute(sa.insert(Transfer), transfers)
    requests = []
    for _ in range(petitions // 5):
        asked = datetime.combine(_day(rng), datetime.min.time(), UTC)
        source, target = rng.sample(bodies, 2)
        answered = rng.random() < 0.8
        requests.append(
            {
                "from_agency_id": source,
                "to_agency_id": target,
                "subject": "Yêu cầu",
                "created_at": asked,
                "due_date": asked.date() + timedelta(days=14),
                "status": "answered" if answered else "open",
                "answered_at": asked + timedelta(days=rng.randint(1, 25)) if answered else None,
            }
        )
    session.execute(sa.insert(InfoRequest), requests)
    user = User(
        username="bench", agency_id=agencies["noi_chinh"], roles=["leader"], clearance="tuyet_mat"
    )
    session.add(user)
    session.commit()
    return user


def median_ms(rounds: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def run(url: str, petitions: int, rounds: int) -> dict[str, object]:
    migrate.upgrade(url)
    db = Database(url)
    results: dict[str, object] = {"petitions": petitions, "today": TODAY.isoformat()}
    with db.session() as session:
        start = time.perf_counter()
        user = fill(session, petitions, random.Random(7))
        results["fill_s"] = round(time.perf_counter() - start, 1)
        calendar = WorkingCalendar.load(session)
        names = AgencyNames(session)
        for code in ("2026", "2026-H1", "2022-2026"):
            scope = Scope(user, Period.parse(code), TODAY, calendar)
            results[f"dashboard_{code}_ms"] = median_ms(rounds, lambda s=scope: build(session, s))
        scope = Scope(user, Period.parse("2026"), TODAY, calendar)
        full = build(session, scope, EXPORT_ROWS)
        results["workbook_all_tables_ms"] = median_ms(
            rounds, lambda: export(full, names, user, list(BUILDERS), "xlsx", None)
        )
        agency = session.get(Agency, user.agency_id)
        particulars = Particulars(province="Thái Bình", number="1")
        results["summary_docx_ms"] = median_ms(
            rounds, lambda: render(compose(build(session, scope, 0), agency, names, particulars))
        )
    db.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--admin-url", default="postgresql+psycopg://hoso@127.0.0.1:5479/postgres")
    args = parser.parse_args()
    name = f"hoso_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(args.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(args.admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        results = run(url, args.petitions, args.rounds)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    print(json.dumps(results, indent=1))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
