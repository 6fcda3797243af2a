"""Pages of a list: from a SQL query (counted and sliced in the database) or a small list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import request
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

MAX_PAGE = 10_000


def page_number() -> int:
    """The ``page`` query argument, 1 when missing or invalid."""
    try:
        number = int(request.args.get("page", "1"))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


@dataclass(frozen=True)
class Page:
    items: Sequence[Any]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @classmethod
    def of(cls, rows: Sequence[Any], number: int, size: int) -> Page:
        start = (number - 1) * size
        return cls(items=rows[start : start + size], number=number, size=size, total=len(rows))

    @classmethod
    def from_query(cls, session: Session, query: Select, number: int, size: int) -> Page:
        total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
        items = list(session.scalars(query.limit(size).offset((number - 1) * size)))
        return cls(items=items, number=number, size=size, total=int(total or 0))


def page_args(number: int) -> dict[str, Any]:
    """The current query arguments with another page number, for pagination links."""
    args = request.args.to_dict()
    args["page"] = number
    return args
