"""``hoso doc text|rerun|add-version``, and ``doc show`` of a document that is not plain:
one document through the models and ``records.policy``.

Only ``rerun`` and ``add-version`` talk to the broker (through the commit of their watched
session, :mod:`indexer.unit_of_work`); they import it when they run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from records import audit, policy
from records.db import get_by_key
from records.errors import RuleError
from records.models import Document, DocumentPage, User
from records.policy import Action
from webapp.cli.context import CliContext
from webapp.features.denouncers import shown_document, shown_pages
from webapp.features.document_json import document_json


def _visible(session: Session, user: User, document_id: int) -> Document:
    document = get_by_key(session, Document, document_id)
    if document is None or not policy.may_see(user, document):
        raise click.ClickException(f"no document {document_id} (or you may not see it)")
    return document


def _failure(document: Document) -> str:
    """Why the document failed ("" if it did not); the messages load only when needed."""
    if document.status != "failed":
        return ""
    from webapp.reasons import failure_reason

    return failure_reason(document)


def shown_data(ctx: CliContext, document_id: int) -> dict[str, Any]:
    """``hoso doc show`` through the models: the document's JSON object, its view audited."""
    with ctx.db.session() as session:
        user = ctx.actor(session)
        document = _visible(session, user, document_id)
        audit.record(
            session,
            user,
            "document.view",
            object_type="document",
            object_id=document.id,
            level=document.confidentiality,
            channel="cli",
        )
        return document_json(session, document, user, _failure(document))


@click.command()
@click.argument("document_id", type=int, metavar="ID")
@click.pass_obj
def text(ctx: CliContext, document_id: int) -> None:
    """Print the normalised text of document ID (pages separated by form feeds)."""
    with ctx.db.session() as session:
        user = ctx.actor(session)
        document = _visible(session, user, document_id)
        rows = session.scalars(
            select(DocumentPage)
            .where(DocumentPage.document_id == document.id)
            .order_by(DocumentPage.page_no)
        ).all()
        _shown, protection = shown_document(session, user, document)
        pages = [page.text for page in shown_pages(rows, protection)]
        audit.record(
            session,
            user,
            "document.text",
            object_type="document",
            object_id=document.id,
            level=document.confidentiality,
            channel="cli",
        )
    click.echo("\n\f\n".join(pages))


@click.command()
@click.argument("document_id", type=int, metavar="ID")
@click.pass_obj
def rerun(ctx: CliContext, document_id: int) -> None:
    """Parse document ID again (corrections made by people are kept).

    Staff who may edit the document may; so may an administrator, who may re-run any
    document in bulk (``hoso reprocess``) without seeing it."""
    from indexer.reprocess import request_rerun

    session = ctx.services.db.sessionmaker()
    try:
        user = ctx.actor(session)
        if policy.may_reprocess_all(user):
            document = get_by_key(session, Document, document_id)
            if document is None:
                raise click.ClickException(f"no document {document_id}")
            if document.status == "disposed":
                raise click.ClickException(
                    f"document {document_id} was disposed of; its file and text are gone"
                )
        else:
            document = _visible(session, user, document_id)
            if not policy.can(user, Action.EDIT, document):
                raise click.ClickException(f"you may not re-run document {document_id}")
        queued = request_rerun(session, document, user, channel="cli")
    finally:
        session.close()
    if queued:
        click.echo(f"document {document_id} queued to be parsed again")
    else:
        click.echo(
            f"document {document_id} marked to be parsed again; the broker cannot be reached, "
            "it waits for the queue"
        )


@click.command("add-version")
@click.argument("document_id", type=int, metavar="ID")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reason", required=True, help="Why the file changes (corrected scan, signed copy).")
@click.pass_obj
def add_version(ctx: CliContext, document_id: int, path: Path, reason: str) -> None:
    """Give document ID a new file version; it is parsed and indexed again.

    The old file stays stored and downloadable; metadata corrections are kept, page
    corrections of the old file are not applied to the new one."""
    from indexer import unit_of_work
    from records import versions
    from records.storage import FileTooLarge

    settings = ctx.settings
    try:
        # One transaction, committed at the end of the block; the commit queues the parsing
        # with force (indexer.unit_of_work).
        with ctx.services.db.session() as session:
            user = ctx.actor(session)
            document = _visible(session, user, document_id)
            with path.open("rb") as stream:
                new = versions.add_version(
                    session,
                    ctx.services.store,
                    document,
                    stream,
                    path.name,
                    user=user,
                    reason=reason,
                    channel="cli",
                    max_bytes=settings.max_upload_mb * 1024 * 1024,
                )
            number = new.number
            unit_of_work.reparse(session, document)
    except FileTooLarge as err:
        from webapp.reasons import too_large

        raise click.ClickException(too_large(settings.max_upload_mb)) from err
    except RuleError as err:
        from webapp.labels import message

        raise click.ClickException(message(err)) from err
    queued = unit_of_work.delivered(session, document_id)
    click.echo(f"document {document_id}: version {number} stored")
    if not queued:
        click.echo("the broker cannot be reached; it waits for the queue to be parsed")
