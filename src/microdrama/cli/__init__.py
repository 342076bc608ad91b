"""The ``microdrama`` command: one module per subcommand, all thin over the library."""

from __future__ import annotations

import sys

import click

from microdrama import __version__
from microdrama.cli import (
    animatic,
    approve,
    assess,
    check,
    demo,
    fund,
    ingest,
    labels,
    produce,
    release,
    review_content,
    schedule,
    schemas,
    stages,
    status,
    studio,
    subtitle,
)
from microdrama.errors import MicrodramaError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="microdrama")
def cli() -> None:
    """Turn a novel into a vertical micro-drama series.

    Start with `microdrama demo`, or `microdrama produce NOVEL -o PROJECT`. Each stage is also its
    own command over a project directory; after you edit a file by hand (an episode's Fountain
    script…), re-run and only what depends on the edit is redone.
    """


def _register() -> None:
    cli.add_command(produce.command)
    cli.add_command(demo.command)
    cli.add_command(ingest.command)
    for command in stages.commands():
        cli.add_command(command)
    cli.add_command(status.command)
    cli.add_command(schemas.command)
    cli.add_command(approve.command)
    cli.add_command(check.command)
    cli.add_command(schedule.command)
    cli.add_command(subtitle.command)  # replaces the generic `subtitle` stage command
    cli.add_command(animatic.command)
    cli.add_command(labels.command)
    cli.add_command(review_content.command)
    cli.add_command(release.command)  # replaces the generic `release` stage command (--platforms, --check)
    cli.add_command(assess.command)
    cli.add_command(fund.command)
    cli.add_command(studio.command)


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
