"""Index bodies built in batches: the same body per document whatever the batch, in a
number of queries that does not grow with the batch."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from indexer.documents import BODY_OPTIONS, index_bodies
from records.db import Database
from records.models import (
    Agency,
    AgencyMention,
    Case,
    CaseDocument,
    Document,
    DocumentPage,
    DocumentReference,
)


def _world(session: Session) -> list[int]:
    """Six documents covering everything a body reads; returns their ids in order."""
    a = {x.code: x for x in session.scalars(select(Agency))}
    tag = uuid.uuid4().hex[:8]
    plain = Case(code=f"VV-{tag}-1", title="t", lead_agency=a["thanh_tra"],
                 agencies=[a["cong_an"], a["vien_kiem_sat"]])  # fmt: skip
    monitored = Case(code=f"VV-{tag}-2", title="t", lead_agency=a["to_chuc"], agencies=[],
                     monitoring_level="bcd_tinh")  # fmt: skip
    session.add_all([plain, monitored])

    def doc(n: int, owner: str, **fields) -> Document:
        document = Document(sha256=f"{tag}{n}".ljust(64, "0"), size=1, filename=f"{tag}-{n}.pdf",
                            status="parsed", owner_agency=a[owner], **fields)  # fmt: skip
        session.add(document)
        return document

    docs = [
        doc(0, "noi_chinh", number="12/BC-BNCTU", subject="Báo cáo thuỷ lợi",
            pages=[DocumentPage(page_no=2, text="trang hai"), DocumentPage(page_no=1, text="một")],
            recipients=["Thường trực Tỉnh uỷ"]),
        doc(1, "thanh_tra", confidentiality="mat", shared_with=[a["cong_an"], a["tuyen_giao"]]),
        doc(2, "cong_an", shared_all=True),
        doc(3, "to_chuc"),
        doc(4, "dan_van"),
        doc(5, "toa_an"),
    ]  # fmt: skip
    session.flush()
    session.add_all(
        [
            CaseDocument(case_id=plain.id, document_id=docs[1].id, state="attached"),
            CaseDocument(case_id=monitored.id, document_id=docs[1].id, state="attached"),
            CaseDocument(case_id=monitored.id, document_id=docs[3].id, state="attached"),
            CaseDocument(case_id=plain.id, document_id=docs[4].id, state="suggested"),
            AgencyMention(document_id=docs[0].id, agency_code="thanh_tra"),
            AgencyMention(document_id=docs[0].id, agency_code="cong_an"),
            DocumentReference(document_id=docs[2].id, number="12/BC-BNCTU",
                              number_key="12/bc-bnctu"),
            DocumentReference(document_id=docs[2].id, number="5/QĐ-UBND", number_key="5/qd-ubnd"),
        ]
    )  # fmt: skip
    session.commit()
    return [d.id for d in docs]


def _load(session: Session, ids: list[int]) -> list[Document]:
    found = session.scalars(select(Document).where(Document.id.in_(ids)).options(*BODY_OPTIONS))
    by_id = {d.id: d for d in found}
    return [by_id[i] for i in ids]


@contextmanager
def _counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_batch_bodies_match_single_bodies_and_the_record(db: Database) -> None:
    with db.session() as session:
        ids = _world(session)
    with db.session() as session:
        batch = index_bodies(session, _load(session, ids))
    singles = []
    for doc_id in ids:
        with db.session() as session:
            singles += index_bodies(session, _load(session, [doc_id]))
    assert batch == singles
    by_id = {int(body["id"]): body for body in batch}
    first, shared, cited, monitored, suggested, alone = (by_id[i] for i in ids)
    assert [p["no"] for p in first["pages"]] == [1, 2]
    assert first["content"] == "một\ntrang hai"
    assert first["agencies"] == ["cong_an", "thanh_tra"]
    assert first["subject"] == "Báo cáo thủy lợi"
    assert first["recipients"] == ["Thường trực Tỉnh ủy"]
    assert first["number_keys"]
    assert shared["shared_agencies"] == ["cong_an", "tuyen_giao"]
    assert shared["confidentiality"] == "mat"
    assert len(shared["cases"]) == 2
    # Each body reaching it through a case, with the case level its staff need.
    assert shared["case_agencies"] == [
        "cong_an@thuong",
        "noi_chinh@thuong",
        "thanh_tra@thuong",
        "to_chuc@thuong",
        "vien_kiem_sat@thuong",
    ]
    assert cited["shared_all"] is True
    assert cited["references"] == ["12/bc-bnctu", "5/qd-ubnd"]
    assert monitored["case_agencies"] == ["noi_chinh@thuong", "to_chuc@thuong"]
    assert suggested["cases"] == [] and suggested["case_agencies"] == []
    assert alone["owner_agency"] == "toa_an"
    assert alone["cases"] == alone["references"] == alone["agencies"] == []


def test_queries_do_not_grow_with_the_batch(db: Database) -> None:
    with db.session() as session:
        ids = _world(session)
    counts = []
    for size in (2, len(ids)):  # the second document is in both kinds of case
        with db.session() as session, _counting(db) as statements:
            index_bodies(session, _load(session, ids[:size]))
        counts.append(len(statements))
    assert counts[0] == counts[1]
