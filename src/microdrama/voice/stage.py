"""The ``voice`` stage: one clip per voiced line of an episode and its ``timing.json``.

Dialogue is said whole; the narrator says action lines, condensed to whole sentences when the full text
would take far longer than the script planned for it. The time the script gives to what is not said —
a scene's cut, a written transition — is held on the line before it (at the top, on the first line), so
the voiced episode runs as long as the script's estimate of it (``text.speech_rate``)."""

from __future__ import annotations

import re

from microdrama.casting.voices import extra_voice
from microdrama.engines.speech import SpeechEngine, speech_engine
from microdrama.engines.speech.wav import duration_ms, read_wav
from microdrama.model import Bible, EpisodeScript
from microdrama.model.media import LineTiming, Timing, VoiceBible
from microdrama.project import Outputs, StageContext, paths
from microdrama.screenplay.lines import join_text, plain, sentences
from microdrama.screenplay.speakers import CastIndex, timed_elements
from microdrama.text.speech_rate import ACTION_PAUSE_MS, DIALOGUE_PAUSE_MS, MIN_ACTION_MS, UNSAID, speech_ms
from microdrama.write.narrator import NARRATOR_CUE
from microdrama.write.timing import SCENE_CHANGE_MS

PAUSE_MS = {"dialogue": DIALOGUE_PAUSE_MS, "action": ACTION_PAUSE_MS}
_CLAUSE = re.compile(r"[^，、；：,;:—]+[，、；：,;:—]*\s*")
#: the narrator may take this many times an action line's planned screen time before the line is condensed
NARRATION_STRETCH = 2.0


def speakable(text: str) -> str:
    """The words to say: stage directions in brackets and emphasis marks removed, whitespace collapsed."""
    return " ".join(UNSAID.sub(" ", plain(text)).split())


def narration(text: str, planned_ms: int, language: str) -> str:
    """What the narrator says for an action line: whole sentences from the start that fit in
    ``NARRATION_STRETCH`` × its planned screen time (at least the first, cut at a clause with "…" when
    it alone is too long), so prose pasted into the action does not stretch the episode far past its
    planned runtime."""
    budget = NARRATION_STRETCH * planned_ms
    kept = _fit(sentences(text, language), budget, language)
    if len(kept) == 1 and speech_ms(kept[0], language) > budget:  # one long sentence: whole clauses of it
        clauses = _fit(_CLAUSE.findall(kept[0]), budget, language)
        if len(clauses) < len(_CLAUSE.findall(kept[0])):
            return join_text(clauses, language).rstrip("，、；：,;: —") + "…"
    return join_text(kept, language) if kept else text


def _fit(parts: list[str], budget: float, language: str) -> list[str]:
    """The leading parts that can be said within ``budget`` ms (at least the first)."""
    kept: list[str] = []
    for part in parts:
        if kept and speech_ms(join_text(kept + [part], language), language) > budget:
            break
        kept.append(part)
    return kept


_NARRATOR_CUES = frozenset(NARRATOR_CUE.values())


def held_ms(script: EpisodeScript) -> dict[str, int]:
    """Silent time the script plans that no voiced line covers, by the id of the line held that much
    longer: a scene's cut (when it has a heading) is a beat after its last line, a transition is held
    on the line before it; time before the first line is held after it (``""``: no line at all)."""
    held: dict[str, int] = {}
    voiced = {id(e): eid for eid, _, e in timed_elements(script)}
    last, pending = "", 0

    def hold(eid: str, ms: int) -> None:
        nonlocal pending
        if eid:
            held[eid] = held.get(eid, 0) + ms
        else:
            pending += ms

    for scene in script.scenes:
        for element in scene.elements:
            if id(element) in voiced:
                last = voiced[id(element)]
                if pending:
                    held[last], pending = held.get(last, 0) + pending, 0
            elif element.kind == "transition":
                hold(last, element.duration_ms)
        if scene.heading:
            hold(last, SCENE_CHANGE_MS)
    if pending:
        held[""] = pending
    return held


def voice_episode(
    script: EpisodeScript,
    bible: Bible,
    voices: VoiceBible,
    engine: str,
    folder: str,
    *,
    speech: SpeechEngine | None = None,
) -> tuple[Timing, dict[str, bytes]]:
    """The episode's timing and its clips (project-relative path -> WAV bytes); ``speech``, when
    given, says the lines instead of ``engine``'s own object (a benchmark passes one that caches)."""
    speech = speech or speech_engine(engine)
    by_id = {v.id: v for v in voices.voices}
    index = CastIndex(bible)
    clips: dict[str, bytes] = {}
    lines: list[LineTiming] = []
    held = held_ms(script)
    clock = held.get("", 0)
    rate = 0
    for eid, _, element in timed_elements(script):
        if element.kind == "dialogue" and (element.character or "").strip().upper() not in _NARRATOR_CUES:
            speaker = index.speaker(element)
            voice = by_id.get(speaker or "") or extra_voice(element.character or "someone", engine, script.language)
        else:  # action lines, and the unnamed narrator's voice-over (NARRATOR / 旁白 (V.O.))
            voice = by_id["narrator"]
        said = (
            element.text
            if element.kind == "dialogue"
            else narration(element.text, element.duration_ms, script.language)
        )
        text = speakable(said)
        clip_path, clip_ms = None, 0
        if text:
            wav = speech.synthesize(text, voice, script.language)
            clip_path = f"{folder}/{eid}.wav"
            clips[clip_path] = wav
            clip_ms = duration_ms(wav)
            rate = rate or read_wav(wav)[1]
        length = clip_ms + PAUSE_MS[element.kind] if clip_ms else max(element.duration_ms, MIN_ACTION_MS)
        length += held.get(eid, 0)
        lines.append(
            LineTiming(
                id=eid,
                kind=element.kind,
                voice=voice.id,
                text=said,
                clip=clip_path,
                clip_ms=clip_ms,
                start_ms=clock,
                duration_ms=length,
            )
        )
        clock += length
    timing = Timing(
        episode=script.episode,
        language=script.language,
        sample_rate=rate or 22050,
        lines=lines,
        duration_ms=clock,
        provenance={"stage": "voice", "engine": voices.engine},
    )
    return timing, clips


def run_voice(ctx: StageContext) -> Outputs:
    """Voice one episode: a WAV per line under ``voice/epNNN/`` and ``timing.json``."""
    assert ctx.unit is not None
    number = int(ctx.unit)
    script = ctx.load(EpisodeScript, paths.script(number))
    bible = ctx.load(Bible, paths.bible)
    voices = ctx.load(VoiceBible, paths.voice_bible)
    folder = paths.voice_dir(number)
    timing, clips = voice_episode(script, bible, voices, ctx.settings.engines.speech, folder)
    timing.provenance.parents = ctx.parents("script/", "voice/bible")
    return {**clips, paths.timing(number): timing.to_bytes()}
