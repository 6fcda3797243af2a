"""Corrections: values checked and normalised, only real changes kept, audited with the
old and new values, and applied again after every parse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from indexer.corrections import apply_corrections, clean_value, correct
from records import migrate
from records.db import Database
from records.errors import RuleError
from records.models import Agency, AuditEvent, Document, User


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [
        ("subject", "  Về việc\n  kiểm tra ", "Về việc kiểm tra"),
        ("subject", "", None),
        ("issued_date", dt.date(2024, 3, 5), "2024-03-05"),
        ("issued_date", "2024-03-05", "2024-03-05"),
        ("urgency", "", None),
        ("urgency", "hoa_toc", "hoa_toc"),
        ("number", "12/QÐ-UBND".replace("Ð", "Đ"), "12/QĐ-UBND"),
        ("issuer", "UBND TỈNH THÁI BÌNH", "UBND TỈNH THÁI BÌNH"),
    ],
)
def test_clean_value(field: str, raw: object, value: str | None) -> None:
    assert clean_value(field, raw) == value


@pytest.mark.parametrize(
    ("field", "raw", "code"),
    [
        ("doc_type", "", "required"),
        ("doc_type", "thong_tu", "not_a_choice"),
        ("confidentiality", "bi_mat", "not_a_choice"),
        ("issued_date", "05/03/2024", "bad_date"),
        ("sha256", "x", "unknown_field"),
        ("number", 12, "not_text"),
        ("signer", "x" * 300, "too_long"),
    ],
)
def test_invalid_values(field: str, raw: object, code: str) -> None:
    with pytest.raises(RuleError) as caught:
        clean_value(field, raw)
    assert (caught.value.params["field"], caught.value.code) == (field, code)


@pytest.fixture
def database(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'hoso.db'}"
    migrate.upgrade(url)
    return Database(url)


def test_only_changes_are_kept_audited_and_reapplied(database: Database) -> None:
    with database.session() as session:
        agency = session.scalars(select(Agency).where(Agency.code == "noi_chinh")).one()
        user = User(username="canbo", agency=agency, roles=["officer"], clearance="mat")
        document = Document(
            sha256="a" * 64,
            size=1,
            filename="a.txt",
            owner_agency=agency,
            doc_type=None,
            subject="Về việc\nkiểm tra",
            number="12/QĐ-UBND",
        )
        session.add_all([user, document])
        session.flush()
        # Posting the form back unchanged corrects nothing (a new document has type "other").
        unchanged = {"doc_type": "other", "subject": "Về việc kiểm tra", "number": "12/QĐ-UBND"}
        assert correct(session, user, document, unchanged) == {}
        diff = correct(
            session,
            user,
            document,
            {**unchanged, "number": "13/QĐ-UBND", "issued_date": "2024-03-05"},
            ip="10.0.0.1",
        )
        assert diff == {
            "number": {"old": "12/QĐ-UBND", "new": "13/QĐ-UBND"},
            "issued_date": {"old": None, "new": "2024-03-05"},
        }
        assert (document.number_key, document.date_precision) == ("13/QĐ/UBND", "day")
        event = session.scalars(select(AuditEvent)).one()
        assert (event.action, event.ip, event.detail["changes"]) == (
            "document.correct",
            "10.0.0.1",
            diff,
        )
        with pytest.raises(RuleError):
            correct(session, user, document, {"confidentiality": "toi_mat"})
        # A parse sets extracted values; the corrections are applied on top again.
        document.number, document.issued_date = "12/QĐ-UBND", None
        apply_corrections(document)
        assert (document.number, document.issued_date) == ("13/QĐ-UBND", dt.date(2024, 3, 5))
