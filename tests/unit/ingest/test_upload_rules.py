"""Upload rules on SQLite: who registers for which body, at which level, with which case
and sharing; what a duplicate or an upload for another body shares."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from records import migrate, policy
from records.db import Database
from records.intake import UploadRefused, receive, upload_target
from records.models import Agency, Case, CaseDocument, Document, User
from records.storage import FileStore


@pytest.fixture
def database(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'hoso.db'}"
    migrate.upgrade(url)
    return Database(url)


def _agency(session, code: str) -> Agency:
    return session.scalars(select(Agency).where(Agency.code == code)).one()


def _user(session, name: str, code: str, *roles: str, clearance: str = "thuong") -> User:
    user = User(
        username=name, agency=_agency(session, code), roles=list(roles), clearance=clearance
    )
    session.add(user)
    session.flush()
    return user


def _refusal(session, user: User, **options: object) -> str:
    with pytest.raises(UploadRefused) as caught:
        upload_target(session, user, **options)
    return caught.value.code


def test_who_may_register_what(database: Database) -> None:
    with database.session() as session:
        clerk = _user(session, "vanthu", "noi_chinh", "clerk", clearance="mat")
        admin = _user(session, "quantri", "noi_chinh", "administrator", clearance="tuyet_mat")
        viewer = _user(session, "xem", "noi_chinh", "viewer")
        police = _agency(session, "cong_an")
        assert upload_target(session, clerk).owner.code == "noi_chinh"
        assert _refusal(session, viewer) == "upload_forbidden"
        assert _refusal(session, clerk, agency_code="cong_an") == "agency_forbidden"
        assert _refusal(session, clerk, agency_code="khong_co") == "unknown_agency"
        assert upload_target(session, admin, agency_code="cong_an").owner == police
        assert upload_target(session, clerk, confidentiality="mat").confidentiality == "mat"
        assert _refusal(session, clerk, confidentiality="toi_mat") == "level_too_high"
        assert _refusal(session, clerk, confidentiality="bi_mat") == "unknown_level"
        assert policy.classification_levels(clerk) == ["thuong", "mat"]
        target = upload_target(session, clerk, share_codes=["thanh_tra", "noi_chinh"])
        assert [a.code for a in target.shared_with] == ["thanh_tra"]  # not the owner itself
        assert _refusal(session, clerk, share_codes=["xyz"]) == "unknown_agency"
        assert policy.may_reprocess_all(admin) and not policy.may_reprocess_all(clerk)


def test_cases_are_checked_and_hidden_ones_stay_unknown(database: Database) -> None:
    with database.session() as session:
        officer = _user(session, "canbo", "noi_chinh", "officer")
        clerk_elsewhere = _user(session, "vanthu", "toa_an", "clerk")
        viewer_inside = _user(session, "xem", "noi_chinh", "viewer")
        session.add(Case(code="VV-1", title="Vụ việc", lead_agency=_agency(session, "noi_chinh")))
        session.flush()
        assert upload_target(session, officer, case_code="VV-1").case.code == "VV-1"
        assert _refusal(session, clerk_elsewhere, case_code="VV-1") == "unknown_case"
        assert _refusal(session, viewer_inside, case_code="VV-1") == "upload_forbidden"
        assert _refusal(session, officer, case_code="VV-2") == "unknown_case"


def test_receive_shares_and_attaches(database: Database, tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    with database.session() as session:
        admin = _user(session, "quantri", "noi_chinh", "administrator", clearance="tuyet_mat")
        court = _user(session, "toaan", "toa_an", "officer")
        case = Case(code="VV-1", title="Vụ việc", lead_agency=_agency(session, "noi_chinh"))
        session.add(case)
        target = upload_target(session, admin, agency_code="cong_an", shared_all=True)
        first = receive(
            session,
            store,
            io.BytesIO(b"van ban"),
            "a.txt",
            user=admin,
            agency=target.owner,
            channel="web",
            shared_all=target.shared_all,
            case=case,
        )
        document = first.document
        assert document.owner_agency.code == "cong_an" and document.shared_all
        # Registered by the commission for the police: the commission keeps sight of it.
        assert [a.code for a in document.shared_with] == ["noi_chinh"]
        link = session.get(CaseDocument, (case.id, document.id))
        assert link.state == "attached" and link.by_id == admin.id
        # The court sends the same file: it is linked to the court, not parsed again.
        again = receive(
            session,
            store,
            io.BytesIO(b"van ban"),
            "b.txt",
            user=court,
            agency=court.agency,
            channel="api",
        )
        assert again.duplicate and again.document.id == document.id
        assert sorted(a.code for a in document.shared_with) == ["noi_chinh", "toa_an"]
        assert session.scalar(select(Document.filename)) == "a.txt"
