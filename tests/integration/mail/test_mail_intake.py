"""E-mail intake against a real Dovecot: messages become linked documents exactly once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from indexer.engine import SearchEngine
from indexer.search import search
from jobs.mailin.poll import poll_all
from records.config import MailboxConfig
from records.mail_intake import linked_attachments
from records.models import Document, MailAttachment, MailboxState, MailMessage
from records.storage import open_store
from tests.support.ingest import wait_for
from tests.support.mail import damaged_letter, letter
from tests.support.people import make_user

pytestmark = pytest.mark.services

HTML = (
    "<html><head><style>p{}</style></head><body><p>Kính gửi Ban Nội chính,</p>"
    "<p>Đề nghị <b>phối hợp</b> xác minh vụ <i>Khánh Hòa Xanh</i>.</p></body></html>"
)


def _attachments(corpus):
    return (corpus / "files" / "vn-r001.pdf", corpus / "files" / "vn-r006.docx")


def _imap_box(server, folder: str, *, agency="vien_kiem_sat", confidentiality="mat"):
    return MailboxConfig(
        name="vks",
        agency=agency,
        confidentiality=confidentiality,
        host=server.host,
        port=server.port,
        user=server.user,
        password=server.password,
        folder=folder,
        tls="plain",
    )


def _counts(db) -> tuple[int, int, int]:
    with db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Document)),
            session.scalar(select(func.count()).select_from(MailMessage)),
            session.scalar(select(func.count()).select_from(MailAttachment)),
        )


def test_imap_messages_become_linked_documents_once(
    hoso_settings, db, worker, corpus, imap_server, search_engine: SearchEngine
):
    folder = imap_server.new_folder()
    big = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)
    imap_server.deliver(
        folder,
        letter(
            "Đề nghị phối hợp xác minh vụ Khánh Hòa Xanh",
            "Kính gửi Ban Nội chính, đề nghị phối hợp xác minh.",
            html=HTML,
            attachments=_attachments(corpus),
        ),
        damaged_letter("Thư có phần đính kèm hỏng"),
        letter("Thư quá lớn", "Kèm hồ sơ quét.", extra=(("quet.pdf", big * 2),)),
        letter("Thư kèm tệp vượt hạn mức", "Tệp lớn.", extra=(("lon.pdf", big),)),
        letter("Báo cáo tiến độ điều tra", "Báo cáo tiến độ điều tra vụ việc số 7."),
    )
    settings = hoso_settings.with_overrides(
        mailboxes=(_imap_box(imap_server, folder),), max_upload_mb=2, mail_max_message_mb=5
    )
    store = open_store(settings)

    [first] = poll_all(settings, db, store)
    assert (first.taken, first.duplicates, first.failed) == (4, 0, 1), first.errors
    [second] = poll_all(settings, db, store)
    assert (second.taken, second.duplicates, second.failed) == (0, 0, 0), second.errors

    # 4 messages, 2 attachments of the first one; the damaged and the too-large one stay files
    # inside their messages; the message over the message limit stays in the mailbox.
    assert _counts(db) == (6, 5, 2)
    flags = imap_server.flags(folder)
    assert ["\\Seen" in f for f in flags] == [True, True, False, True, True]
    assert "$HosoFailed" in flags[2]

    with db.session() as session:
        records = {r.subject: r for r in session.scalars(select(MailMessage))}
        damaged = records["Thư có phần đính kèm hỏng"]
        assert damaged.status == "partial" and "damaged" in damaged.error
        assert damaged.document_id is not None  # the raw message is kept all the same
        oversized = records["Thư kèm tệp vượt hạn mức"]
        assert oversized.status == "partial"
        assert "'lon.pdf'" in oversized.error and "2 MB upload limit" in oversized.error
        [failed] = [r for r in records.values() if r.status == "failed"]
        assert failed.document_id is None and "HOSO_MAIL_MAX_MESSAGE_MB" in failed.error
        main = records["Đề nghị phối hợp xác minh vụ Khánh Hòa Xanh"]
        assert main.status == "taken" and main.error is None
        files = [d.filename for d in linked_attachments(session, main.document_id)]
        assert files == ["vn-r001.pdf", "vn-r006.docx"]
        for document in session.scalars(select(Document)):
            assert document.owner_agency.code == "vien_kiem_sat"
            assert document.confidentiality == "mat"
        state = session.get(MailboxState, "vks")
        assert state.total_taken == 4 and state.total_failed == 1 and state.last_taken == 0
        message_id = main.document_id
        user = make_user(session, "kiemsat_vien", "vien_kiem_sat", clearance="mat")
        outsider = make_user(session, "congan_vien", "cong_an", clearance="tuyet_mat")
        uncleared = make_user(session, "kiemsat_moi", "vien_kiem_sat", clearance="thuong")

    documents = wait_for(db, range(1, 7))
    search_engine.refresh(settings.index_alias)  # indexed means written, not yet searchable
    assert {d.status for d in documents.values()} == {"indexed"}, {
        d.id: d.error for d in documents.values()
    }
    with db.session() as session:
        message = session.get(Document, message_id)
        assert message.kind == "eml"
        assert message.subject == "Đề nghị phối hợp xác minh vụ Khánh Hòa Xanh"
        assert message.issuer == "Văn thư Viện kiểm sát <vanthu@vks.example.vn>"
        assert str(message.issued_date) == "2026-11-20"
        text = message.pages[0].original
        assert "Gửi đến: Ban Nội chính <noichinh@tinhuy.example.vn>" in text
        assert "Tệp đính kèm: vn-r001.pdf, vn-r006.docx" in text
        assert "Kính gửi Ban Nội chính, đề nghị phối hợp xác minh." in text
        index = settings.index_alias
        found = search(session, search_engine, index, session.merge(user), "phoi hop xac minh")
        assert message_id in {hit.id for hit in found.hits}
        for other in (outsider, uncleared):
            hidden = search(session, search_engine, index, session.merge(other), "Khánh Hòa Xanh")
            assert hidden.total == 0


def test_folder_of_eml_files_taken_once_and_shared_across_mailboxes(
    hoso_settings, db, corpus, tmp_path
):
    inbox, other = tmp_path / "hop-thu", tmp_path / "hop-thu-2"
    inbox.mkdir()
    other.mkdir()
    raw = letter(
        "Kết luận thanh tra gửi kèm", "Gửi kèm kết luận.", attachments=_attachments(corpus)
    )
    (inbox / "01-ket-luan.eml").write_bytes(raw)
    (inbox / "02-rac.eml").write_bytes(b"\x00\x01\x02 day khong phai thu \xff\xfe")
    (inbox / "03-ket-luan-lan-hai.eml").write_bytes(raw)
    # The same message (same Message-ID) received by another body with its own headers.
    (other / "ket-luan.eml").write_bytes(b"Received: from relay\r\n" + raw)
    # An attachment already in hoso is linked, not stored again.
    attached = letter("Chuyển tiếp", "Chuyển tiếp tài liệu.", attachments=_attachments(corpus)[:1])
    (other / "chuyen-tiep.eml").write_bytes(attached)
    boxes = (
        MailboxConfig(name="thanhtra", agency="thanh_tra", directory=inbox),
        MailboxConfig(name="noichinh", agency="noi_chinh", directory=other),
    )
    settings = hoso_settings.with_overrides(mailboxes=boxes)
    store = open_store(settings)

    first = poll_all(settings, db, store)
    assert [(r.taken, r.duplicates, r.failed) for r in first] == [(2, 1, 0), (1, 1, 0)]
    assert sorted(p.name for p in inbox.iterdir()) == ["done"]
    assert sorted(p.name for p in (inbox / "done").iterdir()) == [
        "01-ket-luan.eml",
        "02-rac.eml",
        "03-ket-luan-lan-hai.eml",
    ]
    (inbox / "04-lai-lan-nua.eml").write_bytes(raw)  # dropped again after the first poll
    second = poll_all(settings, db, store)
    assert [(r.taken, r.duplicates, r.failed) for r in second] == [(0, 1, 0), (0, 0, 0)]

    # kết luận + 2 attachments, the junk file, chuyển tiếp (its attachment is linked).
    assert _counts(db) == (5, 3, 3)
    with db.session() as session:
        records = {r.source: r for r in session.scalars(select(MailMessage))}
        junk = records["02-rac.eml"]
        assert junk.status == "partial" and "not an e-mail message" in junk.error
        main = records["01-ket-luan.eml"]
        documents = [main.document, *linked_attachments(session, main.document_id)]
        for document in documents:
            assert document.owner_agency.code == "thanh_tra"
            # Receiving the same file grants the other body nothing (access-policy, Duplicates).
            assert document.shared_with == []
        forwarded = records["chuyen-tiep.eml"]
        [pdf] = linked_attachments(session, forwarded.document_id)
        assert pdf.id == documents[1].id
        assert forwarded.document.owner_agency.code == "noi_chinh"


def test_unreachable_mailbox_is_reported_and_others_still_polled(hoso_settings, db, tmp_path):
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    (inbox / "thu.eml").write_bytes(letter("Thư thường", "Nội dung."))
    boxes = (
        MailboxConfig(
            name="hong", agency="noi_chinh", host="127.0.0.1", port=1, user="x", tls="plain"
        ),
        MailboxConfig(name="sai", agency="khong_co", directory=inbox),
        MailboxConfig(name="thumuc", agency="noi_chinh", directory=inbox),
    )
    settings = hoso_settings.with_overrides(mailboxes=boxes)
    broken, misnamed, working = poll_all(settings, db, open_store(settings))
    assert re.search(r"cannot connect to IMAP server 127\.0\.0\.1:1", broken.unavailable)
    assert misnamed.unavailable == ("HOSO_MAILBOX_SAI_AGENCY: no body has the code 'khong_co'")
    assert working.taken == 1
    with db.session() as session:
        assert "cannot connect" in session.get(MailboxState, "hong").last_error
        assert session.get(MailboxState, "thumuc").last_error is None
