"""The ``search`` blueprint: the search page, the document page, saved searches."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("search", __name__)


from webapp.blueprints.search import document, results, saved  # noqa: E402, F401 - routes
