"""DOCX structure: block order, tables, text boxes, page headers and footers, page breaks,
fonts inherited from styles."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from indexer.extract import ExtractLimits, extract

LIMITS = ExtractLimits()

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
VML_TEXT_BOX = (
    f"<w:r {NAMESPACES}><w:pict><v:shape><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>MẬT</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
)
# Word writes a DrawingML text box and its VML copy for old readers; the text counts once.
ALTERNATE_TEXT_BOX = (
    f"<w:r {NAMESPACES}><mc:AlternateContent>"
    "<mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent>"
    "<w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>"
    "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>"
    "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def header_table(document: docx.document.Document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def save(document: docx.document.Document, tmp_path: Path) -> Path:
    path = tmp_path / "test.docx"
    document.save(path)
    return path


def test_blocks_in_document_order_with_tables_boxes_and_page_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Văn phòng Tỉnh ủy"
    document.sections[0].footer.paragraphs[0].text = "Chân trang"
    document.add_paragraph()._p.append(parse_xml(VML_TEXT_BOX))  # a stamp above the header
    header_table(
        document,
        ["TỈNH ỦY THÁI BÌNH", "BAN NỘI CHÍNH", "*", "Số 12-BC/BNCTU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Thái Bình, ngày 05 tháng 3 năm 2024"],
    )
    document.add_paragraph()._p.append(parse_xml(ALTERNATE_TEXT_BOX))
    document.add_paragraph("BÁO CÁO")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Đơn vị", "Số vụ"
    table.cell(1, 0).text, table.cell(1, 1).text = "Công an tỉnh", "7"
    broken = document.add_paragraph("Hết trang một.")
    broken.add_run().add_break(WD_BREAK.PAGE)
    broken.add_run("Đầu trang hai.")
    document.add_paragraph("Trang ba.").paragraph_format.page_break_before = True

    result = extract(save(document, tmp_path), limits=LIMITS)

    assert result.kind == "docx"
    assert result.header_left == "TỈNH ỦY THÁI BÌNH\nBAN NỘI CHÍNH\n*\nSố 12-BC/BNCTU"
    assert result.header_right == "ĐẢNG CỘNG SẢN VIỆT NAM\nThái Bình, ngày 05 tháng 3 năm 2024"
    assert result.pages == [
        "Văn phòng Tỉnh ủy\n"
        "TỈNH ỦY THÁI BÌNH\nBAN NỘI CHÍNH\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số 12-BC/BNCTU\nThái Bình, ngày 05 tháng 3 năm 2024\n"
        "MẬT\n\nDỰ THẢO\n\nBÁO CÁO\nĐơn vị\nSố vụ\nCông an tỉnh\n7\nHết trang một.",
        "Đầu trang hai.",
        "Trang ba.\nChân trang",
    ]


def test_a_first_table_that_is_not_a_header(tmp_path: Path) -> None:
    document = docx.Document()
    header_table(document, ["Họ và tên", "Nguyễn Văn Mẫu"], ["Địa chỉ", "xã An Giả"])
    result = extract(save(document, tmp_path), limits=LIMITS)
    assert result.header_left is None and result.header_right is None
    assert result.text == "Họ và tên\nNguyễn Văn Mẫu\nĐịa chỉ\nxã An Giả"


def legacy_document() -> docx.document.Document:
    document = docx.Document()
    vni = document.styles.add_style("VNI body", WD_STYLE_TYPE.PARAGRAPH)
    vni.font.name = "VNI-Times"
    caps = document.styles.add_style("ABC capitals", WD_STYLE_TYPE.CHARACTER)
    caps.font.name = ".VnTimeH"
    based = document.styles.add_style("ABC capitals bold", WD_STYLE_TYPE.CHARACTER)
    based.base_style = caps
    based.font.bold = True
    document.add_paragraph("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", style=vni)
    title = document.add_paragraph()
    title.add_run("quyÕt ®Þnh", style=based)
    mixed = document.add_paragraph()
    mixed.add_run("Sè: ").font.name = ".VnTime"
    mixed.add_run("12/QĐ-UBND")
    return document


def test_legacy_fonts_from_run_paragraph_and_character_styles(tmp_path: Path) -> None:
    result = extract(save(legacy_document(), tmp_path), limits=LIMITS)
    assert result.text == "Cộng hòa xã hội chủ nghĩa Việt Nam\nQUYẾT ĐỊNH\nSố: 12/QĐ-UBND"
    assert result.source_encoding in ("vni", "tcvn3")


def test_legacy_font_from_document_defaults(tmp_path: Path) -> None:
    document = docx.Document()
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    fonts = defaults.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    fonts.set(qn("w:ascii"), ".VnTime")
    fonts.set(qn("w:hAnsi"), ".VnTime")
    normal = document.styles["Normal"].element.find(qn("w:rPr"))
    if normal is not None:
        normal.remove(normal.find(qn("w:rFonts")))
    document.add_paragraph("Uû ban nh©n d©n tØnh Th¸i B×nh")
    result = extract(save(document, tmp_path), limits=LIMITS)
    assert result.text == "Uỷ ban nhân dân tỉnh Thái Bình"  # as printed; tones unified at indexing
    assert result.source_encoding == "tcvn3"


@pytest.mark.parametrize(
    "run_xml",
    ["<w:t>Thñ t\u00adíng</w:t>", "<w:t>Thñ t</w:t><w:softHyphen/><w:t>íng</w:t>"],
    ids=["character", "element"],
)
def test_tcvn3_soft_hyphen_is_the_letter_u_horn(tmp_path: Path, run_xml: str) -> None:
    document = docx.Document()
    document.add_paragraph()._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')}><w:rPr><w:rFonts w:ascii='.VnTime' w:hAnsi='.VnTime'/>"
            f"</w:rPr>{run_xml}</w:r>"
        )
    )
    assert extract(save(document, tmp_path), limits=LIMITS).text == "Thủ tướng"
