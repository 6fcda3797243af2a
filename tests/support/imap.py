"""A real IMAP server for tests: Dovecot from Debian's packages, on a loopback port.

One server per test session, configured by a file in a temporary folder (maildir storage,
a passwd-file with a plain password, no TLS: loopback only). Each test gets its own IMAP
folder, so tests never see each other's messages.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "hopthu"
PASSWORD = "mat-khau-thu"
#: The system account Debian's dovecot-core creates; mail files are written as it.
MAIL_OWNER = "dovecot"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={owner} gid={owner} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str

    def connect(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.host, self.port, timeout=30)
        imap.login(self.user, self.password)
        return imap

    def new_folder(self) -> str:
        folder = f"thu-{uuid.uuid4().hex[:8]}"
        imap = self.connect()
        try:
            status, detail = imap.create(folder)
            assert status == "OK", detail
        finally:
            imap.logout()
        return folder

    def deliver(self, folder: str, *messages: bytes) -> None:
        imap = self.connect()
        try:
            for raw in messages:
                status, detail = imap.append(folder, None, None, raw)
                assert status == "OK", detail
        finally:
            imap.logout()

    def flags(self, folder: str) -> list[str]:
        """Each message's flags, in order."""
        imap = self.connect()
        try:
            imap.select(folder, readonly=True)
            _, data = imap.fetch("1:*", "(FLAGS)")
        finally:
            imap.logout()
        return [item.decode() for item in data if isinstance(item, bytes)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unavailable(reason: str) -> None:
    if os.environ.get("HOSO_TEST_REQUIRE_ALL"):
        pytest.fail(f"{reason} (HOSO_TEST_REQUIRE_ALL is set)")
    pytest.skip(f"{reason}: install dovecot-imapd (deploy/dev/setup.sh --test)")


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    binary = shutil.which("dovecot", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
    if binary is None:
        _unavailable("Dovecot is not installed")
    try:
        owner = pwd.getpwnam(MAIL_OWNER)
    except KeyError:
        _unavailable(f"the {MAIL_OWNER!r} system account of Dovecot is missing")
    # Dovecot's unprivileged processes must reach the folder: not under pytest's 0700 tmp.
    root = Path(tempfile.mkdtemp(prefix="hoso-dovecot-"))
    root.chmod(0o755)
    for name in ("run", "state", "mail"):
        (root / name).mkdir()
    os.chown(root / "mail", owner.pw_uid, owner.pw_gid)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    port = _free_port()
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(root=root, port=port, owner=MAIL_OWNER))
    process = subprocess.Popen(
        [binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    server = ImapServer("127.0.0.1", port, USER, PASSWORD)
    try:
        _wait_ready(server, process, root)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


def _wait_ready(server: ImapServer, process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
            raise RuntimeError(f"Dovecot exited at start: {err}{log[-2000:]}")
        try:
            server.connect().logout()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
