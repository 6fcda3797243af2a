"""Mailbox settings: IMAP or folder, owned by a body; plain IMAP only on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

from records.config import ConfigError, MailboxConfig, load_mailboxes, load_settings


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch):
    def set_env(**values: str) -> None:
        for key, value in values.items():
            monkeypatch.setenv(key, value)

    return set_env


def test_imap_and_folder_mailboxes(env, tmp_path: Path) -> None:
    env(
        HOSO_MAILBOXES="VKS, offline",
        HOSO_MAILBOX_VKS_AGENCY="vien_kiem_sat",
        HOSO_MAILBOX_VKS_HOST="mail.vks.example.vn",
        HOSO_MAILBOX_VKS_USER="vanthu",
        HOSO_MAILBOX_VKS_PASSWORD="bi mat",
        HOSO_MAILBOX_VKS_CONFIDENTIALITY="mat",
        HOSO_MAILBOX_OFFLINE_AGENCY="noi_chinh",
        HOSO_MAILBOX_OFFLINE_DIR=str(tmp_path),
    )
    vks, offline = load_mailboxes()
    assert vks == MailboxConfig(
        name="vks",
        agency="vien_kiem_sat",
        confidentiality="mat",
        host="mail.vks.example.vn",
        port=993,
        user="vanthu",
        password="bi mat",
        folder="INBOX",
        tls="imaps",
    )
    assert (offline.kind, offline.directory, offline.confidentiality) == (
        "folder",
        tmp_path,
        "thuong",
    )


def test_settings_pass_mailboxes_to_other_processes(env, tmp_path: Path) -> None:
    env(
        HOSO_DATA_DIR=str(tmp_path),
        HOSO_MAILBOXES="local",
        HOSO_MAILBOX_LOCAL_AGENCY="thanh_tra",
        HOSO_MAILBOX_LOCAL_HOST="127.0.0.1",
        HOSO_MAILBOX_LOCAL_TLS="plain",
        HOSO_MAILBOX_LOCAL_USER="hop",
        HOSO_MAIL_POLL_S="60",
    )
    settings = load_settings()
    assert settings.mailboxes[0].port == 143 and settings.mail_poll_s == 60
    exported = settings.to_env()
    assert exported["HOSO_MAILBOX_LOCAL_TLS"] == "plain"
    assert exported["HOSO_MAILBOXES"] == "local"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"HOSO_MAILBOX_X_HOST": "h", "HOSO_MAILBOX_X_USER": "u"}, "AGENCY must name"),
        ({"HOSO_MAILBOX_X_AGENCY": "noi_chinh"}, "HOST or HOSO_MAILBOX_X_DIR"),
        (
            {
                "HOSO_MAILBOX_X_AGENCY": "noi_chinh",
                "HOSO_MAILBOX_X_HOST": "mail.example.vn",
                "HOSO_MAILBOX_X_USER": "u",
                "HOSO_MAILBOX_X_TLS": "plain",
            },
            "only for a server on this machine",
        ),
        (
            {
                "HOSO_MAILBOX_X_AGENCY": "noi_chinh",
                "HOSO_MAILBOX_X_DIR": "/x",
                "HOSO_MAILBOX_X_CONFIDENTIALITY": "rat_mat",
            },
            "CONFIDENTIALITY must be one of",
        ),
    ],
)
def test_bad_mailbox_settings_name_the_variable(env, values, message) -> None:
    env(HOSO_MAILBOXES="x", **values)
    with pytest.raises(ConfigError, match=message):
        load_mailboxes()
