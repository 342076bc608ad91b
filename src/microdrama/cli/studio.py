"""``microdrama studio [PROJECTS_DIR]``: the web studio over a folder of projects."""

from __future__ import annotations

import os
from pathlib import Path

import click

from microdrama.errors import SettingsError
from microdrama.studio.app import create_app
from microdrama.studio.auth import AccountError, create_user, grant
from microdrama.studio.config import StudioConfig, is_loopback
from microdrama.studio.db import User, open_database


@click.command("studio")
@click.argument("projects_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("."), required=False)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Loopback = one local user, no login; any other address requires accounts.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8700, show_default=True)
@click.option(
    "--database",
    "database_url",
    metavar="URL",
    envvar="MICRODRAMA_STUDIO_DATABASE",
    help="SQLAlchemy URL for users, reviews and audit (default: SQLite in PROJECTS_DIR/.studio/).",
)
@click.option("--secure-cookies", is_flag=True, help="Mark cookies Secure (when served behind HTTPS).")
@click.option(
    "--add-user",
    "add_user",
    metavar="NAME",
    help="Create a user and exit; the password is read from MICRODRAMA_STUDIO_PASSWORD or asked for.",
)
@click.option(
    "--role",
    type=click.Choice(["writer", "reviewer", "producer", "admin"]),
    default="writer",
    show_default=True,
    help="Role of the user made by --add-user.",
)
@click.option(
    "--grant", "grants", multiple=True, metavar="PROJECT", help="With --add-user: projects the user may open."
)
def command(
    projects_dir: Path,
    host: str,
    port: int,
    database_url: str | None,
    secure_cookies: bool,
    add_user: str | None,
    role: str,
    grants: tuple[str, ...],
) -> None:
    """Serve the studio: upload a novel, run the pipeline with live progress, edit the Fountain scripts,
    review and approve episodes, replace storyboard panels, play the animatics, download the release.

    Open http://HOST:PORT/ in a browser. Bound to another address than 127.0.0.1 it asks for a login:
    create the first account with `microdrama studio PROJECTS_DIR --add-user NAME --role admin`.
    """

    config = StudioConfig(
        projects_dir=projects_dir.resolve(),
        auth=not is_loopback(host),
        database_url=database_url,
        secure_cookies=secure_cookies,
    )
    if add_user:
        _add_user(config, add_user, role, grants)
        return
    import uvicorn
    from sqlalchemy import func, select

    app = create_app(config)
    if config.auth:
        with app.state.db() as db:
            if not db.scalar(select(func.count()).select_from(User).where(User.password_hash != "!")):
                raise SettingsError(
                    f"the studio on {host} requires accounts and there are none; create one with "
                    f"`microdrama studio {projects_dir} --add-user NAME --role admin`"
                )
    click.echo(
        f"microdrama studio on http://{host}:{port}/ over {config.projects_dir}"
        + ("" if config.auth else " (local, single user)"),
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _add_user(config: object, name: str, role: str, grants: tuple[str, ...]) -> None:

    password = os.environ.get("MICRODRAMA_STUDIO_PASSWORD") or click.prompt(
        f"password for {name}", hide_input=True, confirmation_prompt=True
    )
    database = open_database(config.db_url)  # type: ignore[attr-defined]
    with database() as db:
        try:
            user = create_user(db, name, role, password)
        except AccountError as exc:
            raise SettingsError(str(exc)) from exc
        for project in grants:
            grant(db, user, project)
        db.commit()
    click.echo(f"user {name} ({role}) created" + (f", may open {', '.join(grants)}" if grants else ""))
