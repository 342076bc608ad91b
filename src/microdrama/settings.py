"""``microdrama.toml``: the settings of one project, validated, with dotted keys for stage declarations.

Stages declare the settings they read as dotted keys (``series.episodes``); the runner hashes only
those values into the stage key, so changing the episode count re-runs ``adapt`` and what follows it
but not ``ingest`` or ``analyze``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from microdrama.errors import SettingsError

SETTINGS_FILE = "microdrama.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProjectSettings(_Section):
    """What the project adapts."""

    novel: str = Field(default="", description="Path of the novel file (absolute, or relative to the project).")
    title: str = Field(default="", description="Series title; empty means: from the book.")
    language: Literal["auto", "en", "zh"] = Field(default="auto", description="Language of the book; auto-detected.")


class SeriesSettings(_Section):
    """Shape of the series."""

    episodes: int = Field(default=60, ge=1, le=500, description="Number of episodes.")
    episode_seconds: int = Field(default=90, ge=15, le=900, description="Target runtime of one episode.")
    paywall_episode: int = Field(default=0, ge=0, description="Episode carrying the paywall; 0 = choose.")
    cold_open: bool = Field(default=True, description="Allow episode 1 to open on a flash-forward.")


class EngineSettings(_Section):
    """Backends, as URL-like ids (DESIGN §5)."""

    text: str = Field(default="offline", description="Text engine: offline, or openai://HOST/v1?model=NAME.")
    speech: str = Field(default="espeak", description="Speech engine.")
    image: str = Field(default="panel", description="Image engine.")


class ModelPrice(_Section):
    """Price of one model, in the currency of your bill, per million tokens."""

    input: float = Field(default=0.0, ge=0.0, description="Price per million prompt tokens.")
    output: float = Field(default=0.0, ge=0.0, description="Price per million completion tokens.")


class ModelSettings(_Section):
    """How the model engines are called (only used when an engine is not ``offline``)."""

    api_key_env: str = Field(
        default="OPENAI_API_KEY", description="Environment variable holding the API key (never stored)."
    )
    concurrency: int = Field(default=4, ge=1, le=64, description="Requests in flight at once.")
    rpm: int = Field(default=0, ge=0, description="Requests per minute; 0 = no limit.")
    tpm: int = Field(default=0, ge=0, description="Tokens per minute; 0 = no limit.")
    max_retries: int = Field(default=5, ge=0, le=20, description="Retries on timeouts, 429 and 5xx.")
    repair_retries: int = Field(
        default=2, ge=0, le=10, description="Re-asks with the validation error when a reply is invalid."
    )
    timeout_ms: int = Field(default=120_000, ge=100, description="Milliseconds to wait for one reply.")
    temperature: float = Field(default=0.2, ge=0.0, le=2.0, description="Sampling temperature.")
    seed: int = Field(default=0, description="Seed sent to servers that honour it.")
    max_tokens: int = Field(default=2048, ge=16, description="Most completion tokens per request.")
    json_mode: Literal["auto", "schema", "json", "none"] = Field(
        default="auto",
        description="Structured output: JSON schema, JSON mode, or parse plain text; auto tries in that order.",
    )
    prices: dict[str, ModelPrice] = Field(default_factory=dict, description="Price table: model name -> prices.")
    max_cost: float = Field(default=0.0, ge=0.0, description="Stop the run when this much is spent; 0 = no limit.")
    writer: Literal["room", "tighten"] = Field(
        default="room",
        description="What the model does to the episodes: room = writes them (beat sheet, Fountain, checks, repairs); "
        "tighten = only tightens the offline draft's dialogue.",
    )
    write_repairs: int = Field(
        default=2, ge=0, le=5, description="Times a written episode that fails the checks goes back with the findings."
    )
    episode_cost: float = Field(
        default=0.0,
        ge=0.0,
        description="Most one episode's writing may cost before it keeps its offline draft; 0 = no limit.",
    )


class RunSettings(_Section):
    """How work is executed."""

    executor: Literal["local", "serial", "dask"] = Field(
        default="local", description="local = process pool; serial; dask = a Dask cluster (see scheduler)."
    )
    workers: int = Field(default=0, ge=0, description="Worker processes; 0 = one per CPU.")
    scheduler: str = Field(
        default="",
        description="Dask scheduler address (tcp://host:8786); empty = a local cluster of `workers` processes.",
    )


class MediaSettings(_Section):
    """Storyboards, voices and animatics (the board, voice and cut stages)."""

    episodes: str = Field(
        default="", description="Episodes to storyboard, voice and cut: '' = none, 'all', or a list such as '1-3,7'."
    )
    horizontal: bool = Field(default=True, description="Also render a 1920x1080 animatic for large screens.")


class IngestSettings(_Section):
    """Limits that protect against hostile or broken input."""

    max_megabytes: int = Field(default=64, ge=1, description="Largest novel file accepted.")


class ShootSettings(_Section):
    """Shoot planning (``plan-shoot``): how many days, how long, how long to search."""

    days: int = Field(
        default=0, ge=0, le=365, description="Shoot days; 0 = as few as fit the scenes at 85% of each day."
    )
    hours_per_day: int = Field(
        default=12, ge=2, le=24, description="Length of a shoot day from crew call to wrap, in hours."
    )
    time_limit: float = Field(
        default=5.0,
        gt=0.0,
        le=600.0,
        description="Search effort in CP-SAT deterministic seconds (machine-independent, so the plan repeats).",
    )
    turnaround_hours: int = Field(
        default=0,
        ge=0,
        le=24,
        description="Least rest, in hours, from a night shoot's wrap to the next day's call (10-12 is usual); "
        "0 = not enforced. When set, night scenes are shot from dusk (18:00), the day's call moving later.",
    )
    child_hours: int = Field(
        default=6,
        ge=1,
        le=12,
        description="Most hours of scenes a child performer (listed under 'children' in shoot/constraints.yaml) "
        "works a day; check the local law (often 4-8 hours by age).",
    )
    max_locations_per_day: int = Field(
        default=0, ge=0, le=20, description="Most locations a shoot day may use (company moves + 1); 0 = no limit."
    )
    replan_extra_days: int = Field(
        default=0,
        ge=0,
        le=60,
        description="When re-planning an issued schedule (plan-shoot --replan), how many days beyond those the "
        "change forces may also change when each lowers the cost (each is one more day of call sheets re-issued).",
    )


class SubtitleSettings(_Section):
    """Subtitles and localization (the ``subtitle`` stage)."""

    languages: list[str] = Field(
        default_factory=list,
        description="Subtitle languages as BCP 47 tags: zh-Hans, zh-Hant (Taiwan phrasing), zh-Hant-HK, en…; "
        "empty = the script's language only. Chinese variants are converted with OpenCC; other languages "
        "are exported as XLIFF for translators until a translation is imported.",
    )
    formats: list[Literal["srt", "vtt", "ass", "ttml"]] = Field(
        default_factory=lambda: ["srt", "vtt", "ass", "ttml"], description="Subtitle files written per language."
    )
    profile: Literal["vertical", "netflix"] = Field(
        default="vertical",
        description="vertical = 9:16 line targets (zh 14, en 32); netflix = the style guides' limits.",
    )
    fps: int = Field(
        default=30, ge=1, le=120, description="Frame rate the frame-based rules (2-frame gap, shot changes) count in."
    )


class ComplianceSettings(_Section):
    """AI-content labels (GB 45438-2025) and the content review (NRTA rules); see docs/compliance.md."""

    producer: str = Field(
        default="microdrama",
        description="ContentProducer in the implicit label: your service's name or TC260 provider code.",
    )
    label_language: Literal["auto", "zh", "en"] = Field(
        default="auto", description="Language of labels; auto = the script's."
    )
    label_text: str = Field(
        default="", description="Visible label text; empty = AI生成 / AI-generated (must name AI and 生成/合成)."
    )
    label_corner: Literal["top-left", "top-right", "bottom-left", "bottom-right"] = Field(
        default="top-left",
        description="Corner of images and opening video frames the label sits in (inside the UI safe area).",
    )
    label_height: float = Field(
        default=0.06, description="Label text height as a fraction of the short side; at least 0.05."
    )
    label_seconds: float = Field(default=3.0, description="Seconds the label shows on the opening frames; at least 2.")
    label_rule_based: bool = Field(
        default=True,
        description="Also label outputs made by rules and signal processing (espeak voices, drawn panels) as AI-synthesised.",
    )
    c2pa_cert: str = Field(default="", description="PEM certificate chain for C2PA manifests; empty = no C2PA.")
    c2pa_key: str = Field(
        default="", description="PEM private key matching c2pa_cert (path; never stored in the project)."
    )
    c2pa_algorithm: str = Field(default="es256", description="C2PA signing algorithm (es256, ps256, ed25519…).")
    market: Literal["cn", "intl"] = Field(
        default="cn", description="cn = NRTA review and filing apply; intl = labels only."
    )
    investment: int = Field(
        default=0, ge=0, description="Total investment in yuan (decides the NRTA review tier); 0 = not declared."
    )
    tier_rules: Literal["ai-2026", "2026", "2024"] = Field(
        default="ai-2026",
        description="Tier thresholds: AI micro-dramas from 2026-07-01, all dramas from 2026-01-01, or 2024.",
    )
    filing_number: str = Field(default="", description="上线备案号 / 发行许可证号 shown on the opening frames.")
    classic: Literal["auto", "yes", "no"] = Field(
        default="auto", description="Is the source a classic (名著/history/revolutionary)? auto = by title and author."
    )
    skip_rules: list[str] = Field(default_factory=list, description="Content-review rule ids not to run.")


class ReleaseSettings(_Section):
    """Per-platform packages as a pipeline step (the ``release`` stage; ``microdrama release`` runs on demand)."""

    platforms: list[str] = Field(
        default_factory=list,
        description="Platform profile ids packaged by every run (douyin, tv, tiktok… or 'all'); "
        "empty = none (the default: `microdrama release PROJECT --platforms …` packages on demand).",
    )
    launch: str = Field(
        default="", description="First release day of the launch calendar (YYYY-MM-DD); empty = the day after the run."
    )


class Settings(_Section):
    """All settings of a project (``microdrama.toml``)."""

    project: ProjectSettings = Field(default_factory=ProjectSettings)
    series: SeriesSettings = Field(default_factory=SeriesSettings)
    engines: EngineSettings = Field(default_factory=EngineSettings)
    run: RunSettings = Field(default_factory=RunSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    subtitles: SubtitleSettings = Field(default_factory=SubtitleSettings)
    shoot: ShootSettings = Field(default_factory=ShootSettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    media: MediaSettings = Field(default_factory=MediaSettings)
    compliance: ComplianceSettings = Field(default_factory=ComplianceSettings)
    release: ReleaseSettings = Field(default_factory=ReleaseSettings)

    def get(self, dotted: str) -> Any:
        """Value of a dotted key such as ``series.episodes``."""
        value: Any = self
        for part in dotted.split("."):
            if not hasattr(value, part):
                raise SettingsError(f"no setting named {dotted!r}")
            value = getattr(value, part)
        return value.model_dump(mode="json") if isinstance(value, BaseModel) else value

    def with_values(self, values: dict[str, Any]) -> Settings:
        """A copy with dotted keys replaced (``None`` values are ignored), validated."""
        data = self.model_dump(mode="json")
        for dotted, value in values.items():
            if value is None:
                continue
            section, _, key = dotted.partition(".")
            if section not in data or key not in data[section]:
                raise SettingsError(f"no setting named {dotted!r}")
            data[section][key] = value
        return _validate(data, where="options")

    def to_toml(self) -> bytes:
        """The settings as ``microdrama.toml`` content (the runner writes it atomically)."""
        return tomli_w.dumps(self.model_dump(mode="json")).encode("utf-8")


def _validate(data: dict[str, Any], *, where: str) -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise SettingsError(f"{where}: {problems}") from exc


def load_settings(project: Path) -> Settings:
    """Read the project's ``microdrama.toml`` (defaults when it does not exist)."""
    path = project / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from exc
    return _validate(data, where=str(path))
