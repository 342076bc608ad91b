"""The ``board`` stage: one episode's shot list, panels and contact sheet (after ``media`` and ``casting``)."""

from __future__ import annotations

import io

from PIL import Image

from microdrama.board.annotate import annotate
from microdrama.board.sheet import contact_sheet
from microdrama.board.shots import plan_shots
from microdrama.casting.gender import genders
from microdrama.casting.looks import extra_look
from microdrama.engines.image import image_engine
from microdrama.engines.image.panel import png_bytes
from microdrama.model import Bible, Cast, EpisodeScript, Plan
from microdrama.model.media import Looks
from microdrama.project import Outputs, StageContext, paths

PANEL_SIZE = (1080, 1920)


def run_board(ctx: StageContext) -> Outputs:
    """One episode's shot list, frames, annotated panels and contact sheet."""
    assert ctx.unit is not None
    number = int(ctx.unit)
    script = ctx.load(EpisodeScript, paths.script(number))
    bible = ctx.load(Bible, paths.bible)
    plan = ctx.load(Plan, paths.plan)
    looks_file = ctx.load(Looks, paths.looks)
    cast = ctx.load(Cast, paths.cast) if paths.cast in ctx.inputs else None
    episode = next((e for e in plan.episodes if e.number == number), None)
    shots = plan_shots(script, bible, episode, genders(bible, cast))
    shots.provenance.engine = ctx.settings.engines.image.split("?", 1)[0]
    shots.provenance.parents = ctx.parents("script/", "series/bible", "board/looks")
    looks = {look.id: look for look in looks_file.looks}
    for shot in shots.shots:
        for cast_id in shot.subject + ([shot.over] if shot.over else []):
            if cast_id.startswith("extra:") and cast_id not in looks:
                looks[cast_id] = extra_look(cast_id.removeprefix("extra:").title())
    engine = image_engine(ctx.settings.engines.image)
    names = {look.id: look.name for look in looks.values()}
    folder = paths.board_dir(number)
    outputs: Outputs = {paths.shots(number): shots.to_bytes()}
    panels = []
    for shot in shots.shots:
        frame_png = engine.frame(shot, looks, script.language, PANEL_SIZE)
        frame = Image.open(io.BytesIO(frame_png)).convert("RGB")
        panel = annotate(
            frame, shot, script.language, names.get(shot.speaker or "", (shot.speaker or "").removeprefix("extra:"))
        )
        outputs[paths.frame(number, shot.id)] = frame_png
        outputs[f"{folder}/{shot.id}.png"] = png_bytes(panel)
        panels.append(panel)
    title = f"EP {number:03d} — {script.title}" if script.title else f"EP {number:03d}"
    outputs[f"{folder}/sheet.png"] = png_bytes(contact_sheet(panels, shots, title))
    return outputs
