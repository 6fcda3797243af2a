"""Realistic Vietnamese administrative documents at any scale, deterministic from a seed.

    .venv/bin/python -m bench.generator --seed 1 --count 1000 --out DIR [--scan-share 0.05]
        [--jobs 2]

Writes ``DIR/files/<id>.pdf`` (text layer), ``<id>.docx`` and ``<id>.scan.pdf`` (image-only,
needs OCR), and ``DIR/manifest.jsonl``: one ground-truth line per file (number, date,
issuer, type, subject, place, signer, pages, format). The documents follow the layout of
the shared corpus (two-column header with the issuing body and the national or Party
motto, number line, place and date, type title, subject, body with sections or articles,
recipients and signature block) and the nine bodies of a provincial internal-affairs
commission and district bodies, composed from bench/vocabulary.py.

:func:`documents` yields the same documents' fields and text without rendering any file
(about a millisecond each): the search benchmark indexes them straight into the database.
Document ``i`` of seed ``s`` is the same whatever ``count`` or ``jobs`` is.

``--truth`` writes instead the ground-truth set of forms metadata extraction finds hard
(bench/truth_documents.py), in the shared corpus's layout for bench/extraction_eval.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import vocabulary as vocab

#: Characters of body text that fill one A4 page as bench/render.py lays it out.
CHARS_PER_PAGE = 2900
#: Share of documents of each length in pages (most administrative documents are short).
PAGE_WEIGHTS = {1: 30, 2: 24, 3: 16, 4: 10, 5: 7, 6: 4, 7: 3, 8: 2, 9: 2, 10: 2}
#: Share of text PDFs among the documents that are not scans (the rest are DOCX).
PDF_SHARE = 0.6
#: Scans are short: OCR of one page costs seconds.
SCAN_MAX_PAGES = 2
FIRST_YEAR, LAST_YEAR = 2016, 2025


@dataclass(frozen=True)
class Kind:
    """A document type: its code, printed title and number symbol."""

    code: str
    title: str | None
    symbol: str
    weight: int


KINDS = (
    Kind("bao_cao", "BÁO CÁO", "BC", 22),
    Kind("cong_van", None, "CV", 16),
    Kind("quyet_dinh", "QUYẾT ĐỊNH", "QĐ", 14),
    Kind("ke_hoach", "KẾ HOẠCH", "KH", 8),
    Kind("thong_bao", "THÔNG BÁO", "TB", 7),
    Kind("chi_thi", "CHỈ THỊ", "CT", 4),
    Kind("ket_luan_thanh_tra", "KẾT LUẬN THANH TRA", "KL", 5),
    Kind("bien_ban", "BIÊN BẢN", "BB", 5),
    Kind("to_trinh", "TỜ TRÌNH", "TTr", 3),
    Kind("don_to_cao", "ĐƠN TỐ CÁO", "", 6),
    Kind("don_khieu_nai", "ĐƠN KHIẾU NẠI", "", 6),
    Kind("don_kien_nghi", "ĐƠN KIẾN NGHỊ", "", 4),
)
#: Petition types: who signs, and the verb their subject starts with.
PETITIONS = {"don_to_cao": ("NGƯỜI TỐ CÁO", "Tố cáo"),
             "don_khieu_nai": ("NGƯỜI KHIẾU NẠI", "Khiếu nại"),
             "don_kien_nghi": ("NGƯỜI KIẾN NGHỊ", "Kiến nghị")}  # fmt: skip


@dataclass(frozen=True)
class Issuer:
    """An issuing body as its header prints it, and how its documents are numbered and signed."""

    lines: tuple[str, ...]
    party: bool
    suffix: str  # the body's part of the number: "BNCTU" in 45-BC/BNCTU, "UBND" in 12/QĐ-UBND
    collective: str  # "T/M BAN NỘI CHÍNH", "TM. ỦY BAN NHÂN DÂN"
    head: str  # "TRƯỞNG BAN"
    deputy: str  # "PHÓ TRƯỞNG BAN"
    place: str
    name: str  # how other documents name it in running text
    inspects: bool = False  # may issue inspection conclusions


def _issuers(province: str, district: str) -> list[Issuer]:
    upper_p, upper_d = province.upper(), district.upper()
    party = f"TỈNH ỦY {upper_p}"

    def board(line: str, suffix: str, name: str, head: str = "TRƯỞNG BAN") -> Issuer:
        return Issuer(
            (party, line), True, suffix, f"T/M {line}", head, f"PHÓ {head}", province, name
        )

    return [
        board("BAN NỘI CHÍNH", "BNCTU", "Ban Nội chính Tỉnh ủy"),
        board("BAN TỔ CHỨC", "BTCTU", "Ban Tổ chức Tỉnh ủy"),
        board("BAN TUYÊN GIÁO", "BTGTU", "Ban Tuyên giáo Tỉnh ủy"),
        board("BAN DÂN VẬN", "BDVTU", "Ban Dân vận Tỉnh ủy"),
        board("ỦY BAN KIỂM TRA", "UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", "CHỦ NHIỆM"),
        Issuer((f"ĐẢNG BỘ TỈNH {upper_p}", "TỈNH ỦY"), True, "TU", "T/M BAN THƯỜNG VỤ",
               "BÍ THƯ", "PHÓ BÍ THƯ", province, "Tỉnh ủy"),
        Issuer((party, f"HUYỆN ỦY {upper_d}"), True, "HU", "T/M BAN THƯỜNG VỤ", "BÍ THƯ",
               "PHÓ BÍ THƯ", district, f"Huyện ủy {district}"),
        Issuer(("VIỆN KIỂM SÁT NHÂN DÂN", f"TỈNH {upper_p}"), False, "VKS", "", "VIỆN TRƯỞNG",
               "PHÓ VIỆN TRƯỞNG", province, "Viện kiểm sát nhân dân tỉnh"),
        Issuer(("TÒA ÁN NHÂN DÂN", f"TỈNH {upper_p}"), False, "TA", "", "CHÁNH ÁN",
               "PHÓ CHÁNH ÁN", province, "Tòa án nhân dân tỉnh"),
        Issuer(("BỘ CÔNG AN", f"CÔNG AN TỈNH {upper_p}"), False, "CAT-PV01", "", "GIÁM ĐỐC",
               "PHÓ GIÁM ĐỐC", province, "Công an tỉnh"),
        Issuer((f"UBND TỈNH {upper_p}", "THANH TRA TỈNH"), False, "TTr", "",
               "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", province, "Thanh tra tỉnh",
               inspects=True),
        Issuer(("ỦY BAN NHÂN DÂN", f"TỈNH {upper_p}"), False, "UBND", "TM. ỦY BAN NHÂN DÂN",
               "CHỦ TỊCH", "PHÓ CHỦ TỊCH", province, f"Ủy ban nhân dân tỉnh {province}"),
        Issuer(("ỦY BAN NHÂN DÂN", f"HUYỆN {upper_d}"), False, "UBND", "TM. ỦY BAN NHÂN DÂN",
               "CHỦ TỊCH", "PHÓ CHỦ TỊCH", district, f"Ủy ban nhân dân huyện {district}"),
        Issuer((f"UBND HUYỆN {upper_d}", "THANH TRA HUYỆN"), False, "TTr", "",
               "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", district, f"Thanh tra huyện {district}",
               inspects=True),
    ]  # fmt: skip


@dataclass
class GeneratedDocument:
    """One document: its ground truth and the blocks it is printed from."""

    id: str
    format: str  # pdf | docx | scan
    doc_type: str
    number: str | None
    issued_date: dt.date
    place: str
    issuer: str
    subject: str
    signer: str
    pages: int
    header_left: list[str]
    header_right: list[str]
    title: str | None
    subject_lines: list[str]
    body: list[str]
    recipients: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The document's text in reading order, as a text extractor would give it."""
        parts = [*self.header_left, *self.header_right]
        if self.title:
            parts.append(self.title)
        parts += self.subject_lines + self.body + self.recipients + self.signature
        return "\n".join(parts)

    def fields(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "format": self.format,
            "doc_type": self.doc_type,
            "number": self.number,
            "issued_date": self.issued_date.isoformat(),
            "place": self.place,
            "issuer": self.issuer,
            "subject": self.subject,
            "signer": self.signer,
            "pages": self.pages,
        }


