"""``hoso doc show``: a plain document (``records.plain_document``) is read with SQLAlchemy
Core and its access decided by the policy's Core-row form (``records.policy.plain``), so the
command starts without the ORM, the models or the web app; any other document is shown
through the models (:func:`webapp.cli.doc_commands.shown_data`). Both print the same object
(``webapp.features.document_object``) and audit the view the same way."""

from __future__ import annotations

import json
from typing import Any

import click

from webapp.cli.context import CliContext


@click.command()
@click.argument("document_id", type=int, metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="As JSON (the API's document object).")
@click.pass_obj
def show(ctx: CliContext, document_id: int, as_json: bool) -> None:
    """Processing state, metadata and tags of document ID."""
    from records.sqltypes import is_key

    if not is_key(document_id):  # no document's key, on either path
        raise click.ClickException(f"no document {document_id} (or you may not see it)")
    data = plain_data(ctx, document_id)
    if data is None:
        from webapp.cli.doc_commands import shown_data

        data = shown_data(ctx, document_id)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    width = max(len(key) for key in data)
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        click.echo(f"{key:<{width}}  {'' if value is None else value}")


def plain_data(ctx: CliContext, document_id: int) -> dict[str, Any] | None:
    """The document's JSON object read with Core, its view audited; None when the document
    is not plain (it is then read through the models)."""
    from records import plain_document as plain
    from records.codes import ADMIN_USERNAME
    from records.policy.plain import plainly_visible
    from webapp.features.document_object import document_object

    username = ctx.as_user or ADMIN_USERNAME
    with ctx.engine.begin() as connection:
        user = plain.find_actor(connection, username)
        if user is None:
            raise click.ClickException(f"no active user named {username!r}")
        document = plain.find_document(connection, document_id)
        if document is not None and not plain.is_plain(connection, document):
            return None
        shared = plain.shared_agencies(connection, document_id)
        if document is None or not plainly_visible(user, document, {a.id for a in shared}):
            raise click.ClickException(f"no document {document_id} (or you may not see it)")
        plain.record_view(connection, user, document, channel="cli")
        return document_object(
            document,
            error="",
            cases=(),
            shared_with=(agency.code for agency in shared),
            attachments=(),
            mail_messages=(),
            **plain.listed_fields(connection, document),
        )
