"""Where user- or document-supplied text is shown on this branch's pages."""

from __future__ import annotations

import io
from typing import Any

from sqlalchemy import select

from records.intake import receive
from records.models import Agency, User
from records.storage import open_store
from tests.access.registry import XssProbe, register_xss
from tests.support.auth import post_form


def _principal(h: Any, key: str) -> Any:
    return next(p for p in h.world.users if p.key == key)


def _auditor_page(query: str) -> Any:
    def render(h: Any) -> str:
        client = h.client(_principal(h, "auditor-noichinh-tuyetmat"))
        return client.get(f"/audit/?{query}").get_data(as_text=True)

    return render


def _plant_filename(h: Any, payload: str) -> None:
    with h.db.session() as session:
        agency = session.scalar(select(Agency).where(Agency.code == "thanh_tra"))
        receive(
            session, open_store(h.settings), io.BytesIO(payload.encode() + b" xss"),
            f"{payload}.txt", user=None, agency=agency, channel="web",
        )  # fmt: skip


def _plant_tried_username(h: Any, payload: str) -> None:
    client = h.app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.77.0.1"
    post_form(client, "/login", {"username": payload, "password": "x"})


def _plant_full_name(h: Any, payload: str) -> None:
    with h.db.session() as session:
        user = session.scalar(select(User).where(User.username == "viewer-congan-thuong"))
        user.full_name = payload


def _admin_users(h: Any) -> str:
    client = h.client(_principal(h, "administrator-noichinh-thuong"))
    return client.get("/admin/users?agency=cong_an").get_data(as_text=True)


register_xss(
    XssProbe(
        "audit log: an uploaded file's name",
        _plant_filename,
        _auditor_page("action=document.upload"),
    ),
    XssProbe(
        "audit log: a username tried at sign-in",
        _plant_tried_username,
        _auditor_page("action=login&outcome=denied"),
    ),
    XssProbe("user list: a full name", _plant_full_name, _admin_users),
)
