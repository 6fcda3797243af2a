"""A missing or stopped service gives one clear line naming it, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from records.accounts import ensure_admin
from records.config import Settings
from records.db import Database
from webapp import create_app
from webapp.cli import main

pytestmark = pytest.mark.services


def _invoke(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], *args: str):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return CliRunner().invoke(main, list(args))


def test_cli_names_the_search_engine_when_it_is_down(
    monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    with db.session() as session:
        ensure_admin(session)
    result = _invoke(monkeypatch, {"HOSO_SEARCH_URL": "http://127.0.0.1:9"}, "search", "tham nhũng")
    assert result.exit_code == 1
    assert "search engine at http://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output


def test_cli_names_the_database_when_it_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _invoke(
        monkeypatch,
        {"HOSO_DATABASE_URL": "postgresql+psycopg://hoso@127.0.0.1:9/none"},
        "search",
        "tham nhũng",
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: database is not reachable")
    assert "Traceback" not in result.output


def test_health_page_names_each_stopped_service(hoso_settings: Settings) -> None:
    broken = hoso_settings.with_overrides(
        search_url="http://127.0.0.1:9", broker_url="redis://127.0.0.1:9/0"
    )
    response = create_app(broken).test_client().get("/health?format=json")
    assert response.status_code == 503
    services = response.json["services"]
    assert services["database"]["ok"] is True
    assert not services["search"]["ok"] and "http://127.0.0.1:9" in services["search"]["detail"]
    assert (
        not services["broker"]["ok"]
        and "Redis at redis://127.0.0.1:9/0" in services["broker"]["detail"]
    )
