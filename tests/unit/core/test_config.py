from __future__ import annotations

from pathlib import Path

import pytest

from records.config import ConfigError, load_settings


def test_defaults_give_a_working_local_system(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for key in (
        "HOSO_DATABASE_URL",
        "HOSO_SEARCH_URL",
        "HOSO_BROKER_URL",
        "HOSO_SECRET_KEY",
        "HOSO_ENV",
        "HOSO_SEARCH_PORT",
        "HOSO_REDIS_PORT",
    ):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{tmp_path / 'hoso.db'}"
    assert settings.search_url == "http://127.0.0.1:9250"
    assert settings.broker_url == "redis://127.0.0.1:6479/0"
    assert settings.search_engine == "opensearch"
    assert len(settings.secret_key) == 64
    assert load_settings().secret_key == settings.secret_key  # kept across restarts
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_local_services_on_other_ports_are_the_defaults_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``hoso run`` starts the node and Redis on HOSO_SEARCH_PORT / HOSO_REDIS_PORT: the app
    must talk to those, not to the usual ports."""
    monkeypatch.delenv("HOSO_SEARCH_URL", raising=False)
    monkeypatch.delenv("HOSO_BROKER_URL", raising=False)
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOSO_SEARCH_PORT", "9260")
    monkeypatch.setenv("HOSO_REDIS_PORT", "6579")
    settings = load_settings()
    assert settings.search_url == "http://127.0.0.1:9260"
    assert settings.broker_url == "redis://127.0.0.1:6579/0"


def test_production_refuses_to_start_without_a_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOSO_ENV", "production")
    monkeypatch.delenv("HOSO_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="HOSO_SECRET_KEY"):
        load_settings()


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("HOSO_SEARCH_ENGINE", "solr", "HOSO_SEARCH_ENGINE"),
        ("HOSO_MAX_UPLOAD_MB", "lots", "HOSO_MAX_UPLOAD_MB"),
    ],
)
def test_invalid_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: str, value: str, message: str
) -> None:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError, match=message):
        load_settings()


def test_to_env_round_trips(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOSO_QUEUE", "q1")
    settings = load_settings()
    for key, value in settings.to_env().items():
        monkeypatch.setenv(key, value)
    assert load_settings() == settings
