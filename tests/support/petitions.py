"""Users, contexts, documents and petitions for the petition tests."""

from __future__ import annotations

import io
import itertools
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.normalize import fold
from records.accounts import hash_password
from records.calendar import WorkingCalendar
from records.config import Settings
from records.intake import receive
from records.models import Agency, Document, Petition, User
from records.petitions.context import Context
from records.petitions.identity import PetitionerData
from records.petitions.register import Registration, register
from records.storage import open_store

PASSWORD = "mat-khau-thu-nghiem-1"
_counter = itertools.count(1)


def agency(session: Session, code: str) -> Agency:
    return session.scalars(select(Agency).where(Agency.code == code)).one()


def make_user(
    session: Session,
    username: str,
    roles: list[str],
    agency_code: str = "noi_chinh",
    clearance: str = "mat",
    full_name: str = "",
) -> User:
    user = User(
        username=username,
        full_name=full_name or username,
        agency=agency(session, agency_code),
        roles=roles,
        clearance=clearance,
        password_hash=hash_password(PASSWORD),
    )
    session.add(user)
    session.flush()
    return user


def context(session: Session, today: date, ip: str = "127.0.0.1") -> Context:
    return Context(WorkingCalendar.load(session), today, fold, ip)


def document(
    session: Session, settings: Settings, user: User | None, name: str = "", text: str = ""
) -> Document:
    """A small stored document (a decision, a forwarding slip...) owned by ``user``'s body."""
    number = next(_counter)
    name = name or f"van-ban-{number}.txt"
    body = (text or f"Văn bản thử nghiệm số {number} {name}").encode()
    owner = user.agency if user else agency(session, "noi_chinh")
    received = receive(
        session,
        open_store(settings),
        io.BytesIO(body),
        name,
        user=user,
        agency=owner,
        channel="web",
    )
    return received.document


def registration(**values: object) -> Registration:
    data: dict[str, object] = {
        "kind": "khieu_nai",
        "received_on": date(2026, 11, 2),
        "channel": "buu_chinh",
        "summary": "Khiếu nại Quyết định số 125/QĐ-UBND của UBND xã Tân Phong thu hồi đất.",
        "respondent": "UBND xã Tân Phong",
        "petitioners": [
            PetitionerData("Nguyễn Văn An", "Thôn 3, xã Tân Phong", "001080012345", "0912345678")
        ],
    }
    data.update(values)
    return Registration(**data)  # type: ignore[arg-type]


def petition(session: Session, user: User, ctx: Context, **values: object) -> Petition:
    return register(session, user, registration(**values), ctx)
