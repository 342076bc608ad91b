"""``microdrama approve PROJECT``: record that a person reviewed the scripts, so paid stages may run."""

from __future__ import annotations

from pathlib import Path

import click

from microdrama.cli.options import open_project
from microdrama.errors import PipelineError
from microdrama.pipeline.review import APPROVAL_FILE, make_approval, pending_revisions
from microdrama.project import atomic_write


@click.command("approve")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
def command(project: Path) -> None:
    """Approve PROJECT's episode scripts as they are now.

    Stages that use a paid image or voice engine run only after this. Editing a script afterwards
    requires approving again (the hash of every approved script is recorded in review/approval.json).
    """
    open_project(project)
    waiting = pending_revisions(project)
    if waiting:
        listed = ", ".join(f"episode {n} ({file})" for n, file in waiting)
        raise PipelineError(
            f"model revisions wait for a decision: {listed}; run `microdrama accept {project}` "
            "(or `--reject` to keep the scripts as they are), then approve"
        )
    approval = make_approval(project)
    if not approval.files:
        raise PipelineError(f"{project} has no episode scripts yet; run `microdrama write {project}` first")
    atomic_write(project / APPROVAL_FILE, approval.to_bytes(), tmp_dir=project / ".microdrama" / "tmp")
    click.echo(f"approved {len(approval.files)} script(s) of {project} (sha256 {approval.scripts_sha256[:12]})")
