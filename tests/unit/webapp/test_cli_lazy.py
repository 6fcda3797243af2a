"""``hoso`` imports only what the command given needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from webapp.cli import COMMANDS, main
from webapp.cli.doc import DOC_COMMANDS
from webapp.cli.lazy import LazyCommand


def _modules_after(argv: list[str], env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter has imported after running ``hoso ARGV``."""
    script = (
        "import sys\n"
        "from webapp.cli import main\n"
        "try:\n"
        f"    main({argv!r}, standalone_mode=False)\n"
        "finally:\n"
        "    print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    return set(done.stderr.split())


WEB_AND_WORKER = {"webapp.app", "webapp.api", "celery", "indexer.celery_app", "flask"}


def test_help_imports_no_database_web_or_worker_code() -> None:
    loaded = _modules_after(["--help"])
    assert not loaded & (WEB_AND_WORKER | {"sqlalchemy", "records.models", "opensearchpy"})


def test_doc_show_imports_neither_the_web_app_nor_celery_nor_the_search_client() -> None:
    loaded = _modules_after(["doc", "show", "--help"])
    assert "webapp.cli.doc" in loaded
    assert not loaded & {"webapp.app", "webapp.api", "celery", "indexer.celery_app", "flask"}
    assert not loaded & {"opensearchpy", "elasticsearch", "indexer.metadata", "sqlalchemy"}


def test_doc_show_of_a_document_needs_only_the_database(tmp_path: Path) -> None:
    """Showing a real document loads neither the search client (nor its metrics) nor the
    text normaliser, nor the ORM, the models or the web app: it reads with SQLAlchemy Core
    (``records.plain_document``) and asks the policy's Core-row form
    (``records.policy.plain``), so a script calling it per file pays for little more."""
    from records import migrate
    from records.accounts import ensure_admin
    from records.db import Database
    from records.models import Agency, Document

    url = f"sqlite:///{tmp_path / 'hoso.db'}"
    migrate.upgrade(url)
    database = Database(url)
    with database.session() as session:
        ensure_admin(session)
        agency = session.query(Agency).filter_by(code="noi_chinh").one()
        document = Document(
            sha256="0" * 64, size=1, filename="a.txt", status="indexed", owner_agency=agency
        )
        session.add(document)
        session.flush()
        document_id = document.id
    database.dispose()
    env = {
        **os.environ,
        "HOSO_DATA_DIR": str(tmp_path),
        "HOSO_DATABASE_URL": url,
        "HOSO_SECRET_KEY": "test",
    }
    loaded = _modules_after(["doc", "show", str(document_id), "--json"], env)
    assert {"records.plain_document", "records.policy.plain", "webapp.cli.doc_show"} <= loaded
    assert not loaded & {"indexer.engine", "prometheus_client", "indexer.normalize", "celery"}
    assert not loaded & {"sqlalchemy.orm", "records.models", "records.db"}
    # Of the policy, only the package's table of names and its models-free modules.
    assert {m for m in loaded if m.startswith("records.policy")} == {
        "records.policy",
        "records.policy.plain",
        "records.policy.roles",
    }
    assert not loaded & {"flask", "flask_babel", "webapp.app", "webapp.features.document_json"}
    assert "webapp.cli.doc_commands" not in loaded


@pytest.mark.parametrize(
    "table, name",
    [(COMMANDS, name) for name in sorted(COMMANDS)]
    + [(DOC_COMMANDS, name) for name in sorted(DOC_COMMANDS)],
)
def test_help_line_is_the_commands_own(table: dict[str, LazyCommand], name: str) -> None:
    command = table[name].load()
    assert isinstance(command, click.Command)
    first_paragraph = " ".join((command.help or "").split("\n\n")[0].split())
    assert table[name].summary == first_paragraph


def test_help_lists_every_command_and_runs_one() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["--help"])
    assert listing.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in listing.output
    assert runner.invoke(main, ["doc", "show", "--help"]).exit_code == 0
    unknown = runner.invoke(main, ["nonsense"])
    assert unknown.exit_code == 2 and "No such command" in unknown.output
