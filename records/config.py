"""Settings, read once from ``HOSO_*`` environment variables.

Every value has a default that gives a working local system: SQLite and stored files under
the data folder, the local search node started by ``deploy/dev/services.sh`` and the local
Redis. Production overrides them (see README, "Production").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from records.codes import CONFIDENTIALITY

ENGINES = ("opensearch", "elasticsearch")
LOG_FORMATS = ("json", "text")
#: How hoso talks to an IMAP server: TLS from the start, STARTTLS, or plain (loopback only).
MAIL_TLS_MODES = ("imaps", "starttls", "plain")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
ENVIRONMENTS = ("development", "production", "testing")


class ConfigError(Exception):
    """A setting is missing or invalid; the message names the variable."""


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as err:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from err


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in {"1", "true", "yes", "on"}


def default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "hoso"


@dataclass(frozen=True)
class MailboxConfig:
    """One mailbox whose messages become documents: an IMAP folder or a folder of .eml files.

    Its documents belong to ``agency`` with the ``confidentiality`` mark.
    """

    name: str
    agency: str
    confidentiality: str = "thuong"
    host: str = ""
    port: int = 0
    user: str = ""
    password: str = ""
    folder: str = "INBOX"
    tls: str = "imaps"
    directory: Path | None = None

    @property
    def kind(self) -> str:
        return "folder" if self.directory is not None else "imap"

    def to_env(self) -> dict[str, str]:
        prefix = f"HOSO_MAILBOX_{self.name.upper()}_"
        values = {"AGENCY": self.agency, "CONFIDENTIALITY": self.confidentiality}
        if self.directory is not None:
            values["DIR"] = str(self.directory)
        else:
            values |= {
                "HOST": self.host,
                "PORT": str(self.port),
                "USER": self.user,
                "PASSWORD": self.password,
                "FOLDER": self.folder,
                "TLS": self.tls,
            }
        return {prefix + key: value for key, value in values.items()}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    search_url: str
    search_engine: str
    search_index_prefix: str
    search_shards: int
    search_replicas: int
    broker_url: str
    queue: str
    secret_key: str
    environment: str  # development | production | testing
    max_upload_mb: int
    parse_timeout_s: int
    parse_memory_mb: int
    parse_max_pages: int
    smtp_url: str
    mail_from: str
    sweep_stale_s: int  # received/processing this long: the sweep sends the document again
    log_format: str  # json | text
    log_level: str
    metrics_token: str  # when set, /metrics wants "Authorization: Bearer <token>"
    #: Failed sign-ins in a row that lock an account, and for how long.
    login_max_failures: int = 5
    lockout_minutes: int = 15
    #: A session unused for this long must sign in again.
    session_idle_minutes: int = 30
    #: Flask-Limiter rate of sign-in attempts, per client address and per account.
    login_rate_limit: str = "20 per minute"
    #: The province, as printed in report letterheads ("TỈNH ỦY THÁI BÌNH") and date lines.
    province: str = ""
    #: OCR'd pages whose mean word confidence (0..100) is below this are flagged for review.
    ocr_review_threshold: int = 80
    #: Mailboxes polled for incoming official letters (``HOSO_MAILBOXES``), and how often.
    mailboxes: tuple[MailboxConfig, ...] = ()
    mail_poll_s: int = 300
    #: Largest raw message taken from a mailbox; each attachment is held to max_upload_mb.
    mail_max_message_mb: int = 250
    #: Days a trashed document can be restored; after that it waits for a disposal list.
    trash_days: int = 30
    #: Where stored files live (``HOSO_STORAGE_URL``): empty for ``<data_dir>/files``,
    #: ``file:///path`` for another folder, ``s3://bucket/prefix?endpoint=…`` for an
    #: S3-compatible object store (credentials from the AWS_* environment variables).
    storage_url: str = ""

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @property
    def index_alias(self) -> str:
        return f"{self.search_index_prefix}-documents"

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_env(self) -> dict[str, str]:
        """The ``HOSO_*`` variables that make another process load these same settings."""
        return {
            "HOSO_DATA_DIR": str(self.data_dir),
            "HOSO_DATABASE_URL": self.database_url,
            "HOSO_SEARCH_URL": self.search_url,
            "HOSO_SEARCH_ENGINE": self.search_engine,
            "HOSO_SEARCH_INDEX_PREFIX": self.search_index_prefix,
            "HOSO_SEARCH_SHARDS": str(self.search_shards),
            "HOSO_SEARCH_REPLICAS": str(self.search_replicas),
            "HOSO_BROKER_URL": self.broker_url,
            "HOSO_QUEUE": self.queue,
            "HOSO_SECRET_KEY": self.secret_key,
            "HOSO_ENV": self.environment,
            "HOSO_MAX_UPLOAD_MB": str(self.max_upload_mb),
            "HOSO_PARSE_TIMEOUT_S": str(self.parse_timeout_s),
            "HOSO_PARSE_MEMORY_MB": str(self.parse_memory_mb),
            "HOSO_PARSE_MAX_PAGES": str(self.parse_max_pages),
            "HOSO_SMTP_URL": self.smtp_url,
            "HOSO_MAIL_FROM": self.mail_from,
            "HOSO_SWEEP_STALE_S": str(self.sweep_stale_s),
            "HOSO_LOG_FORMAT": self.log_format,
            "HOSO_LOG_LEVEL": self.log_level,
            "HOSO_METRICS_TOKEN": self.metrics_token,
            "HOSO_LOGIN_MAX_FAILURES": str(self.login_max_failures),
            "HOSO_LOCKOUT_MINUTES": str(self.lockout_minutes),
            "HOSO_SESSION_IDLE_MINUTES": str(self.session_idle_minutes),
            "HOSO_LOGIN_RATE_LIMIT": self.login_rate_limit,
            "HOSO_PROVINCE": self.province,
            "HOSO_OCR_REVIEW_THRESHOLD": str(self.ocr_review_threshold),
            "HOSO_MAILBOXES": ",".join(box.name for box in self.mailboxes),
            "HOSO_MAIL_POLL_S": str(self.mail_poll_s),
            "HOSO_MAIL_MAX_MESSAGE_MB": str(self.mail_max_message_mb),
            "HOSO_TRASH_DAYS": str(self.trash_days),
            "HOSO_STORAGE_URL": self.storage_url,
        } | {key: value for box in self.mailboxes for key, value in box.to_env().items()}


def load_settings() -> Settings:
    """Read the environment into a validated :class:`Settings`."""
    data_dir = Path(_env("HOSO_DATA_DIR", str(default_data_dir()))).expanduser()
    engine = _env("HOSO_SEARCH_ENGINE", "opensearch").lower()
    if engine not in ENGINES:
        raise ConfigError(f"HOSO_SEARCH_ENGINE must be one of {', '.join(ENGINES)}, got {engine!r}")
    environment = _env("HOSO_ENV", "development").lower()
    if environment not in ENVIRONMENTS:
        raise ConfigError(f"HOSO_ENV must be one of {', '.join(ENVIRONMENTS)}, got {environment!r}")
    secret = os.environ.get("HOSO_SECRET_KEY", "").strip()
    if environment == "production":
        check_production_secret(secret)
    elif not secret:
        secret = _local_secret(data_dir)
    parse_timeout_s = _env_int("HOSO_PARSE_TIMEOUT_S", 300)
    log_format = _env("HOSO_LOG_FORMAT", "json" if environment == "production" else "text").lower()
    if log_format not in LOG_FORMATS:
        raise ConfigError(
            f"HOSO_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, got {log_format!r}"
        )
    return Settings(
        data_dir=data_dir,
        database_url=_env("HOSO_DATABASE_URL", f"sqlite:///{data_dir / 'hoso.db'}"),
        search_url=_env("HOSO_SEARCH_URL", f"http://127.0.0.1:{_env('HOSO_SEARCH_PORT', '9250')}"),
        search_engine=engine,
        search_index_prefix=_env("HOSO_SEARCH_INDEX_PREFIX", "hoso"),
        search_shards=_env_int("HOSO_SEARCH_SHARDS", 1),
        search_replicas=_env_int("HOSO_SEARCH_REPLICAS", 0),
        broker_url=_env(
            "HOSO_BROKER_URL", f"redis://127.0.0.1:{_env('HOSO_REDIS_PORT', '6479')}/0"
        ),
        queue=_env("HOSO_QUEUE", "hoso"),
        secret_key=secret,
        environment=environment,
        max_upload_mb=_env_int("HOSO_MAX_UPLOAD_MB", 100),
        parse_timeout_s=parse_timeout_s,
        parse_memory_mb=_env_int("HOSO_PARSE_MEMORY_MB", 1536),
        parse_max_pages=_env_int("HOSO_PARSE_MAX_PAGES", 2000),
        smtp_url=_env("HOSO_SMTP_URL", ""),
        mail_from=_env("HOSO_MAIL_FROM", "hoso@localhost"),
        sweep_stale_s=_env_int("HOSO_SWEEP_STALE_S", max(120, parse_timeout_s * 2)),
        log_format=log_format,
        log_level=_env("HOSO_LOG_LEVEL", "INFO").upper(),
        metrics_token=os.environ.get("HOSO_METRICS_TOKEN", "").strip(),
        login_max_failures=_env_int("HOSO_LOGIN_MAX_FAILURES", 5),
        lockout_minutes=_env_int("HOSO_LOCKOUT_MINUTES", 15),
        session_idle_minutes=_env_int("HOSO_SESSION_IDLE_MINUTES", 30),
        login_rate_limit=_env("HOSO_LOGIN_RATE_LIMIT", "20 per minute"),
        province=_env("HOSO_PROVINCE", ""),
        ocr_review_threshold=_env_int("HOSO_OCR_REVIEW_THRESHOLD", 80),
        mailboxes=load_mailboxes(),
        mail_poll_s=_env_int("HOSO_MAIL_POLL_S", 300),
        mail_max_message_mb=_env_int("HOSO_MAIL_MAX_MESSAGE_MB", 250),
        trash_days=_env_int("HOSO_TRASH_DAYS", 30),
        storage_url=_storage_url(),
    )


def _storage_url() -> str:
    url = _env("HOSO_STORAGE_URL", "")
    if url and not url.startswith(("s3://", "file:///")):
        raise ConfigError(
            f"HOSO_STORAGE_URL must be empty, file:///folder or s3://bucket/prefix, got {url!r}"
        )
    if url.startswith("s3://") and "@" in url.split("?", 1)[0]:
        raise ConfigError("HOSO_STORAGE_URL: give the credentials in AWS_* variables, not the URL")
    return url


def load_mailboxes() -> tuple[MailboxConfig, ...]:
    """The mailboxes named in ``HOSO_MAILBOXES`` (comma-separated), each read from its
    ``HOSO_MAILBOX_<NAME>_*`` variables: ``DIR`` (a folder of .eml files) or ``HOST``,
    ``PORT``, ``USER``, ``PASSWORD``, ``FOLDER``, ``TLS``; and ``AGENCY``,
    ``CONFIDENTIALITY``."""
    names = [name.strip() for name in _env("HOSO_MAILBOXES", "").split(",") if name.strip()]
    return tuple(_mailbox(name) for name in names)


def _mailbox(name: str) -> MailboxConfig:
    if not re.fullmatch(r"[A-Za-z0-9_]{1,40}", name):
        raise ConfigError(f"HOSO_MAILBOXES: {name!r} is not a valid name (letters, digits, _)")
    prefix = f"HOSO_MAILBOX_{name.upper()}_"
    agency = _env(prefix + "AGENCY", "")
    if not agency:
        raise ConfigError(f"{prefix}AGENCY must name the body that owns the mailbox")
    confidentiality = _env(prefix + "CONFIDENTIALITY", "thuong")
    if confidentiality not in CONFIDENTIALITY:
        raise ConfigError(
            f"{prefix}CONFIDENTIALITY must be one of {', '.join(CONFIDENTIALITY)}, "
            f"got {confidentiality!r}"
        )
    directory = _env(prefix + "DIR", "")
    if directory:
        return MailboxConfig(
            name=name.lower(),
            agency=agency,
            confidentiality=confidentiality,
            directory=Path(directory).expanduser(),
        )
    host = _env(prefix + "HOST", "")
    if not host:
        raise ConfigError(f"{prefix}HOST or {prefix}DIR must be set")
    tls = _env(prefix + "TLS", "imaps").lower()
    if tls not in MAIL_TLS_MODES:
        raise ConfigError(f"{prefix}TLS must be one of {', '.join(MAIL_TLS_MODES)}, got {tls!r}")
    if tls == "plain" and host not in LOOPBACK_HOSTS:
        raise ConfigError(f"{prefix}TLS=plain is allowed only for a server on this machine")
    user = _env(prefix + "USER", "")
    if not user:
        raise ConfigError(f"{prefix}USER must be set")
    return MailboxConfig(
        name=name.lower(),
        agency=agency,
        confidentiality=confidentiality,
        host=host,
        port=_env_int(prefix + "PORT", 993 if tls == "imaps" else 143),
        user=user,
        password=os.environ.get(prefix + "PASSWORD", ""),
        folder=_env(prefix + "FOLDER", "INBOX"),
        tls=tls,
    )


#: Values that must never protect a production system (examples from docs and tests).
KNOWN_SECRETS = frozenset(
    {"changeme", "change-me", "secret", "dev", "development", "test-secret-key", "hoso"}
)
MIN_SECRET_LENGTH = 32


def check_production_secret(secret: str) -> None:
    """Refuse a missing, known or short secret key in production."""
    if not secret:
        raise ConfigError("HOSO_SECRET_KEY must be set in production")
    if secret.lower() in KNOWN_SECRETS or len(secret) < MIN_SECRET_LENGTH:
        raise ConfigError(
            f"HOSO_SECRET_KEY is too weak for production: use at least {MIN_SECRET_LENGTH} "
            "random characters (e.g. python3 -c 'import secrets; print(secrets.token_hex(32))')"
        )


def _local_secret(data_dir: Path) -> str:
    """A random key kept in the data folder, so local sessions survive restarts."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = os.urandom(32).hex()
    tmp = data_dir / f".secret_key.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    try:
        os.link(tmp, path)  # atomic: fails if another hoso process wrote it first
    except FileExistsError:
        key = path.read_text().strip()
    finally:
        tmp.unlink()
    return key
