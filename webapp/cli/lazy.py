"""A command group that imports each command's module only when that command runs.

``hoso --help`` lists the commands from a table of names and one-line helps, so neither it
nor a command such as ``hoso doc show`` imports the web app, the Celery app or the API.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import click


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives (``module:attribute``) and the first paragraph of its help."""

    target: str
    summary: str

    def load(self) -> click.Command:
        module_name, _, attribute = self.target.partition(":")
        return getattr(importlib.import_module(module_name), attribute)


class LazyGroup(click.Group):
    """A :class:`click.Group` whose commands are :class:`LazyCommand` entries."""

    def __init__(self, *args: object, lazy_commands: dict[str, LazyCommand], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_commands = lazy_commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            self.add_command(self.lazy_commands[cmd_name].load(), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help``, from the table: no command module is imported."""
        names = sorted(self.lazy_commands)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [
            # A bare command of the same help shortens it exactly as click would.
            (
                name,
                click.Command(name, help=self.lazy_commands[name].summary).get_short_help_str(
                    limit
                ),
            )
            for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
