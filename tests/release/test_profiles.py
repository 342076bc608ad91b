"""Platform profiles: every built-in loads, every value has a source, users add their own without code."""

from __future__ import annotations

import re
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


#: every built-in profile's episode 7 file name for a Chinese, an English and a French series
NAMES = {
    "douyin": ("潮汐钟 - 第7集", "Emma - Episode 7", "Nana - 第7集"),
    "kuaishou": ("潮汐钟 - 第7集", "Emma - Episode 7", "Nana - 第7集"),
    "wechat": ("潮汐钟 - 第7集", "Emma - 第7集", "Nana - 第7集"),  # its upload rule, whatever the language
    "hongguo": ("潮汐钟 - 第7集", "Emma - Episode 7", "Nana - 第7集"),
    "bilibili": ("潮汐钟 第7集", "Emma Episode 7", "Nana 第7集"),
    "xiaohongshu": ("潮汐钟 - 第7集", "Emma - Episode 7", "Nana - 第7集"),
    "tencent-video": ("潮汐钟 - 第7集", "Emma - Episode 7", "Nana - 第7集"),
    "iqiyi": ("潮汐钟 - 第7集", "Emma - Episode 7", "Nana - 第7集"),
    "youku": ("潮汐钟 - 第7集", "Emma - Episode 7", "Nana - 第7集"),
    "tv": ("潮汐钟 - 第7集", "Emma - Episode 7", "Nana - 第7集"),
    "tiktok": ("潮汐钟 - EP007", "Emma - EP007", "Nana - EP007"),
    "youtube-shorts": ("潮汐钟 - EP007", "Emma - EP007", "Nana - EP007"),
    "reels": ("潮汐钟 - EP007", "Emma - EP007", "Nana - EP007"),
    "overseas-app": ("潮汐钟 - EP007", "Emma - EP007", "Nana - EP007"),
}


@pytest.mark.parametrize("pid", sorted(NAMES))
def test_every_profile_names_episodes_in_the_series_language(pid: str) -> None:
    profile = builtin_profiles()[pid]
    zh, en, fr = NAMES[pid]
    assert profile.episode_stem("潮汐钟", 7, language="zh-Hans") == zh
    assert profile.episode_stem("Emma", 7, language="en") == en
    assert profile.episode_stem("Nana", 7, language="fr") == fr
    assert profile.episode_stem("Emma", 7, (3840, 2160), "en-GB") == f"{en} 3840x2160"
    for name in (zh, en, fr, f"{en} 3840x2160"):
        assert profile.stem_pattern().match(name)  # a file made elsewhere: any of the profile's names
    assert profile.stem_pattern("en").match(en) and not profile.stem_pattern("en").match("ep007")


def test_the_tv_profile_no_longer_names_english_episodes_in_chinese() -> None:
    tv = builtin_profiles()["tv"]
    assert tv.episode_stem("Pride and Prejudice", 12, language="en") == "Pride and Prejudice - Episode 12"
    assert not tv.stem_pattern("en").match("Pride and Prejudice - 第12集")
    assert tv.stem_pattern("zh-Hans").match("傲慢与偏见 - 第12集")


def test_a_user_profile_names_files_per_language(tmp_path: Path) -> None:
    (tmp_path / "mango.toml").write_text(
        'extends = "tv"\nid = "mango"\nname = "芒果 Mango TV"\n'
        'file_name = { zh-Hant = "{series}－第{episode}集", ja = "{series} 第{episode}話", en = "{series} S01E{episode:02d}" }\n'
        '[sources]\nfile_name = "setting: our CP contract"\n',
        encoding="utf-8",
    )
    mango = load_profiles(tmp_path)["mango"]
    assert mango.episode_stem("潮汐鐘", 3, language="zh-Hant-TW") == "潮汐鐘－第3集"  # zh-Hant before zh
    assert mango.episode_stem("潮騒", 3, language="ja") == "潮騒 第3話"
    assert mango.episode_stem("Emma", 3, language="en") == "Emma S01E03"  # replaces the inherited entry
    assert mango.episode_stem("潮汐钟", 3, language="zh-Hans") == "潮汐钟 - 第3集"  # inherited from tv
    assert load_profiles(tmp_path)["tv"].episode_stem("Emma", 3, language="en") == "Emma - Episode 3"  # untouched
    # a table with neither the language nor a default: English, else its first entry
    only = mango.model_copy(update={"file_name": {"en": "{series} E{episode}", "ja": "{series} 第{episode}話"}})
    assert only.name_template("ko") == "{series} E{episode}"
    assert only.model_copy(update={"file_name": {"ja": "{series} 第{episode}話"}}).name_template("ko").endswith("話")


@pytest.mark.parametrize(
    ("template", "error"),
    [('"{series} - final"', "has no {episode}"), ('{ en = "{title} {episode}" }', "use {series} and {episode}")],
)
def test_a_file_name_template_that_cannot_name_episodes_is_refused(tmp_path: Path, template: str, error: str) -> None:
    (tmp_path / "x.toml").write_text(
        f'extends = "tiktok"\nid = "x"\nname = "X"\nfile_name = {template}\n[sources]\nfile_name = "setting"\n',
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match=re.escape(error)):
        load_profiles(tmp_path)


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
