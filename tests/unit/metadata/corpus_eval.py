"""Field-by-field comparison of ``extract_metadata`` with the corpus ground truth.

Strings are compared exactly after collapsing whitespace, case included: the manifest keeps
subjects in capitals as printed. Dates compare at the printed precision ("2018-10" for
"ngày … tháng 10 năm 2018"). Agencies are scored by micro-F1 over (document, code) pairs.

Used by ``test_corpus.py``; also runnable to print the table and the misses:
``python -m tests.unit.metadata.corpus_eval [text|docx|pdf] [even|odd|all]``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from indexer.metadata import DocumentMetadata, extract_metadata
from tests.support.corpus import CORPUS

# hoso's type codes the manifest uses; any other code is scored as the manifest's "other"
# (regulations, joint circulars, decrees).
MANIFEST_TYPES = {
    "chi_thi",
    "quyet_dinh",
    "quy_che",
    "ke_hoach",
    "bao_cao",
    "ket_luan_thanh_tra",
    "thong_bao",
    "bien_ban",
    "cong_van",
    "don_khieu_nai",
    "don_to_cao",
    "don_kien_nghi",
    "don_phan_anh",
    "nghi_quyet",
    "huong_dan",
    "to_trinh",
    "other",
}
FIELDS = ("doc_type", "number", "issued_date", "place", "issuer", "subject", "signer")


def squash(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def date_value(meta: DocumentMetadata) -> str | None:
    if meta.issued_date is None:
        return None
    iso = meta.issued_date.isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}.get(meta.date_precision or "")


def predicted(meta: DocumentMetadata) -> dict[str, str | None]:
    doc_type = meta.doc_type if meta.doc_type in MANIFEST_TYPES else "other"
    return {
        "doc_type": doc_type,
        "number": meta.number,
        "issued_date": date_value(meta),
        "place": meta.place,
        "issuer": squash(meta.issuer),
        "subject": squash(meta.subject),
        "signer": meta.signer,
    }


def expected(entry: dict) -> dict[str, str | None]:
    return {
        "doc_type": entry["doc_type"],
        "number": entry["number"],
        "issued_date": entry["issued_date"] or entry.get("issued_date_partial"),
        "place": entry["place"],
        "issuer": squash(entry["issuer"]),
        "subject": squash(entry["subject"]),
        "signer": entry["signer"],
    }


def manifest() -> list[dict]:
    with open(CORPUS / "manifest.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def docx_input(entry: dict) -> tuple[str, str | None, str | None]:
    """Text of the DOCX rendering plus its header table's left and right cells."""
    import docx  # python-docx

    document = docx.Document(str(CORPUS / "files" / f"{entry['id']}.docx"))
    left = right = None
    parts = []
    if document.tables:
        cells = document.tables[0].rows[0].cells
        left, right = cells[0].text, cells[-1].text
        parts += [left, right]
    parts += [paragraph.text for paragraph in document.paragraphs]
    return "\n".join(parts), left or None, right or None


def pdf_text(entry: dict) -> str:
    """pdfminer's plain text of the PDF rendering (columns stacked, lines wrapped)."""
    from pdfminer.high_level import extract_text

    return extract_text(str(CORPUS / "files" / f"{entry['id']}.pdf"))


def run(entry: dict, mode: str) -> DocumentMetadata:
    if mode == "pdf":
        return extract_metadata(pdf_text(entry))
    if mode == "docx":
        text, left, right = docx_input(entry)
        return extract_metadata(text, header_left=left, header_right=right)
    text = (CORPUS / entry["text_file"]).read_text(encoding="utf-8")
    return extract_metadata(text)


@dataclass
class Report:
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[tuple[str, str, object, object]] = field(default_factory=list)
    agency_tp: int = 0
    agency_fp: int = 0
    agency_fn: int = 0
    total: int = 0

    def accuracy(self, name: str) -> float:
        return self.hits[name] / self.total if self.total else 0.0

    @property
    def agency_f1(self) -> float:
        denominator = 2 * self.agency_tp + self.agency_fp + self.agency_fn
        return 2 * self.agency_tp / denominator if denominator else 1.0

    def table(self, title: str) -> str:
        rows = [f"{title}: {self.total} documents", f"  {'field':<12} accuracy"]
        rows += [f"  {name:<12} {self.accuracy(name):6.1%}" for name in FIELDS]
        rows.append(f"  {'agencies F1':<12} {self.agency_f1:6.1%}")
        rows += [
            f"  miss {doc} {name}: got {got!r}, want {want!r}"
            for doc, name, got, want in self.misses
        ]
        return "\n".join(rows)


def evaluate(mode: str, entries: list[dict]) -> Report:
    report = Report()
    for entry in entries:
        meta = run(entry, mode)
        report.total += 1
        got, want = predicted(meta), expected(entry)
        for name in FIELDS:
            if got[name] == want[name]:
                report.hits[name] += 1
            else:
                report.misses.append((entry["id"], name, got[name], want[name]))
        got_agencies, want_agencies = set(meta.agencies), set(entry["agencies_mentioned"])
        report.agency_tp += len(got_agencies & want_agencies)
        report.agency_fp += len(got_agencies - want_agencies)
        report.agency_fn += len(want_agencies - got_agencies)
        if got_agencies != want_agencies:
            report.misses.append(
                (entry["id"], "agencies", sorted(got_agencies), sorted(want_agencies))
            )
    return report


def split(entries: list[dict], half: str) -> list[dict]:
    ordered = sorted(entries, key=lambda entry: entry["id"])
    if half == "all":
        return ordered
    return ordered[0::2] if half == "even" else ordered[1::2]


if __name__ == "__main__":
    chosen_mode = sys.argv[1] if len(sys.argv) > 1 else "text"
    chosen_half = sys.argv[2] if len(sys.argv) > 2 else "all"
    print(
        evaluate(chosen_mode, split(manifest(), chosen_half)).table(f"{chosen_mode}/{chosen_half}")
    )
