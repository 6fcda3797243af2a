"""A small world of bodies, users, cases and documents for the search tests.

Documents are written to the database as the parser would leave them (status parsed,
normalised page text, number keys, agency mentions) and indexed through
``indexer.pipeline.index``, so the index holds exactly what hoso writes.
"""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer import pipeline, runtime
from indexer.engine import SearchEngine
from indexer.metadata import mentioned_agencies, number_key
from indexer.normalize import normalize_text
from records.accounts import hash_password
from records.config import Settings, load_settings
from records.db import Database
from records.models import (
    Agency,
    AgencyMention,
    Case,
    CaseDocument,
    Document,
    DocumentPage,
    DocumentReference,
    User,
)
from records.storage import open_store
from tests.support.databases import DatabaseFactory
from tests.support.services import ServiceUrls
from tests.unit.extract.pdfgen import text_pdf

PASSWORD = "mat-khau-thu"
PASSWORD_HASH = hash_password(PASSWORD)
BULK = 45  # documents sharing the word "bulkword", for paging
CASE_CODE = "VV-2024-01"

USERS = {
    # name: (agency, roles, clearance)
    "nc": ("noi_chinh", ["officer"], "mat"),
    "nc_low": ("noi_chinh", ["viewer"], "thuong"),
    "tt": ("thanh_tra", ["officer"], "thuong"),
    "ca": ("cong_an", ["leader"], "toi_mat"),
    "auditor": ("noi_chinh", ["auditor"], "tuyet_mat"),
}


@dataclass
class Spec:
    owner: str
    pages: list[str]
    doc_type: str | None = None
    number: str | None = None
    issued: date | None = None
    issuer: str | None = None
    subject: str | None = None
    confidentiality: str = "thuong"
    shared: tuple[str, ...] = ()
    shared_all: bool = False
    pdf: bool = False
    cites: tuple[str, ...] = ()  # names of documents it cites
    unresolved: tuple[str, ...] = ()  # numbers it cites that hoso does not hold
    extra: dict[str, Any] = field(default_factory=dict)


