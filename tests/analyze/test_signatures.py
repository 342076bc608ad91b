"""Signature phrases: a speaker's verbal tics, learnt from the sure quotations of one book."""

from __future__ import annotations

from microdrama.analyze.signatures import learn_signatures, signed_by
from microdrama.model import Quote


def _quote(n: int, text: str, who: str, confidence: float = 0.9) -> Quote:
    return Quote(id=f"q{n}", start=0, end=1, text=text, speaker=who, attribution="explicit", confidence=confidence)


def _book(tic_speaker: str = "jay", tic: str = "old sport") -> list[Quote]:
    quotes = [_quote(n, f"Come along {n}, {tic}.", tic_speaker) for n in range(4)]
    quotes += [_quote(10 + n, f"Not today {n}.", who) for n, who in enumerate("ttttttttnnnnnnnn")]
    return quotes


def test_a_phrase_only_one_speaker_uses_is_theirs() -> None:
    signatures = learn_signatures(_book(), "en")
    assert signatures["old sport"] == "jay"
    assert signed_by(_quote(99, "They can't get him, old sport.", "unknown", 0.0), signatures) == "jay"


def test_a_phrase_with_a_character_name_says_whom_they_talk_about() -> None:
    assert "old sport" not in learn_signatures(_book(), "en", names=["Sport Hale"])


def test_the_main_speaker_gets_no_signature_by_chance() -> None:
    # "today" is in most of t's quotations, but t speaks most of the book: no evidence
    quotes = [_quote(n, f"Not today, dear {n}.", "t") for n in range(12)] + [_quote(50, "Yes.", "n")]
    assert learn_signatures(quotes, "en") == {}


def test_unsure_quotations_teach_nothing_and_chinese_is_left_alone() -> None:
    unsure = [q.model_copy(update={"confidence": 0.4}) for q in _book()]
    assert learn_signatures(unsure, "en") == {}
    assert learn_signatures(_book(), "zh") == {}
