"""``hoso backup DIR`` and ``hoso restore DIR``: the record and its files, verifiable.

The database is exported at the SQLAlchemy level, one JSON-lines file per table, read in a
single snapshot transaction (REPEATABLE READ on PostgreSQL, one read transaction on
SQLite), rather than with ``pg_dump``: the same backup restores into PostgreSQL or SQLite
(a quick local install can move to a server), needs no client binary matching the server's
version on an air-gapped machine, and every table file gets a sha256 in the manifest like
the stored files do. The schema is not exported: restore migrates the empty target to the
backup's Alembic revision, loads the rows, then migrates up to the running release.

Layout of a backup folder::

    manifest.json     versions, revision, row counts, checksums of every file below
    db/<table>.jsonl  one JSON object per row
    files/ab/cd/<sha256>  the stored files, laid out as in the data folder (or bucket)
    files.sha256      "<sha256>  files/ab/cd/<sha256>" lines (``sha256sum -c`` reads it)
    config.env        the HOSO_* settings, secrets removed

``manifest.json`` is written last, so a folder without it is an unfinished backup.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import platform
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import sqlalchemy as sa
from alembic.migration import MigrationContext
from sqlalchemy.engine import make_url

from records import migrate
from records.config import Settings
from records.db import Database
from records.storage import CHUNK, CorruptFile, FileMissing, FileStore, relative_name

FORMAT = 1
MANIFEST = "manifest.json"
SECRET_SETTINGS = ("HOSO_SECRET_KEY", "HOSO_METRICS_TOKEN")
URL_SETTINGS = ("HOSO_DATABASE_URL", "HOSO_SEARCH_URL", "HOSO_BROKER_URL", "HOSO_SMTP_URL")
#: Tables whose rows a fresh migration creates itself (reference data): they do not make a
#: system "non-empty", and restore replaces them with the backup's rows.
SEEDED_TABLES = ("agencies", "retention_rules")
INSERT_BATCH = 1000


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why and what to do."""


@dataclass
class BackupReport:
    path: Path
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0
    missing_files: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class RestoreReport:
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0
    revision: str = ""


Progress = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


