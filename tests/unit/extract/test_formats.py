"""The format registry: every declaration is complete and agrees with detection and
extraction, and reading the table loads no parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from indexer.extract import ExtractLimits, extract
from indexer.extract.detect import detect_kind
from indexer.extract.formats import (
    BY_KIND,
    FORMATS,
    LABELS,
    MIMETYPES,
    PREVIEW_KINDS,
    REDACTABLE_KINDS,
    mimetype_for,
)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda fmt: fmt.kind)
def test_each_format_names_an_extractor_that_exists(fmt):
    fmt.load()


def test_samples_are_detected_as_their_format_and_extracted(tmp_path):
    written = [(fmt, path) for fmt in FORMATS for path in fmt.write_samples(tmp_path)]
    assert written
    for fmt, path in written:
        assert detect_kind(path) == fmt.kind
        result = extract(path, limits=ExtractLimits())
        assert result.kind == (fmt.stored.kind if fmt.stored else fmt.kind)
        assert "".join(result.pages).strip()


def test_every_kind_a_document_records_has_a_label_and_images_a_preview():
    recorded = {fmt.stored.kind if fmt.stored else fmt.kind for fmt in FORMATS}
    assert recorded <= set(LABELS)
    assert "image" in PREVIEW_KINDS and "pdf" in PREVIEW_KINDS
    assert set(MIMETYPES) == set(BY_KIND)


def test_a_recorded_image_can_be_redacted_and_is_served_as_its_image_type():
    """Scans are recorded as ``image`` whatever their format; the kind a document records
    is what the redaction page and the download read."""
    assert "image" in REDACTABLE_KINDS
    assert mimetype_for("image", "don-to-cao.JPG") == "image/jpeg"
    assert mimetype_for("image", "trang-1.png") == "image/png"
    assert mimetype_for("image", "ban-chup.tif") == "image/tiff"
    assert mimetype_for("pdf", "x.html") == "application/pdf"


@pytest.mark.parametrize("filename", ["anh.html", "anh.svg", "anh", "anh.pdf"])
def test_a_file_name_never_chooses_a_type_outside_the_recorded_formats(filename):
    assert mimetype_for("image", filename) == "application/octet-stream"
    assert mimetype_for(None, filename) == "application/octet-stream"


def test_reading_the_table_imports_no_parser():
    """The web app and the preview and redaction children read it on every start."""
    code = (
        "import sys, indexer.extract.formats, indexer.preview, indexer.redaction\n"
        "heavy = ('pdfminer.high_level', 'docx', 'bs4', 'indexer.extract.ocr')\n"
        "print(','.join(name for name in heavy if name in sys.modules))"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
