"""The ``export`` stage: the series screenplay in Fountain, Final Draft, HTML and PDF."""

from __future__ import annotations

from microdrama.formats import fdx, fountain, html, pdf
from microdrama.model import Bible, EpisodeScript
from microdrama.project import Outputs, StageContext, paths


def run_export(ctx: StageContext) -> Outputs:
    """Export the whole series screenplay in Fountain, Final Draft, HTML and PDF."""
    bible = ctx.load(Bible, paths.bible)
    scripts = [ctx.load(EpisodeScript, rel) for rel in sorted(ctx.inputs) if rel.startswith("script/ep")]
    scripts.sort(key=lambda s: s.episode)
    return {
        "script/series.fountain": fountain.write_series(scripts, bible).encode("utf-8"),
        "script/series.fdx": fdx.write_series(scripts, bible).encode("utf-8"),
        "script/series.html": html.write_series(scripts, bible).encode("utf-8"),
        "script/series.pdf": pdf.write_series(scripts, bible),
    }
