"""``hoso check``, ``hoso reindex``, ``hoso backup`` and ``hoso restore``: keeping the
index true to the database, and the whole system recoverable.

``reindex``, ``check --repair`` and ``restore`` hold the admin lock
(:mod:`indexer.admin_lock`); while one runs the others refuse with :data:`EXIT_BUSY`.
``hoso check`` exits :data:`EXIT_DRIFT` when anything differs and :data:`EXIT_UNREACHABLE`
when the database or the search engine cannot be asked.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from indexer import consistency, runtime
from indexer.admin_lock import AdminBusy, AdminLock, LockLost, admin_lock
from indexer.admin_lock import holder as admin_lock_holder
from indexer.engine import SearchUnavailable, load_schema
from indexer.pipeline import PIPELINE_VERSION
from indexer.reindex import BATCH, ReindexFailed, ReindexReport, reindex
from records import audit
from records import backup as backups
from records.accounts import ADMIN_USERNAME
from records.models import User
from webapp.cli.context import CliContext

SHOWN_IDS = 20
#: ``hoso check``: something differs (or still differs after --repair).
EXIT_DRIFT = 1
#: Another admin operation holds the lock: nothing was done.
EXIT_BUSY = 3
#: The database or the search engine could not be asked.
EXIT_UNREACHABLE = 4


def _lock(ctx: CliContext, operation: str) -> AbstractContextManager[AdminLock]:
    settings = ctx.settings
    return admin_lock(operation, ctx.services.db, settings.broker_url, settings.index_alias)


def _refuse(err: AdminBusy | LockLost) -> None:
    click.secho(str(err), fg="red", err=True)
    raise SystemExit(EXIT_BUSY)


def _hoso_version() -> str:
    try:
        return version("hoso")
    except PackageNotFoundError:
        return "unknown"


def _audit(ctx: CliContext, action: str, **detail: object) -> None:
    """Record a system operation, as the acting user when there is one."""
    with ctx.services.db.session() as session:
        username = ctx.as_user or ADMIN_USERNAME
        user = session.scalar(select(User).where(User.username == username))
        audit.record(session, user, action, object_type="system", **detail)


def _ids(values: list) -> str:
    shown = ", ".join(str(v) for v in values[:SHOWN_IDS])
    return shown + (f" … (+{len(values) - SHOWN_IDS})" if len(values) > SHOWN_IDS else "")


def _print_drift(drift: consistency.Drift) -> None:
    click.echo(
        f"database: {drift.database_documents} documents, {drift.indexable} to be searchable; "
        f"index: {drift.index_documents} documents"
    )
    rows = [
        ("missing from the index", drift.missing),
        ("outdated in the index", drift.outdated),
        ("in the index only", drift.extra),
        ("stuck before parsing", drift.stuck),
        ("stray indexes (unfinished rebuilds)", drift.stray_indexes),
    ]
    if drift.files_checked:
        rows += [
            ("stored file missing", drift.missing_files),
            ("stored file damaged (sha256 differs)", drift.corrupt_files),
        ]
    for label, values in rows:
        if values:
            click.secho(f"  {label}: {len(values)}: {_ids(values)}", fg="yellow")
    if drift.waiting:
        click.secho(
            f"  waiting longer than {consistency.WAITING_LISTED_AFTER_S} s: {len(drift.waiting)}",
            fg="yellow",
        )
        for waiting in drift.waiting[:SHOWN_IDS]:
            click.echo(f"    {waiting.id} ({waiting.status}, {waiting.age_s} s): {waiting.why}")
    for problem in drift.index_problems:
        click.secho(f"  index definition differs from schemas/: {problem}", fg="red")
    if drift.index_problems:
        click.secho("  searches fail until hoso reindex builds a proper index", fg="red")
    if drift.admin_operation:
        click.echo(f"  (running meanwhile: {drift.admin_operation}; its new index is not stray)")
    if drift.clean:
        click.secho("clean: the index matches the database", fg="green")


@click.command()
@click.option("--files", is_flag=True, help="Also read every stored file and check its sha256.")
@click.option("--repair", is_flag=True, help="Fix what differs (safe to run again).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_obj
def check(ctx: CliContext, files: bool, repair: bool, as_json: bool) -> None:
    """Compare the database with the search index.

    Exit status: 0 clean, 1 something differs, 3 another admin operation holds the lock
    (--repair), 4 the database or the search engine cannot be reached.
    """
    say = (lambda _m: None) if as_json else (lambda m: click.echo(m, err=True))
    try:
        if repair:
            with _lock(ctx, "check --repair") as lock:
                ok, result = _check_and_repair(ctx, files, as_json, say, lock)
        else:
            settings = ctx.settings
            running = admin_lock_holder(ctx.services.db, settings.broker_url, settings.index_alias)
            drift = consistency.check_here(files=files, progress=say, admin_operation=running)
            ok, result = drift.clean, {"drift": drift.to_dict()}
            if not as_json:
                _print_drift(drift)
    except (AdminBusy, LockLost) as err:
        _refuse(err)
    except (SearchUnavailable, OperationalError) as err:
        click.secho(f"cannot check: {str(err).splitlines()[0][:300]}", fg="red", err=True)
        raise SystemExit(EXIT_UNREACHABLE) from err
    if as_json:
        click.echo(json.dumps({**result, "ok": ok}, ensure_ascii=False, indent=2))
    if not ok:
        raise SystemExit(EXIT_DRIFT)


def _check_and_repair(
    ctx: CliContext, files: bool, as_json: bool, say: Callable[[str], None], lock: AdminLock
) -> tuple[bool, dict[str, object]]:
    drift = consistency.check_here(files=files, progress=say)
    result: dict[str, object] = {"drift": drift.to_dict()}
    if not as_json:
        _print_drift(drift)
    if drift.clean:
        return True, result
    report = consistency.repair(
        drift, runtime.engine(), ctx.settings.index_alias, lock=lock, progress=say
    )
    after = consistency.check_here(files=files)
    # Documents just queued for parsing are still "stuck" until a worker takes them.
    queued = set(drift.stuck) - set(report.not_queued)
    after.stuck = [doc_id for doc_id in after.stuck if doc_id not in queued]
    ok = report.complete and after.clean
    result.update(repair=report.to_dict(), after=after.to_dict())
    _audit(ctx, "index.repair", indexed=report.indexed, deleted=report.deleted)
    if not as_json:
        _print_repair(report, ok)
    return ok, result


def _print_repair(report: consistency.RepairReport, ok: bool) -> None:
    click.echo(
        f"repaired: indexed {report.indexed}, deleted {report.deleted}, "
        f"queued for parsing {report.requeued}, "
        f"stray indexes removed {len(report.stray_indexes_deleted)}"
    )
    if report.unrepairable_files:
        click.secho(
            "files missing or damaged cannot be repaired here: restore them from a "
            "backup (hoso restore) or upload them again",
            fg="red",
        )
    click.secho("clean after repair" if ok else "still differs", fg="green" if ok else "red")


def _run_reindex(batch: int, lock: AdminLock | None = None) -> ReindexReport:
    with click.progressbar(length=1, label="reindexing", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        try:
            return reindex(batch_size=batch, progress=progress, lock=lock)
        except ReindexFailed as err:
            raise click.ClickException(str(err)) from err


def _print_reindex(report: ReindexReport) -> None:
    click.echo(
        f"index {report.index}: {report.documents} documents in {report.seconds:.1f} s "
        f"({report.docs_per_second:.0f}/s), {report.caught_up} caught up after changes, "
        f"{report.grouped} newly grouped with another rendering; "
        f"removed {', '.join(report.removed) or 'no old index'}"
    )


@click.command("reindex")
@click.option("--batch", default=BATCH, show_default=True, help="Documents per bulk request.")
@click.pass_obj
def reindex_command(ctx: CliContext, batch: int) -> None:
    """Build a new index from the database and switch searches to it without a gap.

    Exit status: 0 done, 1 stopped before the switch (the old index still serves),
    3 another admin operation holds the lock.
    """
    try:
        report = _run_reindex(batch)
    except (AdminBusy, LockLost) as err:
        _refuse(err)
    _print_reindex(report)
    _audit(ctx, "index.rebuild", index=report.index, documents=report.documents)


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
def backup_command(ctx: CliContext, directory: Path) -> None:
    """Back up the database, the stored files (with sha256) and the settings into DIRECTORY."""
    services = ctx.services
    try:
        report = backups.backup(
            ctx.settings,
            services.db,
            services.store,
            directory,
            hoso_version=_hoso_version(),
            extra_manifest={
                "index_schema_version": load_schema("documents")["version"],
                "pipeline_version": PIPELINE_VERSION,
            },
            progress=lambda m: click.echo(m, err=True),
        )
    except backups.BackupError as err:
        raise click.ClickException(str(err)) from err
    rows = sum(report.tables.values())
    click.echo(
        f"backup in {directory}: {rows} rows in {len(report.tables)} tables, "
        f"{report.files} files ({report.bytes / 1e6:.1f} MB) in {report.seconds:.1f} s"
    )
    _audit(ctx, "system.backup", path=str(directory.resolve()), files=report.files)
    if report.missing_files:
        raise click.ClickException(
            f"{len(report.missing_files)} stored files are missing or damaged and are not in "
            f"the backup: {_ids(report.missing_files)} (see hoso check --files)"
        )


@click.command("restore")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace everything this system holds.")
@click.option("--no-reindex", is_flag=True, help="Leave the search index for a later reindex.")
@click.pass_obj
def restore_command(ctx: CliContext, directory: Path, force: bool, no_reindex: bool) -> None:
    """Restore a backup into an empty system, verifying every checksum, then reindex."""
    started = time.perf_counter()
    try:
        with _lock(ctx, "restore") as lock:
            _restore(ctx, directory, force, no_reindex, lock)
    except (AdminBusy, LockLost) as err:
        _refuse(err)
    click.echo(f"done in {time.perf_counter() - started:.1f} s")


def _restore(
    ctx: CliContext, directory: Path, force: bool, no_reindex: bool, lock: AdminLock
) -> None:
    services = ctx.services
    try:
        report = backups.restore(
            services.db,
            services.store,
            directory,
            force=force,
            progress=lambda m: click.echo(m, err=True),
        )
    except backups.BackupError as err:
        raise click.ClickException(str(err)) from err
    click.echo(
        f"restored {sum(report.tables.values())} rows and {report.files} files "
        f"({report.bytes / 1e6:.1f} MB), schema revision {report.revision}"
    )
    _audit(ctx, "system.restore", path=str(directory.resolve()), force=force)
    if not no_reindex:
        _print_reindex(_run_reindex(200, lock))
