"""Speaker attribution: explicit cues, pronouns, vocatives, turn-taking, and the Attributor interface."""

from __future__ import annotations

from collections.abc import Callable

from microdrama.analyze import AttributionContext, analyze
from microdrama.model import Quote, Source

Maker = Callable[..., Source]

ZH_CAST = [
    {"id": "c001", "name": "张大山", "aliases": ["大山"], "gender": "male"},
    {"id": "c002", "name": "李小红", "aliases": ["小红"], "gender": "female"},
    {"id": "c003", "name": "阿Q", "aliases": [], "gender": "male"},
]


def _by_text(quotes: list[Quote]) -> dict[str, Quote]:
    return {q.text: q for q in quotes}


def test_explicit_and_anaphoric_english(source_of: Maker, en_story: str) -> None:
    source = source_of(en_story, front_matter=True)
    cast, quotes, _, _ = analyze(source)
    clara = next(c.id for c in cast.characters if "Clara" in (c.name, *c.aliases))
    arthur = next(c.id for c in cast.characters if "Arthur" in (c.name, *c.aliases))
    hale = next(c.id for c in cast.characters if c.name == "Captain Hale")
    found = _by_text(quotes.quotes)
    late = found["You are late, Dinner is cold."]
    assert (late.speaker, late.attribution, late.cue) == (clara, "explicit", "said Clara")
    assert late.confidence >= 0.8
    know = found["I know, but not tonight."]
    assert (know.speaker, know.attribution, know.cue) == (arthur, "anaphoric", "he said")
    assert found["Then I shan't,"].speaker == clara
    assert found["Then I shan't,"].cue == "Clara replied"
    assert found["Your sister is right, Mr. Penrose,"].speaker == hale
    assert found["I will stand,"].speaker == clara  # "she answered": the woman, not the last man named


def test_vocative_names_the_addressee_not_the_speaker(source_of: Maker, en_story: str) -> None:
    source = source_of(en_story, front_matter=True)
    cast, quotes, _, _ = analyze(source)
    clara = next(c.id for c in cast.characters if "Clara" in (c.name, *c.aliases))
    arthur = next(c.id for c in cast.characters if "Arthur" in (c.name, *c.aliases))
    found = _by_text(quotes.quotes)
    promised = next(q for text, q in found.items() if text.startswith("Arthur, you promised me"))
    assert promised.addressees == [arthur]
    assert promised.speaker == clara
    sit = found["Clara, come and sit,"]
    assert sit.addressees == [clara] and sit.speaker == arthur
    hale_line = found["Your sister is right, Mr. Penrose,"]
    assert hale_line.addressees == [arthur]


def test_quoted_term_gets_no_speaker(source_of: Maker, en_story: str) -> None:
    _, quotes, _, _ = analyze(source_of(en_story))
    term = _by_text(quotes.quotes)["Pemberley"]
    assert (term.speaker, term.attribution, term.confidence) == ("unknown", "unknown", 0.0)


def test_chinese_cues(source_of: Maker, zh_story: str) -> None:
    _, quotes, _, _ = analyze(source_of(zh_story, "zh"), known_cast=ZH_CAST)
    found = _by_text(quotes.quotes)
    assert found["你回来了？今天怎么这样晚？"].speaker == "c002"
    assert found["你回来了？今天怎么这样晚？"].cue == "李小红笑道："
    assert found["我回来了，今天很累。"].speaker == "c001"
    asked = found["吃饭了没有？"]
    assert (asked.speaker, asked.attribution) == ("c002", "anaphoric")
    answer = found["还没有。"]
    assert (answer.speaker, answer.attribution, answer.cue) == ("c001", "anaphoric", "他说")
    assert found["我也饿了！"].speaker == "c003"  # printed 阿Ｑ, known as 阿Q
    assert found["给我一碗饭。"].speaker == "c003"
    vocative = found["小红，你家大山呢？"]
    assert vocative.speaker == "c003" and vocative.addressees == ["c002"]


def test_turn_taking_alternates_in_a_bare_exchange(source_of: Maker) -> None:
    text = (
        "Chapter 1\n\nMr. John Brook met Mrs. Ann Vale at the gate. John Brook bowed; Ann Vale nodded.\n\n"
        '"Is it far?" asked Mrs. Vale.\n\n"Two miles," said Mr. Brook.\n\n"On foot?"\n\n"On foot."\n\n"Then let us go."\n'
    )
    cast, quotes, _, _ = analyze(source_of(text))
    ids = {c.name: c.id for c in cast.characters}
    vale = next(v for k, v in ids.items() if "Vale" in k)
    brook = next(v for k, v in ids.items() if "Brook" in k)
    speakers = [q.speaker for q in quotes.quotes]
    assert speakers == [vale, brook, vale, brook, vale]
    assert [q.attribution for q in quotes.quotes[2:]] == ["implicit"] * 3
    assert all(q.confidence < 0.5 for q in quotes.quotes[2:])


class _Refiner:
    """A stand-in for a model-based refiner: gives every unknown quote to one id."""

    def __init__(self, speaker: str) -> None:
        self.speaker = speaker

    def attribute(self, quotes: list[Quote], context: AttributionContext) -> list[Quote]:
        assert context.text and context.mentions
        return [q if q.speaker != "unknown" else q.model_copy(update={"speaker": self.speaker}) for q in quotes]


def test_attributors_plug_in(source_of: Maker, zh_story: str) -> None:
    from microdrama.analyze.attribution import RuleAttributor

    source = source_of(zh_story, "zh")
    _, quotes, _, _ = analyze(source, known_cast=ZH_CAST, attributors=[RuleAttributor(), _Refiner("c001")])
    assert all(q.speaker != "unknown" for q in quotes.quotes)
