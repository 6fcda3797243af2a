"""E-mail messages: recognised by content, read as headers then body, HTML made text."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from indexer.extract import ExtractLimits, extract
from indexer.extract.detect import detect_kind
from indexer.extract.eml import html_text
from indexer.extract.text import extract_text_file
from tests.support.mail import letter

LIMITS = ExtractLimits()
HTML = (
    "<html><head><title>t</title><style>p {color: red}</style></head><body>"
    "<script>alert('x')</script><p>Kính gửi <b>Ban Nội chính</b>,</p>"
    "<div>Dòng thứ hai<br>dòng thứ ba</div><table><tr><td>Ô 1</td><td>Ô 2</td></tr></table>"
    "</body></html>"
)


def _write(tmp_path: Path, data: bytes, name: str = "upload.dat") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_html_body_becomes_lines_of_text_without_scripts_or_styles() -> None:
    assert html_text(HTML) == "Kính gửi Ban Nội chính,\nDòng thứ hai\ndòng thứ ba\nÔ 1Ô 2"


def test_message_text_has_headers_then_the_plain_body(tmp_path: Path) -> None:
    raw = letter("Về việc phối hợp xác minh", "Nội dung thư.\nDòng hai.", html=HTML)
    result = extract(_write(tmp_path, raw), limits=LIMITS)
    assert result.kind == "eml"
    assert result.pages == [
        "Từ: Văn thư Viện kiểm sát <vanthu@vks.example.vn>\n"
        "Gửi đến: Ban Nội chính <noichinh@tinhuy.example.vn>\n"
        "Đồng gửi: thanhtra@example.vn\n"
        "Ngày gửi: Fri, 20 Nov 2026 09:30:00 +0000\n"
        "Tiêu đề: Về việc phối hợp xác minh\n\n"
        "Nội dung thư.\nDòng hai."
    ]
    assert result.described == {
        "subject": "Về việc phối hợp xác minh",
        "issuer": "Văn thư Viện kiểm sát <vanthu@vks.example.vn>",
        "recipients": ["Ban Nội chính <noichinh@tinhuy.example.vn>", "thanhtra@example.vn"],
        "issued_date": "2026-11-20",
    }


def test_html_only_message_and_attachment_names(tmp_path: Path) -> None:
    subject = base64.b64encode("Thư HTML".encode())
    raw = (
        b"From: a@example.vn\r\nDate: Fri, 20 Nov 2026 09:30:00 +0700\r\n"
        b"Subject: =?utf-8?b?" + subject + b"?=\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        + "<p>Xin chào</p><p>Đoạn hai</p>".encode()
        + b"\r\n--b\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="bien-ban.pdf"\r\n\r\n%PDF-1.4\r\n--b--\r\n'
    )
    [page] = extract(_write(tmp_path, raw), limits=LIMITS).pages
    assert page.endswith("Tiêu đề: Thư HTML\nTệp đính kèm: bien-ban.pdf\n\nXin chào\nĐoạn hai")


@pytest.mark.parametrize(
    "head",
    [
        b"Subject: hop\r\nTo: a@b\r\n\r\nno sender",  # no From
        b"From: a@b\r\nSubject: only\r\n\r\nneither Date nor Message-ID",
        "Kính gửi: Ban Nội chính\nFrom: a@b\nDate: hôm nay\n".encode(),  # a letter's first line
        b"From: a@b\r\nthis line is not a header\r\nDate: x\r\n\r\n",
    ],
)
def test_text_that_only_looks_like_mail_stays_text(tmp_path: Path, head: bytes) -> None:
    assert detect_kind(_write(tmp_path, head)) == "txt"
    assert extract_text_file(_write(tmp_path, head), LIMITS).kind == "txt"


def test_folded_headers_and_message_id_are_enough(tmp_path: Path) -> None:
    raw = b"Received: from relay\r\n\tby mx; Fri\r\nFrom: a@b\r\nMessage-ID: <1@b>\r\n\r\nbody"
    assert detect_kind(_write(tmp_path, raw)) == "eml"
