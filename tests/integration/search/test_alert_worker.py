"""The whole alert path through the broker and a real worker: upload, parse, index, alert."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select

from records.config import Settings
from records.db import Database
from records.models import Agency, Notification, SavedSearch, User
from tests.support.ingest import upload, wait_for

pytestmark = pytest.mark.services


def test_a_new_upload_notifies_the_saved_search_owner(
    db: Database, hoso_settings: Settings, worker, tmp_path: Path
) -> None:
    with db.session() as session:
        agencies = {a.code: a for a in session.scalars(select(Agency))}
        watcher = User(username="watcher", agency=agencies["noi_chinh"], roles=["officer"])
        outsider = User(username="outsider", agency=agencies["thanh_tra"], roles=["officer"])
        session.add_all([watcher, outsider])
        session.flush()
        for user in (watcher, outsider):
            session.add(
                SavedSearch(
                    user_id=user.id,
                    name="Đất đai Kiến Xương",
                    query="dat dai Kien Xuong",
                    alert=True,
                )
            )
        watcher_id = watcher.id
    letter = tmp_path / "cong-van.txt"
    letter.write_text(
        "BAN NỘI CHÍNH TỈNH ỦY THÁI BÌNH\nSố: 77-CV/BNCTU\nV/v rà soát đơn thư về đất đai "
        "tại huyện Kiến Xương\nĐề nghị các cơ quan phối hợp rà soát.\n",
        encoding="utf-8",
    )
    document_id = upload(db, hoso_settings, letter, agency="noi_chinh")
    assert wait_for(db, [document_id])[document_id].status == "indexed"

    deadline = time.monotonic() + 60
    while True:
        with db.session() as session:
            rows = session.execute(
                select(Notification.user_id, Notification.object_id, Notification.dedup_key)
            ).all()
        if rows or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert [(user_id, object_id) for user_id, object_id, _ in rows] == [
        (watcher_id, str(document_id))
    ]  # the thanh_tra officer may not see a noi_chinh document: no alert for them
