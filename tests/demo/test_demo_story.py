"""The bundled demo story: present in both languages, well-formed, and the cast/places the analysis relies on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import microdrama.demo
from microdrama.demo import DEMO_LANGUAGES, demo_story_path
from microdrama.errors import SettingsError

MIN_CHARS, MAX_CHARS = 3000, 6000
MIN_QUOTES = 30

EN_HEADING = re.compile(r"^Chapter (\d+)$")
ZH_NUMERALS = "一二三四五六"
ZH_HEADING = re.compile(rf"^第([{ZH_NUMERALS}])章 \S+$")
LOOKS_LIKE_HEADING = {"en": re.compile(r"^chapter\b", re.IGNORECASE), "zh": re.compile(r"^第\S{1,3}章")}

# Ground truth the analysis stages are tested against: name -> the other ways the text refers to them.
CAST = {
    "en": {
        "Nell": ["Eleanor", "Miss Pryce"],
        "Ruth": ["Aunt Ruth", "Ruth Pryce"],
        "Victor": ["Victor Harrow"],
        "Owen": ["Owen Blake"],
        "Ada": ["Ada Finch"],
        "Thomas": ["Thomas Pryce"],
    },
    "zh": {
        "沈念": ["阿念", "沈小姐"],
        "沈秀兰": ["秀兰", "姑姑"],
        "韩振东": ["振东", "韩先生"],
        "周屿": [],
        "方婶": [],
        "沈守平": [],
    },
}
PLACES = {
    "en": ["Saltmarsh Harbour", "Gull Street", "Pryce Clocks", "Harbour Museum", "Ridge House"],
    "zh": ["白沙港", "海鸥街", "沈记钟表铺", "海港博物馆", "望崖楼"],
}
OPEN_QUOTE, CLOSE_QUOTE = "“", "”"


def read_story(lang: str) -> str:
    return demo_story_path(lang).read_bytes().decode("utf-8")


def standalone_count(text: str, word: str, names: list[str]) -> int:
    """How often ``word`` occurs outside the longer ``names`` that contain it (秀兰 outside 沈秀兰)."""
    for longer in sorted(names, key=len, reverse=True):
        if word in longer and longer != word:
            text = text.replace(longer, "")
    return text.count(word)


def quote_problems(text: str) -> list[str]:
    """Where curly double quotes do not pair up inside a paragraph (nesting and runaway quotes included)."""
    problems: list[str] = []
    for number, paragraph in enumerate(text.split("\n\n"), start=1):
        open_at: int | None = None
        for index, char in enumerate(paragraph):
            if char == OPEN_QUOTE:
                if open_at is not None:
                    problems.append(f"paragraph {number}: quote opened at {open_at} is reopened at {index}")
                open_at = index
            elif char == CLOSE_QUOTE:
                if open_at is None:
                    problems.append(f"paragraph {number}: closing quote at {index} has no opening one")
                open_at = None
        if open_at is not None:
            problems.append(f"paragraph {number}: quote opened at {open_at} is never closed")
    return problems


def test_quote_checker_catches_broken_quotes() -> None:
    assert quote_problems("“Hi,” she said.\n\n“Bye.”") == []
    assert quote_problems("“Hi, she said.\n\nBye.”") == [
        "paragraph 1: quote opened at 0 is never closed",
        "paragraph 2: closing quote at 4 has no opening one",
    ]
    assert quote_problems("“a “b” c”") != []


def test_languages() -> None:
    assert DEMO_LANGUAGES == ("en", "zh")


@pytest.mark.parametrize("lang", DEMO_LANGUAGES)
def test_story_file_is_package_data(lang: str) -> None:
    path = demo_story_path(lang)
    assert path.is_file()
    assert path.name == f"story_{lang}.txt"
    assert path.parent == Path(microdrama.demo.__file__).parent


@pytest.mark.parametrize("lang", ["fr", "EN", "", "zh-Hant"])
def test_unknown_language_is_a_settings_error(lang: str) -> None:
    with pytest.raises(SettingsError, match=r"known languages: en, zh") as caught:
        demo_story_path(lang)
    assert repr(lang) in str(caught.value)


@pytest.mark.parametrize("lang", DEMO_LANGUAGES)
def test_encoding_and_layout(lang: str) -> None:
    raw = demo_story_path(lang).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM"
    assert b"\r" not in raw, "line endings must be LF"
    text = raw.decode("utf-8")
    assert MIN_CHARS <= len(text) <= MAX_CHARS, len(text)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text, "paragraphs are separated by exactly one blank line"
    assert all(line == line.strip() for line in text.splitlines()), "no leading/trailing spaces"


@pytest.mark.parametrize("lang", DEMO_LANGUAGES)
def test_title_then_chapter_headings_in_order(lang: str) -> None:
    lines = read_story(lang).splitlines()
    heading = EN_HEADING if lang == "en" else ZH_HEADING
    assert lines[0] and not LOOKS_LIKE_HEADING[lang].match(lines[0]), "the first line is the title"
    assert lines[1] == "", "a blank line follows the title"
    numbers = [match.group(1) for line in lines if (match := heading.match(line))]
    if lang == "en":
        expected = [str(n) for n in range(1, len(numbers) + 1)]
    else:
        expected = list(ZH_NUMERALS[: len(numbers)])
    assert numbers == expected
    assert 4 <= len(numbers) <= 6
    assert [line for line in lines if LOOKS_LIKE_HEADING[lang].match(line)] == [
        line for line in lines if heading.match(line)
    ], "every line that looks like a heading is a well-formed one"
    for index, line in enumerate(lines):
        if heading.match(line):
            assert lines[index - 1] == "" and lines[index + 1] == "", f"heading {line!r} stands alone"


@pytest.mark.parametrize("lang", DEMO_LANGUAGES)
def test_quotations_are_many_curly_and_paired(lang: str) -> None:
    text = read_story(lang)
    assert '"' not in text and "'" not in text, "quotes and apostrophes are curly throughout"
    assert text.count(OPEN_QUOTE) >= MIN_QUOTES
    assert quote_problems(text) == []


@pytest.mark.parametrize("lang", DEMO_LANGUAGES)
def test_every_chapter_has_dialogue(lang: str) -> None:
    heading = EN_HEADING if lang == "en" else ZH_HEADING
    chapters = re.split(heading.pattern, read_story(lang), flags=re.MULTILINE)[2::2]
    assert chapters and all(chapter.count(OPEN_QUOTE) >= 4 for chapter in chapters)


@pytest.mark.parametrize("lang", DEMO_LANGUAGES)
def test_cast_and_places_are_named_consistently(lang: str) -> None:
    text = read_story(lang)
    for name, aliases in CAST[lang].items():
        names = [name, *aliases]
        mentions = {form: standalone_count(text, form, names) for form in names}
        assert sum(mentions.values()) >= 2 and min(mentions.values()) >= 1, mentions
    for place in PLACES[lang]:
        assert text.count(place) >= 2, place


def test_english_attribution_forms() -> None:
    text = read_story("en")
    forms = {
        "name after quote": r"”,? (?:said|asked) (?:Nell|Ruth)\.",
        "name before said": r"\b(?:Nell|Owen) (?:said|asked), “",
        "question then asked": r"\?” (?:Nell|Victor) asked\.",
        "interrupted quote": r",” \w+ said(?: \w+)?, “[a-z]",
        "pronoun": r"”,? (?:he|she) (?:said|asked)",
        "vocative": r"“(?:Nell|Owen|Ada), ",
    }
    missing = [form for form, pattern in forms.items() if not re.search(pattern, text)]
    assert missing == []


def test_chinese_attribution_forms() -> None:
    text = read_story("zh")
    forms = {
        "name then 说：": r"沈念说：“",
        "name after quote 笑道": r"。”沈念笑道。",
        "pronoun 问道：": r"他问道：“",
        "interrupted quote": r"，”\w+说，“",
        "pronoun after quote": r"，”(?:他|她)说，",
        "alias in vocative": r"“阿念，",
    }
    missing = [form for form, pattern in forms.items() if not re.search(pattern, text)]
    assert missing == []
