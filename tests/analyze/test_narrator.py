"""First-person narrators: detection, identity from what others call them, their own speeches."""

from __future__ import annotations

from collections.abc import Callable

from microdrama.analyze import analyze
from microdrama.analyze.narrator import identify_narrator, is_first_person
from microdrama.analyze.quotes import find_quotes
from microdrama.model import Source

Maker = Callable[..., Source]

# written for these tests: a first-person story whose narrator others call "Wren"
_NARRATION = (
    "I walked down to the harbour before dawn, as I always did, and I counted the boats. "
    "My father had taught me that, and I never lost the habit. I sat on the wall and waited. "
)
EN_FIRST_PERSON = (
    "Chapter 1\n\n"
    + _NARRATION * 8
    + "\n\nCaptain Moss came along the quay with his coat open.\n\n"
    + '"Good morning, Wren," said Captain Moss. "You are early again."\n\n'
    + '"I could not sleep," I said.\n\n'
    + '"Nor could I. Wren, will you come out with us today?"\n\n'
    + "I looked at the sky and I thought about it for a while.\n\n"
    + '"Yes," I said at last. "If the wind holds."\n\n'
    + "Captain Moss laughed and went back to his boat.\n\n"
    + _NARRATION * 4
    + '\n\n"Are you coming, my dear Wren?" Captain Moss called from the deck.\n\n'
    + '"Coming," I answered.\n'
)
EN_UNNAMED = "Chapter 1\n\n" + _NARRATION * 10 + '\n\n"Who is there?" I said.\n\nNobody answered me.\n'
EN_THIRD_PERSON = (
    "Chapter 1\n\n"
    + "Anna walked down to the harbour before dawn, as she always did, and she counted the boats. " * 12
    + '\n\n"Good morning, Anna," said Captain Moss.\n\n"Good morning," Anna replied.\n'
)
ZH_FIRST_PERSON = (
    "第一章\n\n"
    + "我每天早上都去河边走一走，看看船，想想我自己的事情。我知道这样不好，可是我改不了。" * 45
    + "\n\n她看着我，说：“阿远，你又来了。”\n\n“我睡不着。”我说。\n\n她笑了，说：“阿远，回去罢。”\n"
)


def test_first_person_is_detected_from_the_narration(source_of: Maker) -> None:
    for text, language, expected in (
        (EN_FIRST_PERSON, "en", True),
        (EN_THIRD_PERSON, "en", False),
        (ZH_FIRST_PERSON, "zh", True),
    ):
        source = source_of(text, language)
        regions = [(c.body_start, c.end) for c in source.body_chapters()]
        assert is_first_person(text, language, find_quotes(source), regions) is expected


def test_narrator_takes_the_name_others_call_them(source_of: Maker) -> None:
    cast, quotes, _, _ = analyze(source_of(EN_FIRST_PERSON))
    narrator = cast.narrator()
    assert narrator is not None
    assert narrator.name == "Wren"
    assert narrator.role == "narrator"
    assert [c.name for c in cast.characters if c.role == "narrator"] == ["Wren"]
    mine = [q.text for q in quotes.quotes if q.speaker == narrator.id]
    assert "I could not sleep," in mine
    assert "Coming," in mine
    captain = next(c for c in cast.characters if "Moss" in c.name)
    assert captain.role == "character"
    assert any(q.speaker == captain.id and q.text.startswith("Good morning") for q in quotes.quotes)


def test_unnamed_narrator_is_still_a_character(source_of: Maker) -> None:
    cast, quotes, _, _ = analyze(source_of(EN_UNNAMED))
    narrator = cast.narrator()
    assert narrator is not None and narrator.name == "Narrator" and narrator.aliases == []
    assert next(q for q in quotes.quotes if q.text == "Who is there?").speaker == narrator.id


def test_third_person_book_has_no_narrator(source_of: Maker) -> None:
    cast, _, _, _ = analyze(source_of(EN_THIRD_PERSON))
    assert cast.narrator() is None


def test_chinese_narrator_named_by_vocative(source_of: Maker) -> None:
    cast, quotes, _, _ = analyze(source_of(ZH_FIRST_PERSON, "zh"))
    narrator = cast.narrator()
    assert narrator is not None and narrator.name == "阿远"
    assert next(q for q in quotes.quotes if q.text == "我睡不着。").speaker == narrator.id


def test_name_in_the_narration_is_not_the_narrator(source_of: Maker) -> None:
    """Captain Moss is addressed too, but the narration names him: the narrator is who it never names."""
    text = EN_FIRST_PERSON.replace('"I could not sleep," I said.', '"Captain Moss, I could not sleep," I said.')
    source = source_of(text)
    regions = [(c.body_start, c.end) for c in source.body_chapters()]
    identity = identify_narrator(text, "en", find_quotes(source), regions)
    assert identity.name == "Wren"


def test_self_introduction_names_the_narrator(source_of: Maker) -> None:
    text = (
        "Chapter 1\n\nMy name is Tobias Finch, and I keep the lighthouse. " + _NARRATION * 10 + '\n\n"Hello," I said.\n'
    )
    source = source_of(text)
    regions = [(c.body_start, c.end) for c in source.body_chapters()]
    identity = identify_narrator(text, "en", find_quotes(source), regions)
    assert identity.named and identity.name == "Tobias Finch"


def test_crlf_and_hard_wrapped_names_give_the_same_analysis(source_of: Maker) -> None:
    wrapped = EN_FIRST_PERSON.replace("Captain Moss", "Captain\nMoss")
    lf_cast, lf_quotes, _, _ = analyze(source_of(wrapped))
    crlf_cast, crlf_quotes, _, _ = analyze(source_of(wrapped.replace("\n", "\r\n")))
    assert [c.name for c in crlf_cast.characters] == [c.name for c in lf_cast.characters]
    names = {c.id: c.name for c in lf_cast.characters}
    crlf_names = {c.id: c.name for c in crlf_cast.characters}
    assert [(q.text, crlf_names.get(q.speaker)) for q in crlf_quotes.quotes] == [
        (q.text, names.get(q.speaker)) for q in lf_quotes.quotes
    ]


def test_a_titled_surname_others_give_the_narrator_is_theirs_too(source_of: Maker) -> None:
    text = (
        EN_FIRST_PERSON
        + "\n\nMrs. Moss was waiting at the gate.\n\n"
        + '"Good evening, Mr. Fenn," said Mrs. Moss. "Did my husband keep you long?"\n\n'
        + '"All day," I said.\n\n"He always does, Mr. Fenn. Good night, Mr. Fenn."\n\n'
        + '"Wren, Wren! The boat!" Captain Moss shouted from the quay. "Hurry, Wren!"\n'
    )
    cast, _, _, _ = analyze(source_of(text))
    narrator = cast.narrator()
    assert narrator is not None and narrator.name == "Wren"
    assert {"Mr. Fenn", "Fenn"} <= set(narrator.aliases)
    assert not any(c.name in ("Fenn", "Mr. Fenn") for c in cast.characters)
