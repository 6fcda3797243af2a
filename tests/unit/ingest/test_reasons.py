"""Every reason the pipeline or intake can give has a sentence in Vietnamese (and English)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from records.config import load_settings
from records.errors import RuleError
from records.intake import UploadRefused
from records.models import Document
from records.refusals import MESSAGES
from webapp import create_app, labels, reasons

ROOT = Path(__file__).resolve().parents[3]
INDEXER = ROOT / "indexer"
RAISING = {"ExtractionError", "UnsupportedFormat"}
#: What makes a refusal, its code the first argument: RuleError, its subclasses, helpers.
REFUSING = {"RuleError", "UploadRefused", "VersionRefused", "refuse", "_refuse", "problem"}


def raised_codes(root: Path) -> dict[str, set[str]]:
    """The literal codes passed to the error classes in the source under ``root``."""
    found: dict[str, set[str]] = {name: set() for name in RAISING}
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # The code is the second argument (after the message).
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in RAISING
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
            ):
                found[node.func.id].add(node.args[1].value)
    return found


def refusal_codes() -> set[str]:
    """The literal codes of every refusal raised in the code."""
    found = set()
    for package in ("records", "indexer", "jobs", "webapp"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                first = node.args[0]
                if name in REFUSING and isinstance(first, ast.Constant):
                    found.add(first.value)
    return found


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOSO_SECRET_KEY", "x")
    return create_app(load_settings())


def test_every_failure_code_has_a_message() -> None:
    codes = raised_codes(INDEXER)
    failures = codes["ExtractionError"] | codes["UnsupportedFormat"]
    assert {"empty_file", "too_many_pages", "zip_size", "timeout"} <= failures
    assert failures <= set(reasons._FAILURES)


def test_every_refusal_code_has_a_message() -> None:
    codes = refusal_codes()
    assert {
        "upload.forbidden",
        "bad_date",
        "petition.state_not_allowed",
        "password.common",
    } <= codes
    assert codes <= set(MESSAGES), codes - set(MESSAGES)


@pytest.mark.parametrize(
    ("code", "params", "vi", "en"),
    [
        (
            "too_many_pages",
            {"pages": 5000, "limit": 2000},
            "Tệp có quá nhiều trang (giới hạn 2000 trang).",
            "The file has too many pages (the limit is 2000).",
        ),
        (
            "damaged",
            {"kind": "txt", "detail": "bad"},
            "Tệp văn bản thuần bị hỏng: bad",
            "The plain text file is damaged: bad",
        ),
        ("timeout", {"seconds": 300.0}, "Đọc tệp mất quá 300 giây.", None),
        ("no_such_code", {}, "english reason", "english reason"),
        ("too_many_pages", {}, "english reason", "english reason"),  # params missing
    ],
)
def test_failure_reason_in_both_languages(
    app, code: str, params: dict, vi: str, en: str | None
) -> None:
    document = Document(status="failed", error="english reason", error_code=code)
    document.error_params = params
    with app.test_request_context(headers={"Accept-Language": "vi"}):
        assert reasons.failure_reason(document) == vi
    if en is not None:
        with app.test_request_context(headers={"Accept-Language": "en"}):
            assert reasons.failure_reason(document) == en
    document.status = "indexed"
    with app.test_request_context():
        assert reasons.failure_reason(document) == ""


def test_refusals_and_correction_problems(app) -> None:
    with app.test_request_context(headers={"Accept-Language": "vi"}):
        refusal = UploadRefused("upload.agency_forbidden", agency="cong_an")
        assert labels.message(refusal) == "Bạn không được đăng ký tài liệu cho cơ quan cong_an."
        problem = RuleError("bad_date", field="issued_date")
        assert labels.message(problem).startswith("Ngày không hợp lệ")