# ---------------------------------------------------------------------------- values


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return {"$base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _decoder(column: sa.Column) -> Callable[[Any], Any]:
    """How to turn a JSON value back into what ``column`` stores."""
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        python_type = object
    if python_type is datetime:
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if python_type is date:
        return lambda v: None if v is None else date.fromisoformat(v)
    if python_type is Decimal:
        return lambda v: None if v is None else Decimal(v)
    if python_type is bytes:
        return lambda v: None if v is None else base64.b64decode(v["$base64"])
    return lambda v: v


# ---------------------------------------------------------------------------- backup


def backup(
    settings: Settings,
    db: Database,
    store: FileStore,
    target: Path,
    *,
    hoso_version: str,
    extra_manifest: dict[str, Any] | None = None,
    progress: Progress = _quiet,
) -> BackupReport:
    """Write a complete backup into ``target`` (new or empty)."""
    started = datetime.now(UTC)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new or empty folder")
    (target / "db").mkdir(parents=True, exist_ok=True)
    report = BackupReport(path=target)
    table_sums: dict[str, str] = {}
    with _snapshot(db) as connection:
        revision = MigrationContext.configure(connection).get_current_revision() or ""
        metadata = sa.MetaData()
        metadata.reflect(bind=connection)
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            count, digest = _dump_table(connection, table, target / "db" / f"{table.name}.jsonl")
            report.tables[table.name] = count
            table_sums[table.name] = digest
            progress(f"table {table.name}: {count} rows")
        # Every stored file: each document's current file and its older versions.
        digests = list(
            connection.execute(
                sa.text("SELECT sha256 FROM documents UNION SELECT sha256 FROM document_versions")
            ).scalars()
        )
    _copy_files(store, digests, target, report, progress)
    (target / "config.env").write_text(_config_text(settings), encoding="utf-8")
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    manifest = {
        "format": FORMAT,
        "created_at": started.isoformat(),
        "hoso_version": hoso_version,
        "python": platform.python_version(),
        "sqlalchemy": sa.__version__,
        "database_dialect": db.engine.dialect.name,
        "alembic_revision": revision,
        "tables": {
            name: {"rows": report.tables[name], "sha256": table_sums[name]}
            for name in report.tables
        },
        "files": {"count": report.files, "bytes": report.bytes, "list": "files.sha256"},
        "missing_files": report.missing_files,
        "config": {"file": "config.env", "sha256": _sha256_file(target / "config.env")},
        **(extra_manifest or {}),
    }
    _write_atomic(target / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    return report


@contextmanager
def _snapshot(db: Database) -> Iterator[sa.Connection]:
    """A connection that sees one consistent state of every table, read only."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            connection.begin()
            connection.execute(sa.text("SET TRANSACTION READ ONLY"))
        else:
            connection.begin()
            # SQLite in WAL mode: the first read fixes the snapshot for the transaction.
            connection.execute(sa.text("SELECT count(*) FROM sqlite_master"))
        try:
            yield connection
        finally:
            connection.rollback()


def _dump_table(connection: sa.Connection, table: sa.Table, path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execution_options(stream_results=True, yield_per=1000).execute(
        sa.select(table).order_by(*order)
    )
    with path.open("wb") as out:
        for row in result.mappings():
            line = json.dumps({k: _encode(v) for k, v in row.items()}, ensure_ascii=False)
            data = (line + "\n").encode("utf-8")
            digest.update(data)
            out.write(data)
            count += 1
        out.flush()
        os.fsync(out.fileno())
    return count, digest.hexdigest()


def _copy_files(
    store: FileStore, digests: list[str], target: Path, report: BackupReport, progress: Progress
) -> None:
    lines = []
    for number, sha256 in enumerate(sorted(set(digests)), start=1):
        relative = Path("files") / relative_name(sha256)
        try:
            with store.open(sha256) as source:
                report.bytes += _copy_verified(source, target / relative)
        except (FileMissing, CorruptFile):
            (target / relative).unlink(missing_ok=True)
            report.missing_files.append(sha256)
            continue
        report.files += 1
        lines.append(f"{sha256}  {relative.as_posix()}\n")
        if number % 500 == 0:
            progress(f"files: {number}/{len(digests)}")
    (target / "files.sha256").write_text("".join(lines), encoding="ascii")


def _copy_verified(source: BinaryIO, destination: Path) -> int:
    """Copy a store's verifying reader to a file, synced; return the bytes copied."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with destination.open("wb") as out:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size


def _config_text(settings: Settings) -> str:
    lines = ["# hoso settings at backup time; secrets removed. Informative: restore does not"]
    lines.append("# apply it. Set the real values (and new secrets) in the target's environment.")
    for key, value in sorted(settings.to_env().items()):
        if key in SECRET_SETTINGS:
            value = "<removed>" if value else ""
        elif key in URL_SETTINGS and value:
            value = ",".join(_without_password(part) for part in value.split(","))
        lines.append(f"{key}={value}")
    return "\n".join(lines) + "\n"


def _without_password(url: str) -> str:
    try:
        parsed = make_url(url.strip())
    except sa.exc.ArgumentError:
        return url
    if parsed.password is None:
        return url.strip()
    return parsed.render_as_string(hide_password=True)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


# ---------------------------------------------------------------------------- restore


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} has no {MANIFEST}: not a hoso backup, or an unfinished one")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r} is not {FORMAT}")
    return manifest


