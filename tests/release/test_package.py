"""Whole packages on a small fake project: files, manifest, staging and swap, reuse, and failures that
must leave the published package untouched."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from release_media import small, tone_mp4

import microdrama
from microdrama.compliance.aigc import IPTC_GENERATED, AigcLabel
from microdrama.compliance.implicit import Payload, write_label
from microdrama.compliance.implicit.sidecar import write as write_sidecar
from microdrama.compliance.verify import verify_file
from microdrama.errors import FontNotFoundError
from microdrama.pipeline.executors import SerialExecutor
from microdrama.release import build as build_module
from microdrama.release import package as package_module
from microdrama.release.build import release
from microdrama.release.check import check_path
from microdrama.release.errors import ReleaseError
from microdrama.release.profile import builtin_profiles
from microdrama.settings import Settings

FILING = "(总局)网剧审字(2026)第001号"
LAUNCH = date(2026, 12, 10)


def _labelled(data: bytes) -> bytes:
    label = AigcLabel(content_producer="microdrama", produce_id="test0001").first_write()
    return write_label(data, Payload(label.to_json()))


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """Two episodes with labelled masters (vertical and horizontal), subtitles, a panel, bible and plan."""
    root = tmp_path / "proj"
    (root / "series").mkdir(parents=True)
    (root / "series" / "bible.json").write_text(
        json.dumps(
            {
                "title": "潮汐钟",
                "language": "zh-Hans",
                "logline": "她回到海边小城，为父亲洗清窃钟的罪名。" * 3,
                "synopsis": "十年前的失窃案。" * 40,
                "genre": ["悬疑", "家庭", "复仇", "女性", "成长", "反转"],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (root / "series" / "plan.json").write_text(
        json.dumps(
            {
                "episodes": [
                    {"number": 1, "title": "归来", "paywall": False},
                    {"number": 2, "title": "一个非常非常长的标题" * 3, "paywall": True},
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    cut = root / "labelled" / "cut"
    cut.mkdir(parents=True)
    for n in (1, 2):
        v = tone_mp4(tmp_path / f"v{n}.mp4", width=66, height=120, level_dbfs=-12.0)
        (cut / f"ep{n:03d}.vertical.mp4").write_bytes(_labelled(v.read_bytes()))
        h = tone_mp4(tmp_path / f"h{n}.mp4", width=120, height=66, level_dbfs=-12.0)
        (cut / f"ep{n:03d}.horizontal.mp4").write_bytes(_labelled(h.read_bytes()))
        (root / "subs").mkdir(exist_ok=True)
        srt = "1\n00:00:00,000 --> 00:00:01,000\n你好\n".encode()
        (root / "subs" / f"ep{n:03d}.zh-Hans.srt").write_bytes(srt)
        sidecar = write_sidecar(srt, Payload(AigcLabel(produce_id=f"s{n}").first_write().to_json(), IPTC_GENERATED))
        (root / "subs" / f"ep{n:03d}.zh-Hans.srt.aigc.json").write_bytes(sidecar)
    frames = root / "board" / "ep001" / "frames"
    frames.mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (216, 384), (90, 120, 160)).save(buffer, "PNG")
    (frames / "s001.png").write_bytes(buffer.getvalue())
    return root


def _profiles(*ids: str) -> list:
    return [small(builtin_profiles()[i]) for i in ids]


def _settings(filing: str = FILING) -> Settings:
    return Settings().with_values({"compliance.filing_number": filing})


def test_packages_pass_their_own_check(project: Path) -> None:
    manifests = release(project, _profiles("douyin", "tv", "tiktok"), _settings(), SerialExecutor(), LAUNCH)
    for pid, manifest in manifests.items():
        folder = project / "release" / pid
        errors = [f for f in check_path(folder, small(builtin_profiles()[pid])) if f.severity == "error"]
        assert errors == [], errors
        assert manifest["files"]["metadata.json"]["sha256"]
    douyin = project / "release" / "douyin"
    assert (douyin / "潮汐钟 - 第1集.mp4").is_file()
    assert (douyin / "subtitles" / "潮汐钟 - 第2集.zh-Hans.srt").is_file()
    # an SRT's implicit AI label (its sidecar) travels with it
    assert verify_file(douyin / "subtitles" / "潮汐钟 - 第2集.zh-Hans.srt").check("aigc").status == "present"
    assert sorted(p.name for p in (douyin / "covers").iterdir()) == ["cover-66x120.jpg", "cover-66x90.jpg"]
    tv = project / "release" / "tv"
    assert (tv / "潮汐钟 - 第1集.mp4").is_file() and (tv / "潮汐钟 - 第1集 240x134.mp4").is_file()
    assert not (project / "release" / ".staging" / "douyin").exists()


def test_long_texts_are_cut_at_boundaries_and_reported(project: Path) -> None:
    [manifest] = release(project, _profiles("kuaishou"), _settings(), SerialExecutor(), LAUNCH).values()
    meta = json.loads((project / "release" / "kuaishou" / "metadata.json").read_text(encoding="utf-8"))
    assert all(len(ep["title"]) <= 13 for ep in meta["episodes"])
    assert len(meta["tags"]) == 3
    assert any(c["field"] == "episodes[2].title" for c in manifest["truncated"])


def test_over_long_title_made_elsewhere_is_reported(project: Path) -> None:
    release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH)
    path = project / "release" / "douyin" / "metadata.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["episodes"][0]["title"] = "长" * 31
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    rules = {f.rule for f in check_path(path, builtin_profiles()["douyin"])}
    assert rules == {"title-length"}
    assert "manifest" in {f.rule for f in check_path(path.parent, small(builtin_profiles()["douyin"]))}


def test_calendar_is_rfc_5545_with_paywall_and_daily_drops(project: Path) -> None:
    from icalendar import Calendar

    release(project, _profiles("tv", "douyin"), _settings(), SerialExecutor(), LAUNCH)
    tv = Calendar.from_ical((project / "release" / "tv" / "calendar.ics").read_bytes())
    events = list(tv.walk("VEVENT"))
    assert len(events) == 2 and all(e.get("UID") and e.get("DTSTAMP") for e in events)
    assert str(events[0]["DTSTART"].dt.tzinfo) == "Asia/Shanghai"
    csv_rows = (project / "release" / "douyin" / "calendar.csv").read_text(encoding="utf-8").splitlines()
    assert csv_rows[0].startswith("episode,title,local_date")


def test_rerun_reuses_unchanged_masters_and_redoes_changed_ones(project: Path) -> None:
    release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH)
    [again] = release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH).values()
    assert again["encoded"] == [] and "潮汐钟 - 第1集.mp4" in again["reused"]
    master = project / "labelled" / "cut" / "ep002.vertical.mp4"
    master.write_bytes(_labelled(tone_mp4(project / "x.mp4", width=66, height=120, level_dbfs=-30.0).read_bytes()))
    [third] = release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH).values()
    assert third["encoded"] == ["潮汐钟 - 第2集.mp4"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_killed_run_full_disk_and_missing_font_leave_the_package_intact(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH)
    before = _snapshot(project / "release" / "douyin")
    master = project / "labelled" / "cut" / "ep001.vertical.mp4"
    master.write_bytes(_labelled(tone_mp4(project / "y.mp4", width=66, height=120, level_dbfs=-25.0).read_bytes()))

    def killed(job: object) -> dict:
        raise KeyboardInterrupt

    monkeypatch.setattr(package_module, "encode_job", killed)
    with pytest.raises(KeyboardInterrupt):
        release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH)
    assert _snapshot(project / "release" / "douyin") == before
    assert not (project / "release" / ".staging" / "douyin").exists()
    monkeypatch.undo()

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(package_module, "write_atomic", full)
    with pytest.raises(ReleaseError, match="disk full"):
        release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH)
    assert _snapshot(project / "release" / "douyin") == before
    monkeypatch.undo()

    def no_font(*args: object, **kwargs: object) -> None:
        raise FontNotFoundError("no CJK font: apt-get install fonts-noto-cjk")

    monkeypatch.setattr("microdrama.release.covers.ui_font", no_font)
    with pytest.raises(FontNotFoundError, match="fonts-noto-cjk"):
        release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH)
    assert _snapshot(project / "release" / "douyin") == before


KILLED_CHILD = """
import sys, time
from datetime import date
from pathlib import Path
from release_media import small
from microdrama.pipeline.executors import SerialExecutor
from microdrama.release import package
from microdrama.release.build import release
from microdrama.release.profile import builtin_profiles
from microdrama.settings import Settings

