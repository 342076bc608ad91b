"""``release --check``: any video or package folder against a platform profile — picture (size, codec,
profile, level, fps, GOP, bitrate), moov first, audio format, loudness and true peak, duration and file
size limits, file names, covers, metadata lengths, AI labels, manifest hashes. Works on files made elsewhere."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from microdrama.compliance.verify import verify_file
from microdrama.release.encode import PROFILE_NAMES, level_number, profile_within
from microdrama.release.package import MANIFEST, sha256_file
from microdrama.release.probe import probe
from microdrama.release.profile import Profile

Severity = Literal["error", "warning"]
FPS_TOLERANCE = 0.01
BITRATE_TOLERANCE = 1.10  # one-second peaks against a VBV-capped stream
TRUE_PEAK_TOLERANCE = 0.1
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class Finding:
    """One way a file misses the profile."""

    path: str
    rule: str
    severity: Severity
    message: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return asdict(self)


def check_video(path: Path, profile: Profile, *, name_rule: bool = True, language: str | None = None) -> list[Finding]:
    """Every way the video at ``path`` misses ``profile`` (its name against the template of the series'
    ``language`` when known, else against any of the profile's templates)."""

    p = str(path)
    try:
        info = probe(path)
    except Exception as exc:  # noqa: BLE001 - PyAV raises many kinds for a broken file
        return [Finding(p, "readable", "error", f"not a readable video: {exc}")]
    v, a = profile.video, profile.audio
    out: list[Finding] = []

    def bad(rule: str, message: str, severity: Severity = "error") -> None:
        out.append(Finding(p, rule, severity, message))

    if (info.width, info.height) not in v.sizes():
        wanted = " or ".join(f"{w}x{h}" for w, h in v.sizes())
        bad("size", f"wrong size {info.width}x{info.height}: {profile.id} takes {wanted}")
    if info.codec != "h264":
        bad("codec", f"video codec {info.codec}, expected H.264")
    elif not profile_within(info.profile, v.profile):
        bad("profile", f"H.264 profile {info.profile or '?'}, expected {PROFILE_NAMES[v.profile][0]} or lower")
    if info.codec == "h264" and info.level > level_number(v.level):
        bad("level", f"H.264 level {info.level / 10:.1f} above {v.level}")
    if abs(info.fps - v.fps) > FPS_TOLERANCE:
        bad("fps", f"{info.fps:g} fps, expected {v.fps}")
    if info.max_keyframe_gap_s > v.gop_seconds + 0.05:
        bad("gop", f"keyframes {info.max_keyframe_gap_s:.2f} s apart, at most {v.gop_seconds:g} s")
    if info.peak_kbps > v.max_bitrate_kbps * BITRATE_TOLERANCE:
        bad("bitrate", f"bitrate peaks at {info.peak_kbps:.0f} kbps over the {v.max_bitrate_kbps} kbps cap")
    if not info.moov_first:
        bad("faststart", "moov box after mdat: not fast-start (ffmpeg -movflags +faststart)")
    if v.max_seconds and info.duration_s > v.max_seconds:
        bad("duration", f"too long: {info.duration_s:.1f} s, {profile.id} takes at most {v.max_seconds:g} s")
    if v.min_seconds and info.duration_s < v.min_seconds:
        bad("duration", f"too short: {info.duration_s:.1f} s, {profile.id} wants at least {v.min_seconds:g} s")
    if v.max_megabytes and info.bytes > v.max_megabytes * 1024 * 1024:
        bad("file-size", f"{info.bytes / 1048576:.1f} MB over the {v.max_megabytes:g} MB limit")
    if not info.audio_codec:
        bad("audio", "no audio stream")
    else:
        if info.audio_codec != "aac" or info.audio_rate != 48000 or info.audio_channels != 2:
            bad(
                "audio",
                f"audio {info.audio_codec} {info.audio_rate} Hz {info.audio_channels} ch, expected AAC 48 kHz stereo",
            )
        if abs(info.loudness_lufs - a.loudness_lufs) > a.tolerance_lu:
            word = "too loud" if info.loudness_lufs > a.loudness_lufs else "too quiet"
            bad("loudness", f"{word}: {info.loudness_lufs:.1f} LUFS, target {a.loudness_lufs:g} ±{a.tolerance_lu:g} LU")
        if info.true_peak_dbtp > a.true_peak_dbtp + TRUE_PEAK_TOLERANCE:
            bad("true-peak", f"true peak {info.true_peak_dbtp:.1f} dBTP above the {a.true_peak_dbtp:g} dBTP ceiling")
    if name_rule and not profile.stem_pattern(language).match(path.stem):
        templates = [profile.name_template(language)] if language is not None else profile.templates()
        wanted = " or ".join(repr(t) for t in templates)
        bad("file-name", f"name {path.name!r} is not the platform's pattern {wanted}{_example(profile, language)}")
    out += check_label(path, profile)
    return out


def _example(profile: Profile, language: str | None) -> str:
    """`` (e.g. 剧名 - 第1集.mp4, Series - Episode 1.mp4)``: an example name per template in question."""
    if isinstance(profile.file_name, str):
        languages = ["zh" if profile.market == "cn" else "en"]
    else:
        languages = [language] if language is not None else ["zh", "en"]
    names = [
        f"{profile.episode_stem('剧名' if lang.startswith('zh') else 'Series', 1, language=lang)}.mp4"
        for lang in languages
    ]
    return f" (e.g. {', '.join(dict.fromkeys(names))})"


def check_label(path: Path, profile: Profile) -> list[Finding]:
    """The GB 45438 implicit label: required on the CN market, advised elsewhere."""

    report = verify_file(path)
    if report.ok:
        return []
    severity: Severity = "error" if profile.market == "cn" else "warning"
    return [Finding(str(path), "ai-label", severity, "no valid GB 45438 AI-content label (microdrama labels verify)")]


def check_cover(path: Path, profile: Profile) -> list[Finding]:
    """A cover's size is one the profile asks for, within its file-size cap, AI-labelled."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            size = image.size
    except OSError as exc:
        return [Finding(str(path), "readable", "error", f"not a readable image: {exc}")]
    out = []
    if tuple(size) not in {tuple(s) for s in profile.covers.sizes}:
        out.append(
            Finding(str(path), "cover-size", "error", f"cover {size[0]}x{size[1]} is not a size {profile.id} takes")
        )
    cap = profile.covers.max_kilobytes
    if cap and path.stat().st_size > cap * 1024:
        out.append(Finding(str(path), "cover-file-size", "error", f"{path.stat().st_size // 1024} KB over {cap} KB"))
    return out + check_label(path, profile)


def _length_rule(path: str, field: str, text: str, limit: int) -> list[Finding]:
    if limit and len(text) > limit:
        return [
            Finding(
                path,
                "title-length" if "title" in field else "text-length",
                "error",
                f"{field} is {len(text)} characters, {limit} allowed: {text[:40]}…",
            )
        ]
    return []


def check_metadata(path: Path, profile: Profile) -> list[Finding]:
    """Titles, descriptions, tags within the profile's limits; a filing number where required."""
    p, t = str(path), profile.text
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Finding(p, "readable", "error", f"unreadable metadata: {exc}")]
    out = _length_rule(p, "series_title", doc.get("series_title", ""), t.series_title)
    out += _length_rule(p, "description", doc.get("description", ""), t.description)
    out += _length_rule(p, "recommendation", doc.get("recommendation", ""), t.recommendation)
    if t.tags and len(doc.get("tags", [])) > t.tags:
        out.append(Finding(p, "tags", "error", f"{len(doc['tags'])} tags, {t.tags} allowed"))
    for ep in doc.get("episodes", []):
        out += _length_rule(p, f"episode {ep.get('number')} title", ep.get("title", ""), t.episode_title)
        out += _length_rule(p, f"episode {ep.get('number')} description", ep.get("description", ""), t.description)
    if t.filing_required and profile.market == "cn" and not doc.get("filing_number"):
        out.append(Finding(p, "filing-number", "error", "no filing number (compliance.filing_number)"))
    return out


