"""The board stages: choose episodes for media (``media``), cast looks and voices (``casting``), draw boards (``board``)."""

from __future__ import annotations

import io
import re

from PIL import Image

from microdrama.board.annotate import annotate
from microdrama.board.gender import genders
from microdrama.board.looks import cast_looks, extra_look
from microdrama.board.sheet import contact_sheet
from microdrama.board.shots import plan_shots
from microdrama.engines.image import image_engine
from microdrama.engines.image.panel import png_bytes
from microdrama.errors import SettingsError
from microdrama.model import Bible, Cast, EpisodeScript, Plan
from microdrama.model.media import Looks, MediaOrder
from microdrama.pipeline.context import Outputs, StageContext

PANEL_SIZE = (1080, 1920)


def select_episodes(spec: str, numbers: list[int]) -> list[int]:
    """Episode numbers chosen by ``media.episodes``: '' none, 'all', or '1-3,7'.

    Raises:
        SettingsError: the list is not understood.
    """
    spec = spec.strip().lower()
    if not spec or spec == "none":
        return []
    if spec == "all":
        return sorted(numbers)
    chosen: set[int] = set()
    for part in spec.split(","):
        found = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not found:
            raise SettingsError(f"media.episodes: {part!r} is not an episode number or range (examples: 'all', '1-3,7')")
        low = int(found.group(1))
        high = int(found.group(2) or low)
        chosen.update(range(low, high + 1))
    return sorted(n for n in numbers if n in chosen)


def run_media(ctx: StageContext) -> Outputs:
    """One order file per episode chosen in ``media.episodes`` (the board, voice and cut stages fan out over them)."""
    plan = ctx.load(Plan, "series/plan.json")
    chosen = select_episodes(ctx.settings.media.episodes, [e.number for e in plan.episodes])
    return {
        f"board/ep{n:03d}.order.json": MediaOrder(
            episode=n, horizontal=ctx.settings.media.horizontal, provenance={"stage": "media"}
        ).to_bytes()
        for n in chosen
    }


def run_casting(ctx: StageContext) -> Outputs:
    """Fix every character's look and voice for the series (only when some episode is chosen for media)."""
    from microdrama.voice.casting import cast_voices

    plan = ctx.load(Plan, "series/plan.json")
    if not select_episodes(ctx.settings.media.episodes, [e.number for e in plan.episodes]):
        return {}
    bible = ctx.load(Bible, "series/bible.json")
    cast = ctx.load(Cast, "story/cast.json") if "story/cast.json" in ctx.inputs else None
    looks = cast_looks(bible, cast)
    voices = cast_voices(bible, cast, engine=ctx.settings.engines.speech)
    return {"board/looks.json": looks.to_bytes(), "voice/bible.json": voices.to_bytes()}


def run_board(ctx: StageContext) -> Outputs:
    """One episode's shot list, frames, annotated panels and contact sheet."""
    assert ctx.unit is not None
    number = int(ctx.unit)
    script = ctx.load(EpisodeScript, f"script/ep{ctx.unit}.json")
    bible = ctx.load(Bible, "series/bible.json")
    plan = ctx.load(Plan, "series/plan.json")
    looks_file = ctx.load(Looks, "board/looks.json")
    cast = ctx.load(Cast, "story/cast.json") if "story/cast.json" in ctx.inputs else None
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
    folder = f"board/ep{ctx.unit}"
    outputs: Outputs = {f"{folder}/shots.json": shots.to_bytes()}
    panels = []
    for shot in shots.shots:
        frame_png = engine.frame(shot, looks, script.language, PANEL_SIZE)
        frame = Image.open(io.BytesIO(frame_png)).convert("RGB")
        panel = annotate(frame, shot, script.language, names.get(shot.speaker or "", (shot.speaker or "").removeprefix("extra:")))
        outputs[f"{folder}/frames/{shot.id}.png"] = frame_png
        outputs[f"{folder}/{shot.id}.png"] = png_bytes(panel)
        panels.append(panel)
    title = f"EP {number:03d} — {script.title}" if script.title else f"EP {number:03d}"
    outputs[f"{folder}/sheet.png"] = png_bytes(contact_sheet(panels, shots, title))
    return outputs
