"""Speeches from quotations: cues, tones, condensing, and the span of a condensed speech."""

from __future__ import annotations

import doctest

from story_fixtures import Story

from microdrama.model import Quote, Span
from microdrama.write import dialogue
from microdrama.write.dialogue import make_speech, prefix_end


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(dialogue).failed == 0


def test_a_speech_interrupted_by_narration_spans_both_parts(english: Story) -> None:
    quote = english.quotes.quotes[0]  # “Come down, child!” called Aunt Bess anxiously. “The storm is too strong.”
    speech = make_speech(quote, english.cast.by_id()["c004"], english.source, "en")
    assert speech is not None
    assert speech.text == "Come down, child! The storm is too strong."
    assert (speech.start, speech.end) == (quote.parts[0].start, quote.parts[1].end)
    assert (speech.cue, speech.parenthetical) == ("AUNT BESS", "anxiously")
    short = prefix_end(english.source.text, quote, "Come down, child!")
    assert english.source.text[quote.parts[0].start : short] == "Come down, child!"


def test_a_tone_is_read_from_the_narration_when_the_analysis_gave_no_cue(chinese: Story) -> None:
    quote = next(q for q in chinese.quotes.quotes if q.text == "快划！").model_copy(update={"cue": None})
    speech = make_speech(quote, chinese.cast.by_id()["c002"], chinese.source, "zh-Hans")
    assert speech is not None and speech.parenthetical == "喊"


def test_an_empty_quotation_gives_no_speech(english: Story) -> None:
    empty = Quote(id="q9", start=0, end=2, parts=[Span(start=1, end=1)], text="  ")
    assert make_speech(empty, None, english.source, "en") is None


def test_words_that_do_not_line_up_fall_back_to_the_whole_quotation(english: Story) -> None:
    quote = english.quotes.quotes[0]
    assert prefix_end(english.source.text, quote, "Something else entirely") == quote.end
