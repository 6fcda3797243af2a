"""Hostile files end in an ExtractionError with a reason, in bounded time, and the sandbox's
parent carries on with the next file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from indexer.extract import ExtractLimits
from tests.unit.extract.pdfgen import pdf_bytes, stream, text_pdf
from tests.unit.extract.refusal import assert_still_working, refused


def bomb_docx(path: Path, member: str, zeros_mb: int) -> Path:
    """A DOCX whose `member` is `zeros_mb` MB of zeros (deflated to about a thousandth)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        if member != "word/document.xml":
            archive.writestr("word/document.xml", b"<w:document/>")
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(zeros_mb):
                fh.write(chunk)
    return path


@pytest.fixture(scope="session")
def gigabyte_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bomb_docx(tmp_path_factory.mktemp("bomb") / "bomb.docx", "word/document.xml", 1024)


def test_zip_bomb_docx(gigabyte_bomb: Path, tmp_path: Path) -> None:
    assert gigabyte_bomb.stat().st_size < 2 << 20
    reason = refused(gigabyte_bomb)
    assert reason == "archive unpacks to 1024 MB, more than the 256 MB allowed"
    assert_still_working(tmp_path)


def test_highly_compressed_part(tmp_path: Path) -> None:
    path = bomb_docx(tmp_path / "ratio.docx", "word/media/image1.png", 20)
    reason = refused(path)
    assert reason.startswith("archive part word/media/image1.png is compressed")
    assert reason.endswith("more than 200:1 allowed (a zip bomb?)")


def test_too_many_zip_members(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        for i in range(30):
            archive.writestr(f"word/media/{i}.bin", b"x")
    limits = ExtractLimits(zip_max_members=20)
    assert refused(path, limits) == "archive has too many parts: 31 > 20 allowed"


def test_five_thousand_pages(tmp_path: Path) -> None:
    path = tmp_path / "thick.pdf"
    path.write_bytes(text_pdf(5000))
    assert refused(path) == "too many pages: 5000 > 2000 allowed"
    assert_still_working(tmp_path)


def test_page_count_that_lies(tmp_path: Path) -> None:
    data = text_pdf(50).replace(b"/Count 50", b"/Count 1 ")  # same length: offsets hold
    path = tmp_path / "liar.pdf"
    path.write_bytes(data)
    assert refused(path, ExtractLimits(max_pages=10)) == "too many pages: more than 10 allowed"


def test_deeply_nested_page_tree(tmp_path: Path) -> None:
    depth = 5000
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects += [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (i + 3) for i in range(depth)]
    objects.append(b"<< /Type /Page /MediaBox [0 0 595 842] >>")
    path = tmp_path / "deep.pdf"
    path.write_bytes(pdf_bytes(objects))
    assert refused(path) == "PDF is damaged: its structure is nested too deeply"
    assert_still_working(tmp_path)


def test_deeply_nested_dictionaries(tmp_path: Path) -> None:
    nested = b"<< /A " * 100_000 + b">>" * 100_000
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources " + nested + b" >>",
        stream(b"BT (x) Tj ET"),
    ]
    path = tmp_path / "nested.pdf"
    path.write_bytes(pdf_bytes(objects))
    assert refused(path).startswith("PDF is damaged")


def test_garbage_after_pdf_header(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 100)
    assert refused(path).startswith("PDF is damaged")
