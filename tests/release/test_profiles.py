"""Platform profiles: every built-in loads, every value has a source, users add their own without code."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.release.errors import ProfileError
from microdrama.release.profile import builtin_profiles, load_profiles, select

REQUIRED = {
    "douyin",
    "kuaishou",
    "wechat",
    "hongguo",
    "bilibili",
    "xiaohongshu",
    "tencent-video",
    "iqiyi",
    "youku",
    "tv",
    "tiktok",
    "youtube-shorts",
    "reels",
    "overseas-app",
}


def test_every_platform_of_the_issue_has_a_profile() -> None:
    assert REQUIRED <= set(builtin_profiles())


def test_tv_is_horizontal_hd_and_uhd_at_gy_t_282_loudness() -> None:
    tv = builtin_profiles()["tv"]
    assert tv.video.sizes() == [(1920, 1080), (3840, 2160)]
    assert tv.video.source == "horizontal"
    assert (tv.audio.loudness_lufs, tv.audio.true_peak_dbtp) == (-24.0, -2.0)
    assert "GY/T 282" in tv.source_of("audio.loudness_lufs")


def test_every_value_has_a_source_and_unknowns_are_marked_settings() -> None:
    for profile in builtin_profiles().values():
        for key in (
            "video.width",
            "video.max_seconds",
            "audio.loudness_lufs",
            "text.series_title",
            "calendar.timezone",
        ):
            assert profile.source_of(key), (profile.id, key)
    # Hongguo publishes nothing: its limits must say so
    assert builtin_profiles()["hongguo"].source_of("video.max_seconds").startswith("setting")


def test_wechat_names_files_as_its_api_requires() -> None:
    wechat = builtin_profiles()["wechat"]
    assert wechat.episode_stem("剧名", 3) == "剧名 - 第3集"
    assert wechat.stem_pattern().match("另一部剧 - 第12集")
    assert not wechat.stem_pattern().match("ep012")
    assert builtin_profiles()["tiktok"].episode_stem("A/B: C", 7) == "A B C - EP007"


def test_a_user_profile_extends_a_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "mango.toml").write_text(
        'extends = "douyin"\nid = "mango"\nname = "芒果 Mango TV"\n[video]\nmax_seconds = 600\n'
        '[sources]\n"video.max_seconds" = "setting: our CP contract"\n',
        encoding="utf-8",
    )
    profiles = load_profiles(tmp_path)
    assert profiles["mango"].video.max_seconds == 600
    assert profiles["mango"].video.width == 1080  # inherited


def test_a_value_without_a_source_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text('extends = "douyin"\nid = "x"\nname = "X"\n[video]\nfps = 60\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="no source for video.fps"):
        load_profiles(tmp_path)


def test_broken_profiles_get_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("id = [", encoding="utf-8")
    with pytest.raises(ProfileError, match="bad.toml: cannot read"):
        load_profiles(tmp_path)


def test_unknown_platform_lists_the_known_ones() -> None:
    with pytest.raises(ProfileError, match="unknown platform 'myspace'; known: .*douyin"):
        select(builtin_profiles(), "douyin,myspace")
    assert len(select(builtin_profiles(), "all")) == len(builtin_profiles())
