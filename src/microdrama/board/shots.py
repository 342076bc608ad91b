"""The shot planner: each episode's script becomes a 9:16 shot list in a closed vocabulary.

Rules (vertical framing, DESIGN §4 and craft.md §2): one subject per frame where possible; the
episode's first shot carries the hook (closer, pushing in); a scene opens wide on its location unless
it opens mid-dialogue; exchanges alternate singles and over-the-shoulder shots and move closer as the
scene goes on; a reversal line cuts to the listener's reaction; the last shot is a close-up pushing
in at the emotional peak. An opening line that shows no one (a bare "FLASH FORWARD.") folds into the
hook shot of the line after it; an action line that names no one but says "she"/"他" stays on the last
person of that gender seen in the scene. Durations come from the script's timing estimates; the cut
re-times them from the voices.
"""

from __future__ import annotations

import re

from microdrama.casting.gender import pronoun_genders
from microdrama.model.media import SHOT_SIZES, ElementSpan, Shot, ShotList
from microdrama.model.script import Element, EpisodeScript, Scene
from microdrama.model.series import Bible, EpisodePlan
from microdrama.screenplay.lines import join_text
from microdrama.screenplay.speakers import CastIndex, timed_elements

MIN_SHOT_MS = 1200
REACTION_MIN_LINE_MS = 2400
#: at most this many subjectless opening elements fold into the hook shot
HOOK_FOLD = 2
_REVERSAL = re.compile(
    r"[!?！？]|\b(no|not|never|but|won't|can't|don't|didn't|isn't|wasn't|liar|lie|what|why|how dare|truth|dead|killed|gone)\b"
    r"|不|没|竟|为什么|怎么|骗|死|真相",
    re.IGNORECASE,
)
_SHOUT = re.compile(r"[!！]")


def closer(size: str, steps: int = 1) -> str:
    """A tighter shot size (bounded at ECU)."""
    return SHOT_SIZES[min(len(SHOT_SIZES) - 1, SHOT_SIZES.index(size) + steps)]


def is_reversal(text: str) -> bool:
    """A line that turns the scene: a question, an exclamation, a denial or a revelation word."""
    return bool(_REVERSAL.search(text))


def _names(ids: list[str], bible: Bible) -> str:
    names = {c.id: c.name for c in bible.characters}
    return " & ".join(names.get(i, i.removeprefix("extra:")) for i in ids)


def _note(shot: Shot, bible: Bible) -> str:
    parts = [
        shot.size,
        shot.framing if shot.framing != "single" else "",
        shot.angle if shot.angle != "eye" else "",
        shot.movement,
    ]
    who = _names(shot.subject, bible)
    if shot.over:
        who += f" over {_names([shot.over], bible)}"
    return " · ".join(p for p in parts if p) + (f" — {who}" if who else "")


def _blocking(framing: str, subject: list[str], over: str | None, bible: Bible) -> str:
    if not subject:
        return "empty frame on the location"
    if framing == "OTS" and over:
        return f"{_names([over], bible)} back to camera, foreground left; {_names(subject[:1], bible)} right of centre facing left, eyes in the upper third"
    if len(subject) == 1:
        return f"{_names(subject, bible)} centred, eyes in the upper third, lower third clear for subtitles"
    return f"{_names(subject, bible)} left to right, facing each other"


