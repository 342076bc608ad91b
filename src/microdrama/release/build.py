"""From a finished project to ``release/<platform>/`` packages: gather the series (bible, plan, episode
titles, labelled masters and subtitles, key panel), check the Compliance gates, plan every file of each
profile, build it in staging and publish it in one move."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from microdrama.compliance.gate import require_filing, require_labels
from microdrama.release.calendar import schedule, to_csv, to_ics
from microdrama.release.capcut import draft, meta_info
from microdrama.release.covers import key_panel, labelled_cover
from microdrama.release.encode import ENCODER, video_fits
from microdrama.release.errors import ReleaseError
from microdrama.release.metadata import build_metadata, episode_title
from microdrama.release.package import (
    BUILDER_VERSION,
    RELEASE_DIR,
    Clock,
    EncodeJob,
    Plan,
    Staging,
    execute,
    key_of,
    sha256_file,
    trimmed,
)
from microdrama.release.picture import label_badges, master_variant, renderable, variant_key, visible_label
from microdrama.release.profile import Profile
from microdrama.release.soundtrack import AAC, AudioJob
from microdrama.release.soundtrack import CACHE as AUDIO_CACHE
from microdrama.settings import Settings


@dataclass(frozen=True)
class Episode:
    """One episode as release needs it."""

    number: int
    title: str
    synopsis: str
    paywall: bool
    masters: dict[str, Path]  # "vertical"/"horizontal" → labelled animatic
    subtitles: dict[tuple[str, str], Path]  # (language, format) → file


@dataclass(frozen=True)
class Series:
    """The whole series as release needs it."""

    title: str
    language: str
    logline: str
    synopsis: str
    genre: list[str]
    episodes: list[Episode]
    key_panel: Path | None


def _json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError) as exc:
        raise ReleaseError(f"{path}: cannot read ({exc}); run `microdrama produce` first") from exc


def read_series(project: Path) -> Series:
    """The series from the project's artifacts (labelled masters from the Compliance stage)."""

    bible = _json(project / "series" / "bible.json")
    plan = _json(project / "series" / "plan.json")
    episodes = []
    for ep in plan.get("episodes", []):
        n = int(ep["number"])
        meta_path = project / "subs" / f"ep{n:03d}.meta.json"
        localized = _json(meta_path).get("languages", {}) if meta_path.is_file() else {}
        texts: dict[str, str] = localized.get(bible["language"]) or next(iter(localized.values()), {})
        masters = {
            kind: p
            for kind in ("vertical", "horizontal")
            if (p := project / "labelled" / "cut" / f"ep{n:03d}.{kind}.mp4").is_file()
        }
        subs: dict[tuple[str, str], Path] = {}
        for folder in (project / "subs", project / "labelled" / "subs"):  # labelled copies win
            for path in folder.glob(f"ep{n:03d}.*.*"):
                lang, _, fmt = path.name[len(f"ep{n:03d}.") :].rpartition(".")
                if fmt in ("srt", "vtt", "ass", "ttml") and lang:
                    subs[(lang, fmt)] = path
        episodes.append(
            Episode(
                n,
                texts.get("title") or ep.get("title", ""),
                texts.get("synopsis", ""),
                bool(ep.get("paywall")),
                masters,
                subs,
            )
        )
    return Series(
        bible["title"],
        bible["language"],
        bible.get("logline", ""),
        bible.get("synopsis", ""),
        list(bible.get("genre", [])),
        episodes,
        key_panel(project),
    )


def check_gates(series: Series, profiles: list[Profile], settings: Settings) -> None:
    """The Compliance gates: a filing number where a CN profile needs one, both labels on every master.

    Raises:
        FilingNumberError, ComplianceError: from ``microdrama.compliance.gate``.
        ReleaseError: an episode has no labelled master.
    """

    if any(p.text.filing_required and p.market == "cn" for p in profiles) and settings.compliance.market == "cn":
        require_filing(settings)
    kinds = {p.video.source for p in profiles}
    missing = [
        f"episode {e.number} ({k})"
        for e in series.episodes
        for k in kinds
        if k not in e.masters and not (k == "horizontal" and "vertical" in e.masters)
    ]
    if missing or not series.episodes:
        raise ReleaseError(
            "no labelled master for "
            + (", ".join(missing[:8]) or "any episode")
            + (" …" if len(missing) > 8 else "")
            + ": run `microdrama release PROJECT` (it renders "
            "and labels every episode) or `microdrama animatic PROJECT --only all` then `microdrama label`"
        )
    require_labels(trimmed(sorted({m for e in series.episodes for m in e.masters.values()})))


