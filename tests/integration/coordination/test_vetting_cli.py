"""``hoso vetting``: asking and listing from the command line, within the same policy."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from records.accounts import ensure_admin
from records.db import Database
from tests.support.people import make_user
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
