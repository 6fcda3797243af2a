"""The real S3 object store (SeaweedFS) for tests: started with the project's own script.

``HOSO_TEST_STORAGE=s3`` runs every test that uses ``hoso_settings`` with its files in the
object store (a prefix of its own in the test bucket) instead of the local folder.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

from records.storage import FileStore, LocalStore

ROOT = Path(__file__).resolve().parents[2]
SERVICES_SCRIPT = ROOT / "deploy" / "dev" / "services.sh"
WEED_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "hoso" / "seaweedfs"

ENDPOINT = os.environ.get("HOSO_TEST_S3_URL", "http://127.0.0.1:8479")
BUCKET = os.environ.get("HOSO_S3_BUCKET", "hoso")
#: The environment at start-up: tests change HOSO_DATA_DIR, which would make services.sh look
#: for its state (and the running store) under the test's own folder.
_STARTUP_ENV = dict(os.environ)
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": os.environ.get("HOSO_S3_ACCESS_KEY", "hoso-dev"),
    "AWS_SECRET_ACCESS_KEY": os.environ.get("HOSO_S3_SECRET_KEY", "hoso-dev-secret"),
}


def object_store_wanted() -> bool:
    return os.environ.get("HOSO_TEST_STORAGE", "local") == "s3"


def ensure_object_store() -> None:
    """Start SeaweedFS with services.sh unless test.sh said it is up; skip when not built."""
    if os.environ.get("HOSO_TEST_S3_READY"):
        return
    if not any(WEED_CACHE.glob("*/weed")) and not os.environ.get("HOSO_WEED_BIN"):
        pytest.skip("SeaweedFS is not built here: run deploy/dev/setup.sh --test")
    subprocess.run([str(SERVICES_SCRIPT), "up", "s3"], check=True, env=_STARTUP_ENV)
    os.environ["HOSO_TEST_S3_READY"] = "1"


def fresh_storage_url() -> str:
    """An s3:// URL with a prefix no other test uses."""
    return f"s3://{BUCKET}/hosotest-{uuid.uuid4().hex[:10]}?endpoint={ENDPOINT}"


def overwrite(store: FileStore, sha256: str, data: bytes) -> None:
    """Replace a stored file's bytes behind the store's back (a damaged disk or object)."""
    if isinstance(store, LocalStore):
        path = store.path(sha256)
        path.chmod(0o600)
        path.write_bytes(data)
        return
    from records.storage.s3 import S3Store

    assert isinstance(store, S3Store)
    store.client.put_object(Bucket=store.bucket, Key=store.key(sha256), Body=data)
