"""Quotation finding: marks, nesting, interruptions, multi-paragraph speeches, front matter, terms."""

from __future__ import annotations

from collections.abc import Callable

from microdrama.analyze.quotes import find_quotes, is_quoted_term, uses_single_quotes
from microdrama.model import Source

Maker = Callable[..., Source]

_OPEN = '“"‘「『'
_CLOSE = '”"’」』'


def test_spans_start_and_end_with_marks(source_of: Maker, en_story: str, zh_story: str) -> None:
    for text, language in ((en_story, "en"), (zh_story, "zh")):
        source = source_of(text, language, front_matter=True)
        quotes = find_quotes(source)
        assert quotes
        for quote in quotes:
            assert text[quote.start] in _OPEN
            assert text[quote.end - 1] in _CLOSE
            for part in quote.parts:
                assert quote.start < part.start <= part.end < quote.end


def test_front_matter_is_skipped(source_of: Maker, en_story: str, zh_story: str) -> None:
    source = source_of(en_story, front_matter=True)
    quotes = find_quotes(source)
    assert all("Editor" not in q.text and "Nothing here" not in q.text for q in quotes)
    assert all(q.chapter in (2, 3) for q in quotes)


def test_interrupted_quote_has_two_parts(source_of: Maker, en_story: str, zh_story: str) -> None:
    source = source_of(en_story)
    quote = next(q for q in find_quotes(source) if q.text.startswith("I know"))
    assert len(quote.parts) == 2
    assert quote.text == "I know, but not tonight."
    assert en_story[quote.start : quote.end] == '"I know," he said, "but not tonight."'


def test_multi_paragraph_quote_is_one_quote(source_of: Maker, en_story: str, zh_story: str) -> None:
    source = source_of(en_story)
    quote = next(q for q in find_quotes(source) if q.text.startswith("This is the beginning"))
    assert len(quote.parts) == 2
    assert "\n\n" in en_story[quote.start : quote.end]
    assert quote.text.endswith("And here it ends at last,")


def test_nested_quote_and_apostrophes_stay_inside(source_of: Maker, en_story: str, zh_story: str) -> None:
    source = source_of(en_story)
    quotes = find_quotes(source)
    nested = next(q for q in quotes if q.text.startswith("He told me"))
    assert "'never again'" in nested.text
    assert "Don't ask me more." in nested.text
    assert not any(q.text.startswith("never again") for q in quotes)


def test_single_quote_books_ignore_apostrophes(source_of: Maker, en_story: str, zh_story: str) -> None:
    text = "Chapter 1\n\n‘Don’t go,’ said Clara, ‘it’s late.’ The cat’s tail moved.\n\n‘Ann’s gone,’ said Tom.\n"
    source = source_of(text)
    assert uses_single_quotes(text)
    quotes = find_quotes(source)
    assert [q.text for q in quotes] == ["Don’t go, it’s late.", "Ann’s gone,"]


def test_corner_brackets_nest(source_of: Maker, en_story: str, zh_story: str) -> None:
    text = "第一章\n\n他说：「她告诉我『别去』，我就没去。」然后走了。\n"
    quotes = find_quotes(source_of(text, "zh"))
    assert len(quotes) == 1
    assert quotes[0].text == "她告诉我『别去』，我就没去。"


def test_quoted_term_is_recognised(source_of: Maker, en_story: str, zh_story: str) -> None:
    source = source_of(en_story)
    quotes = find_quotes(source)
    term = next(q for q in quotes if q.text == "Pemberley")
    speech = next(q for q in quotes if q.text.startswith("You are late"))
    assert is_quoted_term(en_story, term, "en")
    assert not is_quoted_term(en_story, speech, "en")
    zh = "第一章\n\n人们都叫他“假洋鬼子”。他说：“走罢。”\n"
    zh_quotes = find_quotes(source_of(zh, "zh"))
    assert [is_quoted_term(zh, q, "zh") for q in zh_quotes] == [True, False]


def test_ids_are_sequential_in_text_order(source_of: Maker, en_story: str, zh_story: str) -> None:
    quotes = find_quotes(source_of(en_story))
    assert [q.id for q in quotes] == [f"q{n:05d}" for n in range(1, len(quotes) + 1)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_ascii_single_quotes_tell_apostrophes_apart(source_of: Maker, en_story: str, zh_story: str) -> None:
    text = (
        "Chapter 1\n\n'Don't go,' said Anne. 'It's late, and 'tis cold.'\n\n"
        "The boys' room was dark. 'I'm goin' home,' said Tom, 'whatever the Joneses' dog thinks.'\n\n"
        "'Where is James's hat?' she asked. They'd gone.\n"
    )
    assert uses_single_quotes(text)
    quotes = find_quotes(source_of(text))
    assert [q.text for q in quotes] == [
        "Don't go, It's late, and 'tis cold.",
        "I'm goin' home, whatever the Joneses' dog thinks.",
        "Where is James's hat?",
    ]
    assert [len(q.parts) for q in quotes] == [2, 2, 1]


def test_apostrophes_in_a_double_quoted_book_open_nothing(source_of: Maker, en_story: str, zh_story: str) -> None:
    text = "Chapter 1\n\n\"Don't,\" said Anne. The boys' room was dark. 'Tis late, and the cat's asleep.\n"
    assert not uses_single_quotes(text)
    assert [q.text for q in find_quotes(source_of(text))] == ["Don't,"]


def test_guillemets_both_ways(source_of: Maker, en_story: str, zh_story: str) -> None:
    french = "Chapter 1\n\n«Hello», he said, «where to?»\n\n«Home», she replied.\n"
    assert [q.text for q in find_quotes(source_of(french))] == ["Hello where to?", "Home"]
    german = "Chapter 1\n\n»Hallo«, sagte er. »Wohin?«\n\n»Nach Hause«, sagte sie.\n"
    assert [q.text for q in find_quotes(source_of(german))] == ["Hallo", "Wohin?", "Nach Hause"]


def test_dash_dialogue(source_of: Maker, en_story: str, zh_story: str) -> None:
    text = "Chapter 1\n\n— Where are you going? — he asked. — It is late.\n\n— Home, she said.\n\nHe watched her go.\n\n— Goodbye.\n"
    quotes = find_quotes(source_of(text))
    assert [q.text for q in quotes] == ["Where are you going? It is late.", "Home, she said.", "Goodbye."]
    assert len(quotes[0].parts) == 2
    assert text[quotes[0].parts[1].start : quotes[0].parts[1].end] == "It is late."


def test_chinese_dashes_are_not_dialogue(source_of: Maker, en_story: str, zh_story: str) -> None:
    text = "第一章\n\n——涓生的手记\n\n他说：“走罢。”\n"
    assert [q.text for q in find_quotes(source_of(text, "zh"))] == ["走罢。"]


def test_multi_paragraph_single_quoted_speech(source_of: Maker, en_story: str, zh_story: str) -> None:
    text = "Chapter 1\n\n'It began in the spring,' said Anne. 'We walked every day.\n\n'And then it rained.'\n\nShe stopped.\n"
    quotes = find_quotes(source_of(text))
    assert len(quotes) == 1
    assert quotes[0].text.endswith("And then it rained.")
