"""Language and script detection, on short samples and on the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.text.language import detect_language, detect_script, sample_text


@pytest.mark.parametrize(
    ("text", "language", "script"),
    [
        ("我要给阿Ｑ做正传，已经不止一两年了。但一面要做，一面又往回想。", "zh", "Hans"),
        ("我要給阿Ｑ做正傳，已經不止一兩年了。但一面要做，一面又往回想。", "zh", "Hant"),
        ("It is a truth universally acknowledged, that a single man in possession of a fortune.", "en", None),
        ("Il était une fois une très belle princesse qui habitait un château près de la forêt.", "und", None),
        ("吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。", "und", None),
        ("1234 5678 ... !!!", "und", None),
        ("", "und", None),
    ],
)
def test_detect_language(text: str, language: str, script: str | None) -> None:
    guess = detect_language(text)
    assert (guess.language, guess.script) == (language, script)


def test_chinese_with_some_english_is_chinese() -> None:
    assert detect_language("他用英文说：“Hello, how are you?” 然后笑了。" * 3).language == "zh"


def test_script_counts_occurrences_not_just_kinds() -> None:
    assert detect_script("這個" * 10 + "这") == "Hant"
    assert detect_script("这个" * 10 + "這") == "Hans"


def test_sample_text_is_bounded_and_spread() -> None:
    text = "".join(str(i % 10) for i in range(1_000_000))
    sample = sample_text(text, windows=4, window_chars=100)
    assert len(sample) == 400
    assert sample[:100] == text[:100] and sample[-100:] == text[-100:]


def test_corpus_languages(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*.txt")):
        guess = detect_language(path.read_text(encoding="utf-8"))
        expected = ("zh", "Hans") if path.name.startswith("zh_") else ("en", None)
        assert (guess.language, guess.script) == expected, path.name


def test_very_short_texts() -> None:
    assert detect_language("第一章 开端\n\n他说：“你好。”\n\n第二章 结局\n\n她笑道：“再见。”\n").language == "zh"
    assert detect_language("他说").language == "zh"
    assert detect_language("It was the end of it.").language == "en"
    assert detect_language("Yes.").language == "und"
