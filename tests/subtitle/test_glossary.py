"""The glossary: pinyin names by default, user renderings override, terms found in lines."""

from __future__ import annotations

import pytest

from microdrama.errors import ArtifactError
from microdrama.model import Bible, CharacterProfile, Provenance
from microdrama.subtitle.glossary import build_glossary, read_user_glossary, rendering, romanize_name, terms_in


def bible() -> Bible:
    people = [
        CharacterProfile(id="c1", name="沈念"),
        CharacterProfile(id="c2", name="韩振东"),
        CharacterProfile(id="c3", name="Ruth"),
    ]
    return Bible(title="潮汐钟", language="zh-Hans", characters=people, provenance=Provenance(stage="test"))


def test_romanization_surname_first() -> None:
    assert romanize_name("沈念") == "Shen Nian"
    assert romanize_name("韩振东") == "Han Zhendong"
    assert romanize_name("欧阳修") == "Ouyang Xiu"
    assert romanize_name("曾国藩") == "Zeng Guofan"  # surname reading, not céng
    assert romanize_name("吕布") == "Lü Bu"


def test_default_and_user_renderings() -> None:
    entries = build_glossary(
        bible(), None, targets=["zh-Hant", "en"], user={"沈念": {"en": "Nina Shen"}, "韩氏海运": {"*": "Han Shipping"}}
    )
    by_term = {e.term: e for e in entries}
    assert rendering(by_term["韩振东"], "en") == "Han Zhendong" and by_term["韩振东"].origin == "pinyin"
    assert rendering(by_term["沈念"], "en") == "Nina Shen" and by_term["沈念"].origin == "user"
    assert rendering(by_term["韩氏海运"], "en") == "Han Shipping" and rendering(by_term["韩氏海运"], "zh-Hant") is None
    assert rendering(by_term["Ruth"], "en") == "Ruth"
    assert [e.term for e in terms_in("韩振东说：韩氏海运", entries)] == ["韩氏海运", "韩振东"]


def test_user_glossary_file_shapes() -> None:
    assert read_user_glossary('{"沈念": "Nina"}'.encode(), "g.json") == {"沈念": {"*": "Nina"}}
    assert read_user_glossary('{"terms": {"沈念": {"en": "Nina"}}}'.encode(), "g.json") == {"沈念": {"en": "Nina"}}
    with pytest.raises(ArtifactError, match="g.json"):
        read_user_glossary(b'{"x": 3}', "g.json")
    with pytest.raises(ArtifactError, match="not valid JSON"):
        read_user_glossary(b"{", "g.json")
