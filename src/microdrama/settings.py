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


class RunSettings(_Section):
    """How work is executed."""

    executor: Literal["local", "serial"] = Field(default="local", description="local = process pool; serial.")
    workers: int = Field(default=0, ge=0, description="Worker processes; 0 = one per CPU.")


class IngestSettings(_Section):
    """Limits that protect against hostile or broken input."""

    max_megabytes: int = Field(default=64, ge=1, description="Largest novel file accepted.")


class Settings(_Section):
    """All settings of a project (``microdrama.toml``)."""

    project: ProjectSettings = Field(default_factory=ProjectSettings)
    series: SeriesSettings = Field(default_factory=SeriesSettings)
    engines: EngineSettings = Field(default_factory=EngineSettings)
    run: RunSettings = Field(default_factory=RunSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)

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

    def save(self, project: Path) -> None:
        """Write ``microdrama.toml`` atomically."""
        from microdrama.pipeline.store import atomic_write

        atomic_write(project / SETTINGS_FILE, tomli_w.dumps(self.model_dump(mode="json")).encode("utf-8"))


def _validate(data: dict[str, Any], *, where: str) -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
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
