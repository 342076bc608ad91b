"""The ``microdrama`` command: one module per subcommand, all thin over the library."""

from __future__ import annotations

import sys

import click

from microdrama import __version__
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
    from microdrama.cli import check, demo, ingest, produce, schemas, stages, status

    cli.add_command(produce.command)
    cli.add_command(demo.command)
    cli.add_command(ingest.command)
    for command in stages.commands():
        cli.add_command(command)
    cli.add_command(status.command)
    cli.add_command(schemas.command)
    from microdrama.cli import approve

    cli.add_command(approve.command)
    cli.add_command(check.command)
    from microdrama.cli import schedule

    cli.add_command(schedule.command)
    from microdrama.cli import subtitle

    cli.add_command(subtitle.command)  # replaces the generic `subtitle` stage command
    from microdrama.cli import animatic

    cli.add_command(animatic.command)
    from microdrama.cli import labels, review_content

    cli.add_command(labels.command)
    cli.add_command(review_content.command)
    from microdrama.cli import release

    cli.add_command(release.command)


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
