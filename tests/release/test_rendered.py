"""Masters rendered from the cut's timeline on a real (tiny) produced project: the TV profile's frame rate
and GOP, clean pictures where a profile wants no burned captions, the AI label on the opening frames,
one shared sound track per loudness target, and packages that pass their own check."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import av
import numpy as np
import pytest
from media_fixtures import MEDIA_STAGES, make_project

from microdrama.pipeline.executors import SerialExecutor
from microdrama.pipeline.runner import Runner, stage_status
from microdrama.pipeline.stages import STAGES
from microdrama.release.build import release
from microdrama.release.check import check_path
from microdrama.release.probe import probe
from microdrama.release.profile import Profile, builtin_profiles

LABEL_STAGES = tuple(s for s in STAGES if s.name == "compliance")
LAUNCH = date(2026, 12, 10)
FILING = "(总局)网剧审字(2026)第001号"


def _tv_small() -> Profile:
    """The TV profile at 384×216 and 768×432 (the same rules, seconds to render)."""
    tv = builtin_profiles()["tv"]
    video = tv.video.model_copy(update={"width": 384, "height": 216, "extra_sizes": [(768, 432)]})
    covers = tv.covers.model_copy(update={"sizes": [(384, 216)]})
    return tv.model_copy(update={"video": video, "covers": covers})


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """One short episode storyboarded, voiced, cut and labelled (with a filing number, drawn too)."""
    root, settings = make_project(tmp_path_factory.mktemp("rendered") / "p", horizontal=True)
    settings = settings.with_values({"compliance.filing_number": FILING})
    Runner(root, settings, stages=MEDIA_STAGES).run()
    Runner(root, settings, stages=LABEL_STAGES).run()
    return root, settings


@pytest.fixture(scope="module")
def packaged(produced: tuple[Path, object]) -> dict[str, dict]:
    root, settings = produced
    profiles = [builtin_profiles()["douyin"], builtin_profiles()["tiktok"], _tv_small()]
    return release(root, profiles, settings, SerialExecutor(), LAUNCH)  # type: ignore[arg-type]


def _frame(path: Path, seconds: float) -> np.ndarray:
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            if frame.time is not None and frame.time >= seconds:
                return frame.to_ndarray(format="rgb24").astype(np.int16)
    raise AssertionError(f"{path} has no frame at {seconds} s")


def _master(root: Path, platform: str, suffix: str = "") -> Path:
    [path] = [p for p in (root / "release" / platform).glob("*.mp4") if p.stem.endswith(suffix) or not suffix]
    return path


def test_tv_masters_are_rendered_to_the_profile_and_pass_its_check(produced, packaged) -> None:
    root, _ = produced
    tv = _tv_small()
    videos = {n: f["audio"]["video"] for n, f in packaged["tv"]["files"].items() if "audio" in f}
    assert len(videos) == 2 and set(videos.values()) == {"rendered"}
    for name in videos:
        info = probe(root / "release" / "tv" / name)
        assert (info.width, info.height) in tv.video.sizes()
        assert info.fps == 25 and info.max_keyframe_gap_s <= 1.0 + 1e-3 and info.moov_first
        assert abs(info.loudness_lufs - tv.audio.loudness_lufs) <= tv.audio.tolerance_lu
    errors = [f for f in check_path(root / "release" / "tv", tv) if f.severity == "error"]
    assert errors == [], errors


def test_vertical_profiles_copy_or_render_as_their_captions_say(produced, packaged) -> None:
    root, _ = produced
    douyin = {f["audio"]["video"] for f in packaged["douyin"]["files"].values() if "audio" in f}
    tiktok = {f["audio"]["video"] for f in packaged["tiktok"]["files"].values() if "audio" in f}
    assert douyin == {"copied"} and tiktok == {"rendered"}  # douyin burns captions: the animatic as it is
    assert not packaged["tiktok"]["notes"]
    for pid, manifest in packaged.items():
        target = (_tv_small() if pid == "tv" else builtin_profiles()[pid]).audio.loudness_lufs
        for entry in (f["audio"] for f in manifest["files"].values() if "audio" in f):
            near = abs(entry["loudness_in"] - target) <= 0.5  # the animatic's own AAC is used as it is
            assert entry["sound"] == ("copied" if near else "normalised"), (pid, entry)
            assert abs(entry["loudness"] - target) <= 0.5
    for pid in ("douyin", "tiktok"):
        errors = [f for f in check_path(root / "release" / pid, builtin_profiles()[pid]) if f.severity == "error"]
        assert errors == [], errors


def test_clean_master_has_no_burned_caption_and_keeps_the_label(produced, packaged) -> None:
    root, _ = produced
    burned, clean = _frame(_master(root, "douyin"), 1.5), _frame(_master(root, "tiktok"), 1.5)
    captions = np.abs(burned[1250:1470, 108:972] - clean[1250:1470, 108:972]).mean()
    picture = np.abs(burned[500:900, 300:800] - clean[500:900, 300:800]).mean()
    assert captions > 8 * max(picture, 0.5), (captions, picture)  # "You came alone?" is on one only
    ledger = json.loads((root / "compliance" / "ep001.labels.json").read_text(encoding="utf-8"))
    [entry] = [e for e in ledger["entries"] if e["path"] == "cut/ep001.vertical.mp4"]
    box = entry["placement"]
    label = (slice(box["y"], box["y"] + box["height"]), slice(box["x"], box["x"] + box["width"]))
    unlabelled = _frame(root / "cut" / "ep001.vertical.mp4", 1.5)
    same = np.abs(burned[label] - clean[label]).mean()
    assert same * 3 < np.abs(unlabelled[label] - clean[label]).mean()  # the same AI label, in the same place


def test_masters_with_one_loudness_share_one_track(produced, packaged) -> None:
    root, settings = produced
    cache = root / "release" / ".cache" / "audio"
    tracks = sorted(p.name for p in cache.glob("*.m4a"))
    assert len(tracks) == 3  # douyin −15, tiktok −14, TV −24 (both TV sizes share theirs)
    numbers = [json.loads(p.read_text()) for p in cache.glob("[!i]*.json")]
    assert sorted(round(n["loudness"]) for n in numbers) == [-24, -15, -14]
    release(root, [builtin_profiles()["douyin"]], settings, SerialExecutor(), LAUNCH)  # type: ignore[arg-type]
    assert len(list(cache.glob("*.m4a"))) == 1  # what no profile of the run used is dropped


def test_the_release_stage_is_off_until_the_settings_name_platforms(produced) -> None:
    root, settings = produced
    stage = tuple(s for s in STAGES if s.name == "release")
    off = Runner(root, settings, stages=stage).run()
    assert off.ran() == [] and off.outcomes[0].outcome == "skipped"  # off: not even its inputs are read
    assert not (root / "release" / "release.json").exists()
    assert ("release", "off (release.platforms is empty)") in stage_status(root, settings, stage)  # type: ignore[arg-type]
    on = settings.with_values({"release.platforms": ["douyin"], "release.launch": "2026-12-10"})  # type: ignore[attr-defined]
    assert Runner(root, on, stages=stage).run().ran() == ["release"]
    summary = json.loads((root / "release" / "release.json").read_text(encoding="utf-8"))
    assert list(summary["platforms"]) == ["douyin"] and summary["launch"] == "2026-12-10"
    assert summary["platforms"]["douyin"]["files"] > 5
    Runner(root, on, stages=stage).run()  # the manifest it rewrote (all reused) settles
    assert Runner(root, on, stages=stage).run().ran() == []  # then up to date
    for path in (root / "release" / "douyin").glob("*.mp4"):
        path.unlink()
    (root / "release" / "douyin" / "manifest.json").unlink()
    assert Runner(root, on, stages=stage).run().ran() == ["release"]  # a package deleted by hand is rebuilt
    assert list((root / "release" / "douyin").glob("*.mp4"))
