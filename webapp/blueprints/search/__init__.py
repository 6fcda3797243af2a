"""The ``search`` blueprint: the search page, the document page, saved searches."""

from __future__ import annotations

from datetime import date

from flask import Blueprint
from markupsafe import Markup

from indexer.highlight import sanitize

bp = Blueprint("search", __name__)


@bp.app_template_filter("highlighted")
def highlighted(markup: str | None) -> Markup:
    """Highlight HTML from indexer.highlight, sanitised again at render time: only
    ``<mark>`` survives, every other character of the document is escaped text."""
    return Markup(sanitize(markup or ""))  # noqa: S704 - sanitised to <mark> only


@bp.app_template_filter("vndate")
def vndate(value: date | str | None) -> str:
    """A date the Vietnamese way, dd/mm/yyyy (ISO strings from the index too)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


from webapp.blueprints.search import document, results, saved  # noqa: E402, F401 - routes
