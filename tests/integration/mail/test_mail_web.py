"""E-mail intake in the web app and the CLI: linked documents on both pages, within the
policy; the administrators' mailbox page; ``hoso mail poll --once``."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from jobs.mailin.poll import poll_all
from records.config import MailboxConfig
from records.models import MailMessage
from records.storage import open_store
from tests.support.auth import login, make_user
from tests.support.ingest import signed_in
from tests.support.mail import letter
from webapp.cli import main

pytestmark = pytest.mark.services


def _drop(folder, name: str, raw: bytes) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(raw)


def test_message_and_attachments_link_both_ways_within_the_policy(
    app, hoso_settings, db, corpus, tmp_path
):
    inbox = tmp_path / "hop-thu"
    pdf, docx = corpus / "files" / "vn-r001.pdf", corpus / "files" / "vn-r006.docx"
    _drop(inbox, "thu.eml", letter("Gửi kèm hồ sơ vụ việc", "Xem tệp.", attachments=(pdf, docx)))
    box = MailboxConfig(name="noichinh", agency="noi_chinh", directory=inbox)
    settings = hoso_settings.with_overrides(mailboxes=(box,))
    [result] = poll_all(settings, db, open_store(settings))
    assert result.taken == 1
    with db.session() as session:
        message_id = session.scalars(select(MailMessage.document_id)).one()

    reader, _ = signed_in(app, db, "doc.thu", agency="noi_chinh")
    page = reader.get(f"/documents/{message_id}").get_data(as_text=True)
    attachments = re.search(r'data-mail="attachments">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r">(vn-r\d+\.\w+)</a>", attachments) == ["vn-r001.pdf", "vn-r006.docx"]
    pdf_id = int(re.search(r'/documents/(\d+)">vn-r001\.pdf', attachments).group(1))
    back = reader.get(f"/documents/{pdf_id}").get_data(as_text=True)
    assert "Thư gửi kèm" in back
    assert f'/documents/{message_id}">Gửi kèm hồ sơ vụ việc.eml' in back

    described = reader.get(f"/api/v1/documents/{pdf_id}").get_json()
    assert (described["mail_messages"], described["attachments"]) == ([message_id], [])
    assert reader.get(f"/api/v1/documents/{message_id}").get_json()["attachments"][0] == pdf_id

    outsider, _ = signed_in(app, db, "cong.an", agency="cong_an")
    assert outsider.get(f"/documents/{message_id}").status_code == 404


def test_admin_page_lists_mailboxes_with_their_last_poll_and_errors(
    app, hoso_settings, db, tmp_path
):
    inbox = tmp_path / "hop-thu"
    _drop(inbox, "rac.eml", b"\x00\x01 khong phai thu")
    box = MailboxConfig(name="vanthu", agency="noi_chinh", confidentiality="mat", directory=inbox)
    missing = MailboxConfig(name="mat_tich", agency="noi_chinh", directory=tmp_path / "khong-co")
    settings = hoso_settings.with_overrides(mailboxes=(box, missing))
    app.extensions["hoso"].settings = settings
    poll_all(settings, db, open_store(settings))

    client = app.test_client()
    login(client, make_user(db, "quan.tri", roles=("administrator",), totp=True))
    assert "/admin/mailboxes/" in client.get("/admin/").get_data(as_text=True)
    page = client.get("/admin/mailboxes/").get_data(as_text=True)
    row = re.search(r'data-mailbox="vanthu">(.*?)</tr>', page, re.S).group(1)
    assert "1 / 0 / 0" in row and "Mật" in row
    missing_row = re.search(r'data-mailbox="mat_tich">(.*?)</tr>', page, re.S).group(1)
    assert "does not exist" in missing_row
    assert "not an e-mail message" in page  # the junk file is listed among problem messages

    clerk, _ = signed_in(app, db, "van.thu", agency="noi_chinh")
    assert clerk.get("/admin/mailboxes/").status_code == 403


def test_cli_polls_once(hoso_settings, db, tmp_path, monkeypatch):
    inbox = tmp_path / "hop-thu"
    _drop(inbox, "thu.eml", letter("Thư qua dòng lệnh", "Nội dung."))
    monkeypatch.setenv("HOSO_MAILBOXES", "cli")
    monkeypatch.setenv("HOSO_MAILBOX_CLI_AGENCY", "thanh_tra")
    monkeypatch.setenv("HOSO_MAILBOX_CLI_DIR", str(inbox))
    runner = CliRunner()
    first = runner.invoke(main, ["mail", "poll", "--once", "--json"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["taken"] == 1
    again = runner.invoke(main, ["mail", "poll", "--once"], catch_exceptions=False)
    assert again.output.strip() == "cli: 0 taken, 0 already in hoso, 0 failed"
    assert (inbox / "done" / "thu.eml").is_file()
