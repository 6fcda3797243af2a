"""Listing petitions: the filters of the list page, the API and the CLI, as one SQL query
that already contains the access policy (never filtered after the fact)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from records.calendar import Unit
from records.deadlines import NEAR_DUE_WORKING_DAYS
from records.models import Petition, Petitioner, User
from records.petitions.context import Context
from records.petitions.identity import name_key
from records.policy import identity_clause, petition_clause

DUE_FILTERS = ("overdue", "near", "open", "closed")


@dataclass
class Filters:
    states: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    due: str = ""  # overdue | near | open | closed
    agency_id: int | None = None  # the receiving body
    received_from: date | None = None
    received_to: date | None = None
    text: str = ""  # register number, summary, respondent — or a petitioner's name
    bypass_level: bool = False
    mass: bool = False
    case_id: int | None = None


def select_petitions(user: User, filters: Filters, ctx: Context) -> Select[tuple[Petition]]:
    query = select(Petition).where(petition_clause(user))
    if filters.states:
        query = query.where(Petition.state.in_(filters.states))
    if filters.kinds:
        query = query.where(Petition.kind.in_(filters.kinds))
    if filters.agency_id is not None:
        query = query.where(Petition.owner_agency_id == filters.agency_id)
    if filters.received_from is not None:
        query = query.where(Petition.received_on >= filters.received_from)
    if filters.received_to is not None:
        query = query.where(Petition.received_on <= filters.received_to)
    if filters.bypass_level:
        query = query.where(Petition.bypass_level.is_(True))
    if filters.mass:
        query = query.where(Petition.is_mass.is_(True))
    if filters.case_id is not None:
        query = query.where(Petition.case_id == filters.case_id)
    query = _due(query, filters.due, ctx)
    if filters.text.strip():
        query = query.where(_text(user, filters.text.strip(), ctx))
    return query.order_by(Petition.due_on.is_(None), Petition.due_on, Petition.id.desc())


def _due(query: Select, due: str, ctx: Context) -> Select:
    open_ = Petition.closed_on.is_(None)
    if due == "open":
        return query.where(open_)
    if due == "closed":
        return query.where(Petition.closed_on.is_not(None))
    if due == "overdue":
        return query.where(open_, Petition.due_on < ctx.today)
    if due == "near":
        limit = ctx.calendar.end_of_period(ctx.today, NEAR_DUE_WORKING_DAYS, Unit.WORKING_DAYS)
        return query.where(open_, Petition.due_on >= ctx.today, Petition.due_on <= limit)
    return query


def _text(user: User, text: str, ctx: Context):
    # The summary is stored as written, naming the petitioners; it is searched only for those
    # who may know them (others read it masked, so it must not find what they cannot read).
    # autoescape: "%" and "_" typed by the user are characters, not wildcards.
    plain = or_(
        Petition.register_no.icontains(text, autoescape=True),
        Petition.respondent.icontains(text, autoescape=True),
        and_(Petition.summary.icontains(text, autoescape=True), identity_clause(user)),
    )
    key = name_key(text, ctx.fold)
    if not key:
        return plain
    by_name = exists(
        select(1).where(
            Petitioner.petition_id == Petition.id,
            Petitioner.name_key.contains(key, autoescape=True),
        )
    )
    # Searching by a petitioner's name finds only petitions whose petitioners the user may know.
    return or_(plain, and_(by_name, identity_clause(user)))


def count(session: Session, query: Select) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
