"""``hoso ingest``, ``hoso doc show|text|rerun`` and ``hoso reprocess``."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer import unit_of_work
from indexer.reprocess import outdated_clause, requeue
from records import policy
from records.codes import CONFIDENTIALITY, DOCUMENT_STATUSES
from records.intake import UploadRefused, UploadTarget, receive, upload_target
from records.models import Document, User
from records.storage import FileTooLarge
from webapp.cli.context import CliContext
from webapp.labels import message
from webapp.reasons import cannot_read, failure_reason, held_elsewhere, too_large

POLL_S = 0.5
FINAL = ("indexed", "failed")


@dataclass
class Outcome:
    """One line of ``hoso ingest --json``."""

    path: str
    id: int | None
    status: str  # indexed | failed | duplicate | queued
    error: str | None = None

    def line(self) -> str:
        return json.dumps(
            {"path": self.path, "id": self.id, "status": self.status, "error": self.error},
            ensure_ascii=False,
        )


def collect(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the files in folders named (recursively, hidden ones skipped)."""
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for root, folders, names in os.walk(path):
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            for name in sorted(names):
                candidate = Path(root) / name
                if not name.startswith(".") and candidate.is_file():
                    yield candidate


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--agency", metavar="CODE", help="Owning body (default: your own).")
@click.option("--case", "case_code", metavar="CODE", help="Attach the documents to this case.")
@click.option(
    "--confidentiality",
    type=click.Choice(CONFIDENTIALITY),
    default="thuong",
    show_default=True,
    help="Confidentiality mark (a printed mark can raise it).",
)
@click.option("--wait", is_flag=True, help="Wait until the workers indexed or failed each file.")
@click.option("--timeout", default=3600.0, show_default=True, help="Seconds --wait waits at most.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per file.")
@click.pass_obj
def ingest(
    ctx: CliContext,
    paths: tuple[Path, ...],
    agency: str | None,
    case_code: str | None,
    confidentiality: str,
    wait: bool,
    timeout: float,
    as_json: bool,
) -> None:
    """Store files and folders (recursively) and queue them for parsing and indexing.

    Each file ends as indexed, failed (with the reason), duplicate (the same file is held
    already) or queued (still with the workers). The exit status is 1 when a file could not
    be stored at all (unreadable, too large).
    """
    files = list(collect(paths))
    if not files:
        raise click.ClickException("no files found (hidden files in folders are skipped)")
    session = ctx.services.db.sessionmaker()
    try:
        user = ctx.actor(session)
        try:
            target = upload_target(
                session,
                user,
                agency_code=agency,
                confidentiality=confidentiality,
                case_code=case_code,
            )
        except UploadRefused as err:
            raise click.ClickException(message(err)) from err
        run = _IngestRun(ctx, session, user, target, as_json)
        run.store_all(files)
        if wait:
            run.wait(timeout)
        run.finish()
    finally:
        session.close()
    if run.unstored:
        sys.exit(1)


