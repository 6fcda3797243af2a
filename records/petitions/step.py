"""A step of a petition's handling: its declaration (:class:`Transition`), the step being
taken (:class:`Step`), and how a step is refused (:func:`refuse`).

The parts of the state machine import this module; it imports none of them
(:mod:`records.petitions.steps`, :mod:`~records.petitions.transitions`,
:mod:`~records.petitions.guards`, :mod:`~records.petitions.machine`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from records.errors import RuleError
from records.messages import N_
from records.models import Document, Petition, User
from records.petitions.codes import DocumentRole
from records.petitions.context import Context
from records.petitions.fields import Field

ROLE_LABELS = {
    "leader": N_("lãnh đạo"),
    "officer": N_("chuyên viên"),
    "clerk": N_("văn thư"),
}


#: The refusal of a step to a user whose role may not take it (the API answers 403).
ROLE_REFUSED = "petition.role_refused"


def refuse(code: str, **params: Any) -> RuleError:
    """A step that the law, the petition's state or the user's role does not allow."""
    return RuleError(code, **params)


@dataclass
class Step:
    """One step being taken: its input, checked values, and what it records."""

    session: Session
    user: User
    petition: Petition
    transition: Transition
    values: dict[str, Any]
    documents: Sequence[Document]
    ctx: Context
    target: str | None
    note: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    created: Petition | None = None  # a child petition (second complaint)

    @property
    def on(self) -> date:
        return self.values.get("on") or self.ctx.today


Apply = Callable[[Step], None]


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # msgid, a verb phrase ("Thụ lý")
    sources: Mapping[str, frozenset[str]]  # kind -> states the step may start from
    target: str | None  # None: the petition stays in its state
    apply: Apply
    fields: tuple[Field, ...] = ()
    document: DocumentRole | None = None
    document_required: Callable[[Petition], bool] | bool = False
    basis: str = ""
    #: Whether to offer the step now at all (a cheap precondition; the guards decide).
    offered: Callable[[Petition, date], bool] | None = None

    def applies_to(self, petition: Petition) -> bool:
        return petition.state in self.sources.get(petition.kind, frozenset())

    def needs_document(self, petition: Petition) -> bool:
        required = self.document_required
        return required(petition) if callable(required) else required
