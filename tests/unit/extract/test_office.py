"""DOC, ODT and RTF go through LibreOffice to DOCX; without LibreOffice they are refused."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from indexer.extract import ExtractionError, ExtractLimits, UnsupportedFormat, extract
from tests.unit.extract.accuracy import char_accuracy
from tests.unit.extract.corpus import FILES, needs_corpus, truth

LIMITS = ExtractLimits()
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Corpus DOCX files saved by LibreOffice as .doc, .odt and .rtf (under neutral names)."""
    out = tmp_path_factory.mktemp("office")
    sources = [FILES / "vn-r044.docx", FILES / "vn-r008.tcvn3.docx"]
    for fmt in ("doc", "odt", "rtf"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
             "--convert-to", fmt, "--outdir", str(out), *map(str, sources)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    return out


@needs_corpus
@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
def test_converted_formats(converted: Path, fmt: str, tmp_path: Path) -> None:
    renamed = tmp_path / "upload.bin"
    shutil.copy(converted / f"vn-r044.{fmt}", renamed)
    result = extract(renamed, limits=LIMITS)
    assert result.kind == fmt
    assert char_accuracy(result.text, truth("vn-r044")) >= 0.99
    assert "Số: 3889/QĐ-UBND" in (result.header_left or "")


@needs_corpus
@needs_soffice
@pytest.mark.slow
def test_legacy_doc_keeps_its_fonts(converted: Path) -> None:
    result = extract(converted / "vn-r008.tcvn3.doc", limits=LIMITS)
    assert result.kind == "doc" and result.source_encoding == "tcvn3"
    assert char_accuracy(result.text, truth("vn-r008")) >= 0.99


def test_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("indexer.extract.office.shutil.which", lambda name: None)
    path = tmp_path / "letter.rtf"
    path.write_bytes(b"{\\rtf1\\ansi C\\'f4ng v\\'e3n\\par}")
    with pytest.raises(UnsupportedFormat) as caught:
        extract(path, limits=LIMITS)
    assert str(caught.value) == "RTF files need LibreOffice, which is not installed"


@needs_soffice
def test_conversion_timeout(tmp_path: Path) -> None:
    path = tmp_path / "letter.rtf"
    path.write_bytes(b"{\\rtf1\\ansi C\\'f4ng v\\'e3n\\par}")
    with pytest.raises(ExtractionError) as caught:
        extract(path, limits=ExtractLimits(convert_timeout_s=0.01))
    assert str(caught.value) == "converting the RTF file took longer than 0.01 s"
