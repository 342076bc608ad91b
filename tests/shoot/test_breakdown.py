"""The breakdown: place, time, length, speaking and silent cast, elements, cast numbers and costs."""

from __future__ import annotations

from shoot.shoot_samples import en_bible, en_scripts, zh_bible, zh_scripts

from microdrama.shoot.breakdown import break_down, shoot_minutes
from microdrama.shoot.lexicon import load_lexicon


def test_english_breakdown() -> None:
    lexicon, sources = load_lexicon("en")
    breakdown = break_down(en_scripts(), en_bible(), lexicon, lexicons=sources, parents={})
    assert [s.id for s in breakdown.scenes] == ["001-01", "001-02", "002-01"]  # episode order
    shop, harbour, night_shop = breakdown.scenes
    assert (shop.setting, shop.location, shop.night, shop.eighths) == ("INT", "SHOP", False, 4)
    assert (harbour.setting, harbour.night) == ("EXT", True) and night_shop.night
    assert shop.speaking == ["Nell", "Postman"] and shop.silent == ["Victor Harrow"]  # 'Victor' names him
    assert shop.props == ["key"] and shop.vehicles == ["car"]
    assert harbour.sfx == ["rain"] and harbour.extras == ["crowd"] and harbour.vehicles == ["police car"]
    assert night_shop.props == ["contract"] and night_shop.wardrobe == ["suit"]
    assert shop.shots == 3 and shop.shoot_ms == shoot_minutes(3, 30_000) * 60_000
    cast = {m.name: m for m in breakdown.cast}
    assert cast["Nell"].number == 1 and cast["Nell"].daily_cost == 3 and cast["Nell"].id == "c1"
    assert cast["Ruth"].daily_cost == 2 and cast["Postman"].daily_cost == 1 and cast["Postman"].id is None
    assert [loc.name for loc in breakdown.locations] == ["SHOP", "HARBOUR"]


def test_chinese_breakdown() -> None:
    lexicon, sources = load_lexicon("zh-Hans")
    breakdown = break_down(zh_scripts(), zh_bible(), lexicon, lexicons=sources, parents={})
    shop, dock = breakdown.scenes
    assert shop.location == "钟表店" and not shop.night and dock.night and dock.setting == "EXT"
    assert shop.props == ["钥匙"] and shop.vehicles == ["火车"]
    assert dock.speaking == ["韩振东", "周屿"] and dock.silent == []  # 振东 is 韩振东, who speaks
    assert dock.sfx == ["雨"] and dock.extras == ["人群"] and dock.props == ["伞"]