SPECS: dict[str, Spec] = {
    "kl_kien_xuong": Spec(
        "noi_chinh",
        [
            "THANH TRA TỈNH THÁI BÌNH\nSố: 12/KL-TTr\nKẾT LUẬN THANH TRA\nViệc quản lý, sử dụng "
            "đất đai tại huyện Kiến Xương. Đoàn thanh tra đã làm việc với các xã.",
            "Qua thanh tra phát hiện dấu hiệu tham nhũng trong giao đất tại xã Vũ Quý, huyện "
            "Kiến Xương; kiến nghị chuyển hồ sơ sang Cơ quan điều tra.",
        ],
        doc_type="ket_luan_thanh_tra",
        number="12/KL-TTr",
        issued=date(2020, 6, 15),
        issuer="THANH TRA TỈNH THÁI BÌNH",
        subject="Kết luận thanh tra việc quản lý, sử dụng đất đai tại huyện Kiến Xương",
    ),
    "bc_shared_all": Spec(
        "thanh_tra",
        [
            "BÁO CÁO kết quả công tác phòng, chống tham nhũng năm 2021 của Ủy ban nhân dân "
            "tỉnh. Các vụ việc tham nhũng đất đai được phát hiện và xử lý kịp thời."
        ],
        doc_type="bao_cao",
        number="45/BC-TTr",
        issued=date(2021, 12, 20),
        issuer="THANH TRA TỈNH",
        subject="Báo cáo kết quả phòng, chống tham nhũng năm 2021",
        shared_all=True,
    ),
    "bb_tt_private": Spec(
        "thanh_tra",
        [
            "BIÊN BẢN xác minh đơn tố cáo về tham nhũng đất đai tại huyện Kiến Xương. "
            "Người làm chứng zetaword xác nhận. Căn cứ Kết luận số 12/KL-TTr."
        ],
        doc_type="bien_ban",
        number="07/BB-TTr",
        issued=date(2022, 3, 2),
        issuer="THANH TRA TỈNH",
        subject="Biên bản xác minh đơn tố cáo zetaword",
        cites=("kl_kien_xuong",),
    ),
    "secret_nc": Spec(
        "noi_chinh",
        ["MẬT\nBáo cáo về vụ án tham nhũng đất đai omegaword tại huyện Kiến Xương."],
        doc_type="bao_cao",
        number="05/BC-NC",
        issued=date(2023, 1, 10),
        issuer="BAN NỘI CHÍNH TỈNH ỦY",
        subject="Báo cáo mật omegaword",
        confidentiality="mat",
    ),
    "ca_shared_nc": Spec(
        "cong_an",
        [
            "CÔNG AN TỈNH THÁI BÌNH\nV/v phối hợp điều tra vụ việc tham nhũng đất đai. "
            "Cơ quan Cảnh sát điều tra đề nghị Ban Nội chính Tỉnh ủy phối hợp."
        ],
        doc_type="cong_van",
        number="88/CAT-PC03",
        issued=date(2023, 5, 4),
        issuer="CÔNG AN TỈNH THÁI BÌNH",
        subject="V/v phối hợp điều tra vụ việc tham nhũng đất đai",
        shared=("noi_chinh",),
    ),
    "case_doc_tt": Spec(
        "thanh_tra",
        ["KẾ HOẠCH xác minh vụ việc sai phạm tại công ty alphaword."],
        doc_type="ke_hoach",
        number="19/KH-TTr",
        issued=date(2024, 2, 1),
        issuer="THANH TRA TỈNH",
        subject="Kế hoạch xác minh vụ việc tại công ty alphaword",
    ),
    "quy_che_party": Spec(
        "noi_chinh",
        [
            "TỈNH ỦY THÁI BÌNH\nSố 1753-QC/TU\nQUY CHẾ phối hợp giữa các cơ quan nội chính "
            "trong phòng, chống tham nhũng, lãng phí."
        ],
        doc_type="quy_che",
        number="1753-QC/TU",
        issued=date(2019, 3, 1),
        issuer="TỈNH ỦY THÁI BÌNH",
        subject="Quy chế phối hợp giữa các cơ quan nội chính",
    ),
    "qd_ubnd": Spec(
        "noi_chinh",
        [
            "UBND TỈNH THÁI BÌNH\nSố: 15/2013/QĐ-UBND\nQUYẾT ĐỊNH ban hành quy chế phát ngôn "
            "và cung cấp thông tin cho báo chí.",
            "Điều 2. Giám đốc các sở, Chủ tịch UBND các huyện chịu trách nhiệm thi hành.",
        ],
        doc_type="quyet_dinh",
        number="15/2013/QĐ-UBND",
        issued=date(2013, 8, 28),
        issuer="UBND TỈNH THÁI BÌNH",
        subject="Ban hành quy chế phát ngôn và cung cấp thông tin cho báo chí",
        pdf=True,
    ),
    "tham_hoi": Spec(
        "noi_chinh",
        ["Thông báo về việc thăm hỏi, tặng quà gia đình chính sách dịp Tết."],
        doc_type="thong_bao",
        issued=date(2022, 1, 20),
        subject="Thông báo về việc thăm hỏi gia đình chính sách",
    ),
    "tham_nhung": Spec(
        "noi_chinh",
        ["Thông báo kết quả xử lý vụ việc tham ô, tham nhũng tại cơ quan."],
        doc_type="thong_bao",
        issued=date(2022, 1, 21),
        subject="Thông báo kết quả xử lý tham nhũng",
    ),
    "script_doc": Spec(
        "noi_chinh",
        ["<script>alert('x')</script> Nội dung đơn tố cáo xssword <b>đậm</b>."],
        doc_type="don_to_cao",
        issued=date(2023, 7, 7),
        subject="Đơn tố cáo <i>xssword</i>",
    ),
    "cites_kl": Spec(
        "noi_chinh",
        ["Căn cứ Kết luận thanh tra số 12/KL-TTr ngày 15/6/2020 và Quyết định số 99/QĐ-XYZ."],
        doc_type="cong_van",
        number="301/NC-VP",
        issued=date(2020, 7, 1),
        subject="V/v triển khai kết luận thanh tra",
        cites=("kl_kien_xuong", "secret_nc"),
        unresolved=("99/QĐ-XYZ",),
    ),
    "long_doc": Spec(
        "noi_chinh",
        [f"Trang nội dung longword số {n}." for n in range(1, 26)],
        doc_type="bao_cao",
        issued=date(2018, 9, 9),
        subject="Báo cáo dài longword",
    ),
}


def bulk_specs() -> dict[str, Spec]:
    return {
        f"bulk_{i:02d}": Spec(
            "noi_chinh",
            [f"Công văn số {i} về bulkword phối hợp trao đổi thông tin định kỳ."],
            doc_type="cong_van",
            number=f"{500 + i}/NC-VP",
            issued=date(2000 + i % 23, 1 + i % 12, 1 + i % 28),
            subject=f"Công văn bulkword số {i}",
        )
        for i in range(BULK)
    }


@dataclass
class World:
    settings: Settings
    db: Database
    engine: SearchEngine
    ids: dict[str, int]
    pdf_sha256: str = ""

    def user(self, session: Session, name: str) -> User:
        return session.scalars(select(User).where(User.username == name)).one()

    @property
    def alias(self) -> str:
        return self.settings.index_alias

    def name_of(self, document_id: int) -> str:
        return next(name for name, i in self.ids.items() if i == document_id)