project, marker = Path(sys.argv[1]), Path(sys.argv[2])
made = package.encode_job

def encode_then_hang(job):
    numbers = made(job)
    marker.write_text(job.dest)
    time.sleep(120)
    return numbers

package.encode_job = encode_then_hang
settings = Settings().with_values({"compliance.filing_number": sys.argv[3]})
release(project, [small(builtin_profiles()["douyin"])], settings, SerialExecutor(), date(2026, 12, 10))
"""


def test_a_run_killed_mid_encode_leaves_the_package_and_the_next_run_finishes(project: Path, tmp_path: Path) -> None:
    """A real SIGKILL (no handler runs): the published package is untouched, and the next run drops the
    half-built staging folder, encodes what changed and publishes a package that passes its check."""
    release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH)
    final = project / "release" / "douyin"
    before = _snapshot(final)
    master = project / "labelled" / "cut" / "ep001.vertical.mp4"
    master.write_bytes(_labelled(tone_mp4(project / "y.mp4", width=66, height=120, level_dbfs=-25.0).read_bytes()))
    marker = tmp_path / "encoded"
    paths = [
        str(Path(__file__).parents[1]),
        str(Path(microdrama.__file__).parents[1]),
        os.environ.get("PYTHONPATH", ""),
    ]
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, str(project), str(marker), FILING],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)},
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the child never encoded a master"
    finally:
        child.kill()
        child.wait()
    staged = Path(marker.read_text())
    assert staged.is_file() and staged.parent == project / "release" / ".staging" / "douyin"  # half-built
    assert _snapshot(final) == before

    [manifest] = release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH).values()
    assert not (project / "release" / ".staging" / "douyin").exists()
    assert manifest["encoded"] == ["潮汐钟 - 第1集.mp4"]
    assert [f for f in check_path(final, small(builtin_profiles()["douyin"])) if f.severity == "error"] == []


def test_a_swap_killed_between_renames_is_put_back(project: Path) -> None:
    release(project, _profiles("douyin"), _settings(), SerialExecutor(), LAUNCH)
    final = project / "release" / "douyin"
    before = _snapshot(final)
    final.rename(project / "release" / ".previous-douyin")  # killed after the first rename of the swap
    build_module.Staging(project, "douyin").recover()
    assert _snapshot(final) == before


def test_cn_release_without_filing_number_is_refused(project: Path) -> None:
    from microdrama.compliance.errors import FilingNumberError

    with pytest.raises(FilingNumberError):
        release(project, _profiles("douyin"), _settings(""), SerialExecutor(), LAUNCH)
    assert not (project / "release").exists() or not any((project / "release").iterdir())


def test_unlabelled_masters_are_refused(project: Path) -> None:
    from microdrama.compliance.errors import ComplianceError

    tone_mp4(project / "labelled" / "cut" / "ep001.vertical.mp4", width=66, height=120)
    with pytest.raises(ComplianceError, match="without a valid AI-content label"):
        release(project, _profiles("tiktok"), _settings(), SerialExecutor(), LAUNCH)


def test_capcut_draft_lists_every_episode_in_microseconds(project: Path) -> None:
    release(project, _profiles("tiktok"), _settings(), SerialExecutor(), LAUNCH)
    draft = json.loads((project / "release" / "tiktok" / "capcut" / "draft_content.json").read_text(encoding="utf-8"))
    [track] = draft["tracks"]
    segments = track["segments"]
    assert (
        len(segments) == 2 and segments[1]["target_timerange"]["start"] == segments[0]["target_timerange"]["duration"]
    )
    assert isinstance(draft["duration"], int) and draft["duration"] > 1_000_000
    assert draft["platform"]["app_source"] == "cc" and draft["version"] == 360000
    ids = {m["id"] for m in draft["materials"]["videos"]}
    assert {s["material_id"] for s in segments} == ids


def test_capcut_meta_info_matches_the_draft_and_has_its_cover(project: Path) -> None:
    release(project, _profiles("tiktok"), _settings(), SerialExecutor(), LAUNCH)
    folder = project / "release" / "tiktok" / "capcut"
    draft = json.loads((folder / "draft_content.json").read_text(encoding="utf-8"))
    meta = json.loads((folder / "draft_meta_info.json").read_text(encoding="utf-8"))
    assert meta["draft_id"] == draft["id"] and meta["tm_duration"] == draft["duration"]
    assert meta["draft_name"] == draft["name"] and meta["draft_new_version"] == draft["new_version"]
    groups = {g["type"]: g["value"] for g in meta["draft_materials"]}
    assert set(groups) == {0, 1, 2, 3, 6, 7, 8}
    imported = groups[0]
    assert [m["id"] for m in imported] == [m["id"] for m in draft["materials"]["videos"]]
    assert [m["file_Path"] for m in imported] == [m["path"] for m in draft["materials"]["videos"]]
    assert all(isinstance(m["duration"], int) and m["duration"] > 0 for m in imported)
    assert meta["tm_draft_create"] == 1796860800 * 1_000_000  # the launch day, 00:00 UTC, in µs
    cover = Image.open(folder / meta["draft_cover"])
    assert cover.width < cover.height  # the vertical cover for a vertical canvas
    first = (project / "release" / "tiktok" / "capcut" / "draft_meta_info.json").read_bytes()
    release(project, _profiles("tiktok"), _settings(), SerialExecutor(), LAUNCH)
    assert (folder / "draft_meta_info.json").read_bytes() == first
