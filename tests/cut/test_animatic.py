"""The board → voice → cut chain on a tiny project: both animatics meet the delivery spec, renders repeat
byte for byte, the OTIO timeline and its exports hold the cut, and nothing runs unless asked for."""

from __future__ import annotations

import json
from pathlib import Path

import opentimelineio as otio
import pytest
from media_fixtures import MEDIA_STAGES, make_project, project_files

from microdrama.cut.check import check_video
from microdrama.cut.render import RenderJob, Still, render_many
from microdrama.cut.subtitles import VERTICAL
from microdrama.engines.speech.wav import pcm_to_wav
from microdrama.model.media import CutReport, ShotList, Timing
from microdrama.pipeline.runner import Runner


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root, settings = make_project(tmp_path_factory.mktemp("animatic") / "p", horizontal=True)
    summary = Runner(root, settings, stages=MEDIA_STAGES).run()
    assert summary.ran() == ["media", "casting", "board/001", "voice/001", "cut/001"]
    return root


def test_the_chain_writes_board_voices_and_cut(project: Path) -> None:
    files = project_files(project, "board", "voice", "cut")
    shots = ShotList.load(project / "board/ep001/shots.json")
    for shot in shots.shots:
        assert f"board/ep001/{shot.id}.png" in files and f"board/ep001/frames/{shot.id}.png" in files
    assert "board/ep001/sheet.png" in files and "board/looks.json" in files and "voice/bible.json" in files
    timing = Timing.load(project / "voice/ep001/timing.json")
    assert all(line.clip in files for line in timing.lines)
    for name in ("vertical.mp4", "horizontal.mp4", "otio", "xml", "edl", "check.json"):
        assert f"cut/ep001.{name}" in files


def test_both_animatics_meet_the_delivery_spec(project: Path) -> None:
    report = CutReport.load(project / "cut/ep001.check.json")
    assert [v.path for v in report.videos] == ["cut/ep001.vertical.mp4", "cut/ep001.horizontal.mp4"]
    timing = Timing.load(project / "voice/ep001/timing.json")
    for video, size in zip(report.videos, [(1080, 1920), (1920, 1080)]):
        assert video.problems == [], video.problems
        assert (video.width, video.height) == size and video.fps == "30/1" and video.video_codec == "h264"
        assert video.audio_codec == "aac" and video.sample_rate == 48000 and video.moov_first
        assert abs(video.duration_ms - timing.duration_ms) <= 100 and video.max_keyframe_gap_ms <= 2000
        assert abs(video.loudness_lufs + 14) <= 1.5


def test_check_reports_what_misses_the_spec(project: Path) -> None:
    data = (project / "cut/ep001.horizontal.mp4").read_bytes()
    check = check_video(data, "x.mp4", width=1080, height=1920, expected_ms=60_000)
    assert any("resolution" in p for p in check.problems) and any("duration" in p for p in check.problems)


def test_renders_repeat_byte_for_byte(project: Path) -> None:
    frame = (project / "board/ep001/frames/s001.png").read_bytes()
    audio = pcm_to_wav(bytes(2 * 22050), 22050)
    job = RenderJob(VERTICAL.width, VERTICAL.height, [Still(frame, 20, "push-in"), Still(frame, 15, "pan")], audio)
    first, second = render_many([job, job])
    assert first == second and first[4:8] == b"ftyp"


def test_otio_timeline_and_exports_hold_the_cut(project: Path) -> None:
    timeline = otio.adapters.read_from_file(str(project / "cut/ep001.otio"))
    video, audio = timeline.tracks
    shots = ShotList.load(project / "board/ep001/shots.json")
    assert [clip.metadata["microdrama"]["shot"] for clip in video] == [s.id for s in shots.shots]
    assert video[0].media_reference.target_url == "../board/ep001/frames/s001.png"
    assert video[0].markers[0].name == "hook"
    timing = Timing.load(project / "voice/ep001/timing.json")
    clips = [c for c in audio if isinstance(c, otio.schema.Clip)]
    assert [c.name for c in clips] == [line.id for line in timing.lines]
    frames = round(timeline.duration().to_seconds() * 1000)
    assert abs(frames - timing.duration_ms) <= 100
    xml = (project / "cut/ep001.xml").read_text(encoding="utf-8")
    assert "<xmeml" in xml and "s001.png" in xml
    edl = (project / "cut/ep001.edl").read_text(encoding="utf-8")
    assert edl.count("\n001 ") + edl.count("\n002 ") >= 2


def test_media_stages_do_nothing_unless_episodes_are_chosen(tmp_path: Path) -> None:
    root, settings = make_project(tmp_path / "p", media="")
    summary = Runner(root, settings, stages=MEDIA_STAGES).run()
    assert summary.ran() == ["media", "casting"]
    assert project_files(root, "board", "voice", "cut") == {}
    assert json.loads((root / ".microdrama/lock.json").read_text())["stages"]["casting"]["outputs"] == {}


@pytest.mark.parametrize("movement", ["static", "pan", "push-in"])
def test_pictures_of_another_shape_are_cropped_not_stretched(movement: str) -> None:
    """An image engine may return a square picture: it fills the 9:16 frame centre-cropped, shapes kept."""
    import io

    import av
    import numpy as np
    from PIL import Image

    square = Image.new("RGB", (1000, 1000), (128, 128, 128))
    square.paste((220, 20, 20), (400, 400, 600, 600))  # a 200-px red square in the centre
    png = io.BytesIO()
    square.save(png, format="PNG")
    audio = pcm_to_wav(bytes(2 * 22050), 22050)
    job = RenderJob(VERTICAL.width, VERTICAL.height, [Still(png.getvalue(), 30, movement)], audio)
    (video,) = render_many([job])
    with av.open(io.BytesIO(video)) as container:
        frame = next(container.decode(video=0)).to_ndarray(format="rgb24")
    assert frame.shape == (VERTICAL.height, VERTICAL.width, 3)
    red = (frame[:, :, 0] > 160) & (frame[:, :, 1] < 90)
    rows, cols = np.nonzero(red)
    width, height = cols.max() - cols.min() + 1, rows.max() - rows.min() + 1
    # scaled by 1920/1000 both ways (a stretch would make it 216 px wide and 384 px high)
    assert abs(width - height) <= 12 and 360 <= height <= 420
