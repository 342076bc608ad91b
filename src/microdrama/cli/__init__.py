"""The ``microdrama`` command: one module per subcommand, all thin over the library."""

from __future__ import annotations

import importlib
import sys

import click

from microdrama import __version__
from microdrama.cli import stages
from microdrama.errors import MicrodramaError

# Subcommand name -> the module in ``microdrama.cli`` whose ``command`` it is. These are imported
# only when named (or when help lists them), so `microdrama produce` does not pay for the studio's
# web stack, the assessment's charts or the release encoders at start-up.
_MODULE_COMMANDS = {
    "produce": "produce",
    "demo": "demo",
    "ingest": "ingest",
    "status": "status",
    "schemas": "schemas",
    "approve": "approve",
    "rewrite": "rewrite",
    "accept": "accept",
    "check": "check",
    "schedule": "schedule",
    "subtitle": "subtitle",  # replaces the generic `subtitle` stage command
    "animatic": "animatic",
    "labels": "labels",
    "review-content": "review_content",
    "release": "release",  # replaces the generic `release` stage command (--platforms, --check)
    "assess": "assess",
    "fund": "fund",
    "studio": "studio",
}


class _LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(_MODULE_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = _MODULE_COMMANDS.get(cmd_name)
        if module is None:
            return super().get_command(ctx, cmd_name)
        command: click.Command = importlib.import_module(f"microdrama.cli.{module}").command
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="microdrama")
def cli() -> None:
    """Turn a novel into a vertical micro-drama series.

    Start with `microdrama demo`, or `microdrama produce NOVEL -o PROJECT`. Each stage is also its
    own command over a project directory; after you edit a file by hand (an episode's Fountain
    script…), re-run and only what depends on the edit is redone.
    """


def _register() -> None:
    for command in stages.commands():
        if command.name not in _MODULE_COMMANDS:
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI in-process and return its exit status (tests call this)."""
    try:
        cli.main(args=argv, prog_name="microdrama", standalone_mode=False)
    except MicrodramaError as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("interrupted; run the same command again to resume", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted; run the same command again to resume", err=True)
        return 130
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