def plan_package(
    project: Path, series: Series, profile: Profile, settings: Settings, launch: date, staging: Staging
) -> Plan:
    """Every file of ``profile``'s package, with the key that decides whether a published copy is reused."""
    plan = Plan(profile, staging.stage)
    profile_key = key_of(profile.model_dump(exclude={"path"}), BUILDER_VERSION)
    language = series.language
    free = len(series.episodes) if profile.calendar.free_episodes < 0 else profile.calendar.free_episodes
    episodes_meta = []
    notes = []
    label = {ep.number: visible_label(project, ep.number) for ep in series.episodes}
    burned_in_animatic = []
    for ep in series.episodes:
        source = ep.masters.get(profile.video.source) or ep.masters["vertical"]
        source_sha = sha256_file(source)
        track = soundtrack(staging, ep.masters.get("vertical") or source, profile)
        for size in profile.video.sizes():
            name = f"{profile.episode_stem(series.title, ep.number, size, language)}.mp4"
            variant = None
            if not (profile.subtitles.burned and video_fits(source, profile, size)) and renderable(project, ep.number):
                variant = master_variant(profile, size, label_badges(label[ep.number], settings, size))
            elif not profile.subtitles.burned:
                burned_in_animatic.append(ep.number)
            if variant is None and profile.video.source not in ep.masters:
                notes.append(f"episode {ep.number}: no horizontal master, the vertical one is pillar-boxed")
            job = EncodeJob(
                str(source), profile, size, str(staging.stage / name), track, variant, str(project), ep.number
            )
            plan.encodes.append((name, job))
            how = variant_key(variant) if variant else "animatic"
            plan.keys[name] = key_of(profile_key, source_sha, size, ENCODER, how, Path(track.dest).stem)
        stem = profile.episode_stem(series.title, ep.number, language=language)
        for (lang, fmt), path in sorted(ep.subtitles.items()):
            if fmt in profile.subtitles.formats:
                name = f"subtitles/{stem}.{lang}.{fmt}"
                plan.copies[name] = path
                plan.keys[name] = key_of(profile_key, sha256_file(path))
                sidecar = path.with_name(path.name + ".aigc.json")  # an SRT's implicit AI label travels beside it
                if sidecar.is_file():
                    plan.copies[name + ".aigc.json"] = sidecar
                    plan.keys[name + ".aigc.json"] = key_of(profile_key, sha256_file(sidecar))
        episodes_meta.append(
            {
                "number": ep.number,
                "title": ep.title,
                "synopsis": ep.synopsis,
                "free": ep.number <= free,
                "file": f"{stem}.mp4",
            }
        )
    if burned_in_animatic:
        notes.append(
            "the profile wants no burned-in subtitles, but episodes "
            + ", ".join(map(str, sorted(set(burned_in_animatic))))
            + " could not be rendered again from the cut's timeline (no shot list, voice timing or label "
            "record): their masters keep the animatic's burned subtitles"
        )
    metadata, cuts = build_metadata(
        profile,
        series=series.title,
        logline=series.logline,
        synopsis=series.synopsis,
        genre=series.genre,
        episodes=episodes_meta,
        language=language,
        filing_number=settings.compliance.filing_number,
    )
    plan.writes["metadata.json"] = json.dumps(metadata, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    titles = [episode_title(profile, series.title, e.number, "", language) for e in series.episodes]
    drops = schedule(profile, titles, launch)
    stamp = datetime.combine(launch, time(0, 0), tzinfo=UTC)  # reproducible DTSTAMP
    series_id = key_of(series.title)[:12]
    plan.writes["calendar.ics"] = to_ics(profile, series.title, series_id, drops, stamp)
    plan.writes["calendar.csv"] = to_csv(profile, drops)
    plan_covers(project, series, profile, settings, plan, profile_key)
    plan_draft(series, profile, plan, launch)
    plan.report = {"launch": launch.isoformat(), "truncated": [c.__dict__ for c in cuts], "notes": notes}
    return plan


def soundtrack(staging: Staging, source: Path, profile: Profile) -> AudioJob:
    """The shared, normalised sound of the episode whose labelled animatic is ``source`` for ``profile``."""
    a = profile.audio
    sha = sha256_file(source)
    key = key_of(sha, a.loudness_lufs, a.true_peak_dbtp, a.bitrate_kbps, AAC, BUILDER_VERSION)
    cache = staging.base / AUDIO_CACHE
    measured = cache / f"in-{sha[:40]}.json"
    return AudioJob(
        str(source), a.loudness_lufs, a.true_peak_dbtp, a.bitrate_kbps, str(cache / f"{key[:40]}.m4a"), str(measured)
    )


def plan_covers(
    project: Path, series: Series, profile: Profile, settings: Settings, plan: Plan, profile_key: str
) -> None:
    """Covers in every size the profile asks for (composed now: a few hundred ms each)."""

    if series.key_panel is None:
        raise ReleaseError("no storyboard panel to make covers from (board/ep001/frames/): run the animatic first")
    panel = series.key_panel.read_bytes()
    rel = series.key_panel.relative_to(project).as_posix()
    for w, h in profile.covers.sizes:
        name = f"covers/cover-{w}x{h}.jpg"
        plan.writes[name] = labelled_cover(panel, rel, (w, h), series.title, series.language, settings, name)


def plan_draft(series: Series, profile: Profile, plan: Plan, launch: date) -> None:
    """The CapCut/剪映 draft folder for the package's masters (see ``release/capcut.py``): the content,
    the meta info (dated the launch day, so re-runs match) and its cover (the package's cover of the
    canvas' shape, else its first)."""

    names = [name for name, job in plan.encodes if tuple(job.size) == (profile.video.width, profile.video.height)]
    durations = [_duration_us(Path(job.source)) for name, job in plan.encodes if name in names]
    app = "capcut" if profile.market == "intl" else "jianying"
    plan.writes["capcut/draft_content.json"] = draft(series.title, profile, names, durations, app=app)
    created = int(datetime.combine(launch, time(0, 0), tzinfo=UTC).timestamp()) * 1_000_000
    plan.writes["capcut/draft_meta_info.json"] = meta_info(series.title, profile, names, durations, created)
    covers = sorted(name for name in plan.writes if name.startswith("covers/"))
    canvas = profile.video.width / profile.video.height
    ratios = {c: _cover_ratio(c) for c in covers}
    shaped = [c for c, ratio in ratios.items() if ratio is not None and abs(ratio - canvas) < 0.01]
    if shaped or covers:
        plan.writes["capcut/draft_cover.jpg"] = plan.writes[(shaped or covers)[0]]


def _cover_ratio(name: str) -> float | None:
    """Width / height of a cover named ``covers/cover-WxH.jpg``."""
    size = name.rsplit("-", 1)[-1].split(".")[0]
    w, _, h = size.partition("x")
    return int(w) / int(h) if w.isdigit() and h.isdigit() and int(h) else None


def _duration_us(path: Path) -> int:
    import av

    with av.open(str(path)) as container:
        return int(container.duration or 0)


def release(
    project: Path,
    profiles: list[Profile],
    settings: Settings,
    executor: Any,
    launch: date,
    on_platform: Any = None,
    timings: dict[str, dict[str, float]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Build and publish every profile's package; returns the manifests by platform id (``timings``:
    wall seconds per profile and phase, for the benchmark). Shared sound no profile used is dropped.

    Raises:
        ReleaseError: (and compliance errors) before anything is replaced.
    """
    series = read_series(project)
    check_gates(series, profiles, settings)
    manifests = {}
    used: set[Path] = set()
    for profile in profiles:
        staging = Staging(project, profile.id)
        staging.recover()
        phases = timings.setdefault(profile.id, {}) if timings is not None else None
        clock = Clock(phases)
        try:
            plan = plan_package(project, series, profile, settings, launch, staging)
            clock.lap("plan")
            manifests[profile.id] = execute(plan, staging, executor, phases)
            clock.skip()  # execute timed its own phases
        except BaseException:
            shutil.rmtree(staging.stage, ignore_errors=True)
            raise
        used |= {Path(p) for _, job in plan.encodes if job.track for p in (job.track.dest, job.track.numbers)}
        used |= {Path(job.track.measured) for _, job in plan.encodes if job.track and job.track.measured}
        staging.publish()
        clock.lap("publish")
        if on_platform:
            on_platform(profile, manifests[profile.id])
    prune(project / RELEASE_DIR / AUDIO_CACHE, used)
    return manifests


def prune(folder: Path, keep: set[Path]) -> None:
    """Remove the cached tracks this run did not use (a later run that needs one makes it again)."""
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and path not in keep:
                path.unlink(missing_ok=True)
