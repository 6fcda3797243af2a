"""``hoso`` imports only what the command given needs."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from webapp.cli import COMMANDS, main


def _modules_after(argv: list[str]) -> set[str]:
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
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
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
    assert not loaded & {"opensearchpy", "elasticsearch", "indexer.metadata"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_line_is_the_commands_own(name: str) -> None:
    command = COMMANDS[name].load()
    assert isinstance(command, click.Command)
    first_paragraph = " ".join((command.help or "").split("\n\n")[0].split())
    assert COMMANDS[name].summary == first_paragraph


def test_help_lists_every_command_and_runs_one() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["--help"])
    assert listing.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in listing.output
    assert runner.invoke(main, ["doc", "show", "--help"]).exit_code == 0
    unknown = runner.invoke(main, ["nonsense"])
    assert unknown.exit_code == 2 and "No such command" in unknown.output
