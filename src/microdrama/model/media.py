"""``board/``, ``voice/``, ``cut/``: shot lists, character looks and voices, line timing, render checks."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record

ShotSize = Literal["ECU", "CU", "MCU", "MS", "WS", "EWS"]
Angle = Literal["eye", "high", "low", "overhead", "dutch"]
Movement = Literal["static", "push-in", "pull-out", "pan", "tilt", "handheld"]
Framing = Literal["single", "two-shot", "group", "OTS", "POV", "insert", "location"]
Purpose = Literal["hook", "establishing", "dialogue", "reaction", "action", "peak"]

#: shot sizes from widest to closest
SHOT_SIZES: tuple[str, ...] = ("EWS", "WS", "MS", "MCU", "CU", "ECU")


class MediaOrder(Artifact):
    """``board/epNNN.order.json``: this episode is to be storyboarded, voiced and cut (setting media.episodes)."""

    SCHEMA_NAME = "MediaOrder"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    horizontal: bool = Field(default=True, description="Also render the 16:9 animatic (setting media.horizontal).")
    provenance: Provenance = Field(description="How this artifact was made.")


class Look(Record):
    """How a character is drawn, fixed once for the whole series so every panel agrees."""

    id: str = Field(description="Cast id.")
    name: str = Field(description="Name shown on the figure's label.")
    colour: str = Field(description="Main colour of the figure, '#rrggbb'.")
    accent: str = Field(description="Second colour (hair, marks), '#rrggbb'.")
    skin: str = Field(description="Skin tone of face and hands, '#rrggbb'.")
    silhouette: Literal["coat", "dress", "suit", "robe", "jacket"] = Field(description="Body outline.")
    hair: Literal["short", "long", "bun", "bald", "cap"] = Field(description="Hair outline.")
    mark: Literal["none", "scarf", "glasses", "hat", "stripe", "badge"] = Field(description="Distinctive mark.")
    height_pct: int = Field(default=100, ge=80, le=115, description="Height relative to an average figure, percent.")
    description: str = Field(default="", description="Visual description used in image-model prompts.")


class Looks(Artifact):
    """``board/looks.json``: every character's look (edit it to restyle a figure across the series)."""

    SCHEMA_NAME = "Looks"
    SCHEMA_VERSION = 1

    looks: list[Look] = Field(description="One look per bible character, bible order.")
    provenance: Provenance = Field(description="How this artifact was made.")


class Shot(Record):
    """One shot of a 9:16 shot list, in a closed vocabulary."""

    id: str = Field(description="Shot id within the episode, e.g. 's007' (also the panel file name).")
    scene: int = Field(description="Scene number.")
    size: ShotSize = Field(description="ECU / CU / MCU / MS / WS / EWS.")
    angle: Angle = Field(default="eye", description="Camera angle.")
    movement: Movement = Field(default="static", description="Camera movement.")
    framing: Framing = Field(default="single", description="single / two-shot / group / OTS / POV / insert / location.")
    purpose: Purpose = Field(description="Why the shot is there: hook, establishing, dialogue, reaction, action, peak.")
    subject: list[str] = Field(
        default_factory=list, description="Cast ids in frame, main subject first (one where possible)."
    )
    over: str | None = Field(default=None, description="OTS/POV: cast id whose shoulder or eyes we look over/through.")
    blocking: str = Field(default="", description="Where the figures stand and face, in words.")
    location: str = Field(description="Scene location.")
    setting: str = Field(default="INT", description="INT / EXT / INT/EXT.")
    time_of_day: str = Field(default="DAY", description="Scene time of day as printed.")
    lines: list[str] = Field(default_factory=list, description="Script element ids ('SSS-EEE') the shot covers.")
    start_ms: int = Field(description="Planned start in the episode (from the script's estimates).")
    duration_ms: int = Field(description="Planned duration (the cut re-times it from the voice timing).")
    caption: str = Field(default="", description="Words spoken or narrated during the shot.")
    speaker: str | None = Field(default=None, description="Cast id speaking, if any.")
    note: str = Field(default="", description="Camera note as printed on the panel.")


class ElementSpan(Record):
    """Where a script element sits on the shot list's planned timeline (the cut maps it to the voices)."""

    id: str = Field(description="Script element id 'SSS-EEE'.")
    start_ms: int = Field(description="Planned start.")
    duration_ms: int = Field(description="Planned duration.")


