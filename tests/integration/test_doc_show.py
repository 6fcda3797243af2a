"""``hoso doc show`` read with SQLAlchemy Core prints, refuses and audits exactly as the
show through the models (``webapp.cli.doc_commands.shown_data``), which remains the path of
documents that are not plain; run on PostgreSQL and on SQLite."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from records import plain_document
from records.accounts import ensure_admin
from records.config import Settings
from records.db import Database
from records.intake import receive
from records.models import (
    Agency,
    AgencyMention,
    AuditEvent,
    Case,
    CaseDocument,
    Document,
    DocumentPage,
    DocumentReference,
    MailAttachment,
    PetitionDocument,
    User,
)
from records.storage import open_store
from tests.support import petitions as support
from tests.support.auth import make_user
from webapp.cli import doc_show, main

pytestmark = pytest.mark.services


def hoso(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def through_the_models(monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    """The same command with the Core read switched off: the implementation before it."""
    with monkeypatch.context() as patched:
        patched.setattr(doc_show, "plain_data", lambda _ctx, _id: None)
        return hoso(*args)


def same_both_ways(monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    fast, slow = hoso(*args), through_the_models(monkeypatch, *args)
    assert (fast.exit_code, fast.stdout, fast.stderr) == (
        slow.exit_code,
        slow.stdout,
        slow.stderr,
    )
    return fast


def store(db: Database, settings: Settings, name: str, **fields: object) -> int:
    """A document received as the administrator through the normal path, then ``fields``."""
    with db.session() as session:
        ensure_admin(session)
        admin = session.scalars(select(User).where(User.username == "admin")).one()
        document = receive(
            session,
            open_store(settings),
            io.BytesIO(f"Số 12/QĐ-UBND. Quyết định {name}.".encode()),
            name,
            user=admin,
            agency=admin.agency,
            channel="cli",
        ).document
        for key, value in fields.items():
            setattr(document, key, value)
        return document.id


def views(db: Database, document_id: int) -> list[dict[str, object]]:
    """The ``document.view`` events of the document, without their id and moment."""
    with db.session() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "document.view", AuditEvent.object_id == str(document_id))
            .order_by(AuditEvent.id)
        )
        return [
            {
                c.name: getattr(e, c.name)
                for c in AuditEvent.__table__.columns
                if c.name not in ("id", "at")
            }
            for e in events
        ]


@pytest.fixture
def rich(db: Database, hoso_settings: Settings) -> int:
    """A plain document with every field of the JSON object set."""
    document_id = store(
        db,
        hoso_settings,
        "quyet-dinh.txt",
        status="indexed",
        doc_type="quyet_dinh",
        number="12/QĐ-UBND",
        issued_date=date(2024, 3, 1),
        place="Hà Nội",
        issuer="UBND tỉnh",
        subject="Về việc thử",
        signer="Nguyễn Văn Bình",
        urgency="khan",
        recipients=["Sở Tư pháp", "Thanh tra tỉnh"],
        ocr=True,
        ocr_confidence=91.5,
        source_encoding="utf-8",
        kind="txt",
        date_precision="day",
        sign_authority="TM",
        corrections={"subject": "Về việc thử", "number": "12/QĐ-UBND"},
        pipeline_version=7,
        indexed_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
    )
    with db.session() as session:
        document = session.get(Document, document_id)
        document.shared_with = list(
            session.scalars(select(Agency).where(Agency.code.in_(("thanh_tra", "cong_an"))))
        )
        document.pages = [DocumentPage(page_no=n, text=f"trang {n}") for n in (1, 2)]
        document.mentions = [AgencyMention(agency_code=c) for c in ("ubnd", "thanh_tra")]
        document.references = [
            DocumentReference(number=n, number_key=n.lower()) for n in ("5/UBND", "1/QĐ")
        ]
    return document_id


def test_a_plain_document_shows_as_through_the_models(
    db: Database, rich: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = same_both_ways(monkeypatch, "doc", "show", str(rich), "--json")
    data = json.loads(shown.stdout)
    assert shown.exit_code == 0 and data["id"] == rich
    assert (data["shared_with"], data["agencies"], data["pages"]) == (
        ["cong_an", "thanh_tra"],
        ["thanh_tra", "ubnd"],
        2,
    )
    assert (data["issued_date"], data["indexed_at"]) == ("2024-03-01", "2026-12-01T08:30:00+00:00")
    assert (data["ocr"], data["is_draft"], data["corrected"]) == (
        True,
        False,
        ["number", "subject"],
    )
    assert same_both_ways(monkeypatch, "doc", "show", str(rich)).exit_code == 0
    # The Core read did the work, and logged the view as the models do.
    from webapp.cli.context import CliContext

    assert doc_show.plain_data(CliContext(), rich) == data
    fast, slow, *_ = views(db, rich)
    assert (
        fast
        == slow
        == {
            "user_id": fast["user_id"],
            "username": "admin",
            "agency_code": "noi_chinh",
            "action": "document.view",
            "object_type": "document",
            "object_id": str(rich),
            "outcome": "ok",
            "ip": "",
            "level": "thuong",
            "detail": {"channel": "cli"},
        }
    )


def test_unknown_document_and_unknown_user(
    db: Database, rich: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    unknown = same_both_ways(monkeypatch, "doc", "show", "999999", "--json")
    assert unknown.exit_code == 1
    assert unknown.stderr == "Error: no document 999999 (or you may not see it)\n"
    nobody = same_both_ways(monkeypatch, "--as", "nobody", "doc", "show", str(rich))
    assert nobody.exit_code == 1 and "no active user named 'nobody'" in nobody.stderr
    assert views(db, 999999) == []


def test_a_number_beyond_any_key_is_no_document(
    db: Database, rich: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL refuses a number beyond its integer keys (DataError) where SQLite finds
    nothing, or overflows past 64 bits: on both paths it is a document that does not exist."""
    for number in ("2147483647", "2147483648", "99999999999", str(2**63), "-99999999999"):
        shown = same_both_ways(monkeypatch, "doc", "show", "--json", "--", number)
        assert shown.exit_code == 1, number
        assert shown.stderr == f"Error: no document {number} (or you may not see it)\n"
        assert views(db, int(number)) == []


