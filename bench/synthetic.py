"""A synthetic archive written straight into the database and the file store, no parsing.

Documents of 1–3 pages of Vietnamese administrative text with everything an index body
reads: owner bodies, confidentiality levels, shares (with bodies and with all), agency
mentions, citations of other documents, and cases (lead and coordinating bodies, some
monitored) with attached and suggested documents. Rows go in with bulk INSERTs in chunks,
files are written under their sha256 without fsync: the point is a big archive quickly, for
the benchmarks of reindexing and of search (PostgreSQL only: ids are assigned here).

All text comes from :func:`prose`: the corpus generator's documents (bench/generator.py),
so the archive has the vocabulary and selectivity of real ones: a query on one topic
matches the documents about it, not every document.
"""

from __future__ import annotations

import io
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from bench.generator import compose
from bench.vocabulary import MENTIONED_BODIES
from indexer.metadata import number_key
from indexer.normalize import normalize_text
from indexer.pipeline import PIPELINE_VERSION
from records.models import (
    Agency,
    AgencyMention,
    Case,
    CaseDocument,
    Document,
    DocumentPage,
    DocumentReference,
    case_agencies,
    document_shares,
)
from records.models.base import utcnow
from records.storage import FileStore

TYPES = {
    "cong_van": "UBND-NC",
    "quyet_dinh": "QĐ-UBND",
    "bao_cao": "BC-BNCTU",
    "ket_luan_thanh_tra": "KL-TTr",
    "thong_bao": "TB-VPTU",
    "ke_hoach": "KH-BCĐ",
    "to_trinh": "TTr-CAT",
}
LEVELS = ("thuong", "mat", "toi_mat", "tuyet_mat")
LEVEL_WEIGHTS = (85, 10, 4, 1)
CHUNK = 1000
#: Row lists of one chunk, in the order they are inserted.
TABLES = {
    "documents": Document,
    "pages": DocumentPage,
    "mentions": AgencyMention,
    "shares": document_shares,
    "references": DocumentReference,
    "links": CaseDocument,
}


@dataclass(frozen=True)
class Shape:
    """How the archive looks: counts and proportions."""

    documents: int
    #: Owner body -> weight; bodies not named get the remaining documents evenly.
    owners: Mapping[str, float]
    pages: tuple[int, int] = (1, 3)
    page_chars: int = 1200
    #: One case per this many documents; a third of all documents attach to one.
    documents_per_case: int = 25
    shared: float = 0.15
    shared_all: float = 0.03
    seed: int = 20261126


@dataclass
class Seeded:
    documents: int = 0
    pages: int = 0
    page_bytes: int = 0
    cases: int = 0
    attached: int = 0
    shares: int = 0
    references: int = 0


@dataclass(frozen=True)
class Text:
    subject: str
    pages: list[str]


def prose(seed: int, index: int, pages: int, page_chars: tuple[int, int], rng: random.Random
          ) -> Text:  # fmt: skip
    """Subject and text of document ``index`` of the generator's ``seed`` (normalised as
    hoso's pipeline would), cut at line ends into at most ``pages`` pages of ``page_chars``
    (low, high) characters; a short document has fewer pages."""
    document = compose(seed, index, scan_share=0.0)
    lines = iter(document.text.splitlines())
    out: list[str] = []
    for _ in range(pages):
        budget, page = rng.randint(*page_chars), []
        for line in lines:
            page.append(line)
            budget -= len(line) + 1
            if budget <= 0:
                break
        if not page:
            break
        out.append(normalize_text("\n".join(page)))
    return Text(normalize_text(document.subject), out)


def _owner_picker(rng: random.Random, codes: list[str], owners: Mapping[str, float]):
    rest = [c for c in codes if c not in owners]
    named = sum(owners.values())
    weights = [owners.get(c, 0.0) for c in codes]
    if rest and named < 1:
        weights = [w if w else (1 - named) / len(rest) for w in weights]
    return lambda: rng.choices(codes, weights=weights)[0]


