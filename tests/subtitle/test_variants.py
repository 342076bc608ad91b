"""Chinese variants through OpenCC: Taiwan phrasing, Hong Kong forms, back to Simplified."""

from __future__ import annotations

from microdrama.subtitle.variants import conversion, convert
from microdrama.text.tags import is_traditional


def test_conversion_table() -> None:
    assert conversion("zh-Hans", "zh-Hant") == "s2twp"
    assert conversion("zh-Hans", "zh-Hant-TW") == "s2twp"
    assert conversion("zh-Hans", "zh-Hant-HK") == "s2hk"
    assert conversion("zh-Hant", "zh-Hans") == "t2s"
    assert conversion("zh-Hans", "zh-Hans") == "" and conversion("en", "en") == ""
    assert conversion("zh-Hans", "en") is None and conversion("en", "zh-Hans") is None
    assert is_traditional("zh-HK") and not is_traditional("zh-Hans")


def test_taiwan_phrasing_changes_words_not_only_characters() -> None:
    assert convert("鼠标和软件", "s2twp") == "滑鼠和軟體"
    assert convert("鼠标和软件", "s2hk") != convert("鼠标和软件", "s2twp")
    assert convert("头发", "s2hk") == "頭髮"


def test_round_trip_to_simplified() -> None:
    assert convert(convert("阿念，你又瘦了，快进屋。", "s2twp"), "t2s") == "阿念，你又瘦了，快进屋。"