def test_access_rules_are_those_of_the_policy(
    db: Database, hoso_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user(db, "thanhtra", agency="thanh_tra", roles=("officer",), clearance="mat")
    make_user(db, "kiemtoan", agency="noi_chinh", roles=("auditor",), clearance="mat")
    make_user(db, "thuong", agency="noi_chinh", roles=("viewer",))
    own = store(db, hoso_settings, "rieng.txt")
    secret = store(db, hoso_settings, "mat.txt", confidentiality="mat")
    for_all = store(db, hoso_settings, "chung.txt", shared_all=True)
    trashed = store(db, hoso_settings, "rac.txt", trashed_at=datetime.now(UTC))

    def sees(user: str, document_id: int) -> bool:
        shown = same_both_ways(monkeypatch, "--as", user, "doc", "show", str(document_id))
        assert shown.exit_code in (0, 1)
        if shown.exit_code:
            assert "may not see it" in shown.stderr
        return shown.exit_code == 0

    assert not sees("thanhtra", own)  # another body's, not shared
    assert sees("thanhtra", for_all)  # shared with all coordinating bodies
    assert not sees("kiemtoan", own)  # auditors read the log, not the files
    assert not sees("thuong", secret) and sees("admin", secret)
    assert not sees("admin", trashed)
    with db.session() as session:
        session.get(Document, own).shared_with = [
            session.scalars(select(Agency).where(Agency.code == "thanh_tra")).one()
        ]
    assert sees("thanhtra", own)
    with db.session() as session:
        session.scalars(select(User).where(User.username == "thanhtra")).one().active = False
    gone = same_both_ways(monkeypatch, "--as", "thanhtra", "doc", "show", str(own))
    assert gone.exit_code == 1 and "no active user named 'thanhtra'" in gone.stderr


def test_documents_that_are_not_plain_are_shown_through_the_models(
    db: Database, hoso_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    failed = store(db, hoso_settings, "hong.txt", status="failed", error_code="empty_file")
    in_case = store(db, hoso_settings, "vu-viec.txt")
    message = store(db, hoso_settings, "thu.eml")
    attachment = store(db, hoso_settings, "dinh-kem.txt")
    letter = store(db, hoso_settings, "Nguyễn Văn An - đơn tố cáo.txt")
    suggested = store(db, hoso_settings, "goi-y.txt")
    with db.session() as session:
        admin = session.scalars(select(User).where(User.username == "admin")).one()
        case = Case(code="VV-1", title="Vụ việc", lead_agency=admin.agency)
        session.add(case)
        session.flush()
        session.add(CaseDocument(case_id=case.id, document_id=in_case, state="attached"))
        session.add(CaseDocument(case_id=case.id, document_id=suggested, state="suggested"))
        session.add(
            MailAttachment(
                message_document_id=message, attachment_document_id=attachment, filename="a"
            )
        )
        denunciation = support.petition(
            session, admin, support.context(session, date(2026, 11, 2)), kind="to_cao"
        )
        session.add(
            PetitionDocument(petition_id=denunciation.id, document_id=letter, role="letter")
        )
    with db.engine.connect() as connection:
        for document_id, plain in (
            (failed, False),
            (in_case, False),
            (message, False),
            (attachment, False),
            (letter, False),
            (suggested, True),
        ):
            row = plain_document.find_document(connection, document_id)
            assert plain_document.is_plain(connection, row) is plain, document_id
    for document_id in (failed, in_case, message, attachment, letter, suggested):
        assert same_both_ways(monkeypatch, "doc", "show", str(document_id)).exit_code == 0
    shown = {
        n: json.loads(hoso("doc", "show", str(n), "--json").stdout)
        for n in (failed, in_case, message, letter)
    }
    assert shown[failed]["error"] == "Tệp rỗng (0 byte)."
    assert shown[in_case]["cases"] == ["VV-1"]
    assert shown[message]["attachments"] == [attachment]
    assert "Nguyễn Văn An" not in shown[letter]["filename"]  # masked: admin does not handle it
