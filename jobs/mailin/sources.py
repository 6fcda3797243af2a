"""Where messages come from: an IMAP folder, or a folder of .eml files.

A source lists the messages not taken yet, and afterwards marks each one taken (IMAP:
\\Seen; folder: moved to ``done/``) or failed (IMAP: the ``$HosoFailed`` keyword, left
unread; folder: moved to ``failed/`` beside a note of the reason). Nothing is deleted.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import shutil
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from records.config import MailboxConfig

#: The IMAP keyword on messages that could not be taken; an operator removes it to retry.
FAILED_KEYWORD = "$HosoFailed"
TIMEOUT_S = 60.0
#: Most messages one poll of an IMAP folder takes; the rest wait for the next poll.
IMAP_BATCH = 200
_SIZE = re.compile(rb"UID (\d+) RFC822\.SIZE (\d+)|RFC822\.SIZE (\d+) UID (\d+)")


class MailboxUnavailable(Exception):
    """The mailbox cannot be read at all (server down, wrong password, missing folder)."""


@dataclass(frozen=True)
class Incoming:
    """One message waiting in a source. ``raw`` is None when it is too large to fetch."""

    source: str
    size: int
    raw: bytes | None


class Source(Protocol):
    def pending(self, max_bytes: int) -> Iterator[Incoming]: ...
    def taken(self, incoming: Incoming) -> None: ...
    def failed(self, incoming: Incoming, reason: str) -> None: ...
    def close(self) -> None: ...


def open_source(mailbox: MailboxConfig) -> Source:
    if mailbox.directory is not None:
        return FolderSource(mailbox.directory)
    return ImapSource(mailbox)


class FolderSource:
    """``*.eml`` files dropped into a folder (offline use)."""

    def __init__(self, directory: Path) -> None:
        if not directory.is_dir():
            raise MailboxUnavailable(f"folder {directory} does not exist")
        self.directory = directory

    def pending(self, max_bytes: int) -> Iterator[Incoming]:
        for path in sorted(self.directory.glob("*.eml")):
            if not path.is_file():
                continue
            size = path.stat().st_size
            raw = path.read_bytes() if size <= max_bytes else None
            yield Incoming(source=path.name, size=size, raw=raw)

    def taken(self, incoming: Incoming) -> None:
        self._move(incoming.source, "done")

    def failed(self, incoming: Incoming, reason: str) -> None:
        moved = self._move(incoming.source, "failed")
        moved.with_name(moved.name + ".error.txt").write_text(reason + "\n", encoding="utf-8")

    def close(self) -> None:
        return None

    def _move(self, name: str, folder: str) -> Path:
        target_dir = self.directory / folder
        target_dir.mkdir(exist_ok=True)
        target = target_dir / name
        number = 1
        while target.exists():  # a later file of the same name never overwrites an earlier one
            target = target_dir / f"{Path(name).stem}-{number}{Path(name).suffix}"
            number += 1
        shutil.move(self.directory / name, target)
        return target


class ImapSource:
    """Unread messages of one IMAP folder, read without marking them (BODY.PEEK)."""

    def __init__(self, mailbox: MailboxConfig) -> None:
        self.mailbox = mailbox
        where = f"{mailbox.host}:{mailbox.port}"
        try:
            self.imap = _connect(mailbox)
        except (OSError, imaplib.IMAP4.error, ssl.SSLError) as err:
            raise MailboxUnavailable(f"cannot connect to IMAP server {where}: {err}") from err
        try:
            self.imap.login(mailbox.user, mailbox.password)
            status, detail = self.imap.select(_quoted(mailbox.folder))
            if status != "OK":
                raise MailboxUnavailable(f"folder {mailbox.folder!r} on {where}: {_text(detail)}")
        except imaplib.IMAP4.error as err:
            self.close()
            raise MailboxUnavailable(f"IMAP server {where} refused: {err}") from err
        except MailboxUnavailable:
            self.close()
            raise

    def pending(self, max_bytes: int) -> Iterator[Incoming]:
        status, data = self.imap.uid("SEARCH", "UNSEEN", "UNKEYWORD", FAILED_KEYWORD)
        uids = data[0].split()[:IMAP_BATCH] if status == "OK" and data and data[0] else []
        if not uids:
            return
        sizes = self._sizes(uids)
        for uid in uids:
            size = sizes.get(uid, 0)
            raw = self._fetch(uid) if size <= max_bytes else None
            yield Incoming(source=f"uid {uid.decode()}", size=size, raw=raw)

    def taken(self, incoming: Incoming) -> None:
        self._flag(incoming, "\\Seen")

    def failed(self, incoming: Incoming, reason: str) -> None:
        self._flag(incoming, FAILED_KEYWORD)

    def close(self) -> None:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            self.imap.logout()

    def _sizes(self, uids: list[bytes]) -> dict[bytes, int]:
        status, data = self.imap.uid("FETCH", b",".join(uids).decode(), "(RFC822.SIZE)")
        sizes: dict[bytes, int] = {}
        for item in data if status == "OK" else []:
            line = item[0] if isinstance(item, tuple) else item
            match = _SIZE.search(line or b"")
            if match:
                uid, size = (match[1], match[2]) if match[1] else (match[4], match[3])
                sizes[uid] = int(size)
        return sizes

    def _fetch(self, uid: bytes) -> bytes | None:
        status, data = self.imap.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
        for item in data if status == "OK" else []:
            if isinstance(item, tuple):
                return item[1]
        return None

    def _flag(self, incoming: Incoming, flag: str) -> None:
        uid = incoming.source.removeprefix("uid ")
        self.imap.uid("STORE", uid, "+FLAGS", f"({flag})")


def _connect(mailbox: MailboxConfig) -> imaplib.IMAP4:
    context = ssl.create_default_context()
    if mailbox.tls == "imaps":
        return imaplib.IMAP4_SSL(mailbox.host, mailbox.port, ssl_context=context, timeout=TIMEOUT_S)
    imap = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=TIMEOUT_S)
    if mailbox.tls == "starttls":
        imap.starttls(ssl_context=context)
    return imap


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(detail: list[object]) -> str:
    return " ".join(
        item.decode(errors="replace") if isinstance(item, bytes) else str(item) for item in detail
    )
