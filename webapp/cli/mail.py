"""``hoso mail``: e-mail intake from the configured mailboxes."""

from __future__ import annotations

import json
import time

import click

from jobs.mailin.poll import PollResult, poll_all
from webapp.cli.context import CliContext


@click.group()
def mail() -> None:
    """Incoming e-mail (HOSO_MAILBOXES)."""


@mail.command()
@click.option("--once", is_flag=True, help="Poll every mailbox once, then stop.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per mailbox and poll.")
@click.pass_obj
def poll(ctx: CliContext, once: bool, as_json: bool) -> None:
    """Take the messages waiting in every mailbox (every HOSO_MAIL_POLL_S seconds until
    Ctrl-C, or once). Exits with status 1 when a mailbox could not be read (--once)."""
    settings = ctx.settings
    if not settings.mailboxes:
        raise click.ClickException("no mailbox is configured (set HOSO_MAILBOXES)")
    services = ctx.services
    while True:
        results = poll_all(settings, services.db, services.store)
        for result in results:
            click.echo(
                json.dumps(result.as_dict(), ensure_ascii=False) if as_json else _line(result)
            )
        if once:
            if any(result.unavailable for result in results):
                raise SystemExit(1)
            return
        try:
            time.sleep(settings.mail_poll_s)
        except KeyboardInterrupt:
            return


def _line(result: PollResult) -> str:
    if result.unavailable:
        return f"{result.mailbox}: not polled: {result.unavailable}"
    summary = (
        f"{result.mailbox}: {result.taken} taken, {result.duplicates} already in hoso, "
        f"{result.failed} failed"
    )
    return "\n  ".join([summary, *result.errors])
