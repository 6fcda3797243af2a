"""Petitions at the size of a provincial register: registering (with repeat detection),
the list page's query, and the deadline sweep.

    .venv/bin/python bench/petitions_speed.py [--count 3000]
        [--admin-url postgresql+psycopg://hoso@127.0.0.1:5479/postgres]

A throw-away PostgreSQL database is created, migrated, filled and dropped. A tenth of the
petitions repeat an earlier letter of the same person (so repeat detection has work to do).
Times are medians over rounds, on this machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid
from datetime import date, timedelta

import sqlalchemy as sa

from indexer.normalize import fold
from records import migrate
from records.calendar import WorkingCalendar
from records.db import Database
from records.models import Agency, User
from records.petitions import queries, sweep
from records.petitions.context import Context
from records.petitions.identity import PetitionerData
from records.petitions.register import Registration, register

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Đức Dũng", "Thị Hoa", "Quang Huy", "Thu Lan"]
MATTERS = [
    "thu hồi đất nông nghiệp không bồi thường thỏa đáng",
    "cấp giấy chứng nhận quyền sử dụng đất chậm",
    "cán bộ địa chính nhận tiền của người dân",
    "xây dựng trái phép trên đất công",
    "chế độ chính sách người có công chưa được giải quyết",
    "ô nhiễm môi trường từ cơ sở sản xuất",
]


def _admin_engine(url: str) -> sa.Engine:
    return sa.create_engine(url, isolation_level="AUTOCOMMIT")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--admin-url", default="postgresql+psycopg://hoso@127.0.0.1:5479/postgres")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    name = f"hoso_bench_{uuid.uuid4().hex[:8]}"
    admin = _admin_engine(args.admin_url)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(args.admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        run(url, args.count, args.rounds)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(url: str, count: int, rounds: int) -> None:
    migrate.upgrade(url)
    db = Database(url)
    rng = random.Random(7)
    today = date(2026, 11, 26)
    with db.session() as session:
        agency = session.scalars(sa.select(Agency).where(Agency.code == "noi_chinh")).one()
        user = User(username="bench", agency=agency, roles=["leader"], clearance="tuyet_mat")
        session.add(user)
        session.flush()
        ctx = Context(WorkingCalendar.load(session), today, fold)
        people: list[PetitionerData] = []
        timings = []
        for n in range(count):
            if people and rng.random() < 0.1:
                person = rng.choice(people)  # the same person writes again
            else:
                person = PetitionerData(
                    f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                    f"Thôn {rng.randint(1, 30)}, xã {rng.randint(1, 90)}",
                    f"0{rng.randint(10**10, 10**11 - 1)}",
                )
                people.append(person)
            data = Registration(
                kind=rng.choice(["khieu_nai", "to_cao", "kien_nghi", "phan_anh"]),
                received_on=today - timedelta(days=rng.randint(0, 400)),
                channel="buu_chinh",
                summary=f"Đơn về việc {rng.choice(MATTERS)} tại xã {rng.randint(1, 90)}.",
                respondent=f"UBND xã {rng.randint(1, 90)}",
                petitioners=[person],
                register_no=f"{n + 1}/bench",
            )
            start = time.perf_counter()
            register(session, user, data, ctx)
            timings.append(time.perf_counter() - start)
        session.commit()
        print(
            f"register: median {statistics.median(timings) * 1000:.1f} ms, "
            f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms ({count} petitions)"
        )

        for label, filters in (
            ("list, overdue", queries.Filters(due="overdue")),
            ("list, text", queries.Filters(text="địa chính")),
            ("list, petitioner name", queries.Filters(text="Nguyen Van An")),
        ):
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                query = queries.select_petitions(user, filters, ctx)
                total = queries.count(session, query)
                session.scalars(query.limit(50)).all()
                times.append(time.perf_counter() - start)
            print(f"{label}: median {statistics.median(times) * 1000:.1f} ms ({total} found)")

        start = time.perf_counter()
        result = sweep.run(session, ctx)
        session.commit()
        elapsed = time.perf_counter() - start
        print(
            f"sweep, first run: {elapsed:.2f} s ({result.overdue} overdue, "
            f"{result.notifications} notifications)"
        )
        start = time.perf_counter()
        sweep.run(session, ctx)
        session.commit()
        print(f"sweep, next run: {time.perf_counter() - start:.2f} s (nothing new)")
    db.dispose()


if __name__ == "__main__":
    main()
