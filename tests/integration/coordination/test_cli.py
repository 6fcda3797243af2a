"""``hoso vetting``, ``hoso meeting``, ``hoso follow-up``, ``hoso plan``: the coordination
work from the command line, within the same policy."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from indexer.normalize import fold
from records.accounts import ensure_admin
from records.coordination import meetings, plans
from records.db import Database
from tests.support.people import agency, make_user
from webapp.cli import main

pytestmark = pytest.mark.services


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ask_list_and_show_as_each_body(db: Database, hoso_settings) -> None:
    with db.session() as session:
        ensure_admin(session)
        make_user(session, "tc_lanhdao", "to_chuc", ("leader",), "toi_mat")
        make_user(session, "tt_canbo", "thanh_tra", ("officer",), "toi_mat")
        make_user(session, "ca_canbo", "cong_an", ("officer",), "toi_mat")
    created = _run(
        "--as", "tc_lanhdao", "vetting", "create", "Phạm Minh Đức", "--born", "1972-09-02",
        "--ask", "thanh_tra", "--unit", "UBND huyện Tân Phong",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    vid = json.loads(created.output)["id"]

    refused = CliRunner().invoke(
        main,
        ["--as", "tt_canbo", "vetting", "create", "X", "--born", "1970-01-01", "--ask", "cong_an"],
    )
    assert refused.exit_code != 0

    listed = _run("--as", "tt_canbo", "vetting", "list", "--json").output.splitlines()
    assert [json.loads(line)["id"] for line in listed] == [vid]
    assert _run("--as", "ca_canbo", "vetting", "list", "--json").output == ""
    assert _run("vetting", "list", "--json").output == ""  # the administrator sees none
    shown = json.loads(_run("--as", "tc_lanhdao", "vetting", "show", str(vid)).output)
    assert shown["answers"] == [
        {"agency": "thanh_tra", "status": "open", "finding": None, "text": ""}
    ]
    hidden = CliRunner().invoke(main, ["--as", "ca_canbo", "vetting", "show", str(vid)])
    assert hidden.exit_code == 1 and "no vetting request" in hidden.output


def test_meetings_and_overdue_tasks_from_the_command_line(db: Database, hoso_settings) -> None:
    with db.session() as session:
        ensure_admin(session)
        officer = make_user(session, "nc_canbo", "noi_chinh", ("officer",), "mat")
        make_user(session, "ca_canbo", "cong_an", ("officer",), "mat")
        make_user(session, "tt_canbo", "thanh_tra", ("officer",), "mat")
        meeting = meetings.schedule(
            session, officer, title="Giao ban quý III", held_on=date(2026, 10, 23),
            period_start=date(2026, 7, 1), period_end=date(2026, 9, 30),
            bodies=[agency(session, "cong_an"), agency(session, "thanh_tra")],
        )  # fmt: skip
        meetings.record_attendance(session, officer, meeting, {})
        meetings.conclude(
            session, officer, meeting, agency=agency(session, "cong_an"), task="Báo cáo",
            working_days=5,
        )  # fmt: skip
    listed = _run("--as", "tt_canbo", "meeting", "list", "--json").output.splitlines()
    assert [json.loads(line)["title"] for line in listed] == ["Giao ban quý III"]
    assert _run("--as", "tt_canbo", "follow-up", "list", "--json").output == ""
    late = [
        json.loads(line)
        for line in _run(
            "--as", "ca_canbo", "follow-up", "list", "--overdue", "--json"
        ).output.splitlines()
    ]
    assert [(t["agency"], t["due_date"]) for t in late] == [("cong_an", "2026-10-30")]
    assert late[0]["overdue_working_days"] > 20


def test_overlapping_plan_items_from_the_command_line(db: Database, hoso_settings) -> None:
    with db.session() as session:
        ensure_admin(session)
        inspector = make_user(session, "tt_canbo", "thanh_tra", ("officer",), "mat")
        police = make_user(session, "ca_canbo", "cong_an", ("officer",), "mat")
        for user, unit, month in ((inspector, "UBND huyện Đông Hưng", 3),
                                  (police, "UBND huyen Dong Hung", 3),
                                  (police, "UBND huyện Vũ Thư", 3)):  # fmt: skip
            plans.register(
                session, user, year=2027, unit_name=unit, subject="Quản lý đất đai",
                period_start=date(2027, month, 1), period_end=date(2027, month, 31), fold=fold,
            )  # fmt: skip
    out = _run("--as", "tt_canbo", "plan", "list", "--year", "2027", "--overlapping", "--json")
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert sorted(r["agency"] for r in rows) == ["cong_an", "thanh_tra"]
    assert all(r["unit_name"] != "UBND huyện Vũ Thư" for r in rows)
