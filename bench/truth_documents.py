"""Ground-truth documents of the forms metadata extraction finds hard (issue 14).

    .venv/bin/python -m bench.generator --truth --out DIR [--seed 1]

Party reports and conclusions, inspection conclusions (KL-TTr), minutes, notices published
without a header, excerpts "(Trích báo cáo số ...)", untitled công văn numbered by a unit
("Số: 1234/NC"), and citizens' petitions of the four kinds with and without a "V/v" line or
a title. Subjects are long, so the PDF wraps them; each document is rendered to a text PDF
and to a scan or a DOCX. ``DIR/manifest.jsonl`` has the shared corpus's layout, so
``bench/extraction_eval.py --corpus DIR --all-files`` scores hoso on it.

Mentioned bodies are chosen here and recorded (``agencies_mentioned``); nothing is copied
from the shared corpus and all people are fictional.
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import vocabulary as vocab
from bench.generator import GeneratedDocument, Issuer, _Composer, _issuers, _printed_date

#: Bodies named in the texts, with the code hoso tags them with.
BODIES = {
    "Ban Nội chính Tỉnh ủy": "noi_chinh",
    "Ban Tổ chức Tỉnh ủy": "to_chuc",
    "Ban Dân vận Tỉnh ủy": "dan_van",
    "Ủy ban Kiểm tra Tỉnh ủy": "uy_ban_kiem_tra",
    "Viện kiểm sát nhân dân tỉnh": "vien_kiem_sat",
    "Tòa án nhân dân tỉnh": "toa_an",
    "Công an tỉnh": "cong_an",
    "Thanh tra tỉnh": "thanh_tra",
}
#: The code a header's issuing body is tagged with (by its number suffix).
ISSUER_CODES = {
    "BNCTU": "noi_chinh",
    "BTCTU": "to_chuc",
    "BTGTU": "tuyen_giao",
    "BDVTU": "dan_van",
    "UBKTTU": "uy_ban_kiem_tra",
    "VKS": "vien_kiem_sat",
    "TA": "toa_an",
    "CAT-PV01": "cong_an",
    "TTr": "thanh_tra",
}
PETITION_KINDS = {
    "don_khieu_nai": ("ĐƠN KHIẾU NẠI", "NGƯỜI KHIẾU NẠI", "Khiếu nại", "khiếu nại"),
    "don_to_cao": ("ĐƠN TỐ CÁO", "NGƯỜI TỐ CÁO", "Tố cáo", "tố cáo"),
    "don_kien_nghi": ("ĐƠN KIẾN NGHỊ", "NGƯỜI KIẾN NGHỊ", "Kiến nghị", "kiến nghị"),
    "don_phan_anh": ("ĐƠN PHẢN ÁNH", "NGƯỜI PHẢN ÁNH", "Phản ánh", "phản ánh"),
}


@dataclasses.dataclass
class TruthDocument:
    """A document to render, and its ground truth as the shared corpus's manifest has it."""

    document: GeneratedDocument
    truth: dict[str, Any]
    second_format: str  # "scan" | "docx"


