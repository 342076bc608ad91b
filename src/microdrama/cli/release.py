"""``microdrama release PROJECT --platforms …|all`` and ``microdrama release --check PATH --platform NAME``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import click

from microdrama.cli.options import apply_options, open_project, run_options
from microdrama.cli.running import run_pipeline
from microdrama.errors import MicrodramaError
from microdrama.pipeline.executors import make_executor
from microdrama.release.build import release
from microdrama.release.check import check_path as run_check
from microdrama.release.profile import load_profiles, select


def _profiles(project: Path | None, extra: tuple[Path, ...]) -> dict[str, Any]:

    folders = ([project / "release" / "profiles"] if project else []) + list(extra)
    return load_profiles(*folders)


def _print_findings(findings: list[Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
        return
    for f in findings:
        click.echo(f"  {f.severity:7} {f.rule:14} {f.path}: {f.message}")


@click.command("release")
@click.argument("project", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--platforms",
    default="all",
    show_default=True,
    help="Profile ids, comma-separated (douyin,tv,tiktok…), or 'all'. `--list` shows them.",
)
@click.option(
    "--launch", type=click.DateTime(["%Y-%m-%d"]), help="First release day for the calendar (default: tomorrow, UTC)."
)
@click.option(
    "--profiles",
    "profile_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Extra folder of profile TOML files (PROJECT/release/profiles is always read).",
)
@click.option(
    "--check",
    "check_path",
    type=click.Path(path_type=Path, exists=True),
    help="Check a video, cover, metadata.json or package folder (made anywhere) against --platform.",
)
@click.option("--platform", "platform", help="The profile --check uses.")
@click.option("--list", "list_profiles", is_flag=True, help="List the platform profiles and exit.")
@click.option("--json", "as_json", is_flag=True, help="--check: findings as JSON.")
@run_options
def command(
    project: Path | None,
    platforms: str,
    launch: Any,
    profile_dirs: tuple[Path, ...],
    check_path: Path | None,
    platform: str | None,
    list_profiles: bool,
    as_json: bool,
    force: bool,
    **options: Any,
) -> None:
    """Build per-platform release packages of PROJECT under PROJECT/release/<platform>/: episode masters
    (size, codec, fps, bitrate cap, GOP, fast start, loudness to the platform's target and true peak),
    covers, subtitles, metadata within each platform's limits, a launch calendar (.ics, .csv), a
    CapCut/剪映 draft and a manifest with sizes and sha256. Every episode is storyboarded, voiced, cut
    and labelled first (media.episodes is set to 'all'). Each package is built in staging and replaces
    the previous one in a single move; a re-run re-encodes only what changed.

    With --check PATH --platform NAME, checks any file or folder against a profile and exits 1 on an error.
    """

    profiles = _profiles(project if project and project.is_dir() else None, profile_dirs)
    if list_profiles:
        for p in profiles.values():
            sizes = ", ".join(f"{w}x{h}" for w, h in p.video.sizes())
            click.echo(f"{p.id:15} {p.name}  [{sizes} {p.video.fps} fps, {p.audio.loudness_lufs:g} LUFS]")
        return
    if check_path is not None:
        if not platform:
            raise click.UsageError("--check needs --platform NAME (see --list)")

        [profile] = select(profiles, platform)
        findings = run_check(check_path, profile)
        errors = [f for f in findings if f.severity == "error"]
        _print_findings(findings, as_json)
        summary = (
            f"{check_path}: {'FAIL' if errors else 'pass'} for {profile.id} "
            f"({len(errors)} errors, {len(findings) - len(errors)} warnings)"
        )
        if errors:
            raise click.ClickException(summary)
        if not as_json:
            click.echo(summary)
        return
    if project is None:
        raise click.UsageError("give a PROJECT folder to release, or --check PATH --platform NAME")
    chosen = select(profiles, platforms)
    settings = apply_options(open_project(project), options).with_values({"media.episodes": "all"})

    run_pipeline(project, settings, until="compliance", force=force)
    first_day = launch.date() if launch else date.today() + timedelta(days=1)
    executor = make_executor(settings.run.executor, settings.run.workers, settings.run.scheduler)

    def report(profile: Any, manifest: dict[str, Any]) -> None:
        files = manifest["files"]
        size = sum(f["bytes"] for f in files.values()) / 1048576
        click.echo(
            f"release/{profile.id}/: {len(files)} files, {size:.1f} MB "
            f"({len(manifest['encoded'])} masters encoded, {len(manifest['reused'])} files reused)"
        )
        for cut in manifest.get("truncated", []):
            click.echo(f"  cut {cut['field']} to {cut['limit']}: {cut['kept']}")
        for note in manifest.get("notes", []):
            click.echo(f"  note: {note}")

    try:
        release(project, chosen, settings, executor, first_day, report)
    except OSError as exc:
        raise MicrodramaError(f"release stopped: {exc}; the published packages are untouched") from exc
    finally:
        executor.close()