def documents(seed: int, count: int, *, scan_share: float = 0.05, start: int = 0
              ) -> Iterator[GeneratedDocument]:  # fmt: skip
    """Documents ``start`` .. ``start + count - 1`` of ``seed``, fields and text only."""
    for index in range(start, start + count):
        yield compose(seed, index, scan_share=scan_share)


def compose(seed: int, index: int, *, scan_share: float = 0.05) -> GeneratedDocument:
    """Document ``index`` of ``seed``: the same on every call and machine."""
    rng = random.Random(f"hoso-bench/{seed}/{index}")
    return _Composer(rng, f"g{seed}-{index:06d}", scan_share).document()


class _Composer:
    def __init__(self, rng: random.Random, doc_id: str, scan_share: float) -> None:
        self.rng = rng
        self.id = doc_id
        self.scan_share = scan_share
        self.province = rng.choice(vocab.PROVINCES)
        self.district = rng.choice(vocab.DISTRICTS)
        self.year = rng.randint(FIRST_YEAR, LAST_YEAR)

    # -- small parts ------------------------------------------------------------------------
    def person(self) -> str:
        rng = self.rng
        if rng.random() < 0.7:
            middle, given = vocab.MIDDLE_NAMES_MALE, vocab.GIVEN_NAMES_MALE
        else:
            middle, given = vocab.MIDDLE_NAMES_FEMALE, vocab.GIVEN_NAMES_FEMALE
        return f"{rng.choice(vocab.FAMILY_NAMES)} {rng.choice(middle)} {rng.choice(given)}"

    def unit(self) -> str:
        return self.rng.choice(vocab.UNITS).format(
            commune=self.rng.choice(vocab.COMMUNES), district=self.district
        )

    def date(self) -> dt.date:
        start = dt.date(self.year, 1, 1).toordinal()
        return dt.date.fromordinal(start + self.rng.randrange(365))

    def sentence(self, topic: str) -> str:
        rng = self.rng
        body, other = rng.sample(vocab.MENTIONED_BODIES, 2)
        n = rng.randint(12, 480)
        money = f"{rng.randint(120, 98000):,}".replace(",", ".")
        return rng.choice(vocab.SENTENCES).format(
            body=body, other=other, topic=topic, unit=self.unit(), n=n, m=n // 2,
            k=rng.randint(1, 9), money=money, money2=rng.randint(50, 900),
            day=rng.randint(1, 28), month=rng.randint(1, 12),
        )  # fmt: skip

    def paragraph(self, topic: str) -> str:
        return " ".join(self.sentence(topic) for _ in range(self.rng.randint(2, 4)))

    def filler(self, topic: str, chars: int, numbered: str) -> list[str]:
        """Numbered sections of paragraphs until about ``chars`` characters are written."""
        out: list[str] = []
        written, section = 0, 0
        romans = ("I", "II", "III", "IV", "V", "VI")
        while written < chars:
            if numbered == "sections" and (not out or self.rng.random() < 0.15) and section < 6:
                heading = f"{romans[section]}. {self.rng.choice(vocab.HEADINGS)}"
                section += 1
                out.append(heading)
            item = f"{len(out) % 9 + 1}. {self.paragraph(topic)}"
            out.append(item)
            written += len(item)
        return out

    # -- the document -----------------------------------------------------------------------
    def document(self) -> GeneratedDocument:
        rng = self.rng
        kind = rng.choices(KINDS, weights=[k.weight for k in KINDS])[0]
        fmt = "scan" if rng.random() < self.scan_share else "pdf"
        if fmt != "scan" and rng.random() >= PDF_SHARE:
            fmt = "docx"
        pages = rng.choices(list(PAGE_WEIGHTS), weights=list(PAGE_WEIGHTS.values()))[0]
        if fmt == "scan":
            pages = min(pages, SCAN_MAX_PAGES)
        topic, short = rng.choice(vocab.TOPICS)
        issued = self.date()
        if kind.code in PETITIONS:
            return self.petition(kind, fmt, pages, issued)
        issuers = _issuers(self.province, self.district)
        if kind.code == "ket_luan_thanh_tra":
            issuers = [i for i in issuers if i.inspects]
        issuer = rng.choice(issuers)
        number = self.number(kind, issuer)
        subject = self.subject(kind, topic, short, issued)
        left = [*issuer.lines, "*" if issuer.party else "-------"]
        left.append(f"Số {number}" if issuer.party else f"Số: {number}")
        if kind.title is None:
            left.append(subject)
        motto = (
            ["ĐẢNG CỘNG SẢN VIỆT NAM", "---------------"]
            if issuer.party
            else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "---------------"]
        )  # fmt: skip
        right = [*motto, f"{issuer.place}, {_printed_date(issued, rng)}"]
        signer = self.person()
        deputy = rng.random() < 0.4
        signature = [issuer.collective] if issuer.collective else []
        if deputy:
            signature += [f"{'K/T' if issuer.party else 'KT.'} {issuer.head}", issuer.deputy]
        else:
            signature.append(issuer.head)
        signature += ["(Đã ký)", signer]
        others = rng.sample(vocab.MENTIONED_BODIES, 2)
        recipients = ["Nơi nhận:", f"- {others[0]};", f"- {others[1]};", "- Lưu: VT."]
        body_chars = max(400, pages * CHARS_PER_PAGE - 900)
        body = self.body(kind, issuer, topic, issued, body_chars)
        return GeneratedDocument(
            id=self.id, format=fmt, doc_type=kind.code, number=number, issued_date=issued,
            place=issuer.place, issuer=" ".join(issuer.lines), subject=subject, signer=signer,
            pages=pages, header_left=left, header_right=right, title=kind.title,
            subject_lines=[] if kind.title is None else [subject], body=body,
            recipients=recipients, signature=signature,
        )  # fmt: skip

    def number(self, kind: Kind, issuer: Issuer) -> str:
        serial = self.rng.randint(1, 4999 if issuer.suffix == "UBND" else 899)
        if issuer.party:
            symbol = "CV" if kind.title is None else kind.symbol
            return f"{serial}-{symbol}/{issuer.suffix}"
        if kind.title is None:
            return f"{serial}/{issuer.suffix}-{self.rng.choice(('NC', 'VP', 'TCD', 'PC'))}"
        if kind.code == "quyet_dinh" and self.rng.random() < 0.3:
            return f"{serial:02d}/{self.year}/{kind.symbol}-{issuer.suffix}"
        return f"{serial}/{kind.symbol}-{issuer.suffix}"

    def subject(self, kind: Kind, topic: str, short: str, issued: dt.date) -> str:
        period = self.rng.choice(vocab.PERIODS).format(
            year=issued.year, year_end=issued.year + 4, month=issued.month
        )
        if kind.title is None:
            return f"V/v {self.rng.choice(('tăng cường', 'triển khai', 'báo cáo'))} {topic}"
        if kind.code in ("bao_cao", "thong_bao"):
            return f"Kết quả {short} {period}"
        if kind.code == "ket_luan_thanh_tra":
            return f"Về {topic} tại {self.unit()}"
        if kind.code == "bien_ban":
            return f"Làm việc về {topic}"
        if kind.code == "ke_hoach":
            return f"Triển khai {topic} {period}"
        return f"Về việc {self.rng.choice(('tăng cường', 'triển khai', 'chấn chỉnh'))} {topic}"

    def body(self, kind: Kind, issuer: Issuer, topic: str, issued: dt.date, chars: int
             ) -> list[str]:  # fmt: skip
        rng = self.rng
        if kind.code == "quyet_dinh":
            lines = rng.sample(vocab.LEGAL_BASES, 3)
            if not issuer.party:  # who decides, under the subject; Party boards omit it
                lines.insert(0, issuer.head if not issuer.collective else " ".join(issuer.lines))
            lines.append(f"Theo đề nghị của {rng.choice(vocab.MENTIONED_BODIES)},")
            lines.append("QUYẾT ĐỊNH:")
            written, article = 0, 0
            while written < chars or article < 3:
                article += 1
                text = f"Điều {article}. {self.paragraph(topic)}"
                lines.append(text)
                written += len(text)
                for clause in range(1, rng.randint(1, 3)):
                    text = f"{clause}. {self.sentence(topic)}"
                    lines.append(text)
                    written += len(text)
            return lines
        if kind.code == "cong_van":
            to = rng.choice(vocab.MENTIONED_BODIES)
            return [f"Kính gửi: {to}", *self.filler(topic, chars, "plain")]
        if kind.code == "bien_ban":
            when = f"{rng.randint(7, 15)} giờ {rng.choice(('00', '30'))} phút"
            opening = (
                f"Hôm nay, vào hồi {when} ngày {issued:%d/%m/%Y}, tại trụ sở {self.unit()}, "
                f"chúng tôi gồm: ông {self.person()}, bà {self.person()} và ông {self.person()}."
            )
            return [opening, *self.filler(topic, chars, "plain"),
                    "Biên bản kết thúc vào hồi 11 giờ 30 phút cùng ngày, đã đọc lại cho "
                    "các thành phần cùng nghe và thống nhất ký tên."]  # fmt: skip
        if kind.code == "ket_luan_thanh_tra":
            opening = (
                f"Thực hiện Quyết định số {rng.randint(10, 300)}/QĐ-TTr ngày "
                f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{issued.year} của Chánh Thanh tra "
                f"về thanh tra {topic}, Đoàn thanh tra đã tiến hành thanh tra tại đơn vị."
            )
            return [opening, *self.filler(topic, chars, "sections")]
        opening = f"Thực hiện chương trình công tác năm {issued.year}, {issuer.name} như sau:"
        return [opening, *self.filler(topic, chars, "sections")]

    def petition(self, kind: Kind, fmt: str, pages: int, issued: dt.date) -> GeneratedDocument:
        rng = self.rng
        pages = min(pages, 2)
        person = self.person()
        commune = rng.choice(vocab.COMMUNES)
        grievance = rng.choice(vocab.GRIEVANCES).format(area=rng.randint(50, 900), commune=commune)
        signs, verb = PETITIONS[kind.code]
        to = rng.choice(vocab.MENTIONED_BODIES)
        body = [
            f"Kính gửi: {to} {self.province}" if to.endswith("tỉnh") else f"Kính gửi: {to}",
            f"Họ và tên: {person}, sinh năm {rng.randint(1950, 1995)}",
            f"Địa chỉ: thôn {rng.randint(1, 12)}, xã {commune}, huyện {self.district}, "
            f"tỉnh {self.province}.",
            f"Tôi làm đơn này trình bày về việc {grievance}.",
            *self.filler(rng.choice(vocab.TOPICS)[0], pages * CHARS_PER_PAGE - 1200, "plain"),
            "Tôi cam đoan những nội dung trình bày trên là đúng sự thật và chịu trách nhiệm "
            "trước pháp luật.",
        ]
        motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "---------------", f"{self.province}, {_printed_date(issued, rng)}"]  # fmt: skip
        return GeneratedDocument(
            id=self.id, format=fmt, doc_type=kind.code, number=None, issued_date=issued,
            place=self.province, issuer=person, subject=f"{verb} về việc {grievance}",
            signer=person, pages=pages, header_left=[], header_right=motto, title=kind.title,
            subject_lines=[f"(V/v: {grievance})"], body=body,
            signature=[signs, "(Ký, ghi rõ họ tên)", person],
        )  # fmt: skip


