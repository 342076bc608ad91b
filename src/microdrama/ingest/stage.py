"""The ``ingest`` stage: decode the novel named in the settings into ``source/source.json``."""

from __future__ import annotations

from microdrama.ingest.reader import read_novel
from microdrama.project import Outputs, StageContext, paths

MEGABYTE = 1024 * 1024


def run_ingest(ctx: StageContext) -> Outputs:
    """Decode the novel named in the settings into ``source/source.json``."""
    source = read_novel(ctx.novel_path(), max_bytes=ctx.settings.ingest.max_megabytes * MEGABYTE)
    return {paths.source: source.to_bytes()}
