"""ASS: a 9:16 style inside the safe zone with a CJK font; text and (centisecond) times round-trip."""

from __future__ import annotations

from formats.subtitle_samples import same_text_and_times, sample_cues

from microdrama.formats import ass


def test_round_trip_to_the_centisecond() -> None:
    cues = sample_cues()
    assert same_text_and_times(ass.read_cues(ass.write_cues(cues, "zh-Hans")), cues, precision_ms=10)


def test_vertical_style_and_fonts() -> None:
    text = ass.write_cues(sample_cues(), "zh-Hant-HK")
    assert "PlayResX: 1080" in text and "PlayResY: 1920" in text
    style = next(line for line in text.splitlines() if line.startswith("Style: Default"))
    fields = style.split(",")
    assert fields[1] == "Noto Sans CJK HK"
    assert fields[-4:] == ["108", "170", "460", "1"]  # margins L, R, V keep clear of platform UI
    assert "Noto Sans CJK SC" in ass.write_cues(sample_cues(), "zh-Hans")
    assert "Noto Sans," in ass.write_cues(sample_cues(), "en")


def test_braces_are_not_taken_for_override_tags() -> None:
    cues = sample_cues()[:1]
    cues[0] = cues[0].model_copy(update={"lines": ["{\\b1}not a tag"]})
    assert "not a tag" in ass.read_cues(ass.write_cues(cues))[0].lines[0]
