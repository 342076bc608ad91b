"""The ``casting`` stage: every character's look (``board/looks.json``) and voice (``voice/bible.json``).

It runs before the board and the voices so both read one casting, and only when some episode is
chosen for media (casting a voice may ask the speech engine which voices it has).
"""

from __future__ import annotations

from microdrama.casting.looks import cast_looks
from microdrama.casting.voices import cast_voices
from microdrama.media.stage import chosen_episodes
from microdrama.model import Bible, Cast
from microdrama.project import Outputs, StageContext, paths


def run_casting(ctx: StageContext) -> Outputs:
    """Fix every character's look and voice for the series (only when some episode is chosen for media)."""
    if not chosen_episodes(ctx):
        return {}
    bible = ctx.load(Bible, paths.bible)
    cast = ctx.load(Cast, paths.cast) if paths.cast in ctx.inputs else None
    looks = cast_looks(bible, cast)
    voices = cast_voices(bible, cast, engine=ctx.settings.engines.speech)
    return {paths.looks: looks.to_bytes(), paths.voice_bible: voices.to_bytes()}
