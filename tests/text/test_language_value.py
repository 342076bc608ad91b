"""The one Language value: decided at ingest, rebuilt from the bible's tag, the same answers everywhere."""

from __future__ import annotations

import pytest

from microdrama.formats._common import is_chinese as formats_is_chinese
from microdrama.model import Source
from microdrama.text.language import Language
from microdrama.text.speech_rate import is_chinese as speech_is_chinese
from microdrama.text.speech_rate import speech_ms
from microdrama.text.tags import is_chinese, is_cjk, is_traditional


def _source(language: str, script: str | None) -> Source:
    return Source(
        file_name="x.txt",
        file_format="txt",
        sha256="0" * 64,
        size_bytes=1,
        encoding="utf-8",
        language=language,
        script=script,
        text="x",
        chapters=[],
        provenance={"stage": "ingest"},
    )


@pytest.mark.parametrize(
    ("language", "script", "tag"),
    [
        ("zh", "Hant", "zh-Hant"),
        ("zh", "Hans", "zh-Hans"),
        ("zh", None, "zh-Hans"),
        ("en", None, "en"),
        ("und", None, "en"),
    ],
)
def test_ingest_decides_the_tag(language: str, script: str | None, tag: str) -> None:
    assert Language.of_source(_source(language, script)).tag == tag


@pytest.mark.parametrize("tag", ["zh", "zh-Hans", "zh-Hant", "zh-Hant-HK", "zh_TW", "en", "en-GB", "fr", "und"])
def test_every_module_asks_the_same_question(tag: str) -> None:
    language = Language.of(tag)
    assert language.is_chinese == is_chinese(tag) == formats_is_chinese(tag) == speech_is_chinese(tag)
    assert language.is_traditional == is_traditional(tag)
    assert language.joiner == ("" if language.is_chinese else " ")


def test_text_tools_follow_the_language() -> None:
    zh, en = Language.of("zh-Hans"), Language.of("en")
    assert zh.join(["他来了。", " ", "她走了。"]) == "他来了。她走了。"
    assert en.join(["He came.", "", "She left."]) == "He came. She left."
    assert en.sentences("MY DEAR MR. SHERLOCK HOLMES,—You did it well. Then") == [
        "MY DEAR MR. SHERLOCK HOLMES,—You did it well. ",
        "Then",
    ]
    assert zh.sentences("……况且你已经可以无须顾虑了。你要我老实说；是的。") == [
        "……况且你已经可以无须顾虑了。",
        "你要我老实说；",
        "是的。",
    ]
    assert zh.speech_ms("你好，世界！") == speech_ms("你好，世界！", "zh-Hans")
    assert Language.of("zh-Hant").script == "Hant" and en.script is None
    assert is_cjk("㐀") and is_cjk("好") and not is_cjk("a")
