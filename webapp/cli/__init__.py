"""The ``hoso`` command. It acts as the local administrator unless ``--as USER`` is given."""

from __future__ import annotations

import click

from webapp.cli.cases import COMMANDS as CASE_COMMANDS
from webapp.cli.context import CliContext, HosoGroup
from webapp.cli.coordination import COMMANDS as COORDINATION_COMMANDS
from webapp.cli.db import db
from webapp.cli.documents import doc, ingest, reprocess
from webapp.cli.mail import mail
from webapp.cli.petitions import petition
from webapp.cli.recovery import backup_command, check, reindex_command, restore_command
from webapp.cli.reports import report
from webapp.cli.run import run
from webapp.cli.search import search_command
from webapp.cli.storage import storage
from webapp.cli.users import user


@click.group(cls=HosoGroup)
@click.option(
    "--as", "as_user", metavar="USER", help="Act as this user instead of the administrator."
)
@click.pass_context
def main(ctx: click.Context, as_user: str | None) -> None:
    """hoso — hồ sơ, tài liệu và tìm kiếm cho các cơ quan phối hợp."""
    ctx.obj = CliContext(as_user=as_user)


main.add_command(run)
main.add_command(db)
main.add_command(check)
main.add_command(reindex_command)
main.add_command(backup_command)
main.add_command(restore_command)
main.add_command(storage)
for _command in (*CASE_COMMANDS, *COORDINATION_COMMANDS):
    main.add_command(_command)
main.add_command(user)
main.add_command(search_command)
main.add_command(petition)
main.add_command(ingest)
main.add_command(doc)
main.add_command(reprocess)
main.add_command(report)
main.add_command(mail)
