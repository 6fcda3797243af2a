"""Highlighted passages as safe HTML.

The engine marks matched words with two private-use characters (``query.MARK_START`` and
``MARK_END``) instead of HTML tags. Here the whole fragment is HTML-escaped first, then the
marks become ``<mark>`` tags, and nh3 finally keeps nothing but ``<mark>``. A document that
contains ``<script>`` therefore shows those characters as text.
"""

from __future__ import annotations

import html
import re

import nh3

from indexer.query import MARK_END, MARK_START

_ALLOWED = {"mark"}
# Adjacent marked words become one mark: "<mark>bảo vệ</mark>", not two.
_BETWEEN_MARKS = re.compile(f"{MARK_END}(\\s+){MARK_START}")


def to_html(fragment: str) -> str:
    """One engine fragment as HTML in which only ``<mark>`` is markup."""
    joined = _BETWEEN_MARKS.sub(r"\1", " ".join(fragment.split()))
    escaped = html.escape(joined, quote=True)
    marked = escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return sanitize(marked)


def sanitize(markup: str) -> str:
    """Keep text and ``<mark>`` elements; drop every other tag and attribute."""
    return nh3.clean(markup, tags=_ALLOWED, attributes={}, strip_comments=True)


def plain(fragment: str) -> str:
    """The fragment without marks (for the CLI and plain-text contexts)."""
    return " ".join(fragment.replace(MARK_START, "").replace(MARK_END, "").split())
