"""Chapter detection: headings in Chinese and English, false positives, front/back matter, the corpus."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from microdrama.model.source import Chapter
from microdrama.text.chapters import (
    HeadingHint,
    classify_heading,
    detect_sections,
    parse_chinese_numeral,
    parse_english_number,
    parse_roman,
)

BODY_EN = "It was a dark and stormy night; the rain fell in torrents, except at occasional intervals.\n\n" * 8
BODY_ZH = "    却说那宝玉自从林黛玉回去以后，心中闷闷不乐，整日无精打采，只在房中坐着。\n\n" * 8


def sections(text: str, **kwargs: object) -> list[Chapter]:
    found = detect_sections(text, **kwargs).chapters  # type: ignore[arg-type]
    assert_tiles(text, found)
    return found


def assert_tiles(text: str, chapters: list[Chapter]) -> None:
    assert chapters[0].start == 0
    assert chapters[-1].end == len(text)
    for one, two in itertools.pairwise(chapters):
        assert one.end == two.start
    for index, chapter in enumerate(chapters, start=1):
        assert chapter.index == index
        assert chapter.start <= chapter.body_start <= chapter.end
        if chapter.title:
            heading = text[chapter.start : chapter.body_start]
            assert chapter.title in heading or chapter.title.strip("_") in heading


def chapters_only(found: list[Chapter]) -> list[Chapter]:
    return [c for c in found if c.label == "chapter"]


# -- numbers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百二十", 120), ("一百十七", 117), ("一百零五", 105),
     ("两百", 200), ("一千零一", 1001), ("三〇二", 302), ("12", 12), ("１２０", 120), ("廿一", 21)],
)  # fmt: skip
def test_parse_chinese_numeral(numeral: str, value: int) -> None:
    assert parse_chinese_numeral(numeral) == value


def test_parse_roman_and_words() -> None:
    assert [parse_roman(r) for r in ("I", "IV", "IX", "XIV", "XL", "LXI", "CXVII")] == [1, 4, 9, 14, 40, 61, 117]
    assert parse_roman("IIII") is None and parse_roman("VX") is None and parse_roman("") is None
    assert parse_english_number("the First") == 1
    assert parse_english_number("Twenty-Second") == 22
    assert parse_english_number("ninety nine") == 99
    assert parse_english_number("Twelve Forty") is None


# -- single lines ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "level", "number"),
    [
        ("第一百二十回　甄士隐详说太虚情　贾雨村归结红楼梦", "chapter", 120),
        ("　　第一章　序", "chapter", 1),
        ("第3章 重逢", "chapter", 3),
        ("第１２章", "chapter", 12),
        ("第二卷　风起", "part", 2),
        ("第一部", "part", 1),
        ("CHAPTER I. Down the Rabbit-Hole", "chapter", 1),
        ("Chapter 12", "chapter", 12),
        ("Chapter the First", "chapter", 1),
        ("Chapter Twenty-One: The Storm", "chapter", 21),
        ("CHAPTER XIII", "chapter", 13),
        ("PART II. _The Country of the Saints._", "part", 2),
        ("BOOK ONE", "part", 1),
        ("VOLUME FIVE", "part", 5),
        ("[Illustration: ·PRIDE· Chapter I.]", None, None),
        ("Chapter I.]", "chapter", 1),
    ],
)
def test_strong_headings(line: str, level: str | None, number: int | None) -> None:
    found = classify_heading(line)
    if level is None:
        assert found is None or found.level != "chapter"
        return
    assert found is not None and found.strong
    assert (found.level, found.number) == (level, number)


@pytest.mark.parametrize(
    "line",
    [
        "第四回中既将薛家母子在荣府内寄居等事略已表明，此回则暂不能写矣。",
        "第二天一早他就走了。",
        "Chapter and verse were quoted at him.",
        "Chapter one was boring, she said.",
        "chapter 3 of the report",
        "Part of the money was gone.",
        "Book two is better than book one, said he.",
        "I had seen little of Holmes lately.",
        "一面走着，一面想。",
        "3. the rest of it",
        "   6 o'clock, he said.",
    ],
)
def test_prose_lines_are_not_headings(line: str) -> None:
    assert classify_heading(line) is None


@pytest.mark.parametrize(
    ("line", "label"),
    [("Contents", "contents"), ("TABLE OF CONTENTS", "contents"), ("PREFACE.", "preface"),
     ("List of Illustrations.", "illustrations"), ("Transcriber’s Note", "transcriber_note"),
     ("INTRODUCTION", "introduction"), ("Dedication", "dedication"), ("FOOTNOTES:", "footnotes"),
     ("目　录", "contents"), ("前言", "preface"), ("后记", "afterword"), ("楔子", "prologue")],
)  # fmt: skip
def test_matter_headings(line: str, label: str) -> None:
    found = classify_heading(line)
    assert found is not None and found.label == label


# -- whole texts ---------------------------------------------------------------------------------------------


def test_chinese_chapters_with_opening_title() -> None:
    text = "《测试之书》\n\n" + "".join(f"第{n}回　标题{n}\n\n{BODY_ZH}" for n in ("一", "二", "三", "一百二十"))
    found = sections(text)
    assert next((c.kind, c.label) for c in found) == ("front_matter", "title_page")
    assert [c.number for c in chapters_only(found)] == [1, 2, 3, 120]
    assert detect_sections(text).warnings == ["chapter numbers jump from 3 to 120 at '第一百二十回\\u3000标题一百二十'"]


def test_english_chapters_and_numbering() -> None:
    text = "".join(f"CHAPTER {r}.\n\n{BODY_EN}" for r in ("I", "II", "III", "IV"))
    found = sections(text)
    assert [c.number for c in found] == [1, 2, 3, 4]
    assert found[0].start == 0 and text[found[0].start : found[0].body_start] == "CHAPTER I.\n"


def test_chapter_the_first_style() -> None:
    text = "".join(f"Chapter the {w}\n\n{BODY_EN}" for w in ("First", "Second", "Third"))
    assert [c.number for c in sections(text)] == [1, 2, 3]


def test_no_headings_gives_one_section() -> None:
    text = BODY_ZH * 3
    found = detect_sections(text)
    assert len(found.chapters) == 1
    assert (found.chapters[0].kind, found.chapters[0].title, found.chapters[0].end) == ("chapter", "", len(text))
    assert found.warnings


def test_roman_numerals_alone_on_a_line() -> None:
    text = "The Book\n\n" + "".join(f"                 {r}\n\n{BODY_EN}" for r in ("I", "II", "III"))
    found = sections(text)
    assert [c.number for c in chapters_only(found)] == [1, 2, 3]


def test_numbered_short_headings() -> None:
    text = "".join(f"{n}. The {w}\n\n{BODY_EN}" for n, w in ((1, "Start"), (2, "Middle"), (3, "End")))
    assert [c.title for c in sections(text)] == ["1. The Start", "2. The Middle", "3. The End"]


def test_chinese_enumerated_headings_on_short_lines() -> None:
    text = "".join(f"{n}、\n\n{BODY_ZH}" for n in ("一", "二", "三"))
    assert [c.number for c in sections(text)] == [1, 2, 3]


def test_numbered_dialogue_and_lists_are_not_chapters() -> None:
    text = (
        BODY_EN
        + "“Three things,” he said.\n\n1. Buy bread.\n\n2. Feed the cat.\n\n3. Leave.\n\n"
        + BODY_EN
        + "12. That was the number on the door.\n\n"
        + BODY_EN
    )
    found = sections(text)
    assert len(found) == 1 and found[0].title == ""


def test_weak_headings_are_ignored_when_strong_ones_exist() -> None:
    text = "".join(f"Chapter {n}. A Title\n\n{BODY_EN}6. From Lyons\n\n{BODY_EN}" for n in (1, 2, 3))
    assert [c.number for c in sections(text)] == [1, 2, 3]


def test_heading_word_inside_a_paragraph_is_prose() -> None:
    text = (
        "CHAPTER I.\n\n"
        + BODY_EN
        + "He turned the page and read\nChapter 2 of the old book aloud\nto her.\n\n"
        + BODY_EN
    )
    assert len(sections(text)) == 1


def test_table_of_contents_is_front_matter_not_empty_chapters() -> None:
    contents = "Contents\n\n" + "".join(f"Chapter {n}. Title {n}\n" for n in range(1, 6)) + "\n\n\n"
    body = "".join(f"Chapter {n}. Title {n}\n\n{BODY_EN}" for n in range(1, 6))
    text = "MY NOVEL\n\n" + contents + body
    found = sections(text)
    assert [(c.kind, c.label) for c in found[:2]] == [("front_matter", "title_page"), ("front_matter", "contents")]
    assert [c.number for c in chapters_only(found)] == [1, 2, 3, 4, 5]
    assert all(c.end - c.body_start > 100 for c in chapters_only(found))


def test_contents_without_a_heading_word_still_tagged() -> None:
    contents = "".join(f"{r}\n" for r in ("I", "II", "III", "IV")) + "\n\n"
    body = "".join(f"                {r}\n\n{BODY_EN}" for r in ("I", "II", "III", "IV"))
    found = sections("Title\n\n" + contents + body)
    assert found[1].label == "contents" and found[1].kind == "front_matter"
    assert [c.number for c in chapters_only(found)] == [1, 2, 3, 4]


def test_title_line_directly_above_first_chapter_is_not_a_chapter() -> None:
    text = "I. A SCANDAL IN BOHEMIA\n\n\nI.\n\n" + BODY_EN + "II.\n\n" + BODY_EN + "III.\n\n" + BODY_EN
    found = sections(text)
    assert found[0].label == "title_page"
    assert [c.title for c in chapters_only(found)] == ["I.", "II.", "III."]


def test_parts_and_chapters() -> None:
    text = "".join(
        f"PART {p}.\n\n" + "".join(f"CHAPTER {c}. NAME\n\n{BODY_EN}" for c in ("I", "II")) for p in ("I", "II")
    )
    found = sections(text)
    assert [(c.label, c.number) for c in found] == [
        ("part", 1), ("chapter", 1), ("chapter", 2), ("part", 2), ("chapter", 1), ("chapter", 2)
    ]  # fmt: skip


def test_front_and_back_matter() -> None:
    text = (
        "PREFACE.\n\nSome words about the book.\n\n"
        + "".join(f"CHAPTER {r}.\n\n{BODY_EN}" for r in ("I", "II"))
        + "FOOTNOTES:\n\n[1] A note.\n\n[2] Another.\n"
    )
    found = sections(text)
    assert [(c.kind, c.label) for c in found] == [
        ("front_matter", "preface"),
        ("chapter", "chapter"),
        ("chapter", "chapter"),
        ("back_matter", "footnotes"),
    ]


def test_unannounced_footnote_block_is_back_matter() -> None:
    text = (
        "".join(f"CHAPTER {r}.\n\n{BODY_EN}" for r in ("I", "II"))
        + "[Footnote 1: one]\n\n[Footnote 2: two]\n\n[Footnote 3: three]\n"
    )
    found = sections(text)
    assert (found[-1].kind, found[-1].label) == ("back_matter", "footnotes")
    assert text[found[-1].start :].startswith("[Footnote 1:")


def test_preface_word_after_first_chapter_is_not_front_matter() -> None:
    text = "CHAPTER I.\n\n" + BODY_EN + "Preface\n\n" + BODY_EN + "CHAPTER II.\n\n" + BODY_EN
    assert [c.label for c in sections(text)] == ["chapter", "chapter"]


def test_illustration_wrapped_heading_starts_at_the_bracket() -> None:
    text = (
        "PREFACE.\n\nWords.\n\n[Illustration: ·PRIDE AND PREJUDICE·\n\n\nChapter I.]\n\n"
        + BODY_EN
        + "CHAPTER II.\n\n"
        + BODY_EN
    )
    found = sections(text)
    first = chapters_only(found)[0]
    assert text[first.start :].startswith("[Illustration:")
    assert first.title == "Chapter I."


def test_hints_make_headings_and_a_lone_top_heading_is_the_title() -> None:
    text = "# My Book\n\n## The Beginning\n\nText one.\n\n## The Middle\n\nText two.\n"
    hints = [
        HeadingHint(0, 9, "My Book", 1),
        HeadingHint(11, 27, "The Beginning", 2),
        HeadingHint(40, 53, "The Middle", 2),
    ]
    assert text[11:27] == "## The Beginning" and text[40:53] == "## The Middle"
    found = sections(text, hints=hints)
    assert [(c.label, c.title) for c in found] == [
        ("title_page", ""),
        ("chapter", "The Beginning"),
        ("chapter", "The Middle"),
    ]


def test_boundaries_are_sections_when_no_heading_is_found() -> None:
    text = "first document\n\nsecond document\n\nthird\n"
    found = sections(text, boundaries=[0, 16, 33])
    assert [text[c.start : c.end] for c in found] == ["first document\n\n", "second document\n\n", "third\n"]


# -- the corpus -------------------------------------------------------------------------------------------

EXPECTED_CHAPTERS = {
    "zh_hongloumeng_full.txt": 120,
    "zh_luxun_ah_q_zhengzhuan.txt": 9,
    "zh_xiyouji_ch01-07.txt": 7,
    "zh_luxun_shangshi.txt": 0,
    "en_pride_and_prejudice.txt": 61,
    "en_count_of_monte_cristo.txt": 117,
    "en_alice_in_wonderland.txt": 12,
    "en_a_study_in_scarlet.txt": 14,
    "en_the_great_gatsby.txt": 9,
    "en_a_scandal_in_bohemia.txt": 3,
}


@pytest.mark.parametrize("name", sorted(EXPECTED_CHAPTERS))
def test_corpus_chapter_counts(corpus_dir: Path, name: str) -> None:
    text = (corpus_dir / name).read_text(encoding="utf-8")
    found = sections(text)
    numbered = [c for c in found if c.label == "chapter" and c.number is not None]
    assert len(numbered) == EXPECTED_CHAPTERS[name]
    if name != "en_a_study_in_scarlet.txt":  # numbering restarts in Part II
        assert [c.number for c in numbered] == list(range(1, len(numbered) + 1))
    assert all(c.end - c.body_start > 1000 for c in numbered), "no empty chapters"


def test_corpus_front_and_back_matter(corpus_dir: Path) -> None:
    def labels(name: str) -> list[tuple[str, str]]:
        found = sections((corpus_dir / name).read_text(encoding="utf-8"))
        return [(c.kind, c.label) for c in found if c.label != "chapter"]

    assert labels("en_pride_and_prejudice.txt") == [
        ("front_matter", "title_page"),
        ("front_matter", "preface"),
        ("front_matter", "illustrations"),
    ]
    monte_cristo = labels("en_count_of_monte_cristo.txt")
    assert monte_cristo[:2] == [("front_matter", "title_page"), ("front_matter", "contents")]
    assert monte_cristo.count(("chapter", "part")) == 5
    assert monte_cristo[-1] == ("back_matter", "footnotes")
    assert labels("en_a_study_in_scarlet.txt") == [
        ("front_matter", "title_page"),
        ("front_matter", "transcriber_note"),
        ("front_matter", "editor_note"),
        ("chapter", "part"),
        ("chapter", "part"),
        ("back_matter", "transcriber_note"),
    ]
    assert labels("en_the_great_gatsby.txt") == [("front_matter", "title_page"), ("front_matter", "contents")]


def test_study_in_scarlet_parts_hold_their_chapters(corpus_dir: Path) -> None:
    found = sections((corpus_dir / "en_a_study_in_scarlet.txt").read_text(encoding="utf-8"))
    shape = [(c.label, c.number) for c in found if c.kind == "chapter"]
    assert shape == [
        ("part", 1),
        *[("chapter", n) for n in range(1, 8)],
        ("part", 2),
        *[("chapter", n) for n in range(1, 8)],
    ]


def test_chinese_chapters_without_blank_lines() -> None:
    body = "　　却说那宝玉自从林黛玉回去以后，心中闷闷不乐，整日无精打采，只在房中坐着。\n" * 5
    text = "".join(f"第{n}章　标题\n{body}" for n in ("一", "二", "三")) + "第四卷　新篇\n第四章　又一章\n" + body
    found = sections(text)
    assert [(c.label, c.number) for c in found] == [
        ("chapter", 1),
        ("chapter", 2),
        ("chapter", 3),
        ("part", 4),
        ("chapter", 4),
    ]


def test_english_chapters_with_one_paragraph_per_line() -> None:
    body = "It was a dark and stormy night; the rain fell in torrents, except at occasional intervals.\n" * 5
    text = "".join(f"Chapter {n}\n{body}" for n in (1, 2, 3))
    assert [c.number for c in sections(text)] == [1, 2, 3]


def test_heading_line_continuing_a_sentence_is_prose() -> None:
    text = (
        "CHAPTER I.\n\n"
        + BODY_EN
        + "And then he shouted the words of the old song,\nChapter Two: The Return\nof the King, and sat.\n\n"
        + BODY_EN
    )
    assert len(sections(text)) == 1


def test_untitled_story_opening_is_a_chapter_not_a_title_page() -> None:
    prologue = "The night before it all began, the town was quiet and the river ran high under the bridge.\n" * 6
    text = "The Book\n\n" + prologue + "\nCHAPTER I.\n\n" + BODY_EN + "CHAPTER II.\n\n" + BODY_EN
    found = sections(text)
    assert (found[0].kind, found[0].label, found[0].title) == ("chapter", "chapter", "")
    short = sections("The Book\n\nby Someone\n\n" + "CHAPTER I.\n\n" + BODY_EN + "CHAPTER II.\n\n" + BODY_EN)
    assert (short[0].kind, short[0].label) == ("front_matter", "title_page")


def test_contents_split_where_numbering_restarts_is_one_section() -> None:
    contents = (
        "CONTENTS\n\nPART I.\nCHAPTER I. A\nCHAPTER II. B\nCHAPTER III. C\n"
        "PART II.\nCHAPTER I. D\nCHAPTER II. E\nCHAPTER III. F\n\n"
    )
    body = "".join(
        f"PART {p}.\n\n" + "".join(f"CHAPTER {c}. X\n\n{BODY_EN}" for c in ("I", "II", "III")) for p in ("I", "II")
    )
    found = sections(contents + body)
    assert [c.label for c in found].count("contents") == 1
    assert len(chapters_only(found)) == 6


def test_preface_heading_without_chapters_does_not_swallow_the_story() -> None:
    text = "INTRODUCTION\n\n" + BODY_EN * 3
    found = sections(text)
    assert [(c.kind, c.label) for c in found] == [("chapter", "chapter")]


def test_prologue_directly_above_chapter_one_is_kept() -> None:
    text = "PROLOGUE\n\n\nCHAPTER I.\n\n" + BODY_EN + "CHAPTER II.\n\n" + BODY_EN
    assert [c.label for c in sections(text)] == ["prologue", "chapter", "chapter"]
