"""Embedded narrators: a character who tells a stretch of the book in the first person."""

from __future__ import annotations

from collections.abc import Callable

from microdrama.analyze import analyze
from microdrama.analyze.embedded import embedded_narrations
from microdrama.model import Source

Maker = Callable[..., Source]

CAST = [
    {"id": "nora", "name": "Nora Lake", "aliases": ["Nora"], "gender": "female"},
    {"id": "dina", "name": "Dina Fay", "aliases": ["Dina"], "gender": "female"},
    {"id": "sam", "name": "Sam Hart", "aliases": ["Sam"], "gender": "male"},
]

STORY = (
    "Chapter 1\n\n"
    "Sam and Nora sat in the tea-garden.\n\n"
    "One winter day in the old town—\n\n"
    "(said Nora that afternoon, sitting up very straight on her chair)\n\n"
    "—I was walking from one place to another. I was happy, because I had new shoes on, and my "
    "skirt blew a little in the wind. I came into Dina's room half an hour before the dinner and "
    "found her lying on her bed with a letter in her hand. I had never seen her like that, and I "
    "did not know what to say to her, so I sat down by the window and waited for her to speak.\n\n"
    '"Take it away," Dina muttered.\n\n'
    '"What is the matter, Dina?" I asked.\n\n'
    '"Nothing. Tell them I changed my mind."\n\n'
    '"Are you sure?"\n\n'
    "* * *\n\n"
    'Sam was quiet for a while when Nora had finished. "Is that all?" I asked.\n'
)


def test_a_bracketed_speech_tag_hands_the_narration_to_its_teller(source_of: Maker) -> None:
    source = source_of(STORY)
    text = source.text
    start = text.index("(said Nora")
    tag_end = text.index(")", start) + 1
    spans = embedded_narrations(
        text,
        [(start, tag_end), (tag_end + 2, text.index("* * *"))],
        [],
        [(start + 6, start + 10, "nora")],
        [text.index("* * *")],
        None,
    )
    assert spans == [(tag_end, text.index("* * *"), "nora")]


def test_inside_the_stretch_i_is_the_teller_and_after_it_is_not(source_of: Maker) -> None:
    _, quotes, _, _ = analyze(source_of(STORY), known_cast=CAST)
    said = {q.text: q.speaker for q in quotes.quotes}
    asked = next(q for q in quotes.quotes if q.text == "What is the matter, Dina?")
    assert (asked.speaker, asked.cue) == ("nora", "I asked")
    assert said["Are you sure?"] == "nora"  # the teller takes part in the conversation she reports
    assert said["Is that all?"] != "nora"  # the scene break ends her story


def test_a_tag_without_first_person_narration_is_no_narrator(source_of: Maker) -> None:
    text = "(said Nora, and went out)\n\n" + "The rain fell on the town and the river rose. " * 20
    assert embedded_narrations(text, [(0, 25), (27, len(text))], [], [(6, 10, "nora")], [len(text)], None) == []