class _Planner:
    def __init__(
        self, script: EpisodeScript, bible: Bible, episode: EpisodePlan | None, genders: dict[str, str]
    ) -> None:
        self.script = script
        self.bible = bible
        self.episode = episode
        self.genders = genders
        self.index = CastIndex(bible)
        self.shots: list[Shot] = []
        self.warnings: list[str] = []
        self.clock = 0

    def add(
        self,
        *,
        scene: Scene,
        size: str,
        purpose: str,
        subject: list[str],
        lines: list[str],
        duration: int,
        caption: str = "",
        speaker: str | None = None,
        framing: str | None = None,
        over: str | None = None,
        movement: str = "static",
        angle: str = "eye",
    ) -> None:
        framing = framing or (
            "location"
            if not subject
            else "single"
            if len(subject) == 1
            else "two-shot"
            if len(subject) == 2
            else "group"
        )
        shot = Shot.model_validate(
            dict(
                id=f"s{len(self.shots) + 1:03d}",
                scene=scene.number,
                size=size,
                angle=angle,
                movement=movement,
                framing=framing,
                purpose=purpose,
                subject=subject,
                over=over,
                blocking=_blocking(framing, subject, over, self.bible),
                location=scene.location,
                setting=scene.setting,
                time_of_day=scene.time_of_day,
                lines=lines,
                start_ms=self.clock,
                duration_ms=duration,
                caption=caption,
                speaker=speaker,
            )
        )
        self.shots.append(shot.model_copy(update={"note": _note(shot, self.bible)}))
        self.clock += duration

    def speaker_id(self, element: Element) -> str | None:
        if element.kind != "dialogue":
            return None
        return self.index.speaker(element) or (f"extra:{element.character.upper()}" if element.character else None)

    def plan(self) -> ShotList:
        elements = timed_elements(self.script)
        scenes = {s.number: s for s in self.script.scenes}
        by_scene: dict[int, list[tuple[str, Element]]] = {}
        for eid, number, element in elements:
            by_scene.setdefault(number, []).append((eid, element))
        for number, items in by_scene.items():
            self.plan_scene(scenes[number], items)
        self.finish()
        spans, clock = [], 0
        for eid, _, element in elements:
            spans.append(ElementSpan(id=eid, start_ms=clock, duration_ms=max(element.duration_ms, 800)))
            clock += spans[-1].duration_ms
        return ShotList(
            episode=self.script.episode,
            language=self.script.language,
            shots=self.shots,
            duration_ms=self.clock,
            elements=spans,
            warnings=self.warnings,
            provenance={"stage": "board"},
        )

    def plan_scene(self, scene: Scene, items: list[tuple[str, Element]]) -> None:
        exterior = scene.setting.upper().startswith("EXT")
        last_speaker: str | None = None
        listener_of: dict[str, str] = {}
        speakers_seen: list[str] = []
        present: list[str] = []
        recent: list[str] = []  # people seen in the scene, most recent last
        folded: list[tuple[str, Element]] = []  # subjectless opening elements waiting for the hook
        for position, (eid, element) in enumerate(items):
            duration = max(element.duration_ms, 800)
            progress = position / max(1, len(items) - 1)
            speaker = self.speaker_id(element)
            mentioned = self.index.mentioned(element.text)
            first_of_episode = not self.shots
            for person in mentioned + ([speaker] if speaker else []):
                if person not in present:
                    present.append(person)
            if speaker:
                if last_speaker and last_speaker != speaker:
                    listener_of[speaker] = last_speaker
                    listener_of.setdefault(last_speaker, speaker)
                if speaker not in speakers_seen:
                    speakers_seen.append(speaker)
            listener = listener_of.get(speaker or "") or next(
                (s for s in speakers_seen + present if s != speaker), None
            )
            shown = mentioned or self.referred(element, recent)
            for person in shown + ([speaker] if speaker else []):
                if person in recent:
                    recent.remove(person)
                recent.append(person)
            if first_of_episode:
                if not speaker and not shown and len(folded) < HOOK_FOLD and position + 1 < len(items):
                    folded.append((eid, element))
                    continue
                subject = [speaker] if speaker else shown[:1]
                size = "CU" if speaker else ("MCU" if subject else ("EWS" if exterior else "WS"))
                lines = [e for e, _ in folded] + [eid]
                caption = (
                    element.text
                    if speaker
                    else join_text([el.text for _, el in folded] + [element.text], self.script.language)
                )
                self.add(
                    scene=scene,
                    size=size,
                    purpose="hook",
                    subject=subject,
                    lines=lines,
                    duration=duration + sum(max(el.duration_ms, 800) for _, el in folded),
                    caption=caption,
                    speaker=speaker,
                    movement="push-in",
                )
                folded = []
            elif position == 0 and element.kind == "action":
                self.add(
                    scene=scene,
                    size="EWS" if exterior else "WS",
                    purpose="establishing",
                    subject=mentioned[:3],
                    framing="location",
                    lines=[eid],
                    duration=duration,
                    caption=element.text,
                    movement="pan" if exterior else "static",
                    angle="high" if exterior else "eye",
                )
            elif element.kind == "action":
                subject = shown[:2]
                size = "MS" if subject else ("WS" if position < 3 else "MS")
                previous = self.shots[-1]
                if subject and previous.subject == subject and previous.scene == scene.number and previous.size == "MS":
                    size = "MCU"  # the same person again: cut in closer so the cut reads
                self.add(
                    scene=scene,
                    size=size,
                    purpose="action",
                    subject=subject,
                    lines=[eid],
                    duration=duration,
                    caption=element.text,
                    movement="pan" if not subject else "static",
                )
            else:
                self.plan_line(scene, eid, element, speaker, listener, duration, progress, position == 0)
            last_speaker = speaker or last_speaker

    def referred(self, element: Element, recent: list[str]) -> list[str]:
        """The person an action line without names points to by pronoun: the latest one of that gender."""
        if element.kind != "action":
            return []
        wanted = pronoun_genders(element.text)
        who = next((p for p in reversed(recent) if self.genders.get(p, "unknown") in wanted), None)
        return [who] if who else []

    def plan_line(
        self,
        scene: Scene,
        eid: str,
        element: Element,
        speaker: str | None,
        listener: str | None,
        duration: int,
        progress: float,
        opens_scene: bool,
    ) -> None:
        if opens_scene and listener:
            self.add(
                scene=scene,
                size="MS",
                purpose="dialogue",
                subject=[speaker, listener] if speaker else [listener],
                lines=[eid],
                duration=duration,
                caption=element.text,
                speaker=speaker,
            )
            return
        size = "MS" if progress < 0.25 else "MCU" if progress < 0.7 else "CU"
        if _SHOUT.search(element.text) or (
            element.parenthetical and re.search(r"whisper|tear|cry|angr|低声|哭|怒", element.parenthetical, re.I)
        ):
            size = closer(size)
        villain = speaker in {c.id for c in self.bible.characters if c.role == "antagonist"}
        previous = self.shots[-1] if self.shots else None
        use_ots = bool(listener and previous and previous.speaker == listener and previous.framing != "OTS")
        framing = "OTS" if use_ots else "single"
        subject = [speaker] if speaker else []
        movement = "push-in" if duration >= 4000 else ("handheld" if _SHOUT.search(element.text) else "static")
        angle = "low" if villain else "eye"
        if listener and speaker and is_reversal(element.text) and duration >= REACTION_MIN_LINE_MS:
            head = max(MIN_SHOT_MS, duration * 6 // 10)
            self.add(
                scene=scene,
                size=size if framing == "single" else "MCU",
                purpose="dialogue",
                subject=subject,
                lines=[eid],
                duration=head,
                caption=element.text,
                speaker=speaker,
                framing=framing,
                over=listener if use_ots else None,
                movement=movement,
                angle=angle,
            )
            self.add(
                scene=scene,
                size="CU",
                purpose="reaction",
                subject=[listener],
                lines=[eid],
                duration=duration - head,
                caption=element.text,
                speaker=speaker,
                movement="push-in",
            )
            return
        self.add(
            scene=scene,
            size=size if framing == "single" else "MCU",
            purpose="dialogue",
            subject=subject,
            lines=[eid],
            duration=duration,
            caption=element.text,
            speaker=speaker,
            framing=framing,
            over=listener if use_ots else None,
            movement=movement,
            angle=angle,
        )

    def finish(self) -> None:
        """Merge too-short shots into the one before when the same voice speaks; end on a close-up at the peak."""
        merged: list[Shot] = []
        for shot in self.shots:
            if (
                merged
                and shot.duration_ms < MIN_SHOT_MS
                and shot.purpose not in ("hook", "reaction")
                and merged[-1].scene == shot.scene
                and merged[-1].speaker == shot.speaker
            ):
                prev = merged[-1]
                merged[-1] = prev.model_copy(
                    update={
                        "duration_ms": prev.duration_ms + shot.duration_ms,
                        "lines": prev.lines + [line for line in shot.lines if line not in prev.lines],
                        "caption": join_text([prev.caption, shot.caption], self.script.language)
                        if shot.caption != prev.caption
                        else prev.caption,
                    }
                )
                continue
            merged.append(shot)
        if merged:
            last = merged[-1]
            subject = last.subject[:1] or ([last.speaker] if last.speaker else [])
            if not subject:
                earlier = next((s for s in reversed(merged) if s.subject), None)
                subject = earlier.subject[:1] if earlier else []
            size = last.size if last.size in ("CU", "ECU") else "CU"
            last = last.model_copy(
                update={
                    "size": size,
                    "purpose": "peak",
                    "movement": "push-in",
                    "subject": subject,
                    "framing": "single" if subject else "location",
                    "over": None,
                }
            )
            merged[-1] = last.model_copy(
                update={
                    "note": _note(last, self.bible),
                    "blocking": _blocking(last.framing, last.subject, None, self.bible),
                }
            )
        clock = 0
        final = []
        for i, shot in enumerate(merged, start=1):
            final.append(shot.model_copy(update={"id": f"s{i:03d}", "start_ms": clock}))
            clock += shot.duration_ms
        self.shots = final
        self.clock = clock
        if not final:
            self.warnings.append("the script has no action or dialogue: no shots")


def plan_shots(
    script: EpisodeScript, bible: Bible, episode: EpisodePlan | None = None, genders: dict[str, str] | None = None
) -> ShotList:
    """The episode's shot list (``genders``: cast id -> female/male, for pronouns in action lines)."""
    return _Planner(script, bible, episode, genders or {}).plan()


def check_shots(shots: ShotList) -> list[str]:
    """Which 9:16 shot rules a shot list breaks (empty when it keeps them all)."""
    problems = []
    if not shots.shots:
        return ["no shots"]
    if shots.shots[0].purpose != "hook":
        problems.append("the first shot does not carry the hook")
    last = shots.shots[-1]
    if last.size not in ("CU", "ECU") or last.purpose != "peak":
        problems.append("the last shot is not a close-up at the emotional peak")
    for shot in shots.shots:
        if shot.framing in ("single", "OTS", "POV") and len(shot.subject) > 1:
            problems.append(f"{shot.id}: a single with {len(shot.subject)} subjects")
        if shot.size not in SHOT_SIZES:
            problems.append(f"{shot.id}: unknown size {shot.size}")
        if shot.duration_ms <= 0:
            problems.append(f"{shot.id}: no duration")
    clock = 0
    for shot in shots.shots:
        if shot.start_ms != clock:
            problems.append(f"{shot.id}: starts at {shot.start_ms} ms, expected {clock} ms")
        clock += shot.duration_ms
    return problems
