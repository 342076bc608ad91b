"""The pipeline, declared once as data: each stage's inputs, outputs, settings and engines.

How to add a new stage:
  1. Write ``run_<stage>(ctx) -> dict[path, bytes]`` in the stage's own package, ``<stage>/stage.py``
     (pure: read inputs through ``ctx``, a :class:`microdrama.project.StageContext`, and return outputs;
     never write files — the runner writes them atomically). It imports :mod:`microdrama.project`,
     never :mod:`microdrama.pipeline`, and no later stage (the import-linter contracts check both).
  2. Add a :class:`Stage` row to :data:`STAGES` after the stages it reads from, listing every input
     glob, every output glob it owns, and every dotted setting it reads (they go into its key).
  3. Bump ``version`` whenever the function's output changes for the same inputs.
  4. A stage with ``fan_out`` runs once per unit (e.g. per episode file) through the executor; its
     ``{unit}`` placeholders are filled with each unit id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from microdrama.errors import PipelineError

#: the novel file named in the settings, as an input
NOVEL = "@novel"


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline, as data."""

    name: str
    version: int
    func: str | Callable[..., Any]
    description: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    settings: tuple[str, ...] = ()
    engines: tuple[str, ...] = ()
    fan_out: str | None = None
    command: str | None = field(default=None)
    #: a dotted setting that switches the stage on: while it is empty the stage is skipped without
    #: hashing its inputs (a step most projects do not use costs nothing)
    enabled_by: str | None = None

    @property
    def cli_name(self) -> str:
        """Subcommand that runs the pipeline up to this stage."""
        return self.command or self.name


