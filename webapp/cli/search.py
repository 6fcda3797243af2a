"""``hoso search``: the same search as the web page, from a terminal or a script."""

from __future__ import annotations

import json

import click

from indexer.query import Filters, Page
from indexer.search import SearchResult, search
from records import audit
from records.codes import DOC_TYPES
from webapp.cli.context import CliContext

#: The hit fields of the contract in docs/contracts.md.
HIT_FIELDS = ("id", "score", "doc_type", "number", "issued_date", "issuer", "subject", "filename")


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--type",
    "doc_types",
    multiple=True,
    type=click.Choice(DOC_TYPES),
    metavar="CODE",
    help="Only documents of this type (repeatable).",
)
@click.option(
    "--agency",
    "agencies",
    multiple=True,
    metavar="CODE",
    help="Only documents owned by or mentioning this body (repeatable).",
)
@click.option("--date-from", type=click.DateTime(["%Y-%m-%d"]), help="Issued on or after.")
@click.option("--date-to", type=click.DateTime(["%Y-%m-%d"]), help="Issued on or before.")
@click.option("--case", "cases", multiple=True, metavar="CODE", help="Only documents of this case.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def search_command(
    ctx: CliContext,
    query: tuple[str, ...],
    doc_types: tuple[str, ...],
    agencies: tuple[str, ...],
    date_from: object,
    date_to: object,
    cases: tuple[str, ...],
    limit: int,
    as_json: bool,
) -> None:
    """Search the documents the acting user may see for QUERY."""
    filters = Filters(
        doc_types=doc_types,
        agencies=agencies,
        cases=cases,
        date_from=date_from.date() if date_from else None,  # type: ignore[attr-defined]
        date_to=date_to.date() if date_to else None,  # type: ignore[attr-defined]
    )
    services = ctx.services
    with services.db.session() as session:
        user = ctx.actor(session)
        result = search(
            session,
            services.engine,
            ctx.settings.index_alias,
            user,
            " ".join(query),
            filters=filters,
            page=Page(size=limit),
        )
        audit.record(
            session,
            user,
            "search",
            object_type="search",
            level=result.level,
            channel="cli",
            **result.audit_detail(),
        )
    if as_json:
        click.echo(json.dumps(contract_json(result), ensure_ascii=False))
    else:
        _print(result)


def contract_json(result: SearchResult) -> dict[str, object]:
    """``{"total", "took_ms", "hits": [...], "facets"}`` exactly as docs/contracts.md gives it."""
    hits = []
    for hit in result.hits:
        item = {name: getattr(hit, name) for name in HIT_FIELDS}
        item["highlights"] = [{"page": p.page, "text": p.text} for p in hit.passages]
        hits.append(item)
    facets = {
        name: [{"value": b.value, "count": b.count} for b in buckets]
        for name, buckets in result.facets.items()
    }
    return {"total": result.total, "took_ms": result.took_ms, "hits": hits, "facets": facets}


def _print(result: SearchResult) -> None:
    more = "" if result.total_exact else "+"
    click.echo(f"{result.total}{more} documents ({result.took_ms} ms)")
    for hit in result.hits:
        head = "  ".join(part for part in (hit.number, hit.issued_date, hit.doc_type) if part)
        click.secho(f"\n[{hit.id}] {head}", bold=True)
        click.echo(f"    {hit.subject or hit.filename}")
        if hit.issuer:
            click.echo(f"    {hit.issuer}")
        for passage in hit.passages[:2]:
            page = f"p.{passage.page}: " if passage.page else ""
            click.echo(f"    … {page}{passage.text}")
