"""What the search page and the search API share."""

from __future__ import annotations

from indexer.search import SearchResult
from webapp.auditing import audit


def audit_search(result: SearchResult, *, channel: str) -> None:
    """One audit event per search: what was asked, how many hits, which were shown."""
    audit(
        "search",
        object_type="search",
        level=result.level,
        channel=channel,
        **result.audit_detail(),
    )
