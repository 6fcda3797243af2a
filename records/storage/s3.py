"""The S3-compatible object store back end: ``s3://bucket/prefix?endpoint=…&region=…``.

Objects are named ``<prefix>/ab/cd/<sha256>``. Credentials come from the environment the
way every AWS client reads them (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``, a shared
credentials file, or an instance role); they are never part of the URL.

An upload is first spooled to a local temporary file while it is hashed (the key is the
hash), then sent in parts of 8 MB with a SHA-256 checksum per part that the server checks.
Every read is hashed again and compared with the key. Transient failures are retried with
exponential back-off by botocore's "standard" retry mode.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast
from urllib.parse import parse_qs, urlsplit

import boto3
from boto3.exceptions import Boto3Error
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from records.storage.base import (
    CHUNK,
    FileMissing,
    FileStore,
    StorageError,
    StoredFile,
    StoreUnavailable,
    VerifyingReader,
    check_digest,
    relative_name,
    spool,
)

PART_SIZE = 8 * 1024 * 1024
DELETE_BATCH = 1000
MISSING_CODES = frozenset({"404", "NoSuchKey", "NotFound"})
UNAVAILABLE_CODES = frozenset(
    {"NoSuchBucket", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "403"}
)
T = TypeVar("T")


def parse_url(url: str) -> tuple[str, str, dict[str, str]]:
    """``s3://bucket/prefix?endpoint=…`` -> (bucket, prefix, options); ValueError if not one."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ValueError(f"not an s3://bucket/prefix URL: {url!r}")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if "@" in parts.netloc or "@" in urlsplit(options.get("endpoint", "")).netloc:
        raise ValueError("put the object store's credentials in the environment, not the URL")
    unknown = set(options) - {"endpoint", "region"}
    if unknown:
        raise ValueError(f"unknown option(s) in the storage URL: {', '.join(sorted(unknown))}")
    return parts.netloc, parts.path.strip("/"), options