STAGES: tuple[Stage, ...] = (
    Stage(
        name="ingest",
        version=1,
        func="microdrama.ingest.stage:run_ingest",
        description="decode the novel, find chapters and language",
        inputs=(NOVEL,),
        outputs=("source/source.json",),
        settings=("ingest.max_megabytes",),
    ),
    Stage(
        name="analyze",
        version=5,
        func="microdrama.analyze.stage:run_analyze",
        description="find the cast, every quotation and its speaker, places and events",
        inputs=("source/source.json", "story/known_cast.json"),
        outputs=("story/cast.json", "story/quotes.json", "story/places.json", "story/events.json", "story/refine.json"),
        engines=("engines.text",),
    ),
    Stage(
        name="adapt",
        version=6,
        func="microdrama.adapt.stage:run_adapt",
        description="plan the series: bible, episodes, hooks, cliffhangers, paywall",
        inputs=("source/source.json", "story/cast.json", "story/quotes.json", "story/places.json", "story/events.json"),
        outputs=("series/bible.json", "series/plan.json", "series/coverage.json", "series/refine.json"),
        settings=(
            "series.episodes",
            "series.episode_seconds",
            "series.paywall_episode",
            "series.cold_open",
            "project.title",
        ),
        engines=("engines.text", "engines.speech"),
    ),
    Stage(
        name="write",
        version=10,
        func="microdrama.room.stage:run_write",
        description="write each episode's screenplay in Fountain (with a text engine: the writers' room)",
        inputs=(
            "source/source.json",
            "story/cast.json",
            "story/quotes.json",
            "story/places.json",
            "story/events.json",
            "series/bible.json",
            "series/plan.json",
            "script/notes.json",
        ),
        outputs=(
            "script/ep[0-9][0-9][0-9].fountain",
            "script/ep[0-9][0-9][0-9].sources.json",
            "script/refine.json",
            "script/room_report.json",
            "script/room/arc.json",
            "script/room/ep[0-9][0-9][0-9].beats.json",
        ),
        settings=("model.writer", "model.write_repairs", "model.episode_cost"),
        engines=("engines.text", "engines.speech"),
    ),
    Stage(
        name="parse",
        version=2,
        func="microdrama.parse.stage:run_parse",
        description="read each episode's Fountain (hand edits included) back into structure",
        inputs=("script/ep{unit}.fountain", "script/ep{unit}.sources.json", "series/bible.json"),
        outputs=("script/ep{unit}.json",),
        engines=("engines.speech",),
        fan_out="script/ep{unit}.fountain",
    ),
    Stage(
        name="export",
        version=1,
        func="microdrama.export.stage:run_export",
        description="export the series screenplay: Fountain, Final Draft, HTML, PDF",
        inputs=("script/ep[0-9][0-9][0-9].json", "series/bible.json"),
        outputs=("script/series.fountain", "script/series.fdx", "script/series.html", "script/series.pdf"),
    ),
    Stage(
        name="shoot",
        version=4,
        func="microdrama.shoot.stage:run_plan_shoot",
        description="plan the shoot: breakdown, schedule, stripboard, day-out-of-days, call sheets",
        inputs=(
            "script/ep[0-9][0-9][0-9].json",
            "series/bible.json",
            "shoot/lexicon.yaml",
            "shoot/availability.yaml",
            "shoot/issued.json",
            "shoot/constraints.yaml",
        ),
        outputs=(
            "shoot/breakdown.json",
            "shoot/schedule.json",
            "shoot/stripboard.html",
            "shoot/stripboard.xlsx",
            "shoot/dood.csv",
            "shoot/dood.xlsx",
            "shoot/callsheets/day[0-9][0-9].html",
            "shoot/callsheets/day[0-9][0-9].pdf",
        ),
        settings=(
            "shoot.days",
            "shoot.hours_per_day",
            "shoot.time_limit",
            "shoot.turnaround_hours",
            "shoot.child_hours",
            "shoot.max_locations_per_day",
            "shoot.replan_extra_days",
        ),
        command="plan-shoot",
    ),
    Stage(
        name="media",
        version=1,
        func="microdrama.media.stage:run_media",
        description="choose the episodes to storyboard, voice and cut (setting media.episodes; none by default)",
        inputs=("series/plan.json",),
        outputs=("board/ep[0-9][0-9][0-9].order.json",),
        settings=("media.episodes", "media.horizontal"),
    ),
    Stage(
        name="casting",
        version=2,
        func="microdrama.casting.stage:run_casting",
        description="fix every character's look and voice for the series",
        inputs=("series/plan.json", "series/bible.json", "story/cast.json"),
        outputs=("board/looks.json", "voice/bible.json"),
        settings=("media.episodes",),
        engines=("engines.speech",),
    ),
    Stage(
        name="board",
        version=2,
        func="microdrama.board.stage:run_board",
        description="storyboard each episode: 9:16 shot list, panels, contact sheet",
        inputs=(
            "board/ep{unit}.order.json",
            "script/ep{unit}.json",
            "series/bible.json",
            "series/plan.json",
            "board/looks.json",
            "story/cast.json",
        ),
        outputs=(
            "board/ep{unit}/shots.json",
            "board/ep{unit}/s[0-9][0-9][0-9].png",
            "board/ep{unit}/frames/s[0-9][0-9][0-9].png",
            "board/ep{unit}/sheet.png",
        ),
        engines=("engines.image",),
        fan_out="board/ep{unit}.order.json",
    ),
    Stage(
        name="voice",
        version=4,
        func="microdrama.voice.stage:run_voice",
        description="voice each episode: a clip per line in the cast's voices, timing.json",
        inputs=("board/ep{unit}.order.json", "script/ep{unit}.json", "series/bible.json", "voice/bible.json"),
        outputs=("voice/ep{unit}/[0-9][0-9][0-9]-[0-9][0-9][0-9].wav", "voice/ep{unit}/timing.json"),
        engines=("engines.speech",),
        fan_out="board/ep{unit}.order.json",
    ),
    Stage(
        name="cut",
        version=4,
        func="microdrama.cut.stage:run_cut",
        description="cut each episode's animatic: vertical and horizontal MP4, OTIO timeline, FCP XML, EDL",
        inputs=(
            "board/ep{unit}.order.json",
            "board/ep{unit}/shots.json",
            "board/ep{unit}/frames/s[0-9][0-9][0-9].png",
            "voice/ep{unit}/timing.json",
            "voice/ep{unit}/[0-9][0-9][0-9]-[0-9][0-9][0-9].wav",
        ),
        outputs=(
            "cut/ep{unit}.vertical.mp4",
            "cut/ep{unit}.horizontal.mp4",
            "cut/ep{unit}.otio",
            "cut/ep{unit}.xml",
            "cut/ep{unit}.edl",
            "cut/ep{unit}.check.json",
        ),
        fan_out="board/ep{unit}.order.json",
    ),
    Stage(
        name="subtitle",
        version=2,
        func="microdrama.subtitle.stage:run_subtitles",
        description="subtitles in every language (SRT, WebVTT, ASS, TTML), checked and fixed; XLIFF for translators",
        inputs=(
            "script/ep{unit}.json",
            "series/bible.json",
            "story/cast.json",
            "subs/glossary.json",
            "subs/translations/ep{unit}.*.xlf",
            "voice/ep{unit}/timing.json",
            "board/ep{unit}/shots.json",
        ),
        outputs=("subs/ep{unit}.*", "subs/xliff/ep{unit}.*.xlf"),
        settings=("subtitles.languages", "subtitles.formats", "subtitles.profile", "subtitles.fps"),
        engines=("engines.text", "engines.speech"),
        fan_out="script/ep{unit}.json",
    ),
    Stage(
        name="subtitle-report",
        version=1,
        func="microdrama.subtitle.report:run_subtitle_report",
        description="sum every episode's subtitle QC into subs/qc.json",
        inputs=("subs/ep[0-9][0-9][0-9].qc.json",),
        outputs=("subs/qc.json",),
    ),
    Stage(
        name="compliance",
        version=2,
        func="microdrama.compliance.stage:run_labels",
        description="label each episode's outputs as AI-made: visible/spoken label + GB 45438 metadata (labelled/ copies)",
        inputs=(
            "script/ep{unit}.json",
            "script/ep{unit}.fountain",
            "subs/ep{unit}.*.vtt",
            "subs/ep{unit}.*.ass",
            "subs/ep{unit}.*.ttml",
            "subs/ep{unit}.*.srt",
            "board/ep{unit}/s[0-9][0-9][0-9].png",
            "board/ep{unit}/sheet.png",
            "voice/ep{unit}/[0-9][0-9][0-9]-[0-9][0-9][0-9].wav",
            "voice/bible.json",
            "cut/ep{unit}.vertical.mp4",
            "cut/ep{unit}.horizontal.mp4",
        ),
        outputs=(
            "labelled/script/ep{unit}.fountain",
            "labelled/subs/ep{unit}.*",
            "labelled/board/ep{unit}/*.png",
            "labelled/voice/ep{unit}/*.wav",
            "labelled/cut/ep{unit}.*.mp4",
            "compliance/ep{unit}.labels.json",
        ),
        settings=(
            "compliance.producer",
            "compliance.label_language",
            "compliance.label_text",
            "compliance.label_corner",
            "compliance.label_height",
            "compliance.label_seconds",
            "compliance.label_rule_based",
            "compliance.c2pa_cert",
            "compliance.c2pa_key",
            "compliance.c2pa_algorithm",
            "compliance.filing_number",
            "compliance.market",
            "engines.text",
            "engines.image",
            "engines.speech",  # which made what (read as settings: no approval gate)
        ),
        fan_out="script/ep{unit}.json",
        command="label",
    ),
    Stage(
        name="compliance-report",
        version=2,
        func="microdrama.compliance.stage:run_report",
        description="review the series against NRTA rules (red lines, tier, filing number, fidelity); compliance/report",
        inputs=(
            "script/ep[0-9][0-9][0-9].json",
            "script/ep[0-9][0-9][0-9].fountain",
            "series/bible.json",
            "source/source.json",
            "compliance/ep[0-9][0-9][0-9].labels.json",
            "compliance/waivers.toml",
            "script/series.fountain",
            "script/series.html",
            "script/series.pdf",
            "shoot/callsheets/day[0-9][0-9].pdf",
            "voice/bible.json",
        ),
        outputs=(
            "compliance/report.json",
            "compliance/report.html",
            "labelled/script/series.fountain",
            "labelled/script/series.html",
            "labelled/script/series.pdf",
            "labelled/shoot/callsheets/day[0-9][0-9].pdf",
        ),
        settings=(
            "compliance.market",
            "compliance.investment",
            "compliance.tier_rules",
            "compliance.filing_number",
            "compliance.classic",
            "compliance.skip_rules",
            "compliance.label_rule_based",
            "compliance.producer",
            "compliance.label_language",
            "compliance.label_text",
            "compliance.label_corner",
            "compliance.label_height",
            "compliance.label_seconds",
            "compliance.c2pa_cert",
            "compliance.c2pa_key",
            "compliance.c2pa_algorithm",
            "engines.text",
            "engines.image",
            "engines.speech",
        ),
    ),
    Stage(
        name="release",
        # 2: episode file names in the series' language; episode titles drop the series' name before a cut
        version=2,
        func="microdrama.release.stage:run_release",
        description="package the series for the platforms named in release.platforms (none by default): "
        "masters, covers, metadata, calendar, CapCut draft, manifest in release/<platform>/",
        inputs=(
            "series/bible.json",
            "series/plan.json",
            # the label ledgers hold the sha256 of every labelled master and subtitle: cheaper to hash
            # than the masters, and they change whenever the board, voices or cut do
            "compliance/ep[0-9][0-9][0-9].labels.json",
            "subs/ep[0-9][0-9][0-9].*.srt",
            "subs/ep[0-9][0-9][0-9].meta.json",
            "board/ep[0-9][0-9][0-9]/shots.json",
            "voice/ep[0-9][0-9][0-9]/timing.json",
            "release/profiles/*.toml",
            # the packages themselves: one deleted or changed by hand is rebuilt by the next run
            "release/*/manifest.json",
        ),
        outputs=("release/release.json",),
        enabled_by="release.platforms",
        settings=(
            "release.platforms",
            "release.launch",
            "compliance.market",
            "compliance.filing_number",
            "compliance.label_corner",
            "compliance.label_height",
            "compliance.label_seconds",
        ),
    ),
)


def stage_named(name: str, stages: tuple[Stage, ...] = STAGES) -> Stage:
    """The stage called ``name``."""
    for stage in stages:
        if stage.name == name:
            return stage
    raise PipelineError(f"no stage named {name!r}; stages: {', '.join(s.name for s in stages)}")
