"""The ``release`` command: listing, checking any file, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from release_media import tone_mp4

from microdrama.cli import main


def test_list_shows_every_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["release", "--list"]) == 0
    out = capsys.readouterr().out
    assert "douyin" in out and "tv" in out and "3840x2160" in out


def test_check_fails_a_bad_file_with_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tone_mp4(tmp_path / "clip.mp4", width=66, height=120, level_dbfs=-1.0)
    assert main(["release", "--check", str(path), "--platform", "tv"]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert "wrong size 66x120" in text and "too loud" in text and "FAIL for tv" in text


def test_unknown_platform_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tone_mp4(tmp_path / "clip.mp4", width=66, height=120)
    assert main(["release", "--check", str(path), "--platform", "myspace"]) == 2
    assert "unknown platform 'myspace'" in capsys.readouterr().err


def test_release_needs_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["release", str(tmp_path)]) == 2
    assert "not a microdrama project" in capsys.readouterr().err