class _Writer(_Composer):
    """Composes the hard forms; every builder returns one ``TruthDocument``."""

    def __init__(self, rng: random.Random, doc_id: str, second: str) -> None:
        super().__init__(rng, doc_id, 0.0)
        self.second = second
        self.issuers = _issuers(self.province, self.district)

    def pick(self, suffixes: tuple[str, ...]) -> Issuer:
        return self.rng.choice([i for i in self.issuers if i.suffix in suffixes])

    def mention(self) -> tuple[str, str]:
        name = self.rng.choice(list(BODIES))
        return name, BODIES[name]

    def make(self, document: GeneratedDocument, agencies: set[str], **truth: Any) -> TruthDocument:
        fields = {
            "doc_type": document.doc_type,
            "number": document.number,
            "issued_date": document.issued_date.isoformat(),
            "place": document.place,
            "issuer": document.issuer,
            "subject": document.subject,
            "signer": document.signer,
        } | truth
        fields["agencies_mentioned"] = sorted(agencies)
        return TruthDocument(document, fields, self.second)

    def official(
        self,
        *,
        code: str,
        title: str | None,
        symbol: str,
        issuer: Issuer,
        subject: str,
        body: list[str],
        agencies: set[str],
    ) -> TruthDocument:
        """A numbered document of a body: header, title, wrapped subject, body, signature."""
        rng, issued = self.rng, self.date()
        serial = rng.randint(1, 899)
        if issuer.party:
            number = f"{serial}-{symbol}/{issuer.suffix}"
        elif symbol:
            number = f"{serial}/{symbol}-{issuer.suffix}"
        else:
            number = f"{serial}/{rng.choice(('NC', 'TCD', 'VP'))}"
        left = [*issuer.lines, "*" if issuer.party else "-------"]
        left.append(f"Số {number}" if issuer.party else f"Số: {number}")
        if title is None:
            left.append(subject)
        motto = (
            ["ĐẢNG CỘNG SẢN VIỆT NAM", "---------------"]
            if issuer.party
            else [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "---------------",
            ]
        )
        signer = self.person()
        signature = [issuer.collective] if issuer.collective else []
        signature += [issuer.head, "(Đã ký)", signer]
        document = GeneratedDocument(
            id=self.id,
            format="pdf",
            doc_type=code,
            number=number,
            issued_date=issued,
            place=issuer.place,
            issuer=" ".join(issuer.lines),
            subject=subject,
            signer=signer,
            pages=1,
            header_left=left,
            header_right=[*motto, f"{issuer.place}, {_printed_date(issued, rng)}"],
            title=title,
            subject_lines=[] if title is None else [subject],
            body=body,
            recipients=["Nơi nhận:", "- Như trên;", "- Lưu: VT."],
            signature=signature,
        )
        codes = agencies | (
            {ISSUER_CODES[issuer.suffix]} if issuer.suffix in ISSUER_CODES else set()
        )
        return self.make(document, codes)

    def paragraph_about(self, topic: str) -> tuple[str, set[str]]:
        name, code = self.mention()
        text = (
            f"{name} đã phối hợp chặt chẽ với các cơ quan, đơn vị liên quan trong {topic}; "
            f"kết quả cụ thể được tổng hợp tại phụ lục kèm theo."
        )
        return text, {code}

    # -- the forms -------------------------------------------------------------------------
    def party_report(self) -> TruthDocument:
        topic, _ = self.rng.choice(vocab.TOPICS)
        issuer = self.pick(("BNCTU", "BTCTU", "BDVTU", "UBKTTU", "TU", "HU"))
        year = self.year
        subject = (
            f"Kết quả thực hiện {topic} và việc lãnh đạo, chỉ đạo xử lý các vụ việc phức tạp "
            f"của cấp ủy, tổ chức đảng năm {year}, phương hướng nhiệm vụ năm {year + 1}"
        )
        text, codes = self.paragraph_about(topic)
        body = [
            "I. TÌNH HÌNH CHUNG",
            text,
            "II. NHIỆM VỤ TRỌNG TÂM",
            f"Tiếp tục thực hiện {topic} theo chương trình công tác năm {year + 1}.",
        ]
        return self.official(
            code="bao_cao",
            title="BÁO CÁO",
            symbol="BC",
            issuer=issuer,
            subject=subject,
            body=body,
            agencies=codes,
        )

    def party_conclusion(self) -> TruthDocument:
        topic, _ = self.rng.choice(vocab.TOPICS)
        issuer = self.pick(("TU", "HU"))
        subject = (
            f"Kết luận của Ban Thường vụ về kết quả kiểm tra việc lãnh đạo, chỉ đạo {topic} "
            f"đối với Ban Thường vụ Đảng ủy xã {self.rng.choice(vocab.COMMUNES)}"
        )
        text, codes = self.paragraph_about(topic)
        body = [
            f"Ngày {self.rng.randint(1, 28)}/{self.rng.randint(1, 12)}/{self.year}, Ban "
            "Thường vụ đã họp, nghe báo cáo kết quả kiểm tra và kết luận như sau:",
            f"1. {text}",
            "2. Yêu cầu các tổ chức đảng khắc phục hạn chế đã chỉ ra.",
        ]
        return self.official(
            code="other",
            title="KẾT LUẬN",
            symbol="KL",
            issuer=issuer,
            subject=subject,
            body=body,
            agencies=codes,
        )

    def inspection_conclusion(self) -> TruthDocument:
        topic, _ = self.rng.choice(vocab.TOPICS)
        issuer = self.pick(("TTr",))
        unit = self.unit()
        subject = f"Thanh tra việc chấp hành chính sách, pháp luật trong {topic} tại {unit}"
        body = [
            f"Thực hiện Quyết định số {self.rng.randint(10, 300)}/QĐ-TTr ngày "
            f"{self.rng.randint(1, 28)}/{self.rng.randint(1, 12)}/{self.year} của Chánh Thanh "
            f"tra về thanh tra tại {unit}, Đoàn thanh tra đã tiến hành thanh tra.",
            "I. KẾT QUẢ KIỂM TRA, XÁC MINH",
            "Đơn vị cơ bản chấp hành đúng quy định.",
        ]
        title = self.rng.choice(("KẾT LUẬN THANH TRA", "KẾT LUẬN"))
        return self.official(
            code="ket_luan_thanh_tra",
            title=title,
            symbol="KL",
            issuer=issuer,
            subject=subject,
            body=body,
            agencies=set(),
        )

    def minutes(self) -> TruthDocument:
        topic, _ = self.rng.choice(vocab.TOPICS)
        issuer = self.pick(("BNCTU", "TTr", "VKS", "UBND"))
        subject = f"Làm việc giữa đoàn kiểm tra và {self.unit()} về {topic}"
        name, code = self.mention()
        body = [
            f"Hôm nay, vào hồi {self.rng.randint(7, 15)} giờ 00 phút, tại trụ sở {name}, "
            f"chúng tôi gồm: ông {self.person()}, bà {self.person()}.",
            "Biên bản kết thúc cùng ngày, đã đọc lại cho các thành phần cùng nghe.",
        ]
        return self.official(
            code="bien_ban",
            title="BIÊN BẢN",
            symbol="BB",
            issuer=issuer,
            subject=subject,
            body=body,
            agencies={code},
        )

    def unit_cong_van(self) -> TruthDocument:
        topic, _ = self.rng.choice(vocab.TOPICS)
        issuer = self.pick(("UBND",))
        plan = f"Kế hoạch số {self.rng.randint(5, 99)}/KH-UBND"
        subject = f"V/v báo cáo kết quả thực hiện {topic} theo {plan}"
        name, code = self.mention()
        body = [
            f"Kính gửi: {name}",
            f"Thực hiện đề nghị của {name}, Ủy ban nhân dân báo "
            f"cáo kết quả thực hiện {topic} như sau.",
        ]
        return self.official(
            code="cong_van",
            title=None,
            symbol="",
            issuer=issuer,
            subject=subject,
            body=body,
            agencies={code},
        )

    def headerless_notice(self) -> TruthDocument:
        issued = self.date()
        who = self.rng.choice(
            (
                f"Chủ tịch Ủy ban nhân dân huyện {self.district}",
                "Bí thư Tỉnh ủy",
                "Chánh Thanh tra tỉnh",
            )
        )
        heading = f"Lịch tiếp công dân định kỳ của {who} tháng {issued.month} năm {issued.year}"
        body = [
            f"Ban Tiếp công dân thông báo lịch tiếp công dân định kỳ của {who} như sau:",
            f"- Thời gian: ngày {issued.day} tháng {issued.month} năm {issued.year}.",
            "- Địa điểm: Trụ sở Ban Tiếp công dân.",
        ]
        document = GeneratedDocument(
            id=self.id,
            format="pdf",
            doc_type="thong_bao",
            number=None,
            issued_date=issued,
            place="",
            issuer="",
            subject=heading,
            signer="",
            pages=1,
            header_left=[],
            header_right=[],
            title=None,
            subject_lines=[heading],
            body=body,
        )
        agencies = {"thanh_tra"} if "Thanh tra" in who else set()
        return self.make(
            document, agencies, number=None, issued_date=None, place=None, issuer=None, signer=None
        )

    def excerpt(self) -> TruthDocument:
        topic, _ = self.rng.choice(vocab.TOPICS)
        issued = self.date()
        number = f"{self.rng.randint(5, 300)}/BC-TTr"
        by = f"Thanh tra huyện {self.district}"
        heading = f"Kết quả thanh tra {topic} tại {self.unit()}"
        quoted = (
            f"(Trích báo cáo số {number} ngày {issued.day}/{issued.month}/{issued.year} của {by})"
        )
        body = [quoted, "Qua thanh tra cho thấy đơn vị còn một số tồn tại, hạn chế cần khắc phục."]
        document = GeneratedDocument(
            id=self.id,
            format="pdf",
            doc_type="bao_cao",
            number=number,
            issued_date=issued,
            place="",
            issuer=by,
            subject=heading,
            signer="",
            pages=1,
            header_left=[],
            header_right=[],
            title=None,
            subject_lines=[heading],
            body=body,
        )
        return self.make(document, {"thanh_tra"}, place=None, signer=None)

    def petition(self, code: str, *, vv: bool, titled: bool) -> TruthDocument:
        rng, issued = self.rng, self.date()
        title, signs, verb, verb_lower = PETITION_KINDS[code]
        person, commune = self.person(), rng.choice(vocab.COMMUNES)
        grievance = rng.choice(vocab.GRIEVANCES).format(area=rng.randint(50, 900), commune=commune)
        name, agency = self.mention()
        lines = [
            f"Kính gửi: {name}",
            f"Tôi tên là: {person}, sinh năm {rng.randint(1950, 1995)}",
            f"Địa chỉ: thôn {rng.randint(1, 12)}, xã {commune}, huyện {self.district}.",
        ]
        if vv:
            subject_lines = [f"(V/v: {grievance})"]
            subject = f"{verb} về việc {grievance}"
            lines.append(f"Tôi làm đơn này {verb_lower} việc nêu trên, cụ thể như sau.")
        else:
            subject_lines = []
            subject = f"{verb} việc {grievance}"
            lines.append(f"Tôi xin {verb_lower}: việc {grievance}.")
        lines.append("Tôi cam đoan những nội dung trình bày trên là đúng sự thật.")
        motto = [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "---------------",
            f"{self.province}, {_printed_date(issued, rng)}",
        ]
        document = GeneratedDocument(
            id=self.id,
            format="pdf",
            doc_type=code,
            number=None,
            issued_date=issued,
            place=self.province,
            issuer=person,
            subject=subject,
            signer=person,
            pages=1,
            header_left=[],
            header_right=motto,
            title=title if titled else None,
            subject_lines=subject_lines,
            body=lines,
            signature=[signs, "(Ký, ghi rõ họ tên)", person],
        )
        return self.make(document, {agency}, number=None)


