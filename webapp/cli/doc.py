"""``hoso doc show|text|rerun|add-version``: one document.

Each subcommand's module is imported only when it runs: ``hoso doc show`` reads with
SQLAlchemy Core (:mod:`webapp.cli.doc_show`) and loads neither the ORM nor the models unless
the document needs them; the others (:mod:`webapp.cli.doc_commands`) work through the models,
and only ``rerun`` and ``add-version`` import the queue.
"""

from __future__ import annotations

import click

from webapp.cli.lazy import LazyCommand, LazyGroup

#: The subcommands and the first paragraph of their help (checked by test_cli_lazy).
DOC_COMMANDS = {
    "show": LazyCommand(
        "webapp.cli.doc_show:show", "Processing state, metadata and tags of document ID."
    ),
    "text": LazyCommand(
        "webapp.cli.doc_commands:text",
        "Print the normalised text of document ID (pages separated by form feeds).",
    ),
    "rerun": LazyCommand(
        "webapp.cli.doc_commands:rerun",
        "Parse document ID again (corrections made by people are kept).",
    ),
    "add-version": LazyCommand(
        "webapp.cli.doc_commands:add_version",
        "Give document ID a new file version; it is parsed and indexed again.",
    ),
}


@click.group(cls=LazyGroup, lazy_commands=DOC_COMMANDS)
def doc() -> None:
    """One document: show it, print its text, parse it again, give it a new file version."""
