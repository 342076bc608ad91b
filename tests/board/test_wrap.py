"""Caption wrapping: by word in English, by character in Chinese, never a line starting with punctuation."""

from __future__ import annotations

from microdrama.board.wrap import clamp_lines, wrap
from microdrama.engines.image.fonts import ui_font
from microdrama.screenplay.lines import plain, sentences


def test_english_wraps_by_word_within_the_width() -> None:
    font = ui_font("en", 40)
    lines = wrap("Either way, Eleanor, Gull Street becomes my marina.", font, 400, "en")
    assert len(lines) > 1 and " ".join(lines) == "Either way, Eleanor, Gull Street becomes my marina."
    assert all(font.getlength(line) <= 400 for line in lines)


def test_chinese_wraps_by_character_and_keeps_punctuation_on_the_line() -> None:
    font = ui_font("zh-Hans", 40)
    text = "阿念，你又瘦了，快进屋，别让整条街都看见。"
    for width in range(200, 900, 37):
        lines = wrap(text, font, width, "zh-Hans")
        assert "".join(lines) == text and not any(line[0] in "，。" for line in lines)


def test_clamp_marks_cut_text() -> None:
    assert clamp_lines(["a", "b", "c"], 2) == ["a", "b…"] and clamp_lines(["a"], 2) == ["a"]


def test_emphasis_marks_are_dropped_but_lone_underscores_and_stars_stay() -> None:
    assert (
        plain("We are not in a way to know _what_ Mr. Bingley likes")
        == "We are not in a way to know what Mr. Bingley likes"
    )
    assert plain("I _am_ the youngest, *so* there; __very__ tall") == "I am the youngest, so there; very tall"
    assert plain("snake_case and 2 * 3 * 4") == "snake_case and 2 * 3 * 4"


def test_sentences_do_not_end_on_titles_or_initials() -> None:
    assert sentences("I do not believe Mrs. Long will. M. Morrel smiled! Go", "en") == [
        "I do not believe Mrs. Long will. ",
        "M. Morrel smiled! ",
        "Go",
    ]
    assert sentences("好。走吧；快走……。", "zh-Hans") == ["好。", "走吧；", "快走……。"]
