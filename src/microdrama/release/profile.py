"""Platform profiles: what each platform accepts, as TOML data files with a source for every value.

Built-in profiles live in ``release/profiles/*.toml``; a project's ``release/profiles/*.toml`` (or any
folder given with ``--profiles``) adds or replaces profiles without code. A profile may ``extends`` another
and states only what differs. Every value must be covered by ``[sources]`` (by its dotted key or its
section); a source starting with ``setting`` marks a value no published spec gives.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from microdrama.release.errors import ProfileError

BUILTIN = Path(__file__).parent / "profiles"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VideoSpec(_Strict):
    """The picture: size, fit, codec, rate control, duration and size limits (0 = no limit)."""

    source: Literal["vertical", "horizontal"] = "vertical"
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    extra_sizes: list[tuple[int, int]] = Field(default_factory=list)
    fit: Literal["pad", "crop"] = "pad"
    fps: int = Field(gt=0, le=120)
    profile: Literal["baseline", "main", "high"] = "high"
    level: str = "4.1"
    max_bitrate_kbps: int = Field(gt=0)
    gop_seconds: float = Field(gt=0)
    min_seconds: float = 0
    max_seconds: float = 0
    max_megabytes: float = 0

    def sizes(self) -> list[tuple[int, int]]:
        """Every size delivered, the main one first."""
        return [(self.width, self.height), *[(s[0], s[1]) for s in self.extra_sizes]]


class AudioSpec(_Strict):
    """Loudness (ITU-R BS.1770 integrated) and true-peak ceiling; AAC bitrate."""

    loudness_lufs: float = Field(le=0)
    tolerance_lu: float = Field(gt=0)
    true_peak_dbtp: float = Field(le=0)
    bitrate_kbps: int = Field(gt=0)


class CoverSpec(_Strict):
    """Cover and poster sizes (pixels) and an optional file-size cap."""

    sizes: list[tuple[int, int]]
    max_kilobytes: int = 0


class TextSpec(_Strict):
    """Length limits in characters (0 = none) and whether a filing number must be shown."""

    series_title: int = 0
    episode_title: int = 0
    description: int = 0
    recommendation: int = 0
    tags: int = 0
    filing_required: bool = False


class SubtitleSpec(_Strict):
    """Side-car formats the platform takes, and whether the picture carries burned-in subtitles."""

    formats: list[Literal["srt", "vtt", "ass", "ttml"]] = Field(default_factory=list)
    burned: bool = True


class CalendarSpec(_Strict):
    """Launch cadence: time zone, drop time, free episodes (-1 = all free), episodes per day (0 = all at once)."""

    timezone: str
    release_time: str = Field(pattern=r"^\d{2}:\d{2}$")
    free_episodes: int = Field(ge=-1)
    episodes_per_day: int = Field(ge=0)


class Profile(_Strict):
    """One platform's delivery profile."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    market: Literal["cn", "intl"]
    languages: list[str]
    #: the episode file name: one template for every language, or a table by language tag (``zh``,
    #: ``en``, ``zh-Hant`` …, and ``default`` for any other language; see :meth:`name_template`)
    file_name: str | dict[str, str]
    video: VideoSpec
    audio: AudioSpec
    covers: CoverSpec
    text: TextSpec
    subtitles: SubtitleSpec
    calendar: CalendarSpec
    sources: dict[str, str]
    path: str = ""

    @field_validator("file_name")
    @classmethod
    def _templates(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        for template in [value] if isinstance(value, str) else list(value.values()):
            if "{episode" not in template:
                raise ValueError(
                    f"file name template {template!r} has no {{episode}}: every episode would get one name"
                )
            try:
                template.format(series="S", episode=1)
            except (KeyError, IndexError, ValueError) as exc:
                raise ValueError(f"file name template {template!r}: {exc} (use {{series}} and {{episode}})") from exc
        if isinstance(value, dict) and not value:
            raise ValueError("file_name table is empty: give a template per language, or one string")
        return value

    def name_template(self, language: str = "") -> str:
        """The file name template for a series in ``language`` (a BCP 47 tag): the longest entry that
        prefixes the tag (``zh-Hant`` then ``zh`` for ``zh-Hant-TW``), else ``default``, else English,
        else the table's first. A profile that extends another adds to its table or replaces entries."""
        if isinstance(self.file_name, str):
            return self.file_name
        table = {k.lower(): v for k, v in self.file_name.items()}
        parts = language.lower().replace("_", "-").split("-")
        for key in ["-".join(parts[:n]) for n in range(len(parts), 0, -1)] + ["default", "en"]:
            if key in table:
                return table[key]
        return next(iter(self.file_name.values()))

    def episode_stem(self, series: str, episode: int, size: tuple[int, int] | None = None, language: str = "") -> str:
        """The platform's file name for an episode of a series in ``language`` (no extension); extra sizes
        get ``WxH`` appended."""
        stem = self.name_template(language).format(series=safe_name(series), episode=episode)
        if size is not None and size != (self.video.width, self.video.height):
            stem += f" {size[0]}x{size[1]}"
        return stem

    def templates(self) -> list[str]:
        """Every file name template of the profile, once each."""
        return [self.file_name] if isinstance(self.file_name, str) else list(dict.fromkeys(self.file_name.values()))

    def stem_pattern(self, language: str | None = None) -> re.Pattern[str]:
        """A regex a correctly named episode file stem matches (any series name, any number): the
        template of ``language``, or any of the profile's templates when None (a file made elsewhere)."""
        chosen = [self.name_template(language)] if language is not None else self.templates()
        return re.compile("|".join(f"(?:{_template_regex(t)})" for t in chosen))

    def source_of(self, key: str) -> str:
        """Where the value at dotted ``key`` comes from."""
        return self.sources.get(key) or self.sources.get(key.split(".")[0], "")


def _template_regex(template: str) -> str:
    """A file name template as a regex over a whole stem (any series, any episode number, an optional size)."""
    parts = re.split(r"(\{series\}|\{episode(?::[^}]*)?\})", template)
    regex = "".join(".+?" if p == "{series}" else r"\d+" if p.startswith("{episode") else re.escape(p) for p in parts)
    return f"^{regex}(?: \\d+x\\d+)?$"


def safe_name(text: str) -> str:
    """``text`` usable in a file name on every system (no path separators or reserved characters)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', " ", text).strip().strip(".")
    return re.sub(r"\s+", " ", cleaned) or "series"


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _leaf_keys(data: dict[str, Any], prefix: str = "") -> list[str]:
    keys = []
    for key, value in data.items():
        if isinstance(value, dict):
            keys += _leaf_keys(value, f"{prefix}{key}.")
        else:
            keys.append(prefix + key)
    return keys


UNSOURCED_OK = {"id", "name", "market", "languages", "extends", "path"}


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read the profile: {exc}") from exc


def _unsourced(data: dict[str, Any]) -> list[str]:
    """Values in ``data`` its own ``[sources]`` does not cover (by dotted key or section)."""
    sources = data.get("sources", {})
    return sorted(
        k
        for k in _leaf_keys({k: v for k, v in data.items() if k != "sources"})
        if k not in UNSOURCED_OK and k not in sources and k.split(".")[0] not in sources
    )


def _resolve(raw: dict[str, dict[str, Any]], pid: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    own = _unsourced(raw[pid])
    if own:  # an overriding value needs its own source: the base's source speaks of the base's value
        raise ProfileError(
            f"profile {pid!r} ({raw[pid].get('path', '?')}): no source for {', '.join(own)} "
            '(add it under [sources]; write "setting: …" when no spec gives the value)'
        )
    if pid in seen:
        raise ProfileError(f"profile {pid!r}: 'extends' loops through {' → '.join(seen)}")
    data = raw[pid]
    base_id = data.get("extends")
    if base_id is None:
        return data
    if base_id not in raw:
        raise ProfileError(f"profile {pid!r} extends unknown profile {base_id!r}")
    merged = _merge(_resolve(raw, base_id, (*seen, pid)), data)
    merged.pop("extends", None)
    return merged


def build(raw: dict[str, dict[str, Any]], pid: str) -> Profile:
    """The profile ``pid`` resolved through ``extends`` and validated; every value needs a source."""
    data = _resolve(raw, pid)
    data.pop("extends", None)
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(f"profile {pid!r} ({data.get('path', '?')}): {exc}") from exc


def load_profiles(*folders: Path) -> dict[str, Profile]:
    """Every profile in the built-in folder then ``folders`` (a later file with the same id replaces it)."""
    raw: dict[str, dict[str, Any]] = {}
    for folder in (BUILTIN, *folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            data = _read(path)
            pid = data.get("id")
            if not isinstance(pid, str):
                raise ProfileError(f"{path}: a profile needs an id (the folder name it is delivered into)")
            data["path"] = str(path)
            raw[pid] = data
    return {pid: build(raw, pid) for pid in sorted(raw)}


@lru_cache(maxsize=1)
def builtin_profiles() -> dict[str, Profile]:
    """The profiles shipped with microdrama."""
    return load_profiles()


def select(profiles: dict[str, Profile], names: str) -> list[Profile]:
    """The profiles named in ``names`` (comma-separated ids, or ``all``).

    Raises:
        ProfileError: an unknown id (the message lists the known ones).
    """
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    if not wanted:
        raise ProfileError("no platform given: use --platforms all, or ids such as douyin,tv")
    if wanted == ["all"]:
        return list(profiles.values())
    unknown = [n for n in wanted if n not in profiles]
    if unknown:
        raise ProfileError(f"unknown platform {', '.join(map(repr, unknown))}; known: {', '.join(profiles)}")
    return [profiles[n] for n in dict.fromkeys(wanted)]
