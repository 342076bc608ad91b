"""The trope catalogue: shipped data is valid, signals match whole words and Chinese substrings."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.assess.tropes import count_signal, load_catalogue, trope_profile
from microdrama.errors import SettingsError


def test_the_shipped_catalogue_covers_the_staple_tropes_in_both_languages() -> None:
    catalogue = load_catalogue()
    ids = {t["id"] for t in catalogue}
    assert {
        "rebirth",
        "underdog_rise",
        "live_in_son_in_law",
        "domineering_ceo",
        "flash_marriage",
        "face_slap",
        "war_god",
        "miracle_doctor",
        "revenge",
        "hidden_identity",
    } <= ids
    for trope in catalogue:
        assert trope["signals"]["en"] and trope["signals"]["zh"], trope["id"]
        assert all(len(s) >= 2 for s in trope["signals"]["zh"]), trope["id"]


def test_signals_match_whole_words_stems_and_substrings() -> None:
    assert count_signal("heir", "the heir and the heiress", chinese=False) == 1
    assert count_signal("avenge*", "he avenged her; she avenges him", chinese=False) == 2
    assert count_signal("son-in-law", "a live-in son-in-law", chinese=False) == 1
    assert count_signal("重生", "她重生了，重生之后", chinese=True) == 2


def test_profile_finds_a_revenge_rebirth_story() -> None:
    text = "重生回到十年前，她发誓复仇。仇人就在眼前，她要报仇雪恨。" * 5
    profile = trope_profile(text, "zh-Hans", load_catalogue())
    assert profile["present"][:2] == ["revenge", "rebirth"] or set(profile["present"][:2]) == {"revenge", "rebirth"}
    assert "rebirth" in profile["under_pressure"]
    top = profile["tropes"][0]
    assert top["signals"] and top["per_10k"] > 0


def test_a_bad_catalogue_is_refused_with_its_field(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("tropes:\n  - id: x\n    signals: {en: [1]}\n")
    with pytest.raises(SettingsError, match=r"t.yaml: tropes\[0\] \(x\): signals.en"):
        load_catalogue(path)
    path.write_text("tropes:\n  - id: x\n    signals: {en: [a]}\n  - id: x\n    signals: {en: [b]}\n")
    with pytest.raises(SettingsError, match="duplicate id 'x'"):
        load_catalogue(path)