def check_folder(folder: Path, profile: Profile) -> list[Finding]:
    """A whole package: every video, cover and the metadata; covers for every size; manifest hashes."""
    out: list[Finding] = []
    videos = sorted(p for p in folder.iterdir() if p.suffix.lower() in VIDEO_SUFFIXES)
    if not videos:
        out.append(Finding(str(folder), "episodes", "error", "no episode videos in the folder"))
    language = _package_language(folder / "metadata.json")
    for video in videos:
        out += check_video(video, profile, language=language)
    covers = (
        sorted(p for p in (folder / "covers").glob("*") if p.suffix.lower() in IMAGE_SUFFIXES)
        if (folder / "covers").is_dir()
        else []
    )
    for cover in covers:
        out += check_cover(cover, profile)
    from PIL import Image

    have = set()
    for cover in covers:
        try:
            with Image.open(cover) as image:
                have.add(tuple(image.size))
        except OSError:
            pass
    for w, h in profile.covers.sizes:
        if (w, h) not in have:
            out.append(Finding(str(folder / "covers"), "cover-missing", "error", f"no {w}x{h} cover"))
    meta = folder / "metadata.json"
    out += (
        check_metadata(meta, profile)
        if meta.is_file()
        else [Finding(str(meta), "metadata", "warning", "no metadata.json: titles and descriptions not checked")]
    )
    out += check_manifest(folder)
    return out


def _package_language(meta: Path) -> str | None:
    """The series' language a package's metadata.json gives (None: no metadata, or none in it)."""
    try:
        language = json.loads(meta.read_text(encoding="utf-8")).get("language")
    except (OSError, ValueError, AttributeError):
        return None
    return language if isinstance(language, str) and language else None


def check_manifest(folder: Path) -> list[Finding]:
    """Every file the manifest lists is there with its size and sha256."""
    path = folder / MANIFEST
    if not path.is_file():
        return []
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError) as exc:
        return [Finding(str(path), "manifest", "error", f"unreadable manifest: {exc}")]
    out = []
    for name, entry in files.items():
        f = folder / name
        if not f.is_file():
            out.append(Finding(str(f), "manifest", "error", "listed in the manifest but missing"))
        elif f.stat().st_size != entry.get("bytes") or sha256_file(f) != entry.get("sha256"):
            out.append(Finding(str(f), "manifest", "error", "differs from the manifest (size or sha256)"))
    return out


def check_path(path: Path, profile: Profile) -> list[Finding]:
    """``path`` (a video, an image, a metadata.json, or a package folder) against ``profile``."""
    if path.is_dir():
        return check_folder(path, profile)
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return check_cover(path, profile)
    if suffix == ".json":
        return check_metadata(path, profile)
    return check_video(path, profile)