class _IngestRun:
    def __init__(
        self, ctx: CliContext, session: Session, user: User, target: UploadTarget, as_json: bool
    ) -> None:
        self.ctx = ctx
        self.session = session
        self.user = user
        self.target = target
        self.as_json = as_json
        self.pending: dict[int, str] = {}  # document id -> path, queued for the workers
        self.counts: Counter[str] = Counter()
        self.unstored = 0
        self.broker_down = False
        self.err = Console(stderr=True)
        self.progress = (
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.err,
                transient=True,
            )
            if self.err.is_terminal
            else None
        )

    def _live(self) -> Any:
        return self.progress if self.progress is not None else nullcontext()

    def store_all(self, files: list[Path]) -> None:
        with self._live():
            task = self._task("storing", len(files))
            for path in files:
                self._store(path)
                self._advance(task)

    def _store(self, path: Path) -> None:
        limit = self.ctx.settings.max_upload_mb * 1024 * 1024
        try:
            with path.open("rb") as stream:
                received = receive(
                    self.session,
                    self.ctx.services.store,
                    stream,
                    path.name,
                    user=self.user,
                    agency=self.target.owner,
                    channel="cli",
                    max_bytes=limit,
                    confidentiality=self.target.confidentiality,
                    case=self.target.case,
                )
            self.session.commit()  # each file on its own: a later failure loses nothing
        except FileTooLarge:
            self.session.rollback()
            self.unstored += 1
            self._emit(
                Outcome(str(path), None, "failed", too_large(self.ctx.settings.max_upload_mb))
            )
            return
        except OSError as err:
            self.session.rollback()
            reason = cannot_read(err.strerror or str(err))
            self.unstored += 1
            self._emit(Outcome(str(path), None, "failed", reason))
            return
        if received.withheld:
            self.unstored += 1
            self._emit(Outcome(str(path), None, "failed", held_elsewhere()))
            return
        document = received.document
        if received.duplicate:
            self._emit(Outcome(str(path), document.id, "duplicate"))
            return
        self._queued(unit_of_work.delivered(self.session, document.id))
        self.pending[document.id] = str(path)

    def _queued(self, sent: bool) -> None:
        if not sent and not self.broker_down:
            self.broker_down = True
            self.err.print(
                "[yellow]The broker (Redis) cannot be reached: files are stored and wait "
                "for the queue; they are queued within seconds of its return.[/yellow]"
            )

    def wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._live():
            task = self._task("processing", len(self.pending))
            while self.pending and time.monotonic() < deadline:
                self.session.expire_all()
                done = self.session.scalars(
                    select(Document).where(
                        Document.id.in_(list(self.pending)), Document.status.in_(FINAL)
                    )
                ).all()
                for document in done:
                    path = self.pending.pop(document.id)
                    reason = failure_reason(document) or None
                    self._emit(Outcome(path, document.id, document.status, reason))
                    self._advance(task)
                if self.pending:
                    time.sleep(POLL_S)

    def finish(self) -> None:
        for document_id, path in self.pending.items():
            self._emit(Outcome(path, document_id, "queued"))
        self.pending.clear()
        total = sum(self.counts.values())
        summary = ", ".join(f"{count} {status}" for status, count in sorted(self.counts.items()))
        if not self.as_json or self.err.is_terminal:
            self.err.print(f"{total} file{'s' if total != 1 else ''}: {summary}")

    def _emit(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if self.as_json:
            click.echo(outcome.line())
            return
        reference = f"#{outcome.id}" if outcome.id is not None else "-"
        reason = f"  ({outcome.error})" if outcome.error else ""
        click.echo(f"{outcome.status:<9} {reference:>7}  {outcome.path}{reason}")

    def _task(self, description: str, total: int) -> Any:
        if self.progress is None:
            return None
        return self.progress.add_task(description, total=total)

    def _advance(self, task: Any) -> None:
        if self.progress is not None and task is not None:
            self.progress.advance(task)


@click.command()
@click.option(
    "--outdated", is_flag=True, help="Documents parsed by an older pipeline version (or never)."
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([s for s in DOCUMENT_STATUSES if s != "disposed"]),
    help="Only documents in this state (repeatable); alone: every document in it.",
)
@click.option("--dry-run", is_flag=True, help="Only count them.")
@click.pass_obj
def reprocess(ctx: CliContext, outdated: bool, statuses: tuple[str, ...], dry_run: bool) -> None:
    """Parse many documents again, e.g. after an upgrade (--outdated) or once a missing
    tool is installed (--status failed)."""
    if not (outdated or statuses):
        raise click.UsageError("give --outdated and/or --status")
    where = outdated_clause(statuses) if outdated else Document.status.in_(statuses)
    session = ctx.services.db.sessionmaker()
    try:
        user = ctx.actor(session)
        if not policy.may_reprocess_all(user):
            raise click.ClickException("only an administrator may re-run documents in bulk")
        if dry_run:
            count = len(session.scalars(select(Document.id).where(where)).all())
            click.echo(f"{count} documents would be parsed again")
            return
        count, queued = requeue(session, where, user)
    finally:
        session.close()
    click.echo(f"{count} documents queued to be parsed again")
    if queued < count:
        click.echo(f"{count - queued} could not be sent to the broker; they wait for the queue")
