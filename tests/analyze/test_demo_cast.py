"""The bundled demo stories: their casts are known, so discovery must find exactly them."""

from __future__ import annotations

from pathlib import Path

import pytest

import microdrama.demo
from microdrama.analyze import analyze
from microdrama.ingest import read_novel
from microdrama.model import Cast

DEMO = Path(microdrama.demo.__file__).parent


def _cast(name: str) -> Cast:
    cast, _, _, _ = analyze(read_novel(DEMO / name))
    return cast


def _who(cast: Cast, name: str) -> set[str]:
    found = [c for c in cast.characters if name in (c.name, *c.aliases)]
    assert len(found) == 1, f"{name!r} belongs to {[c.name for c in found]}"
    return {found[0].name, *found[0].aliases}


def test_english_demo_cast_is_the_six_people() -> None:
    cast = _cast("story_en.txt")
    names = {n for c in cast.characters for n in (c.name, *c.aliases)}
    assert not {"Pryce Clocks", "Harbour Museum", "Harrow Marine"} & names  # a shop, a museum, a firm
    assert {"Nell", "Eleanor Pryce", "Miss Pryce"} <= _who(cast, "Nell")
    assert {"Ruth", "Aunt Ruth"} <= _who(cast, "Ruth")
    assert "Victor Harrow" in _who(cast, "Victor")
    assert "Owen Blake" in _who(cast, "Owen")
    assert "Ada Finch" in names and "Thomas Pryce" in names
    assert len(cast.characters) == 6
    gender = {c.name: c.gender for c in cast.characters}
    assert gender["Owen"] == "male"
    assert gender["Nell"] == gender["Ruth"] == "female"


def test_chinese_demo_cast_is_the_six_people() -> None:
    pytest.importorskip("jieba")
    cast = _cast("story_zh.txt")
    names = {n for c in cast.characters for n in (c.name, *c.aliases)}
    assert not {"韩氏海运", "白沙", "头一"} & names  # a firm, a harbour, a fragment
    assert {"沈念", "阿念", "沈小姐"} <= _who(cast, "沈念")
    assert {"沈秀兰", "姑姑"} <= _who(cast, "沈秀兰")
    assert {"韩振东", "周屿", "方婶", "沈守平"} <= names
    assert len(cast.characters) == 6
    gender = {c.name: c.gender for c in cast.characters}
    assert gender["周屿"] == "male" and gender["沈守平"] == "male"
    assert gender["沈念"] == gender["沈秀兰"] == "female"
