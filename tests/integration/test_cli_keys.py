"""Every CLI command that takes a row's number answers a number no key can be (beyond
PostgreSQL's ``integer``, zero, negative) as a row that does not exist: PostgreSQL would
refuse it in the query (DataError) where SQLite finds nothing. Run on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from records.accounts import ensure_admin
from records.db import Database
from webapp.cli import main

pytestmark = pytest.mark.services

NOT_KEYS = ("2147483648", "99999999999", str(2**63), "0", "-5")

#: A command naming a row, with ``{}`` for the number, and what it says of a missing row.
COMMANDS = [
    (("doc", "text", "--", "{}"), "no document {} (or you may not see it)"),
    (("doc", "rerun", "--", "{}"), "no document {}"),
    (
        ("doc", "add-version", "--reason", "r", "--", "{}", "{file}"),
        "no document {} (or you may not see it)",
    ),
    (("petition", "show", "--", "{}"), "no petition {} that you may see"),
    (("vetting", "show", "--", "{}"), "no vetting request {} that you may see"),
    (("user", "token", "revoke", "--", "{}"), "admin has no token {}"),
]


@pytest.mark.parametrize("command, said", COMMANDS, ids=[" ".join(c[:2]) for c, _ in COMMANDS])
def test_a_number_no_key_can_be_names_nothing(
    db: Database, tmp_path: Path, command: tuple[str, ...], said: str
) -> None:
    with db.session() as session:
        ensure_admin(session)
    new_file = tmp_path / "ban-moi.txt"
    new_file.write_text("Quyết định số 12/QĐ-UBND.", encoding="utf-8")
    for number in NOT_KEYS:
        args = [part.format(number, file=new_file) for part in command]
        result = CliRunner().invoke(main, ["--as", "admin", *args], catch_exceptions=False)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr == f"Error: {said.format(number)}\n", args
