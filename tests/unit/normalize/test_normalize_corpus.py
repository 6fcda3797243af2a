"""Legacy and decomposed corpus files must come back as the ground-truth text."""

import difflib
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from indexer.normalize import decode_bytes, decode_run, normalize_text, repair
from tests.support.corpus import CORPUS

FILES = CORPUS / "files"

pytestmark = pytest.mark.skipif(not FILES.is_dir(), reason="corpus not available")


def corpus_files(pattern: str) -> list[Path]:
    return sorted(FILES.glob(pattern)) if FILES.is_dir() else []


def ground_truth(path: Path) -> str:
    doc_id = path.name.split(".")[0]
    return normalize_text((CORPUS / "texts" / f"{doc_id}.txt").read_text("utf-8"))


def run_font(run, paragraph) -> str | None:
    """The run's font: its own rFonts (ascii, then hAnsi), else the paragraph style chain's."""
    if run.font.name:
        return run.font.name
    properties = run._element.rPr
    if properties is not None and properties.rFonts is not None:
        for attribute in ("w:ascii", "w:hAnsi"):
            name = properties.rFonts.get(qn(attribute))
            if name:
                return name
    style = paragraph.style
    while style is not None:
        if style.font.name:
            return style.font.name
        style = style.base_style
    return None


def docx_lines(path: Path) -> tuple[list[str], set[str | None]]:
    document = docx.Document(str(path))
    paragraphs = [
        paragraph
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
    ] + list(document.paragraphs)
    lines, encodings = [], set()
    for paragraph in paragraphs:
        parts = []
        for run in paragraph.runs:
            text, encoding = decode_run(run.text, run_font(run, paragraph))
            parts.append(text)
            encodings.add(encoding)
        lines.append("".join(parts))
    return lines, encodings


def nonblank_lines(text: str) -> list[str]:
    return sorted(line.strip() for line in text.split("\n") if line.strip())


@pytest.mark.parametrize("path", corpus_files("*.vni.txt"), ids=lambda p: p.name)
def test_vni_txt(path):
    text, encoding = decode_bytes(path.read_bytes())
    assert encoding == "vni"
    assert normalize_text(text) == ground_truth(path)


@pytest.mark.parametrize("path", corpus_files("*.nfd.txt"), ids=lambda p: p.name)
def test_nfd_txt(path):
    text, encoding = decode_bytes(path.read_bytes())
    assert encoding == "utf-8"
    assert normalize_text(text) == ground_truth(path)


@pytest.mark.parametrize(
    "path", corpus_files("*.tcvn3.docx") + corpus_files("*.vni.docx"), ids=lambda p: p.name
)
def test_legacy_docx(path):
    lines, encodings = docx_lines(path)
    assert encodings - {None} == {path.name.split(".")[1]}
    # The header table is read cell by cell, the ground truth pairs its two columns line by
    # line, so the lines are compared as a multiset.
    got = nonblank_lines(normalize_text("\n".join(lines)))
    expected = nonblank_lines(ground_truth(path))
    matcher = difflib.SequenceMatcher(None, "\n".join(got), "\n".join(expected), autojunk=False)
    print(f"\n{path.name}: character accuracy {matcher.ratio():.4f}")
    assert got == expected


@pytest.mark.parametrize(
    "path", corpus_files("*.tcvn3.docx") + corpus_files("*.vni.docx"), ids=lambda p: p.name
)
def test_legacy_docx_text_without_fonts_is_detected(path):
    """Text pasted out of a legacy file loses its fonts; detection must still decode it.

    TCVN3 loses the capitals that only the .VnTimeH font gave, so compare lower-cased.
    """
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join(cells + [paragraph.text for paragraph in document.paragraphs])
    repaired, encoding = repair(text)
    assert encoding == path.name.split(".")[1]
    got = nonblank_lines(normalize_text(repaired).lower())
    expected = nonblank_lines(ground_truth(path).lower())
    assert got == expected
