"""The ``hoso`` command. It acts as the local administrator unless ``--as USER`` is given."""

from __future__ import annotations

import click

from webapp.cli.context import CliContext, HosoGroup
from webapp.cli.lazy import LazyCommand

#: Every command, imported only when it runs, with the first paragraph of its help, which
#: ``hoso --help`` shows (tests/unit/webapp/test_cli_lazy.py checks it against the command's).
COMMANDS = {
    "backup": LazyCommand(
        "webapp.cli.recovery:backup_command",
        "Back up the database, the stored files (with sha256) and the settings into DIRECTORY.",
    ),
    "case": LazyCommand("webapp.cli.cases:case", "Cases (vụ việc, vụ án)."),
    "check": LazyCommand(
        "webapp.cli.recovery:check",
        "Compare the database with the search index.",
    ),
    "db": LazyCommand("webapp.cli.db:db", "Database schema (Alembic migrations)."),
    "doc": LazyCommand(
        "webapp.cli.doc:doc",
        "One document: show it, print its text, parse it again, give it a new file version.",
    ),
    "ingest": LazyCommand(
        "webapp.cli.documents:ingest",
        "Store files and folders (recursively) and queue them for parsing and indexing.",
    ),
    "follow-up": LazyCommand(
        "webapp.cli.coordination:follow_up_group", "Tasks given by coordination meetings."
    ),
    "mail": LazyCommand("webapp.cli.mail:mail", "Incoming e-mail (HOSO_MAILBOXES)."),
    "meeting": LazyCommand(
        "webapp.cli.coordination:meeting_group", "Coordination meetings (giao ban)."
    ),
    "petition": LazyCommand(
        "webapp.cli.petitions:petition", "Đơn thư: nhập sổ tiếp nhận đơn, liệt kê, xem một đơn."
    ),
    "plan": LazyCommand("webapp.cli.coordination:plan_group", "Inspection and supervision plans."),
    "reindex": LazyCommand(
        "webapp.cli.recovery:reindex_command",
        "Build a new index from the database and switch searches to it without a gap.",
    ),
    "remind": LazyCommand(
        "webapp.cli.cases:remind", "Send the deadline reminders now (beat does this every hour)."
    ),
    "report": LazyCommand(
        "webapp.cli.reports:report", "Theo dõi, báo cáo: báo cáo định kỳ, số liệu, xuất bảng."
    ),
    "reprocess": LazyCommand(
        "webapp.cli.documents:reprocess",
        "Parse many documents again, e.g. after an upgrade (--outdated) or once a missing "
        "tool is installed (--status failed).",
    ),
    "request": LazyCommand(
        "webapp.cli.cases:request_group", "Information requests between bodies."
    ),
    "restore": LazyCommand(
        "webapp.cli.recovery:restore_command",
        "Restore a backup into an empty system, verifying every checksum, then reindex.",
    ),
    "run": LazyCommand(
        "webapp.cli.run:run", "Start hoso and everything it needs; Ctrl-C stops it all cleanly."
    ),
    "search": LazyCommand(
        "webapp.cli.search:search_command",
        "Search the documents the acting user may see for QUERY.",
    ),
    "storage": LazyCommand(
        "webapp.cli.storage:storage", "Where the stored files live (HOSO_STORAGE_URL)."
    ),
    "transfer": LazyCommand(
        "webapp.cli.cases:transfer", "Transfers of cases with signs of a crime to investigators."
    ),
    "user": LazyCommand("webapp.cli.users:user", "User accounts and API tokens."),
    "vetting": LazyCommand(
        "webapp.cli.coordination:vetting_group", "Cadre vetting (thẩm định hồ sơ cán bộ)."
    ),
}


@click.group(cls=HosoGroup, lazy_commands=COMMANDS)
@click.option(
    "--as", "as_user", metavar="USER", help="Act as this user instead of the administrator."
)
@click.pass_context
def main(ctx: click.Context, as_user: str | None) -> None:
    """hoso — hồ sơ, tài liệu và tìm kiếm cho các cơ quan phối hợp."""
    ctx.obj = CliContext(as_user=as_user)
