"""Beat sheets and episode titles."""

from __future__ import annotations

import doctest

from microdrama.adapt import beats
from microdrama.adapt.beats import episode_title, make_beats, title_phrases
from microdrama.adapt.defects import title_defects
from microdrama.model import Chapter, Event


def event(i: int, tension: float) -> Event:
    return Event(id=f"e{i}", start=i, end=i + 1, summary=f"Summary {i}.", tension=tension)


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(beats).failed == 0


def test_the_peak_is_the_escalation_and_the_sharpest_other_turn_a_reversal() -> None:
    sheet = make_beats([event(0, 0.2), event(1, 0.3), event(2, 0.9), event(3, 0.4), event(4, 0.8)], "en")
    assert [(b.kind, b.events) for b in sheet] == [
        ("hook", ["e0"]),
        ("escalation", ["e2"]),
        ("reversal", ["e3"]),
        ("cliffhanger", ["e4"]),
    ]


def test_a_one_event_episode_has_hook_and_cliffhanger() -> None:
    assert [b.kind for b in make_beats([event(0, 0.5)], "zh")] == ["hook", "cliffhanger"]
    assert make_beats([], "en") == []


def test_episode_titles_skip_fragments_and_editorial_marks() -> None:
    from microdrama.adapt.beats import phrase, reads_as_title

    assert (
        phrase("[Illustration] Elizabeth jumped out of the carriage.", "en") == "Elizabeth jumped out of the carriage"
    )
    assert phrase("Jane’s temper was not desponding.", "en") == "Jane's temper was not desponding"
    assert phrase("The astonishment of the ladies was great.", "en") == "The astonishment of the ladies"
    assert not reads_as_title(phrase("who was leaning against the mantel-piece.", "en"), "en")


def test_a_title_is_never_the_first_words_of_a_sentence_that_goes_on() -> None:
    summary = "The next April Daisy had her little girl, and they went to France for a year."
    assert "The Next April Daisy" not in title_phrases(summary, "en")
    assert title_phrases("Jordan Baker instinctively avoided clever, shrewd men.", "en") == []
    assert title_phrases("Tom came out of the house.", "en") == ["Tom Comes Out of the House"]
    assert title_phrases("Alice opened the door and found that it led into a passage.", "en") == [
        "Alice Opens the Door"
    ]
    text = summary + " Gatsby stood in the centre of the lawn. Daisy began to cry."
    event = Event(id="e1", start=0, end=len(text), summary=summary)
    title = episode_title([event], {}, set(), "en", ["Gatsby", "Daisy"], text)
    assert title in ("Gatsby Stands in the Centre", "Daisy Begins to Cry") and not title_defects(title, "en")


def test_a_chinese_couplet_chapter_title_gives_its_halves() -> None:
    chapter = Chapter(
        index=1,
        kind="chapter",
        label="chapter",
        title="第一回　灵根育孕源流出　心性修持大道生",
        start=0,
        body_start=0,
        end=10,
    )
    event = Event(id="e1", start=0, end=10, summary="猴王出世。")
    assert episode_title([event], {"e1": chapter}, set(), "zh-Hans") == "灵根育孕源流出"
    assert episode_title([event], {"e1": chapter}, {"灵根育孕源流出"}, "zh-Hans") == "心性修持大道生"


def test_a_chinese_title_names_someone_when_a_clause_does() -> None:
    event = Event(id="e1", start=0, end=10, summary="到家中，宝玉挨了打。")
    assert episode_title([event], {}, set(), "zh-Hans", ["宝玉", "黛玉"]) == "宝玉挨了打"
