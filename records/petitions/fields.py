"""Typed input of petition steps: parsing and checking what a form, the API or an import sent."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from records.db import get_by_key
from records.errors import RuleError
from records.models import Agency, Case, Petition, User
from records.policy import Action, can_case, can_petition

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
TRUE_WORDS = {"1", "true", "on", "yes", "co", "có", "x"}


def parse_date(value: Any) -> date | None:
    """A date from a date, a datetime, ``YYYY-MM-DD`` or ``dd/mm/yyyy``; None when blank."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in TRUE_WORDS


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # msgid
    #: date | text | longtext | choice | agency | petition | bool | int | level | user | case
    type: str
    required: bool = True
    choices: Mapping[str, str] | Callable[[Petition], Mapping[str, str]] | None = None
    #: "today", a value, a petition attribute as "=attr", or a function of the petition.
    default: str | Callable[[Petition], str] = ""
    future: bool = False  # a date that may lie ahead (a dialogue day)
    minimum: int = 0
    maximum: int = 0
    investigative: bool = False  # an agency field that accepts only investigative bodies
    help: str = ""  # msgid

    def choices_for(self, petition: Petition) -> Mapping[str, str]:
        if callable(self.choices):
            return self.choices(petition)
        return self.choices or {}

    def default_for(self, petition: Petition, today: date) -> str:
        if callable(self.default):
            return self.default(petition)
        if self.default == "today":
            return today.isoformat()
        if self.default.startswith("="):
            value = getattr(petition, self.default[1:], "")
            return "" if value is None else str(value)
        return self.default


def _refuse(code: str, field: Field, value: Any = "") -> RuleError:
    """A refusal of one field's input: its code is ``field.*`` (the API answers 422)."""
    return RuleError(code, field=field.label, value=str(value))


def clean(
    session: Session,
    user: User,
    petition: Petition,
    fields: tuple[Field, ...],
    raw: Mapping[str, Any],
    today: date,
) -> dict[str, Any]:
    """Parse and check ``raw`` against ``fields``; raise a RuleError (``field.*``) on the
    first problem."""
    values: dict[str, Any] = {}
    for field in fields:
        value = raw.get(field.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            value = field.default_for(petition, today) or None
        if field.type == "bool":
            values[field.name] = parse_bool(value)
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            if field.required:
                raise _refuse("field.required", field)
            values[field.name] = None
            continue
        values[field.name] = _convert(session, user, petition, field, value, today)
    return values


def _convert(
    session: Session, user: User, petition: Petition, field: Field, value: Any, today: date
) -> Any:
    if field.type == "date":
        try:
            day = parse_date(value)
        except ValueError:
            raise _refuse("field.date_invalid", field, value) from None
        assert day is not None
        if day > today and not field.future:
            raise _refuse("field.date_in_future", field, value)
        if day < petition.received_on:
            raise _refuse("field.date_before_receipt", field, value)
        return day
    if field.type in ("text", "longtext"):
        return str(value).strip()
    if field.type in ("choice", "level"):
        key = str(value).strip()
        if key not in field.choices_for(petition):
            raise _refuse("field.choice_invalid", field, value)
        return key
    if field.type == "int":
        try:
            number = int(str(value).strip())
        except ValueError:
            raise _refuse("field.number_required", field, value) from None
        if number < field.minimum or (field.maximum and number > field.maximum):
            raise RuleError(
                "field.number_out_of_range",
                field=field.label,
                low=field.minimum,
                high=field.maximum,
            )
        return number
    if field.type == "agency":
        agency = find_agency(session, value)
        if agency is None:
            raise _refuse("field.agency_not_found", field, value)
        if field.investigative and not agency.investigative:
            raise _refuse(
                "field.agency_not_investigative",
                field,
                agency.name,
            )
        return agency
    if field.type == "petition":
        other = _get(session, Petition, value)
        if other is None or not can_petition(user, Action.SEE, other):
            raise _refuse("field.petition_not_found", field, value)
        return other
    if field.type == "user":
        person = _get(session, User, value)
        if person is None or not person.active or person.agency_id != petition.owner_agency_id:
            raise _refuse("field.handler_not_in_owner", field, value)
        return person
    if field.type == "case":
        case = _get(session, Case, value) or session.scalar(
            select(Case).where(Case.code == str(value).strip())
        )
        if case is None or not can_case(user, Action.SEE, case):
            raise _refuse("field.case_not_found", field, value)
        return case
    raise ValueError(f"unknown field type {field.type}")


def _get(session: Session, model: type, value: Any) -> Any:
    try:
        key = int(str(value).strip())
    except ValueError:
        return None
    return get_by_key(session, model, key)


def find_agency(session: Session, value: Any) -> Agency | None:
    """An agency by id, code, abbreviation or exact name."""
    if isinstance(value, Agency):
        return value
    text = str(value).strip()
    if text.isdigit():
        return session.get(Agency, int(text))
    return session.scalar(
        select(Agency).where(
            (Agency.code == text) | (Agency.abbreviation == text) | (Agency.name == text)
        )
    )