class ShotList(Artifact):
    """``board/epNNN/shots.json``: the episode's shots in order."""

    SCHEMA_NAME = "ShotList"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    language: str = Field(description="Script language.")
    shots: list[Shot] = Field(description="Shots in play order.")
    duration_ms: int = Field(description="Planned runtime.")
    elements: list[ElementSpan] = Field(default_factory=list, description="Planned timeline of the script elements.")
    warnings: list[str] = Field(default_factory=list, description="Shot rules the planner could not keep.")
    provenance: Provenance = Field(description="How this artifact was made.")


class Voice(Record):
    """One character's voice, fixed for the whole series."""

    id: str = Field(description="Cast id, or 'narrator'.")
    name: str = Field(description="Character name.")
    gender: Literal["female", "male", "unknown"] = Field(default="unknown", description="Gender the voice is cast for.")
    age: Literal["child", "young", "adult", "old"] = Field(default="adult", description="Age the voice is cast for.")
    engine_voice: str = Field(description="Voice name in the speech engine (espeak-ng 'en-us+f3', OpenAI 'nova'…).")
    pitch: int = Field(default=50, ge=0, le=99, description="espeak-ng pitch 0–99 (50 = normal).")
    rate_wpm: int = Field(default=165, ge=80, le=450, description="Speaking rate, words per minute.")


class VoiceBible(Artifact):
    """``voice/bible.json``: a distinct voice per character and one for the narrator."""

    SCHEMA_NAME = "VoiceBible"
    SCHEMA_VERSION = 1

    language: str = Field(description="Language the voices speak.")
    engine: str = Field(description="Speech engine id (no credentials).")
    voices: list[Voice] = Field(description="Narrator first, then characters in bible order.")
    provenance: Provenance = Field(description="How this artifact was made.")


class LineTiming(Record):
    """When one voiced script element plays, and its clip."""

    id: str = Field(description="Script element id 'SSS-EEE'.")
    kind: Literal["dialogue", "action"] = Field(description="dialogue (a character) or action (the narrator).")
    voice: str = Field(description="Voice id (cast id or 'narrator').")
    text: str = Field(description="What is said.")
    clip: str | None = Field(default=None, description="Project-relative WAV file, or null when nothing is said.")
    clip_ms: int = Field(default=0, description="Length of the clip.")
    start_ms: int = Field(description="Start in the episode's voice timeline.")
    duration_ms: int = Field(description="Time the element takes (clip plus pause).")


class Timing(Artifact):
    """``voice/epNNN/timing.json``: the voice timeline of one episode."""

    SCHEMA_NAME = "Timing"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    language: str = Field(description="Script language.")
    sample_rate: int = Field(description="Sample rate of the clips, Hz.")
    lines: list[LineTiming] = Field(description="Voiced elements in play order.")
    duration_ms: int = Field(description="Length of the whole timeline.")
    provenance: Provenance = Field(description="How this artifact was made.")


class VideoCheck(Record):
    """What a rendered file was found to be (read back with PyAV)."""

    path: str = Field(description="Project-relative file.")
    width: int = Field(description="Frame width, px.")
    height: int = Field(description="Frame height, px.")
    fps: str = Field(description="Frame rate as a fraction, e.g. '30/1'.")
    video_codec: str = Field(description="Video codec name.")
    audio_codec: str = Field(default="", description="Audio codec name ('' when no audio).")
    sample_rate: int = Field(default=0, description="Audio sample rate, Hz.")
    duration_ms: int = Field(description="Container duration.")
    expected_ms: int = Field(description="Duration the timeline asked for.")
    max_keyframe_gap_ms: int = Field(description="Longest distance between keyframes.")
    moov_first: bool = Field(description="True when the moov atom precedes the media data (fast start).")
    loudness_lufs: float | None = Field(default=None, description="Integrated loudness, LUFS (EBU R128).")
    problems: list[str] = Field(default_factory=list, description="Ways the file misses the delivery spec.")


class CutReport(Artifact):
    """``cut/epNNN.check.json``: checks of every rendered animatic."""

    SCHEMA_NAME = "CutReport"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    videos: list[VideoCheck] = Field(description="One entry per rendered file.")
    provenance: Provenance = Field(description="How this artifact was made.")