def seed(session: Session, store: FileStore, shape: Shape) -> Seeded:
    """Write the archive; commits in chunks. Returns what was written."""
    rng = random.Random(shape.seed)
    agencies = {a.code: a.id for a in session.scalars(select(Agency))}
    writer = _Writer(rng, agencies, shape, store)
    start = (session.scalar(select(func.max(Document.id))) or 0) + 1
    done = Seeded()
    case_ids = _cases(session, rng, agencies, max(1, shape.documents // shape.documents_per_case))
    done.cases = len(case_ids)
    numbers: list[str] = []
    for offset in range(0, shape.documents, CHUNK):
        rows: dict[str, list[dict[str, Any]]] = {key: [] for key in TABLES}
        ids = range(start + offset, start + min(offset + CHUNK, shape.documents))
        for doc_id in ids:
            numbers.append(writer.document(doc_id, shape.documents - (doc_id - start), rows))
            cited = rng.sample(numbers, k=min(len(numbers) - 1, rng.randint(0, 2)))
            for key, printed in {number_key(n): n for n in cited}.items():
                rows["references"].append(
                    {"document_id": doc_id, "number": printed, "number_key": key}
                )
            if rng.random() < 1 / 3:
                state = "attached" if rng.random() < 0.85 else "suggested"
                rows["links"].append(
                    {"case_id": rng.choice(case_ids), "document_id": doc_id, "state": state}
                )
        for key, table in TABLES.items():
            if rows[key]:
                session.execute(insert(table), rows[key])
        session.commit()
        done.documents += len(ids)
        done.pages += len(rows["pages"])
        done.page_bytes += sum(len(p["text"].encode()) for p in rows["pages"])
        done.shares += len(rows["shares"])
        done.references += len(rows["references"])
        done.attached += sum(1 for link in rows["links"] if link["state"] == "attached")
    _advance_sequence(session, "documents")
    session.commit()
    return done


def _cases(session: Session, rng: random.Random, agencies: dict[str, int], count: int) -> list[int]:
    codes = sorted(agencies)
    first = (session.scalar(select(func.max(Case.id))) or 0) + 1
    cases, coordinating = [], []
    for case_id in range(first, first + count):
        lead = rng.choice(codes)
        cases.append(
            {
                "id": case_id,
                "code": f"VV-BENCH-{case_id:06d}",
                "title": f"Vụ việc tổng hợp số {case_id}",
                "lead_agency_id": agencies[lead],
                "confidentiality": rng.choices(LEVELS, weights=LEVEL_WEIGHTS)[0],
                "monitoring_level": "bcd_tinh" if rng.random() < 0.2 else None,
            }
        )
        for other in rng.sample([c for c in codes if c != lead], k=rng.randint(0, 2)):
            coordinating.append({"case_id": case_id, "agency_id": agencies[other]})
    session.execute(insert(Case), cases)
    if coordinating:
        session.execute(insert(case_agencies), coordinating)
    _advance_sequence(session, "cases")
    session.commit()
    return [case["id"] for case in cases]


def _advance_sequence(session: Session, table: str) -> None:
    """PostgreSQL: move the table's id sequence past the ids written explicitly.

    SQLite needs nothing: its next rowid already follows the largest one.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))


class _Writer:
    """Makes the rows of one document and writes its file."""

    def __init__(
        self, rng: random.Random, agencies: dict[str, int], shape: Shape, store: FileStore
    ) -> None:
        self.rng = rng
        self.agencies = agencies
        self.codes = sorted(agencies)
        self.shape = shape
        self.store = store
        self.pick_owner = _owner_picker(rng, self.codes, shape.owners)
        self.now = utcnow()

    def document(self, doc_id: int, age: int, rows: dict[str, list[dict[str, Any]]]) -> str:
        """Add the rows of document ``doc_id``, ``age`` minutes old; return its number."""
        rng, shape = self.rng, self.shape
        doc_type = rng.choice(sorted(TYPES))
        number = f"{doc_id}/{TYPES[doc_type]}"
        owner = self.pick_owner()
        low, high = shape.page_chars // 2, shape.page_chars * 3 // 2
        text = prose(shape.seed, doc_id, rng.randint(*shape.pages), (low, high), rng)
        pages = text.pages
        content = ("\n\f".join(pages) + f"\n{doc_id}").encode()
        sha256 = self.store.put(io.BytesIO(content)).sha256
        changed = self.now - timedelta(minutes=age)
        rows["documents"].append(
            {
                "id": doc_id,
                "sha256": sha256,
                "size": len(content),
                "filename": f"van-ban-{doc_id}.pdf",
                "kind": "pdf",
                "page_count": len(pages),
                "status": "indexed",
                "pipeline_version": PIPELINE_VERSION,
                "doc_type": doc_type,
                "number": number,
                "number_key": number_key(number),
                "issued_date": date(2018, 1, 1) + timedelta(days=doc_id % 2500),
                "date_precision": "day",
                "place": "Thái Bình",
                "issuer": rng.choice(MENTIONED_BODIES),
                "subject": text.subject[:160],
                "signer": "Nguyễn Văn Thành",
                "recipients": [rng.choice(MENTIONED_BODIES)],
                "confidentiality": rng.choices(LEVELS, weights=LEVEL_WEIGHTS)[0],
                "owner_agency_id": self.agencies[owner],
                "shared_all": rng.random() < shape.shared_all,
                "uploaded_at": changed,
                "changed_at": changed,
                "indexed_at": changed,
            }
        )
        for page_no, page in enumerate(pages, start=1):
            rows["pages"].append(
                {"document_id": doc_id, "page_no": page_no, "text": page, "original": page}
            )
        for code in rng.sample(self.codes, k=rng.randint(1, 3)):
            rows["mentions"].append({"document_id": doc_id, "agency_code": code})
        if rng.random() < shape.shared:
            others = [c for c in self.codes if c != owner]
            for code in rng.sample(others, k=rng.randint(1, 2)):
                rows["shares"].append({"document_id": doc_id, "agency_id": self.agencies[code]})
        return number
