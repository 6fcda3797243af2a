"""Which store HOSO_STORAGE_URL names, and the URLs refused before anything is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from records.config import ConfigError, load_settings
from records.storage import LocalStore, open_store, store_at
from records.storage.s3 import S3Store, parse_url


def test_an_empty_url_is_the_data_folder_and_file_urls_are_folders(tmp_path: Path) -> None:
    default = store_at("", tmp_path / "files")
    assert isinstance(default, LocalStore) and default.root == tmp_path / "files"
    other = store_at(f"file://{tmp_path / 'elsewhere'}", tmp_path / "files")
    assert isinstance(other, LocalStore) and other.root == tmp_path / "elsewhere"


def test_an_s3_url_names_bucket_prefix_and_endpoint(tmp_path: Path) -> None:
    assert parse_url("s3://hoso/files/2026?endpoint=http://s3:8333&region=hn") == (
        "hoso",
        "files/2026",
        {"endpoint": "http://s3:8333", "region": "hn"},
    )
    store = store_at("s3://hoso/files?endpoint=http://127.0.0.1:1", tmp_path / "files")
    assert isinstance(store, S3Store)
    assert store.key("ab" * 32) == f"files/ab/ab/{'ab' * 32}"
    assert store.location == "s3://hoso/files at http://127.0.0.1:1"


@pytest.mark.parametrize(
    "url",
    [
        "s3://key:secret@hoso/files",
        "s3://hoso/files?endpoint=http://key:secret@s3:8333",
        "s3://hoso/files?endpont=http://s3:8333",
        "s3:///files",
    ],
)
def test_bad_s3_urls_are_refused(url: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        store_at(url, tmp_path / "files")


def test_the_setting_is_checked_when_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOSO_SECRET_KEY", "k" * 40)
    for bad in ("/srv/files", "ftp://files", "s3://key:secret@hoso/files"):
        monkeypatch.setenv("HOSO_STORAGE_URL", bad)
        with pytest.raises(ConfigError, match="HOSO_STORAGE_URL"):
            load_settings()
    monkeypatch.delenv("HOSO_STORAGE_URL")
    settings = load_settings()
    assert settings.storage_url == "" and settings.to_env()["HOSO_STORAGE_URL"] == ""
    assert isinstance(open_store(settings), LocalStore)