class S3Store(FileStore):
    def __init__(self, url: str, *, spool_dir: Path | None = None) -> None:
        self.bucket, self.prefix, options = parse_url(url)
        self.endpoint = options.get("endpoint")
        prefix = f"/{self.prefix}" if self.prefix else ""
        self.location = f"s3://{self.bucket}{prefix}" + (
            f" at {self.endpoint}" if self.endpoint else ""
        )
        self.spool_dir = spool_dir
        self.client = boto3.session.Session().client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=options.get("region", "us-east-1"),
            config=Config(
                retries={"mode": "standard", "max_attempts": 5},
                connect_timeout=5,
                read_timeout=60,
                s3={"addressing_style": "path"},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        )
        self.transfer = TransferConfig(
            multipart_threshold=PART_SIZE, multipart_chunksize=PART_SIZE, max_concurrency=4
        )

    def key(self, sha256: str) -> str:
        name = relative_name(sha256)
        return f"{self.prefix}/{name}" if self.prefix else name

    def _call(self, action: str, call: Callable[[], T]) -> T:
        """Run one request; turn botocore's errors into ours, naming the store."""
        try:
            return call()
        except ClientError as err:
            code = str(err.response.get("Error", {}).get("Code", ""))
            if code in MISSING_CODES:
                raise FileMissing(f"{action}: not in {self.location}") from err
            if code in UNAVAILABLE_CODES:
                raise StoreUnavailable(f"the object store {self.location} refused: {err}") from err
            raise StorageError(f"{action} in the object store {self.location}: {err}") from err
        except BotoCoreError as err:
            raise StoreUnavailable(
                f"the object store {self.location} is unreachable: {err}"
            ) from err
        except Boto3Error as err:  # an upload that failed after its retries
            raise StoreUnavailable(f"{action} in the object store {self.location}: {err}") from err

    def _head(self, sha256: str) -> dict[str, Any]:
        key = self.key(sha256)
        return self._call(
            f"file {sha256}", lambda: self.client.head_object(Bucket=self.bucket, Key=key)
        )

    def exists(self, sha256: str) -> bool:
        try:
            self._head(sha256)
        except FileMissing:
            return False
        return True

    def size(self, sha256: str) -> int:
        return int(self._head(sha256)["ContentLength"])

    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> StoredFile:
        tmp, sha256, size = spool(stream, self.spool_dir, max_bytes=max_bytes, fsync=False)
        try:
            if not self.exists(sha256):
                key = self.key(sha256)
                self._call(
                    f"storing {sha256}",
                    lambda: self.client.upload_file(
                        str(tmp),
                        self.bucket,
                        key,
                        ExtraArgs={"ChecksumAlgorithm": "SHA256"},
                        Config=self.transfer,
                    ),
                )
        finally:
            tmp.unlink(missing_ok=True)
        return StoredFile(sha256=sha256, size=size)

    def open(self, sha256: str) -> BinaryIO:
        key = self.key(sha256)
        response = self._call(
            f"file {sha256}", lambda: self.client.get_object(Bucket=self.bucket, Key=key)
        )
        body = _Guarded(response["Body"], self.location)
        return cast(BinaryIO, VerifyingReader(cast(BinaryIO, body), sha256, self.location))

    @contextmanager
    def local_path(self, sha256: str) -> Iterator[Path]:
        check_digest(sha256)
        if self.spool_dir is not None:
            self.spool_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.spool_dir, prefix="hoso-file-") as folder:
            path = Path(folder) / sha256
            with self.open(sha256) as reader, path.open("wb") as out:
                while chunk := reader.read(CHUNK):
                    out.write(chunk)
            path.chmod(0o400)
            yield path

    def remove(self, sha256: str) -> bool:
        derived = [{"Key": key} for key in self._iter_keys(f"{self.key(sha256)}.")]
        if derived:
            self._delete(derived)
        if not self.exists(sha256):
            return False
        key = self.key(sha256)
        self._call(
            f"removing {sha256}", lambda: self.client.delete_object(Bucket=self.bucket, Key=key)
        )
        return True

    def derived_key(self, sha256: str, suffix: str) -> str:
        return f"{self.key(sha256)}.{suffix}"

    def has_derived(self, sha256: str, suffix: str) -> bool:
        key = self.derived_key(sha256, suffix)
        try:
            self._call(
                f"{suffix} of {sha256}",
                lambda: self.client.head_object(Bucket=self.bucket, Key=key),
            )
        except FileMissing:
            return False
        return True

    def put_derived(self, sha256: str, suffix: str, source: Path) -> None:
        key = self.derived_key(sha256, suffix)
        self._call(
            f"storing the {suffix} of {sha256}",
            lambda: self.client.upload_file(str(source), self.bucket, key, Config=self.transfer),
        )

    def open_derived(self, sha256: str, suffix: str) -> BinaryIO:
        key = self.derived_key(sha256, suffix)
        response = self._call(
            f"{suffix} of {sha256}", lambda: self.client.get_object(Bucket=self.bucket, Key=key)
        )
        return cast(BinaryIO, _Guarded(response["Body"], self.location))

    @contextmanager
    def local_derived(self, sha256: str, suffix: str) -> Iterator[Path]:
        check_digest(sha256)
        if self.spool_dir is not None:
            self.spool_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.spool_dir, prefix="hoso-derived-") as folder:
            path = Path(folder) / f"{sha256}.{suffix}"
            with self.open_derived(sha256, suffix) as reader, path.open("wb") as out:
                while chunk := reader.read(CHUNK):
                    out.write(chunk)
            yield path

    def _iter_keys(self, prefix: str | None = None) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        if prefix is None:
            prefix = f"{self.prefix}/" if self.prefix else ""
        pages = self._call(
            "listing", lambda: iter(paginator.paginate(Bucket=self.bucket, Prefix=prefix))
        )
        while True:
            page = self._call("listing", lambda: next(pages, None))
            if page is None:
                return
            for item in page.get("Contents", []):
                yield item["Key"]

    def iter_digests(self) -> Iterator[str]:
        for key in self._iter_keys():
            name = key.rsplit("/", 1)[-1]
            try:
                check_digest(name)
            except ValueError:
                continue
            if key == self.key(name):
                yield name

    def check(self) -> None:
        try:
            self._call("the bucket", lambda: self.client.head_bucket(Bucket=self.bucket))
        except FileMissing as err:
            raise StoreUnavailable(f"the object store {self.location} has no such bucket") from err

    def clear(self) -> None:
        batch: list[dict[str, str]] = []
        for key in self._iter_keys():
            batch.append({"Key": key})
            if len(batch) == DELETE_BATCH:
                self._delete(batch)
                batch = []
        if batch:
            self._delete(batch)

    def _delete(self, batch: list[dict[str, str]]) -> None:
        self._call(
            "removing files",
            lambda: self.client.delete_objects(
                Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True}
            ),
        )


class _Guarded:
    """A response body whose network errors name the store."""

    def __init__(self, body: Any, location: str) -> None:
        self._body = body
        self._location = location

    def read(self, size: int = -1) -> bytes:
        try:
            return self._body.read(size if size >= 0 else None)
        except BotoCoreError as err:
            raise StoreUnavailable(
                f"the object store {self._location} broke off a download: {err}"
            ) from err

    def close(self) -> None:
        self._body.close()

    def __enter__(self) -> _Guarded:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