def _forms() -> list[Callable[[_Writer], TruthDocument]]:
    forms: list[Callable[[_Writer], TruthDocument]] = []
    forms += [_Writer.party_report] * 6 + [_Writer.party_conclusion] * 5
    forms += [_Writer.inspection_conclusion] * 5 + [_Writer.minutes] * 5
    forms += [_Writer.unit_cong_van] * 5 + [_Writer.headerless_notice] * 5
    forms += [_Writer.excerpt] * 5
    for code in PETITION_KINDS:
        forms.append(lambda w, c=code: w.petition(c, vv=True, titled=True))
        forms.append(lambda w, c=code: w.petition(c, vv=False, titled=True))
        forms.append(lambda w, c=code: w.petition(c, vv=False, titled=False))
    return forms


def truth_documents(seed: int) -> list[TruthDocument]:
    """The ground-truth set of ``seed``: 48 documents, every third also scanned."""
    out = []
    for index, form in enumerate(_forms()):
        rng = random.Random(f"hoso-truth/{seed}/{index}")
        second = "scan" if index % 3 == 0 else "docx"
        out.append(form(_Writer(rng, f"t{seed}-{index:03d}", second)))
    return out


def write_truth(seed: int, out: Path) -> Path:
    """Render the set into ``out`` (files/, texts/, manifest.jsonl); return the manifest."""
    from bench.render import render  # reportlab is needed only to write files

    files, texts = out / "files", out / "texts"
    files.mkdir(parents=True, exist_ok=True)
    texts.mkdir(parents=True, exist_ok=True)
    rows = []
    for item in truth_documents(seed):
        document = item.document
        (texts / f"{document.id}.txt").write_text(document.text + "\n", encoding="utf-8")
        rendered = []
        for fmt in ("pdf", item.second_format):
            path, _ = render(dataclasses.replace(document, format=fmt), files)
            kind = {"pdf": "pdf", "docx": "docx", "scan": "pdf_scanned"}[fmt]
            rendered.append(
                {
                    "path": f"files/{path.name}",
                    "format": kind,
                    "encoding": "unicode",
                    "primary": fmt == "pdf",
                }
            )
        row = {
            "id": document.id,
            "synthetic": True,
            **item.truth,
            "text_file": f"texts/{document.id}.txt",
            "files": rendered,
        }
        rows.append(json.dumps(row, ensure_ascii=False) + "\n")
    manifest = out / "manifest.jsonl"
    manifest.write_text("".join(rows), encoding="utf-8")
    return manifest
