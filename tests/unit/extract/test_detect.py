"""File kinds are told by content; names and extensions are never trusted."""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from indexer.extract import ExtractionError, ExtractLimits, UnsupportedFormat, extract
from indexer.extract.detect import detect_kind
from tests.unit.extract.corpus import FILES, needs_corpus
from tests.unit.extract.pdfgen import text_pdf


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ole2_bytes(stream_name: str) -> bytes:
    """An OLE2 compound-file header and one directory entry naming `stream_name`."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    name = stream_name.encode("utf-16-le") + b"\x00\x00"
    entry = name.ljust(64, b"\x00") + len(name).to_bytes(2, "little") + bytes(62)
    return header + entry.ljust(512, b"\x00")


@needs_corpus
def test_docx_named_pdf_is_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "cong-van.pdf"
    shutil.copy(FILES / "vn-r044.docx", path)
    assert detect_kind(path) == "docx"
    result = extract(path, limits=ExtractLimits())
    assert result.kind == "docx"
    assert "Số: 3889/QĐ-UBND" in result.text


@needs_corpus
def test_pdf_named_txt_is_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    shutil.copy(FILES / "vn-r044.pdf", path)
    assert detect_kind(path) == "pdf"
    assert "QUYẾT ĐỊNH" in extract(path, limits=ExtractLimits()).text


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match=r"^empty file \(0 bytes\)$"):
        detect_kind(write(tmp_path, "empty.docx", b""))


def test_random_bytes(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(4096)
    with pytest.raises(UnsupportedFormat, match=r"^unknown binary format$"):
        detect_kind(write(tmp_path, "blob.pdf", data))


@needs_corpus
def test_truncated_pdf_is_a_pdf_that_fails_to_extract(tmp_path: Path) -> None:
    data = (FILES / "vn-r044.pdf").read_bytes()
    path = write(tmp_path, "cut.pdf", data[: len(data) // 2])
    assert detect_kind(path) == "pdf"
    with pytest.raises(ExtractionError, match="truncated"):
        extract(path, limits=ExtractLimits())


@needs_corpus
def test_truncated_docx(tmp_path: Path) -> None:
    data = (FILES / "vn-r044.docx").read_bytes()
    with pytest.raises(UnsupportedFormat, match="truncated"):
        detect_kind(write(tmp_path, "cut.docx", data[: len(data) // 2]))


def test_xlsx_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "Số hồ sơ"
    path = tmp_path / "danh-sach.docx"
    book.save(path)
    with pytest.raises(UnsupportedFormat, match=r"^spreadsheet files are not supported$"):
        detect_kind(path)


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "odt"),
        ({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}, "docx"),
    ],
)
def test_office_packages(tmp_path: Path, members: dict[str, bytes], expected: str) -> None:
    assert detect_kind(write(tmp_path, "file.bin", zip_bytes(members))) == expected


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"ppt/presentation.xml": b"<x/>"}, "presentation files are not supported"),
        ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}, "spreadsheet"),
        ({"photo.jpg": b"\xff\xd8\xff"}, "ZIP archives are not supported"),
    ],
)
def test_other_zip_packages_are_refused(
    tmp_path: Path, members: dict[str, bytes], reason: str
) -> None:
    with pytest.raises(UnsupportedFormat, match=reason):
        detect_kind(write(tmp_path, "file.docx", zip_bytes(members)))


def test_word_97_document(tmp_path: Path) -> None:
    assert detect_kind(write(tmp_path, "old.pdf", ole2_bytes("WordDocument"))) == "doc"


def test_excel_97_workbook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="spreadsheet"):
        detect_kind(write(tmp_path, "old.doc", ole2_bytes("Workbook")))


def test_rtf(tmp_path: Path) -> None:
    assert detect_kind(write(tmp_path, "x.txt", b"{\\rtf1\\ansi Quy\\'ea\\'cc t \\par}")) == "rtf"


@pytest.mark.parametrize(("fmt", "kind"), [("JPEG", "jpeg"), ("PNG", "png"), ("TIFF", "tiff")])
def test_images_and_which(tmp_path: Path, fmt: str, kind: str) -> None:
    buffer = io.BytesIO()
    Image.new("L", (40, 20), 255).save(buffer, format=fmt)
    assert detect_kind(write(tmp_path, "scan.pdf", buffer.getvalue())) == kind


def test_gif_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("L", (40, 20), 255).save(buffer, format="GIF")
    with pytest.raises(UnsupportedFormat, match="image format"):
        detect_kind(write(tmp_path, "scan.png", buffer.getvalue()))


@pytest.mark.parametrize(
    "data",
    [
        "Cộng hòa xã hội chủ nghĩa Việt Nam\n".encode(),
        "Cộng hòa xã hội chủ nghĩa Việt Nam\n".encode("utf-16"),
        "Cong hoa xa hoi chu nghia Viet Nam\n".encode("utf-16-le"),
        b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam\r\n",  # VNI bytes
        b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\f\n",  # TCVN3 bytes
    ],
)
def test_text_in_any_encoding(tmp_path: Path, data: bytes) -> None:
    assert detect_kind(write(tmp_path, "doc.pdf", data)) == "txt"


def test_text_with_control_bytes_is_binary(tmp_path: Path) -> None:
    data = b"Header\x00\x01\x02\x03" * 50
    with pytest.raises(UnsupportedFormat, match="unknown binary format"):
        detect_kind(write(tmp_path, "doc.txt", data))


def test_pdf_header_after_junk(tmp_path: Path) -> None:
    assert detect_kind(write(tmp_path, "x", b"\r\n junk \n" + text_pdf(1))) == "pdf"


def test_damaged_docx_gets_a_reason(tmp_path: Path) -> None:
    data = zip_bytes({"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(ExtractionError, match=r"^DOCX is damaged: "):
        extract(write(tmp_path, "broken.docx", data), limits=ExtractLimits())


def test_truncated_png_gets_a_reason(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("L", (400, 300), 128).save(buffer, format="PNG")
    data = buffer.getvalue()
    with pytest.raises(ExtractionError, match=r"^image is damaged"):
        extract(write(tmp_path, "cut.png", data[: len(data) // 2]), limits=ExtractLimits())
