"""Schemathesis over ``/api/v1/openapi.json`` with a non-administrator's read-write token:
every operation, with generated (and deliberately wrong) input, answers without a server
error and as the document says (status codes, content types, response schemas, ``Allow`` on
a 405, 401 without the token)."""

from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from indexer import pipeline, runtime
from indexer.engine import SearchEngine
from records.config import load_settings
from records.db import Database
from tests.access.world import Principal, build
from tests.support.databases import DatabaseFactory
from tests.support.services import ServiceUrls

pytestmark = [pytest.mark.services, pytest.mark.slow]

#: Examples per operation and the time budget of the whole run, for CI.
EXAMPLES = 20
MAX_TIME_S = 180
#: Not run: whether schema-invalid requests are refused (the views tolerate some, e.g. a
#: string where a number is declared is read as the number).
EXCLUDED_CHECKS = "negative_data_rejection"
#: A schema-valid request is accepted or refused for what it asks, never as malformed
#: (400): the schemas state the types, required fields, allowed values and non-blank text
#: the views check. A 422 is a rule no schema states (a date not after today, a body or
#: document that must exist, a step the record's state allows), which every operation
#: documents.
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "422"]
"""
#: The caller: an officer of the inspectorate cleared for "mật", with a read-write token.
CALLER = "officer-thanhtra-mat"


@pytest.fixture(scope="module")
def api(
    service_urls: ServiceUrls,
    test_databases: DatabaseFactory,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[object, Principal]]:
    from webapp import create_app

    database = test_databases.create()
    token = uuid.uuid4().hex[:10]
    with pytest.MonkeyPatch.context() as env:
        for key, value in {
            "HOSO_DATA_DIR": str(tmp_path_factory.mktemp("schema")),
            "HOSO_DATABASE_URL": database,
            "HOSO_SEARCH_URL": service_urls.search,
            "HOSO_SEARCH_INDEX_PREFIX": f"hosotest-{token}",
            "HOSO_BROKER_URL": service_urls.broker,
            "HOSO_QUEUE": f"hosotest-{token}",
            "HOSO_SECRET_KEY": "test-secret-key",
            "HOSO_ENV": "testing",
        }.items():
            env.setenv(key, value)
        runtime.reset()
        hoso = load_settings()
        db = Database(hoso.database_url)
        engine = SearchEngine(hoso.search_url, hoso.search_engine)
        world = build(db)
        pipeline.index([ref.id for ref in world.documents])
        engine.refresh(hoso.index_alias)
        app = create_app(hoso)
        caller = next(user for user in world.users if user.key == CALLER)
        try:
            yield app, caller
        finally:
            app.extensions["hoso"].db.dispose()
            db.dispose()
            for index in engine.indices_for(hoso.index_alias):
                engine.delete_index(index)
            runtime.reset()
            test_databases.drop(database)


@pytest.fixture(scope="module")
def site(api) -> Iterator[tuple[str, Principal]]:
    """The app served on loopback in this process, as schemathesis reaches any server."""
    app, caller = api
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", caller
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.mark.timeout(MAX_TIME_S + 600)
def test_the_api_keeps_its_contract(site, tmp_path: Path) -> None:
    url, caller = site
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "--config-file", str(config),
        "run", f"{url}/api/v1/openapi.json",
        "--header", f"Authorization: Bearer {caller.token}",
        "--checks", "all",
        "--exclude-checks", EXCLUDED_CHECKS,
        "--mode", "all",
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", str(EXAMPLES),
        "--max-time", str(MAX_TIME_S),
        "--seed", "13",
        "--workers", "1",
        "--suppress-health-check", "all",
        "--report", "junit", "--report-dir", str(tmp_path),
    ]  # fmt: skip
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=MAX_TIME_S + 300, cwd=tmp_path
    )
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