def build(settings: Settings) -> World:
    db = Database(settings.database_url)
    store = open_store(settings)
    specs = {**SPECS, **bulk_specs()}
    ids: dict[str, int] = {}
    pdf_sha = ""
    with db.session() as session:
        agencies = {a.code: a for a in session.scalars(select(Agency))}
        for name, (agency, roles, clearance) in USERS.items():
            session.add(
                User(
                    username=name,
                    agency=agencies[agency],
                    roles=roles,
                    clearance=clearance,
                    password_hash=PASSWORD_HASH,
                )
            )
        for name, spec in specs.items():
            document = _document(session, agencies, name, spec)
            if spec.pdf:
                stored = store.put(io.BytesIO(text_pdf(len(spec.pages))))
                document.sha256, document.size, document.kind = stored.sha256, stored.size, "pdf"
                pdf_sha = stored.sha256
            session.flush()
            ids[name] = document.id
        for name, spec in specs.items():
            for cited in spec.cites:
                session.add(
                    DocumentReference(
                        document_id=ids[name],
                        number=specs[cited].number or "",
                        number_key=number_key(specs[cited].number or ""),
                        cited_id=ids[cited],
                    )
                )
            for number in spec.unresolved:
                session.add(
                    DocumentReference(
                        document_id=ids[name], number=number, number_key=number_key(number)
                    )
                )
        case = Case(
            code=CASE_CODE,
            title="Vụ việc sai phạm tại công ty alphaword",
            lead_agency=agencies["thanh_tra"],
            agencies=[agencies["cong_an"]],
        )
        session.add(case)
        session.flush()
        for name in ("case_doc_tt", "bc_shared_all"):
            session.add(CaseDocument(case_id=case.id, document_id=ids[name], state="attached"))
    runtime.reset()
    indexed = pipeline.index(list(ids.values()))
    assert len(indexed) == len(ids), "every world document is indexed"
    engine = SearchEngine(settings.search_url, settings.search_engine)
    engine.refresh(settings.index_alias)
    return World(settings=settings, db=db, engine=engine, ids=ids, pdf_sha256=pdf_sha)


def add_and_index(world: World, name: str, spec: Spec) -> int:
    """One more document, indexed (and refreshed) like the worker would."""
    with world.db.session() as session:
        agencies = {a.code: a for a in session.scalars(select(Agency))}
        document = _document(session, agencies, name, spec)
        session.flush()
        world.ids[name] = document.id
    pipeline.index([world.ids[name]])
    return world.ids[name]


def _document(session: Session, agencies: dict[str, Agency], name: str, spec: Spec) -> Document:
    text = "\n".join(spec.pages)
    document = Document(
        sha256=hashlib.sha256(f"{name}\n{text}".encode()).hexdigest(),
        size=len(text.encode()),
        filename=f"{name}.txt",
        kind="txt",
        page_count=len(spec.pages),
        status="parsed",
        pipeline_version=pipeline.PIPELINE_VERSION,
        doc_type=spec.doc_type,
        number=spec.number,
        number_key=number_key(spec.number) if spec.number else None,
        issued_date=spec.issued,
        issuer=spec.issuer,
        subject=spec.subject,
        confidentiality=spec.confidentiality,
        owner_agency=agencies[spec.owner],
        shared_all=spec.shared_all,
        shared_with=[agencies[code] for code in spec.shared],
        pages=[
            DocumentPage(page_no=i, text=normalize_text(page), original=page)
            for i, page in enumerate(spec.pages, start=1)
        ],
        mentions=[AgencyMention(agency_code=code) for code in mentioned_agencies(text)],
        **spec.extra,
    )
    session.add(document)
    return document


@contextmanager
def running_world(
    service_urls: ServiceUrls, databases: DatabaseFactory, data_dir: Path
) -> Iterator[World]:
    """A world in its own database and index prefix, with the HOSO_* environment pointing at
    it (so workers' code paths, the CLI and ``indexer.runtime`` see it) until the end."""
    database = databases.create()
    token = uuid.uuid4().hex[:10]
    env = {
        "HOSO_DATA_DIR": str(data_dir),
        "HOSO_DATABASE_URL": database,
        "HOSO_SEARCH_URL": service_urls.search,
        "HOSO_SEARCH_INDEX_PREFIX": f"hosotest-{token}",
        "HOSO_BROKER_URL": service_urls.broker,
        "HOSO_QUEUE": f"hosotest-{token}",
        "HOSO_SECRET_KEY": "test-secret-key",
        "HOSO_ENV": "testing",
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    runtime.reset()
    built = None
    try:
        built = build(load_settings())
        yield built
    finally:
        runtime.reset()
        if built is not None:
            for index in built.engine.indices_for(built.alias):
                built.engine.delete_index(index)
            built.db.dispose()
        databases.drop(database)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
