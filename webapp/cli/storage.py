"""``hoso storage migrate --to URL``: move the stored files to another store.

It holds the admin lock (:mod:`indexer.admin_lock`): a disposal or a restore changing the
files while they are copied would leave a disposed file in the new store, or a restored
one out of it.
"""

from __future__ import annotations

import sys

import click
from sqlalchemy import select, union

from indexer.admin_lock import AdminBusy, LockLost, admin_lock
from records import audit
from records.accounts import ADMIN_USERNAME
from records.models import Document, DocumentVersion, User
from records.storage import store_at
from records.storage.migrate import migrate
from webapp.cli.context import CliContext
from webapp.cli.recovery import EXIT_BUSY

SHOWN = 20


@click.group("storage")
def storage() -> None:
    """Where the stored files live (HOSO_STORAGE_URL)."""


@storage.command("migrate")
@click.option(
    "--to",
    "target_url",
    required=True,
    metavar="URL",
    help="The new store: s3://bucket/prefix?endpoint=… or file:///folder.",
)
@click.pass_obj
def migrate_command(ctx: CliContext, target_url: str) -> None:
    """Copy every stored file into the store at URL, each verified by its sha256.

    Safe to interrupt and run again: files already copied are skipped. Nothing is deleted
    from the current store. When every file is there, switch HOSO_STORAGE_URL to URL on the
    web app and every worker.
    """
    source = ctx.services.store
    try:
        target = store_at(target_url, ctx.settings.files_dir)
    except ValueError as err:
        raise click.ClickException(str(err)) from err
    if target.location == source.location:
        raise click.ClickException(f"{target_url} is the store in use already")
    settings = ctx.settings
    try:
        with admin_lock(
            "storage migrate", ctx.services.db, settings.broker_url, settings.index_alias
        ) as lock:
            with ctx.services.db.session() as session:
                referenced = set(
                    session.scalars(union(select(Document.sha256), select(DocumentVersion.sha256)))
                )
            digests = sorted(referenced | set(source.iter_digests()))
            with click.progressbar(
                length=len(digests),
                label=f"{source.location} -> {target.location}",
                file=sys.stderr,
            ) as bar:
                report = migrate(source, target, digests, advance=lambda _sha256: bar.update(1))
            lock.confirm()  # no disposal or restore changed the files while they were copied
    except (AdminBusy, LockLost) as err:
        click.secho(str(err), fg="red", err=True)
        raise SystemExit(EXIT_BUSY) from err
    click.echo(
        f"{report.copied} files copied ({report.bytes_copied / 1e6:.1f} MB), "
        f"{report.already_there} already there, {len(report.unreadable)} unreadable"
    )
    with ctx.services.db.session() as session:
        audit.record(
            session,
            session.scalar(select(User).where(User.username == (ctx.as_user or ADMIN_USERNAME))),
            "storage.migrate",
            object_type="system",
            target=target.location,
            copied=report.copied,
            unreadable=len(report.unreadable),
        )
    if not report.complete:
        shown = ", ".join(report.unreadable[:SHOWN])
        raise click.ClickException(
            f"{len(report.unreadable)} files are missing or damaged in {source.location} and "
            f"were not copied: {shown}. Restore them (hoso check --files shows the documents), "
            "then run this again."
        )
    click.echo(
        f"every file is in {target.location}. Switch over: set HOSO_STORAGE_URL={target_url} "
        "for the web app and every worker, and restart them."
    )
