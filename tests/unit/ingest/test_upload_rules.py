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
from records.storage import LocalStore


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
        officer = _user(session, "canbo", "noi_chinh", "officer", clearance="mat")
        admin = _user(session, "quantri", "noi_chinh", "administrator", clearance="tuyet_mat")
        viewer = _user(session, "xem", "noi_chinh", "viewer")
        police = _agency(session, "cong_an")
        assert upload_target(session, clerk).owner.code == "noi_chinh"
        assert _refusal(session, viewer) == "upload.forbidden"
        assert _refusal(session, clerk, agency_code="cong_an") == "upload.agency_forbidden"
        assert _refusal(session, clerk, agency_code="khong_co") == "upload.unknown_agency"
        assert upload_target(session, admin, agency_code="cong_an").owner == police
        assert upload_target(session, clerk, confidentiality="mat").confidentiality == "mat"
        assert _refusal(session, clerk, confidentiality="toi_mat") == (
            "confidentiality_above_clearance"
        )
        assert _refusal(session, clerk, confidentiality="bi_mat") == "invalid_confidentiality"
        assert policy.classification_levels(clerk) == ["thuong", "mat"]
        # Sharing follows the share row: officers and leaders, leaders only for secrets.
        assert _refusal(session, clerk, share_codes=["thanh_tra"]) == "upload.share_forbidden"
        target = upload_target(session, officer, share_codes=["thanh_tra", "noi_chinh"])
        assert [a.code for a in target.shared_with] == ["thanh_tra"]  # not the owner itself
        assert _refusal(session, officer, confidentiality="mat", shared_all=True) == (
            "upload.share_forbidden"
        )
        assert _refusal(session, officer, share_codes=["xyz"]) == "upload.unknown_agency"
        assert _refusal(session, admin, agency_code="cong_an", shared_all=True) == (
            "upload.share_forbidden"
        )
        assert policy.may_reprocess_all(admin) and not policy.may_reprocess_all(clerk)
        owners = session.scalars(
            select(Agency.code).where(policy.registrable_agency_clause(clerk))
        ).all()
        assert owners == ["noi_chinh"]
        assert (
            len(
                session.scalars(select(Agency).where(policy.registrable_agency_clause(admin))).all()
            )
            == 10
        )
        assert (
            session.scalars(select(Agency).where(policy.registrable_agency_clause(viewer))).all()
            == []
        )


def test_cases_are_checked_and_hidden_ones_stay_unknown(database: Database) -> None:
    with database.session() as session:
        officer = _user(session, "canbo", "noi_chinh", "officer")
        clerk_inside = _user(session, "vanthu", "noi_chinh", "clerk")
        clerk_elsewhere = _user(session, "vanthu2", "toa_an", "clerk")
        session.add(Case(code="VV-1", title="Vụ việc", lead_agency=_agency(session, "noi_chinh")))
        session.flush()
        assert upload_target(session, officer, case_code="VV-1").case.code == "VV-1"
        assert _refusal(session, clerk_elsewhere, case_code="VV-1") == "upload.unknown_case"
        assert _refusal(session, clerk_inside, case_code="VV-1") == "upload.case_forbidden"
        assert _refusal(session, officer, case_code="VV-2") == "upload.unknown_case"


def test_receive_shares_and_attaches(database: Database, tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "files")
    with database.session() as session:
        admin = _user(session, "quantri", "noi_chinh", "administrator", clearance="tuyet_mat")
        officer = _user(session, "canbo", "noi_chinh", "officer")
        court = _user(session, "toaan", "toa_an", "officer")
        case = Case(code="VV-1", title="Vụ việc", lead_agency=_agency(session, "noi_chinh"))
        session.add(case)
        imported = receive(
            session,
            store,
            io.BytesIO(b"ho so cu"),
            "cu.txt",
            user=admin,
            agency=_agency(session, "cong_an"),
            channel="cli",
        )
        # Imported for the police: the administrator's body gains no sight of it.
        assert imported.document.owner_agency.code == "cong_an"
        assert imported.document.shared_with == []
        target = upload_target(session, officer, shared_all=True, case_code="VV-1")
        first = receive(
            session,
            store,
            io.BytesIO(b"van ban"),
            "a.txt",
            user=officer,
            agency=target.owner,
            channel="web",
            shared_all=target.shared_all,
            case=target.case,
        )
        document = first.document
        assert document.shared_all and document.shared_with == []
        link = session.get(CaseDocument, (case.id, document.id))
        assert link.state == "attached" and link.by_id == officer.id
        # The court, which sees it (shared with all), sends the same file: it is named to the
        # court as the document held, gains no share and is not parsed again.
        again = receive(
            session,
            store,
            io.BytesIO(b"van ban"),
            "b.txt",
            user=court,
            agency=court.agency,
            channel="api",
            case=case,  # not the court's case to attach to: left as it is
        )
        assert again.duplicate and again.document.id == document.id and not again.withheld
        assert document.shared_with == []
        assert (
            session.scalar(select(Document.filename).where(Document.id == document.id)) == "a.txt"
        )
