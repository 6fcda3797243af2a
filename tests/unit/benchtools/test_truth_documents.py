"""The ground-truth set of hard forms: enough documents of each form, deterministic, and
its texts read back by hoso's metadata extraction (rendered files: bench/extraction_eval)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from bench.truth_documents import truth_documents
from indexer.metadata import extract_metadata


def test_at_least_forty_documents_of_every_hard_form_and_deterministic():
    first = truth_documents(3)
    again = truth_documents(3)
    assert [item.truth for item in first] == [item.truth for item in again]
    assert len(first) >= 40
    kinds = Counter(item.truth["doc_type"] for item in first)
    assert {"bao_cao", "other", "ket_luan_thanh_tra", "bien_ban", "cong_van", "thong_bao"} <= set(
        kinds
    )
    assert all(kinds[code] >= 3 for code in ("don_khieu_nai", "don_to_cao", "don_kien_nghi"))
    assert kinds["don_phan_anh"] >= 3
    assert sum(item.second_format == "scan" for item in first) >= 12
    # Subjects long enough for the page to wrap them, and headerless forms without number.
    assert sum(len(item.truth["subject"]) > 90 for item in first) >= 20
    assert sum(item.truth["number"] is None for item in first) >= 15


def test_texts_are_read_back_field_by_field():
    items = truth_documents(5)
    hits: Counter[str] = Counter()
    for item in items:
        meta = extract_metadata(item.document.text)
        truth = item.truth
        date = dt.date.fromisoformat(truth["issued_date"]) if truth["issued_date"] else None
        hits["doc_type"] += meta.doc_type == truth["doc_type"]
        hits["number"] += meta.number == truth["number"]
        hits["issued_date"] += meta.issued_date == date
        hits["subject"] += meta.subject == truth["subject"]
        hits["signer"] += meta.signer == truth["signer"]
        hits["agencies"] += sorted(meta.agencies) == truth["agencies_mentioned"]
    for field in ("doc_type", "number", "issued_date", "subject", "signer", "agencies"):
        assert hits[field] / len(items) >= 0.95, (field, hits[field])
