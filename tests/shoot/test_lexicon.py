"""Breakdown lexicons: whole words and plurals in English, longest terms and jieba words in Chinese, user YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.shoot.lexicon import load_lexicon
from microdrama.shoot.shoot_model import ShootPlanningError


def test_english_whole_words_plurals_and_longest_terms() -> None:
    lexicon, sources = load_lexicon("en")
    found = lexicon.find("Two umbrellas by the police car. The keys! Openly keyless. A crowd gathers.")
    assert found["props"] == ["umbrella", "key"]  # 'keyless' is not a key
    assert found["vehicles"] == ["police car"]  # not 'police' as extras
    assert found["extras"] == ["crowd"]
    assert sources == ["microdrama:shoot/lexicons/en.yaml"]


def test_chinese_longest_terms_and_one_character_words() -> None:
    lexicon, _ = load_lexicon("zh-Hans")
    found = lexicon.find("她相信他。一辆火车开过，她撑着伞。")
    assert found["vehicles"] == ["火车"]
    assert found["sfx"] == []  # 火车 is not a fire
    assert found["props"] == ["伞"]  # 相信 is not a letter (信)


def test_user_lexicon_extends_the_packaged_one(tmp_path: Path) -> None:
    user = tmp_path / "lexicon.yaml"
    user.write_text("props:\n  - tide clock: [meridian]\nsfx: [fog machine]\n", encoding="utf-8")
    lexicon, sources = load_lexicon("en", user)
    found = lexicon.find("The Meridian ticks; the fog machine hums.")
    assert found["props"] == ["tide clock"] and found["sfx"] == ["fog machine"]
    assert sources[-1] == "shoot/lexicon.yaml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("props: [a\n", "not valid YAML"),
        ("weapons: [sword]\n", "unknown category weapons"),
        ("props: knife\n", "must be a list"),
    ],
)
def test_bad_user_lexicon_names_the_problem(tmp_path: Path, text: str, message: str) -> None:
    user = tmp_path / "lexicon.yaml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(ShootPlanningError, match=message):
        load_lexicon("en", user)
