"""Every reason the pipeline or intake can give has a sentence in Vietnamese (and English)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from indexer.corrections import InvalidCorrection
from records.config import load_settings
from records.intake import UploadRefused
from records.models import Document
from webapp import create_app, labels, reasons

INDEXER = Path(__file__).resolve().parents[3] / "indexer"
RAISING = {"ExtractionError", "UnsupportedFormat", "InvalidCorrection", "UploadRefused"}


def raised_codes(root: Path) -> dict[str, set[str]]:
    """The literal codes passed to the error classes in the source under ``root``."""
    found: dict[str, set[str]] = {name: set() for name in RAISING}
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in RAISING:
                # The code is the first argument of UploadRefused, the second of the others.
                position = 0 if node.func.id == "UploadRefused" else 1
                if len(node.args) > position and isinstance(node.args[position], ast.Constant):
                    found[node.func.id].add(node.args[position].value)
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
    refusals = raised_codes(INDEXER.parent / "records")["UploadRefused"]
    assert {"upload.forbidden", "upload.share_forbidden"} <= refusals
    assert refusals <= set(labels._MESSAGES)
    assert codes["InvalidCorrection"] <= set(reasons._CORRECTIONS)


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
        problem = InvalidCorrection("issued_date", "bad_date", "english")
        assert reasons.correction_problem(problem).startswith("Ngày không hợp lệ")
