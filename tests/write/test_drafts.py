"""Drafts a writer can polish (issue 14): single quotes, tense, one cue per turn, scene folding, and
books of odd shapes (no dialogue, all dialogue, one short chapter) through the whole chain."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from microdrama.adapt import defects, screen
from microdrama.cli import main
from microdrama.model import Character, Element, Event, LineSource, Quote, Source, Span
from microdrama.write.action import in_poem
from microdrama.write.dialogue import make_speech, spoken_text
from microdrama.write.episode import merge_turns, synopsis
from microdrama.write.fit import Draft


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(screen).failed == 0
    assert doctest.testmod(defects).failed == 0


def _quote(book: str, *words: str, speaker: str = "c1") -> Quote:
    spans = [Span(start=book.index(w), end=book.index(w) + len(w)) for w in words]
    return Quote(
        id="q1",
        start=spans[0].start - 1,
        end=spans[-1].end + 1,
        parts=spans,
        text=" ".join(words),
        speaker=speaker,
        confidence=0.9,
    )


def test_single_quoted_speech_rejoins_cleanly() -> None:
    """British editions quote with ‘…’: the speech is the words, its seams mended, no marks left."""
    book = "‘I will come,’ said Holmes. ‘But tell me, who sent you?’ ‘I was careful,’ he said, ‘for once.’"
    source = Source.model_construct(text=book)
    holmes = Character(id="c1", name="Sherlock Holmes")
    speech = make_speech(_quote(book, "I will come,", "But tell me, who sent you?"), holmes, source, "en")
    assert speech is not None and speech.text == "I will come. But tell me, who sent you?"
    assert speech.cue == "SHERLOCK HOLMES" and "‘" not in speech.text
    assert spoken_text(_quote(book, "I was careful,", "for once."), source, "en") == "I was careful, for once."
    assert not defects.bad_joins(speech.text, "en") and not defects.is_cut_speech(speech.text)


@pytest.mark.parametrize(
    ("novel", "script"),
    [
        (
            "Holmes pulled out a tape measure and crawled along the wall.",
            "Holmes pulls out a tape measure and crawls along the wall.",
        ),
        ("The room was bare and the walls were yellow.", "The room is bare and the walls are yellow."),
        ("They could see the watcher, and he had a gun.", "They can see the watcher, and he has a gun."),
        ("She said “I went home” and left.", "She says “I went home” and leaves."),
    ],
)
def test_narration_changes_tense_but_not_inside_quotations(novel: str, script: str) -> None:
    assert screen.screen_direction(novel, "en") == script
    assert defects.action_defects(script, "en") == []


def test_commentary_and_footnotes_never_become_action() -> None:
    assert screen.screen_direction("Perhaps no man was ever so lonely.", "en") is None
    assert screen.screen_direction("阿Q唱着《小孤孀上坟》③到酒店去。", "zh") == "阿Q唱着《小孤孀上坟》到酒店去。"
    assert screen.screen_direction("未庄通例，倘如阿七打阿八，向来本不算口碑。", "zh") is None
    long = "He walked " + "and walked " * 30 + "home."
    assert len(screen.screen_direction(long, "en").split()) <= defects.MAX_ACTION_WORDS


def _speech(cue: str, text: str, start: int) -> Draft:
    element = Element(kind="dialogue", text=text, character=cue, character_id=cue.lower())
    return Draft(element, LineSource(text=text, quote=f"q{start}", start=start, end=start + len(text)), 1000, 0.5)


def test_consecutive_speeches_of_one_speaker_become_one_turn() -> None:
    drafts = [
        _speech("HOLMES", "I have to be careful.", 0),
        _speech("HOLMES", "for I dabble with poisons.", 30),
        _speech("WATSON", "By no means.", 70),
        _speech("HOLMES", "Good.", 90),
    ]
    merged = merge_turns(drafts, "en")
    assert [d.element.character for d in merged] == ["HOLMES", "WATSON", "HOLMES"]
    assert merged[0].element.text == "I have to be careful, for I dabble with poisons."
    assert (merged[0].line.start, merged[0].line.end) == (0, 56) and merged[0].ms == 2000


NO_DIALOGUE = "\n\n".join(
    ["THE STORM", "by A. Writer", "CHAPTER I. The Storm"]
    + [
        "Anna walked to the harbour and looked at the dark sea. The wind rose and the boats pulled at their "
        "ropes. Ben ran down the hill with a lantern, afraid of the storm. A wave broke over the wall and the "
        "lantern went out."
    ]
    * 24
)
ALL_DIALOGUE = "\n\n".join(
    ["TALK", "by A. Writer", "CHAPTER I. Talk"]
    + [
        "“Where were you last night, Ben?” asked Anna.\n\n“At the harbour,” said Ben. “Why do you ask?”\n\n"
        "“Because the boat is gone!” said Anna."
    ]
    * 24
)
ONE_LINE = "A SHORT ONE\n\nCHAPTER I\n\n“Help!” cried Anna. Ben ran to her.\n"


@pytest.mark.parametrize("text", [NO_DIALOGUE, ALL_DIALOGUE, ONE_LINE], ids=["no-dialogue", "all-dialogue", "tiny"])
def test_odd_books_give_a_sensible_series(tmp_path: Path, text: str) -> None:
    novel = tmp_path / "book.txt"
    novel.write_text(text, encoding="utf-8")
    project = tmp_path / "project"
    assert main(["produce", str(novel), "-o", str(project), "--episodes", "4", "--executor", "serial"]) == 0
    scripts = sorted((project / "script").glob("ep[0-9][0-9][0-9].fountain"))
    assert scripts
    for path in scripts:
        written = path.read_text(encoding="utf-8")
        blocks = [b.strip() for b in written.split("\n\n") if b.strip()]
        # no action line repeats a quotation with its tag; past-tense narration is gone
        assert not any(b.startswith("“") for b in blocks), written
        assert " rose and " not in written and " ran down " not in written


@pytest.mark.parametrize(
    ("novel", "script"),
    [
        (  # a sentence that is all the narrator's parenthesis is no screen direction
            "(When she thought it over afterwards, it occurred to her that she ought to have wondered at this.)",
            "",
        ),
        (  # the aside goes; the cut falls before a new clause, never before "whether" (its complement)
            "So she was considering in her own mind (as well as she could, for the hot day made her feel very "
            "sleepy and stupid), whether the pleasure of making a daisy-chain would be worth the trouble of "
            "getting up and picking the daisies, when suddenly a White Rabbit with pink eyes ran close by her.",
            "So she is considering in her own mind, whether the pleasure of making a daisy-chain will be worth "
            "the trouble of getting up and picking the daisies.",
        ),
        (  # a sentence that ran on into a speech ends on a stop
            "Nor did Alice think it so very much out of the way to hear the Rabbit say to itself,",
            "Nor does Alice think it so very much out of the way to hear the Rabbit say to itself.",
        ),
        (  # "they all looked": a quantifier between subject and verb
            "Alice thought the whole thing very absurd, but they all looked so grave that she did not dare to laugh.",
            "Alice thinks the whole thing very absurd, but they all look so grave that she does not dare to laugh.",
        ),
        (  # "she put … and pulled": one tense in one sentence, however the past looks
            "Alice had no idea what to do, and in despair she put her hand in her pocket, and pulled out a box of "
            "comfits, (luckily the salt water had not got into it), and handed them round.",
            "Alice has no idea what to do, and in despair she puts her hand in her pocket, and pulls out a box of "
            "comfits, and hands them round.",
        ),
        ("Still she went on growing, and said to herself", "Still she goes on growing, and says to herself."),
    ],
)
def test_asides_fragments_and_mixed_tense_become_whole_screen_directions(novel: str, script: str) -> None:
    assert screen.screen_direction(novel, "en") == script
    if script:
        assert defects.action_defects(script, "en") == [] and defects.fragment_defects(script, "en", novel) == []


def test_a_speech_opening_mid_sentence_opens_as_a_sentence() -> None:
    """“and what is the use of a book,” thought Alice “without pictures or conversations?”"""
    book = "“and what is the use of a book,” thought Alice “without pictures or conversations?”"
    alice = Character(id="c1", name="Alice")
    quote = _quote(book, "and what is the use of a book,", "without pictures or conversations?")
    speech = make_speech(quote, alice, Source.model_construct(text=book), "en")
    assert speech is not None and speech.text == "And what is the use of a book, without pictures or conversations?"
    assert speech.end == book.index("?") + 1  # its span is still the book's


def test_the_synopsis_is_never_an_aside_or_a_cut_clause() -> None:
    book = (
        "(when she thought it over afterwards, it occurred to her that she ought to have wondered at this); "
        "but when the Rabbit actually took a watch out of its waistcoat-pocket, and looked at it, Alice "
        "started to her feet. The Rabbit ran down a large rabbit-hole under the hedge."
    )
    source = Source.model_construct(text=book, language="en")
    aside = Event(id="e1", start=0, end=len(book), summary=book[:120], importance=1.0, tension=1.0)
    aside = aside.model_copy(update={"summary_span": Span(start=0, end=120)})
    hole = book.index("The Rabbit ran")
    plain = Event(id="e2", start=hole, end=len(book), summary=book[hole:], importance=0.5)
    text = synopsis([aside, plain], "en", source)
    assert "(" not in text and not text.lower().startswith("when")
    assert defects.fragment_defects(text, "en") == []


def test_a_chinese_poem_is_the_narrators_not_the_cameras() -> None:
    book = (
        "哪吒与悟空斗在一处。\n\n六臂哪吒太子，天生美石猴王，相逢真对手，正遇本源流。"
        "大圣三条如意棒，前遮后挡运机谋。发狠两家齐斗勇。\n\n三太子与悟空各骋神威，斗了个三十回合。"
    )
    assert in_poem(book, book.index("发狠"), "zh") and not in_poem(book, book.index("三太子"), "zh")
    assert screen.screen_direction("大圣三条如意棒，前遮后挡运机谋。", "zh") is None  # verse: voice-over
    assert "the narrator's verse" in defects.action_defects("大圣三条如意棒，前遮后挡运机谋。", "zh")
    # a long sentence ends on a whole clause, never on one waiting for its verb
    long = "哪吒正使法间，听得棒头风响，急躲闪时，不能措手，被他着了一下，负痛逃走；收了法，把六件兵器，依旧归身，败阵而回。"
    assert (
        screen.screen_direction(long, "zh")
        == "哪吒正使法间，听得棒头风响，急躲闪时，不能措手，被他着了一下，负痛逃走；收了法。"
    )
