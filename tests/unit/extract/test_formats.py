"""The format registry: every declaration is complete and agrees with detection and
extraction, and reading the table loads no parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from indexer.extract import ExtractLimits, extract
from indexer.extract.detect import detect_kind
from indexer.extract.formats import BY_KIND, FORMATS, LABELS, MIMETYPES, PREVIEW_KINDS


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
