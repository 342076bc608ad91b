"""``microdrama schemas``: export the JSON Schemas of every artifact (or check they are current)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from microdrama.errors import MicrodramaError
from microdrama.model import schema_documents


def render_schemas() -> dict[str, str]:
    """File name -> JSON Schema text, as committed under docs/schemas."""
    return {
        name: json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        for name, doc in schema_documents().items()
    }


@click.command("schemas")
@click.option(
    "--out", type=click.Path(path_type=Path, file_okay=False), default=Path("docs/schemas"), show_default=True
)
@click.option("--check", is_flag=True, help="Fail when the files in --out differ from the models.")
def command(out: Path, check: bool) -> None:
    """Write the JSON Schema of every artifact to OUT."""
    wanted = render_schemas()
    if check:
        stale = [
            n for n, text in wanted.items() if not (out / n).is_file() or (out / n).read_text(encoding="utf-8") != text
        ]
        extra = sorted(p.name for p in out.glob("*.schema.json") if p.name not in wanted) if out.is_dir() else []
        if stale or extra:
            raise MicrodramaError(
                f"schemas out of date: {', '.join(stale + extra)}; run `microdrama schemas --out {out}`"
            )
        click.echo(f"{len(wanted)} schemas up to date")
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in wanted.items():
        (out / name).write_text(text, encoding="utf-8")
    for path in out.glob("*.schema.json"):
        if path.name not in wanted:
            path.unlink()
    click.echo(f"wrote {len(wanted)} schemas to {out}")