def verify(source: Path, progress: Progress = _quiet) -> dict[str, Any]:
    """Check every checksum of a backup; return its manifest or raise BackupError."""
    manifest = read_manifest(source)
    bad = []
    for name, entry in manifest["tables"].items():
        path = source / "db" / f"{name}.jsonl"
        if not path.is_file() or _sha256_file(path) != entry["sha256"]:
            bad.append(f"db/{name}.jsonl")
    checked = 0
    for sha256, relative in _file_list(source):
        path = source / relative
        if not path.is_file() or _sha256_file(path) != sha256:
            bad.append(relative)
        checked += 1
        if checked % 500 == 0:
            progress(f"verified {checked} files")
    if checked != manifest["files"]["count"]:
        bad.append(f"files.sha256 lists {checked} files, the manifest {manifest['files']['count']}")
    if bad:
        shown = ", ".join(bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
        raise BackupError(f"backup {source} is damaged; these fail their checksum: {shown}")
    return manifest


def _file_list(source: Path) -> Iterator[tuple[str, str]]:
    listing = source / "files.sha256"
    if not listing.is_file():
        raise BackupError(f"{source} has no files.sha256")
    for line in listing.read_text(encoding="ascii").splitlines():
        if line.strip():
            sha256, relative = line.split(None, 1)
            if relative.startswith("/") or ".." in Path(relative).parts:
                raise BackupError(f"files.sha256 names a path outside the backup: {relative}")
            yield sha256, relative.strip()


def is_empty(db: Database, store: FileStore) -> tuple[bool, str]:
    """Whether a system holds nothing but what a fresh migration creates; and what it holds."""
    with db.engine.connect() as connection:
        metadata = sa.MetaData()
        metadata.reflect(bind=connection)
        for table in metadata.sorted_tables:
            if table.name in (*SEEDED_TABLES, "alembic_version"):
                continue
            count = connection.execute(sa.select(sa.func.count()).select_from(table)).scalar()
            if count:
                return False, f"table {table.name} has {count} rows"
    if any(True for _ in store.iter_digests()):
        return False, f"the file store {store.location} holds files"
    return True, ""


def restore(
    db: Database,
    store: FileStore,
    source: Path,
    *,
    force: bool = False,
    progress: Progress = _quiet,
) -> RestoreReport:
    """Load a verified backup into this system (empty, or emptied first with ``force``)."""
    manifest = verify(source, progress)
    empty, holds = is_empty(db, store)
    if not empty and not force:
        raise BackupError(
            f"this system is not empty ({holds}); restore refuses to overwrite it. "
            "Use --force to replace everything it holds with the backup."
        )
    revision = manifest["alembic_revision"]
    progress(f"database: schema at revision {revision or 'base'}")
    if not empty:
        _wipe(db, store)
    _align_schema(db, revision)
    report = RestoreReport(revision=revision)
    with db.engine.begin() as connection:
        metadata = sa.MetaData()
        metadata.reflect(bind=connection)
        for table in reversed(metadata.sorted_tables):
            if table.name != "alembic_version":
                connection.execute(table.delete())  # the seeded rows the backup replaces
        for table in metadata.sorted_tables:
            if table.name not in manifest["tables"]:
                continue
            report.tables[table.name] = _load_table(connection, table, source)
            progress(f"table {table.name}: {report.tables[table.name]} rows")
        _reset_sequences(connection, metadata)
    migrate.upgrade(db.url)
    for sha256, relative in _file_list(source):
        size = (source / relative).stat().st_size
        if not store.exists(sha256):
            with (source / relative).open("rb") as stream:
                stored = store.put(stream)
            if stored.sha256 != sha256:
                store.remove(stored.sha256)
                raise BackupError(f"{relative} changed while being restored")
        report.files += 1
        report.bytes += size
    return report


def _wipe(db: Database, store: FileStore) -> None:
    """Empty every table and the file store (restore --force)."""
    with db.engine.begin() as connection:
        metadata = sa.MetaData()
        metadata.reflect(bind=connection)
        tables = [t for t in metadata.sorted_tables if t.name != "alembic_version"]
        if connection.dialect.name == "postgresql":
            # TRUNCATE, not DELETE: the audit log refuses row deletes by design.
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                connection.execute(table.delete())
    store.clear()


def _align_schema(db: Database, revision: str) -> None:
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current == revision:
        return
    if current is None:
        migrate.upgrade(db.url, revision or "base")
        return
    try:
        migrate.downgrade(db.url, revision or "base")
    except Exception as err:  # alembic raises several kinds for an unknown revision
        raise BackupError(
            f"the backup's schema revision {revision} is not one this release knows: {err}"
        ) from err


def _load_table(connection: sa.Connection, table: sa.Table, source: Path) -> int:
    decoders = {column.name: _decoder(column) for column in table.columns}
    count = 0
    batch: list[dict[str, Any]] = []
    with (source / "db" / f"{table.name}.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            batch.append({k: decoders[k](v) for k, v in row.items() if k in decoders})
            if len(batch) >= INSERT_BATCH:
                connection.execute(table.insert(), batch)
                count += len(batch)
                batch = []
    if batch:
        connection.execute(table.insert(), batch)
        count += len(batch)
    return count


def _reset_sequences(connection: sa.Connection, metadata: sa.MetaData) -> None:
    """PostgreSQL: move each serial sequence past the ids just loaded."""
    if connection.dialect.name != "postgresql":
        return
    for table in metadata.sorted_tables:
        for column in table.primary_key.columns:
            sequence = connection.execute(
                sa.text("SELECT pg_get_serial_sequence(:t, :c)"),
                {"t": table.name, "c": column.name},
            ).scalar()
            if sequence:
                top = connection.execute(sa.select(sa.func.max(column))).scalar() or 0
                connection.execute(
                    sa.text("SELECT setval(:s, :v, false)"), {"s": sequence, "v": top + 1}
                )
