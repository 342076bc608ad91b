"""Line breaking: within the per-language limits, after punctuation, bottom-heavy, never inside a name."""

from __future__ import annotations

from microdrama.subtitle.linebreak import break_lines, dual_lines, halve, split_text
from microdrama.subtitle.rules import Limits


def test_short_text_stays_on_one_line(zh: Limits, en: Limits) -> None:
    assert break_lines("白沙港谁不认识我父亲？", zh) == ["白沙港谁不认识我父亲？"]
    assert break_lines("Nobody in this town forgets.", en) == ["Nobody in this town forgets."]


def test_chinese_breaks_after_punctuation_within_sixteen(zh: Limits) -> None:
    lines = break_lines("阿念，你又瘦了，快进屋，别让整条街都看见。", zh)
    assert lines is not None and len(lines) == 2
    assert all(len(line) <= 16 for line in lines)
    assert lines[0][-1] in "，。"
    assert len(lines[0]) <= len(lines[1])  # bottom-heavy


def test_english_breaks_within_forty_two_and_not_after_an_article(en: Limits) -> None:
    text = "I have waited ten years for the truth about the clock."
    lines = break_lines(text, en)
    assert lines is not None and len(lines) == 2 and all(len(line) <= 42 for line in lines)
    assert lines[0].split()[-1].lower() not in {"the", "a", "an", "for", "about"}
    assert " ".join(lines) == text


def test_english_prefers_the_bottom_heavy_shape(en: Limits) -> None:
    top, bottom = break_lines("I will not sell the shop to you or to anybody else", en) or ["", ""]
    assert len(top) <= len(bottom)


def test_never_breaks_inside_a_protected_name(zh: Limits) -> None:
    text = "我早就说过了韩氏海运的人今天一定会来的"
    free = break_lines(text, zh)
    assert free is not None and not any("韩氏海运" in line for line in free)  # jieba alone would split it
    lines = break_lines(text, zh, ["韩氏海运"])
    assert lines is not None and "".join(lines) == text
    assert any("韩氏海运" in line for line in lines)


def test_english_name_is_never_split(en: Limits) -> None:
    text = "Tell Mr. Han Zhendong that the shop is not for sale at any price"
    lines = break_lines(text, en, ["Han Zhendong"])
    assert lines is not None and any("Han Zhendong" in line for line in lines)


def test_too_long_text_needs_splitting(zh: Limits, en: Limits) -> None:
    long_zh = "那我就开门见山了。你姑姑欠了韩氏海运四年房租。月底三十号之前，把铺子转给我，欠款一笔勾销。"
    assert break_lines(long_zh, zh) is None
    pieces = split_text(long_zh, zh)
    assert len(pieces) >= 2 and "".join(pieces) == long_zh
    assert all(break_lines(piece, zh) is not None for piece in pieces)
    assert pieces[0].endswith("。")  # split at a sentence end first
    long_en = (
        "Then I will be frank. Your aunt owes Han Shipping four years of rent. Sign the shop over by the thirtieth."
    )
    assert all(len(line) <= 42 for piece in split_text(long_en, en) for line in break_lines(piece, en) or ["x" * 99])


def test_halve_prefers_a_sentence_end() -> None:
    assert halve("Go home. Now, before he sees you.", False) == ("Go home.", "Now, before he sees you.")
    assert halve("没有", True, ["没有"]) is None


def test_dual_speaker_lines_use_the_language_dash(zh: Limits, en: Limits) -> None:
    assert dual_lines("Who is it?", "Police.", en) == ["-Who is it?", "-Police."]
    assert dual_lines("谁？", "警察。", zh) == ["–谁？", "–警察。"]
    assert dual_lines("x" * 42, "ok", en) is None
