"""Redacted copies: what is hidden leaves no text behind; what is not stays as it was."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pytest
from pdfminer.high_level import extract_text
from PIL import Image
from werkzeug.datastructures import MultiDict

from indexer.normalize import fold
from indexer.redaction import Plan, RedactionError, Region, redact, suggest_regions
from records.models import Petitioner
from records.petitions.identity import identity_patterns
from tests.support.pdfs import PAGE_HEIGHT, lines_pdf

NAME = b"Nguoi to cao: Tran Thi Bich Ngoc"
#: The name's line: baseline 60 pt from the top, 12 pt text -> 4.5 % to 7.6 % of the page.
NAME_REGION = Region(page=1, left=0, top=4.5, width=100, height=3.5)


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.pdf"
    path.write_bytes(
        lines_pdf(
            [
                [(60, NAME), (400, b"Noi dung: sai pham trong giao dat")],
                [(60, b"Trang hai: tai lieu kem theo")],
                [(60, b"Chu ky: Tran Thi Bich Ngoc CCCD 001234567890")],
            ]
        )
    )
    return path


def text_of(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    count = len(document)
    document.close()
    return [extract_text(io.BytesIO(pdf), page_numbers=[n]) for n in range(count)]


def test_regions_and_pages_lose_their_text_other_pages_keep_it(letter: Path) -> None:
    assert "Bich Ngoc" in extract_text(letter)
    copy = redact(letter, "pdf", Plan(frozenset({3}), (NAME_REGION,)))
    pages = text_of(copy)
    assert len(pages) == 3
    assert "Bich Ngoc" not in "".join(pages) and "001234567890" not in "".join(pages)
    assert "Trang hai: tai lieu kem theo" in pages[1]  # untouched page: its text layer kept
    assert pages[0].strip() == ""  # a redacted page is an image: no text layer at all


def test_region_is_black_and_the_rest_of_the_page_is_not(letter: Path) -> None:
    copy = pypdfium2.PdfDocument(redact(letter, "pdf", Plan(regions=(NAME_REGION,))))
    page = copy[0]
    assert round(page.get_height()) == PAGE_HEIGHT  # same page size as the original
    image = page.render(scale=1).to_pil().convert("L")
    width, height = image.size
    assert image.getpixel((width // 2, int(height * 0.06))) < 30  # inside the box
    line = [image.getpixel((x, int(height * (400 - 4) / PAGE_HEIGHT))) for x in range(width)]
    assert min(line) < 128  # the line below the box is still printed
    copy.close()


def test_an_image_becomes_a_pdf_with_its_regions_blacked_out(tmp_path: Path) -> None:
    """A scan is recorded as kind ``image`` (whatever its format): the kind the web passes."""
    source = tmp_path / "scan.png"
    Image.new("RGB", (400, 600), "white").save(source)
    plan = Plan(regions=(Region(1, 0, 0, 50, 50),))
    copy = pypdfium2.PdfDocument(redact(source, "image", plan))
    image = copy[0].render(scale=1).to_pil().convert("L")
    assert (
        image.getpixel((10, 10)) < 30
        and image.getpixel((image.width - 10, image.height - 10)) > 200
    )
    copy.close()


def test_refusals_say_what_is_wrong(letter: Path, tmp_path: Path) -> None:
    with pytest.raises(RedactionError, match="no page 9"):
        redact(letter, "pdf", Plan(frozenset({9})))
    with pytest.raises(RedactionError, match="nothing to redact"):
        redact(letter, "pdf", Plan())
    with pytest.raises(RedactionError, match="kind 'docx'"):
        redact(letter, "docx", Plan(frozenset({1})))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")
    with pytest.raises(RedactionError, match="could not be processed"):
        redact(broken, "pdf", Plan(frozenset({1})))


def patterns_of(name: str, id_number: str = "", phone: str = "") -> list[str]:
    person = Petitioner(name=name, address="", id_number=id_number, phone=phone)
    return identity_patterns([person], fold)


def test_suggested_regions_cover_the_name_wherever_printed(letter: Path) -> None:
    found = suggest_regions(letter, patterns_of("Trần Thị Bích Ngọc", "001234567890"))
    assert [r.page for r in found] == [1, 3, 3]
    copy = redact(letter, "pdf", Plan(regions=tuple(found)))
    image = pypdfium2.PdfDocument(copy)[0].render(scale=1).to_pil().convert("L")
    name = found[0]
    x0, y0, x1, y1 = name.box(*image.size)
    assert image.getpixel(((x0 + x1) // 2, (y0 + y1) // 2)) < 30  # the name is black
    label = image.crop((0, y0, x0 - 2, y1))  # "Nguoi to cao:" before it is still printed
    darkest, lightest = label.getextrema()
    assert darkest < 128 and lightest > 200


def test_suggested_regions_find_the_forms_the_masking_finds(tmp_path: Path) -> None:
    """Upper case, no diacritics, a title with a part of the name, initials, and numbers
    with separators or in the international form: each line printed once, each found."""
    lines = [
        b"NGUOI TO CAO: TRAN THI BICH NGOC",
        b"Kinh gui: Ba Ngoc xin trinh bay",
        b"Ky ten: T.T.B.Ngoc",
        b"So CCCD: 001 234 567 890",
        b"Dien thoai: +84987654321 hoac 0987.654.321",
        b"Noi dung: sai pham trong giao dat",
    ]
    path = tmp_path / "forms.pdf"
    path.write_bytes(lines_pdf([[(60 + 20 * i, text) for i, text in enumerate(lines)]]))
    found = suggest_regions(path, patterns_of("Trần Thị Bích Ngọc", "001234567890", "0987654321"))
    # Baselines 20 pt apart: a region's top (percent of the page) says which line it covers.
    covered = sorted({round((r.top / 100 * PAGE_HEIGHT - 50) / 20) for r in found})
    assert covered == [0, 1, 2, 3, 4]
    assert len([r for r in found if round((r.top / 100 * PAGE_HEIGHT - 50) / 20) == 4]) == 2
    title = next(r for r in found if round((r.top / 100 * PAGE_HEIGHT - 50) / 20) == 1)
    assert title.left > 15  # "Ngoc" after "Kinh gui: Ba", not the title itself


def test_form_input_is_parsed_or_refused_with_the_line_at_fault() -> None:
    from webapp.blueprints.redactions import FormProblem, plan_from_form

    plan = plan_from_form(MultiDict({"pages": "1, 3-4", "regions": "2 10 5 60 4\n\n2;0;0;5;5"}), 5)
    assert plan.pages == {1, 3, 4}
    assert plan.regions == (Region(2, 10, 5, 60, 4), Region(2, 0, 0, 5, 5))
    for form in (
        {"pages": "7"},
        {"pages": "a"},
        {"regions": "1 10 5 60"},
        {"regions": "1 10 5 160 4"},
        {"regions": "6 10 5 10 4"},
        {},
    ):
        with pytest.raises(FormProblem):
            plan_from_form(MultiDict(form), 5)