def _printed_date(day: dt.date, rng: random.Random) -> str:
    """ "ngày 05 tháng 3 năm 2024": days below 10 and months 1-2 with a leading zero, mostly."""
    padded = rng.random() < 0.85
    dd = f"{day.day:02d}" if padded else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 and padded else str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


# -- files ------------------------------------------------------------------------------
def write(seed: int, count: int, out: Path, *, scan_share: float = 0.05, jobs: int = 1) -> Path:
    """Render ``count`` documents of ``seed`` into ``out/files``; return the manifest path."""
    files = out / "files"
    files.mkdir(parents=True, exist_ok=True)
    chunks = [(seed, start, min(200, count - start), scan_share, str(files))
              for start in range(0, count, 200)]  # fmt: skip
    manifest = out / "manifest.jsonl"
    partial = out / "manifest.jsonl.partial"  # renamed when complete: its presence means done
    with partial.open("w", encoding="utf-8") as lines:
        if jobs > 1:
            with ProcessPoolExecutor(jobs) as pool:
                results = pool.map(_render_chunk, chunks)
                for rows in results:
                    lines.writelines(rows)
        else:
            for chunk in chunks:
                lines.writelines(_render_chunk(chunk))
    partial.replace(manifest)
    return manifest


def _render_chunk(chunk: tuple[int, int, int, float, str]) -> list[str]:
    from bench.render import render  # reportlab is needed only to write files

    seed, start, count, scan_share, folder = chunk
    rows = []
    for document in documents(seed, count, scan_share=scan_share, start=start):
        path, pages = render(document, Path(folder))
        row = document.fields() | {"file": f"files/{path.name}", "pages": pages}
        rows.append(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scan-share", type=float, default=0.05)
    parser.add_argument("--jobs", type=int, default=1, help="processes rendering files")
    parser.add_argument(
        "--truth", action="store_true", help="the ground-truth set of hard forms instead"
    )
    args = parser.parse_args()
    if args.truth:
        from bench.truth_documents import write_truth

        manifest = write_truth(args.seed, args.out)
        print(f"ground-truth set in {args.out / 'files'}, manifest {manifest}")
        return
    manifest = write(args.seed, args.count, args.out, scan_share=args.scan_share, jobs=args.jobs)
    print(f"{args.count} documents in {args.out / 'files'}, ground truth in {manifest}")


if __name__ == "__main__":
    main()
