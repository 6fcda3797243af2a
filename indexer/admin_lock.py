"""One lock for the operations that rebuild or remove what the index holds.

``hoso reindex``, ``hoso check --repair``, ``hoso restore``, ``hoso storage migrate`` and
the execution of a disposal list must never overlap: a repair that deletes the index a
reindex is filling, or a disposal that deletes documents a reindex then writes back,
breaks search; a disposal during a migration leaves the disposed file in the new store.
Each takes this lock and refuses, saying who holds it, while another does.

On PostgreSQL it is a session advisory lock held by a connection of its own: the server
releases it the moment that process dies, however it dies. SQLite has no such thing, so
there it is a Redis key with an expiry, renewed by a thread while the operation runs, and
a fencing token: before a destructive step the holder confirms the key still carries its
token (:meth:`AdminLock.confirm`), so a holder that stalled past the expiry stops instead
of acting on a lock someone else now holds.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Protocol

import redis
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from records.db import Database

log = logging.getLogger(__name__)

#: The advisory lock's key: "hoso" as a number. Advisory locks belong to one database.
ADVISORY_KEY = 0x686F736F
REDIS_TTL_S = 30
RENEW_EVERY_S = 10

_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


class AdminBusy(Exception):
    """Another admin operation holds the lock; the message says which and since when."""


class LockLost(Exception):
    """The lock expired or was taken over while this operation ran; it must stop."""


class AdminLock(Protocol):
    """A held lock: :meth:`confirm` before each step that deletes or moves an index."""

    operation: str

    def confirm(self) -> None:
        """Raise :class:`LockLost` unless this process still holds the lock."""


def _holder(operation: str) -> dict[str, Any]:
    return {
        "operation": operation,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _busy_message(operation: str, holder: str) -> str:
    return (
        f"{operation} refused: another admin operation is running ({holder}). "
        "reindex, check --repair, restore, storage migrate and disposal never run together; "
        "try again when it has finished."
    )


class _PostgresLock:
    def __init__(self, operation: str, connection: Any) -> None:
        self.operation = operation
        self._connection = connection

    def confirm(self) -> None:
        try:
            held = self._connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND pid = pg_backend_pid() AND objid = :key AND granted"
                ),
                {"key": ADVISORY_KEY},
            ).scalar_one()
        except Exception as err:
            raise LockLost(f"{self.operation}: the admin lock's connection broke: {err}") from err
        if not held:
            raise LockLost(f"{self.operation}: the admin lock is no longer held")


class _RedisLock:
    def __init__(self, operation: str, client: redis.Redis, key: str, token: str) -> None:
        self.operation = operation
        self.describe = _holder(operation)
        self._client = client
        self._key = key
        self.token = token
        self._stop = threading.Event()
        self._renewer = threading.Thread(target=self._renew, name="admin-lock", daemon=True)

    def value(self) -> str:
        return json.dumps({**self.describe, "token": self.token})

    def start(self) -> None:
        self._renewer.start()

    def _renew(self) -> None:
        while not self._stop.wait(RENEW_EVERY_S):
            try:
                self._client.eval(_RENEW, 1, self._key, self.value(), REDIS_TTL_S * 1000)
            except redis.RedisError as err:
                log.warning("could not renew the admin lock: %s", err)

    def confirm(self) -> None:
        try:
            current = self._client.get(self._key)
        except redis.RedisError as err:
            raise LockLost(f"{self.operation}: cannot confirm the admin lock: {err}") from err
        if current is None or current.decode() != self.value():
            raise LockLost(f"{self.operation}: the admin lock expired or was taken over")

    def release(self) -> None:
        self._stop.set()
        self._renewer.join(timeout=RENEW_EVERY_S)
        try:
            self._client.eval(_RELEASE, 1, self._key, self.value())
        except redis.RedisError as err:
            log.warning("could not release the admin lock (it expires by itself): %s", err)


@contextmanager
def admin_lock(operation: str, db: Database, broker_url: str, scope: str) -> Iterator[AdminLock]:
    """Hold the admin lock for ``operation`` or raise :class:`AdminBusy` at once.

    ``scope`` names the system (the index alias) for the Redis form of the lock.
    """
    if db.engine.dialect.name == "postgresql":
        with _postgres_lock(operation, db) as lock:
            yield lock
    else:
        with _redis_lock(operation, broker_url, scope) as lock:
            yield lock


@contextmanager
def _postgres_lock(operation: str, db: Database) -> Iterator[AdminLock]:
    connection = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        connection.execute(
            text("SELECT set_config('application_name', :name, false)"),
            {"name": f"hoso {operation}"[:63]},
        )
        if not connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}
        ).scalar_one():
            raise AdminBusy(_busy_message(operation, _postgres_holder(connection)))
        try:
            yield _PostgresLock(operation, connection)
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
    finally:
        # Not back to the pool: it carries the operation's name, and closing the session
        # releases the lock whatever happened above.
        connection.invalidate()
        connection.close()


def _postgres_holder(connection: Any) -> str:
    row = connection.execute(
        text(
            "SELECT a.application_name, a.client_addr, a.backend_start "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.objid = :key AND l.granted "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ),
        {"key": ADVISORY_KEY},
    ).first()
    if row is None:
        return "it has just finished"
    name, address, since = row
    return f"{name or 'unknown'} from {address or 'this host'}, since {since:%Y-%m-%d %H:%M:%S %Z}"


@contextmanager
def _redis_lock(operation: str, broker_url: str, scope: str) -> Iterator[AdminLock]:
    client = redis.Redis.from_url(broker_url, socket_timeout=5, socket_connect_timeout=5)
    key = f"hoso:{scope}:admin-lock"
    try:
        token = str(client.incr(f"{key}:fence"))
        lock = _RedisLock(operation, client, key, token)
        if not client.set(key, lock.value(), nx=True, ex=REDIS_TTL_S):
            current = client.get(key)
            raise AdminBusy(_busy_message(operation, _redis_holder(current)))
    except redis.RedisError as err:
        raise AdminBusy(
            f"{operation} refused: the admin lock lives in Redis at {broker_url} "
            f"(this system uses SQLite), which cannot be reached: {err}"
        ) from err
    lock.start()
    try:
        yield lock
    finally:
        lock.release()
        client.close()


def _redis_holder(value: bytes | None) -> str:
    if value is None:
        return "it has just finished"
    holder = json.loads(value)
    return (
        f"hoso {holder['operation']}, pid {holder['pid']} on {holder['host']}, "
        f"since {holder['since']}"
    )


def holder(db: Database, broker_url: str, scope: str) -> str | None:
    """Who holds the admin lock now (None: nobody), without taking it."""
    try:
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as connection:
                held = connection.execute(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        "AND objid = :key AND granted AND database = "
                        "(SELECT oid FROM pg_database WHERE datname = current_database())"
                    ),
                    {"key": ADVISORY_KEY},
                ).scalar_one()
                return _postgres_holder(connection) if held else None
        client = redis.Redis.from_url(broker_url, socket_timeout=2, socket_connect_timeout=2)
        try:
            value = client.get(f"hoso:{scope}:admin-lock")
        finally:
            client.close()
        return _redis_holder(value) if value is not None else None
    except (redis.RedisError, SQLAlchemyError, OSError):
        return None
