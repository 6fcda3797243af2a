"""A fixed dataset for the dashboard and report tests: petitions, cases, transfers and
information requests of several bodies, with dates chosen so every figure can be worked
out by hand (see tests/integration/reports/test_figures.py for the workings).

The report is read on Wed 15/07/2026 for the second quarter of 2026 (01/04–30/06).
Holidays in the window: Mon 27/04 (Hùng Kings, observed), Thu 30/04 and Fri 01/05.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from itertools import count

from sqlalchemy.orm import Session

from records.calendar import LOCAL_TZ
from records.models import Case, CaseEvent, InfoRequest, Petition, Transfer, User
from tests.support.people import agency, make_user

TODAY = date(2026, 7, 15)
_numbers = count(1)


def at(day: date, hour: int = 9) -> datetime:
    """A moment on ``day`` in Vietnam, stored in UTC."""
    return datetime.combine(day, time(hour), LOCAL_TZ).astimezone(UTC)


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    petitions: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)
    transfers: dict[str, int] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)


def _petition(session: Session, owner: str, kind: str, received: date, **values: object) -> int:
    petition = Petition(
        register_no=f"{next(_numbers)}/{owner}",
        kind=kind,
        summary=f"Đơn {kind} nhận ngày {received:%d/%m/%Y}",
        received_on=received,
        channel="buu_chinh",
        owner_agency=agency(session, owner),
        **values,
    )
    session.add(petition)
    session.flush()
    return petition.id


def _case(
    session: Session,
    code: str,
    lead: str,
    created: date,
    events: list[tuple[date, str]],
    **values: object,
) -> int:
    coordinating = values.pop("coordinating", [])
    case = Case(
        code=code,
        title=f"Vụ việc {code}",
        lead_agency=agency(session, lead),
        agencies=[agency(session, c) for c in coordinating],  # type: ignore[union-attr]
        created_at=at(created),
        **values,
    )
    session.add(case)
    session.flush()
    for day, kind in [(created, "created"), *events]:
        session.add(CaseEvent(case_id=case.id, at=at(day), kind=kind, detail={}))
    return case.id


def _transfer(session: Session, source: str, target: str, sent: date, due: date, **values) -> int:
    transfer = Transfer(
        from_agency=agency(session, source),
        to_agency=agency(session, target),
        legal_basis="ttlt03_5_2",
        sent_date=sent,
        due_date=due,
        **values,
    )
    session.add(transfer)
    session.flush()
    return transfer.id


def _request(
    session: Session, source: str, target: str, created: date, due: date, **values: object
) -> int:
    answered = values.pop("answered", None)
    request = InfoRequest(
        from_agency=agency(session, source),
        to_agency=agency(session, target),
        subject=f"Yêu cầu ngày {created:%d/%m/%Y}",
        created_at=at(created),
        due_date=due,
        **values,
    )
    if answered is not None:
        request.status = "answered"
        request.answered_at = at(answered, 15)  # type: ignore[arg-type]
    session.add(request)
    session.flush()
    return request.id


def seed(session: Session) -> World:
    world = World()
    world.users = {
        "nc_leader": make_user(session, "nc_leader", "noi_chinh", ("leader",), "mat"),
        "nc_viewer": make_user(session, "nc_viewer", "noi_chinh", ("viewer",), "thuong"),
        "tt_officer": make_user(session, "tt_officer", "thanh_tra", ("officer",), "mat"),
        "nc_auditor": make_user(session, "nc_auditor", "noi_chinh", ("auditor",), "mat"),
    }
    p = world.petitions
    # The commission's petitions.
    p["P1"] = _petition(session, "noi_chinh", "khieu_nai", date(2026, 4, 6), state="CLOSED",
                        decided_on=date(2026, 4, 20), closed_on=date(2026, 4, 24))  # fmt: skip
    p["P2"] = _petition(session, "noi_chinh", "to_cao", date(2026, 4, 24), state="FORWARDED",
                        closed_on=date(2026, 5, 4))  # fmt: skip
    p["P3"] = _petition(session, "noi_chinh", "kien_nghi", date(2026, 6, 10), state="TRIAGE",
                        due_on=date(2026, 7, 10), due_rule="R1")  # fmt: skip
    p["P4"] = _petition(session, "noi_chinh", "khieu_nai", date(2026, 6, 22), state="ACCEPTED",
                        due_on=date(2026, 7, 17), due_rule="K3")  # fmt: skip
    p["P5"] = _petition(session, "noi_chinh", "phan_anh", date(2026, 7, 2), state="RECEIVED",
                        due_on=date(2026, 7, 16), due_rule="R1")  # fmt: skip
    p["P8"] = _petition(session, "noi_chinh", "khieu_nai", date(2026, 3, 16), state="CLOSED",
                        decided_on=date(2026, 4, 1), closed_on=date(2026, 4, 10))  # fmt: skip
    p["P9"] = _petition(session, "noi_chinh", "to_cao", date(2026, 5, 15), state="VERIFYING",
                        due_on=date(2026, 8, 20), due_rule="T4", confidentiality="mat")  # fmt: skip
    # The inspectorate's petitions: never counted on the commission's dashboard.
    p["P6"] = _petition(session, "thanh_tra", "to_cao", date(2026, 5, 12), state="FORWARDED",
                        closed_on=date(2026, 5, 20))  # fmt: skip
    p["P7"] = _petition(session, "thanh_tra", "khieu_nai", date(2026, 5, 5), state="ACCEPTED",
                        due_on=date(2026, 7, 1), due_rule="K3")  # fmt: skip

    c = world.cases
    c["C1"] = _case(session, "VV-01", "thanh_tra", date(2026, 4, 10),
                    [(date(2026, 5, 2), "status")], coordinating=["cong_an"],
                    monitoring_level="bcd_tinh", status="xac_minh",
                    crime_signs_at=at(date(2026, 6, 1)), crime_signs_basis="ttlt03_5_2",
                    crime_signs_since=date(2026, 6, 1))  # fmt: skip
    c["C2"] = _case(session, "VA-02", "cong_an", date(2026, 2, 1),
                    [(date(2026, 4, 15), "transfer"), (date(2026, 7, 1), "status")],
                    kind="vu_an", status="dieu_tra",
                    monitoring_level="bcd_trung_uong")  # fmt: skip
    c["C3"] = _case(session, "VV-03", "noi_chinh", date(2026, 5, 20), [],
                    crime_signs_at=at(date(2026, 7, 14)), crime_signs_basis="ttlt03_5_2",
                    crime_signs_since=date(2026, 7, 14))  # fmt: skip
    c["C4"] = _case(session, "VV-04", "toa_an", date(2026, 5, 5), [])
    c["C5"] = _case(session, "VV-05", "toa_an", date(2026, 5, 6), [],
                    monitoring_level="co_quan", confidentiality="toi_mat")  # fmt: skip

    t = world.transfers
    t["T1"] = _transfer(session, "thanh_tra", "cong_an", date(2026, 4, 15), date(2026, 5, 5),
                        case_id=c["C2"], outcome="khoi_to",
                        outcome_date=date(2026, 5, 5), reference="12/KNKT-TTr")  # fmt: skip
    t["T2"] = _transfer(session, "noi_chinh", "vien_kiem_sat", date(2026, 6, 1),
                        date(2026, 6, 22), petition_id=p["P9"], legal_basis_text="")  # fmt: skip
    t["T3"] = _transfer(session, "toa_an", "cong_an", date(2026, 5, 10), date(2026, 7, 30),
                        case_id=c["C4"])  # fmt: skip
    t["T4"] = _transfer(session, "thanh_tra", "cong_an", date(2026, 7, 5), date(2026, 7, 25),
                        case_id=c["C2"])  # fmt: skip
    t["T5"] = _transfer(session, "toa_an", "cong_an", date(2026, 6, 10), date(2026, 7, 1),
                        confidentiality="toi_mat")  # fmt: skip

    r = world.requests
    r["R1"] = _request(session, "thanh_tra", "cong_an", date(2026, 4, 1), date(2026, 4, 15),
                       answered=date(2026, 4, 14))  # fmt: skip
    r["R2"] = _request(session, "noi_chinh", "thanh_tra", date(2026, 5, 4), date(2026, 5, 18),
                       answered=date(2026, 5, 20))  # fmt: skip
    r["R3"] = _request(session, "noi_chinh", "vien_kiem_sat", date(2026, 6, 15),
                       date(2026, 7, 10), status="overdue")  # fmt: skip
    r["R4"] = _request(session, "cong_an", "uy_ban_kiem_tra", date(2026, 6, 20),
                       date(2026, 7, 16))  # fmt: skip
    r["R5"] = _request(session, "noi_chinh", "to_chuc", date(2026, 5, 10), date(2026, 5, 25),
                       status="withdrawn", withdrawn_reason="Đã có thông tin")  # fmt: skip
    r["R6"] = _request(session, "noi_chinh", "cong_an", date(2026, 3, 20), date(2026, 7, 20))
    r["R7"] = _request(session, "cong_an", "thanh_tra", date(2026, 5, 1), date(2026, 5, 30),
                       confidentiality="toi_mat")  # fmt: skip
    session.flush()
    return world
