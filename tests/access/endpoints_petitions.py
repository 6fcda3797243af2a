"""Where petition text from users is shown: petitioners' names, summaries, respondents."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from indexer.normalize import fold
from records.calendar import WorkingCalendar
from records.models import Petition, User
from records.petitions.context import Context
from records.petitions.identity import PetitionerData
from records.petitions.register import Registration, register
from tests.access.registry import XssProbe, register_xss

LEADER = "leader-noichinh-mat"


def _leader(h: Any) -> Any:
    return next(p for p in h.world.users if p.key == LEADER)


def _plant(h: Any, payload: str) -> None:
    with h.db.session() as session:
        user = session.get(User, _leader(h).id)
        ctx = Context(WorkingCalendar.load(session), date.today(), fold)
        data = Registration(
            kind="khieu_nai",
            received_on=date.today(),
            channel="buu_chinh",
            summary=f"Khiếu nại {payload}",
            respondent=payload,
            petitioners=[PetitionerData(payload, payload, "", "")],
        )
        register(session, user, data, ctx)


def _petition_page(h: Any) -> str:
    with h.db.session() as session:
        latest = session.scalar(select(Petition.id).order_by(Petition.id.desc()))
    return h.client(_leader(h)).get(f"/petitions/{latest}").get_data(as_text=True)


def _register_page(h: Any) -> str:
    return h.client(_leader(h)).get("/petitions/").get_data(as_text=True)


register_xss(
    XssProbe("petition page: petitioner's name, summary, respondent", _plant, _petition_page),
    XssProbe("petition register: summary and respondent", _plant, _register_page),
)
