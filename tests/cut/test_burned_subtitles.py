"""Burned-in subtitles: two lines at most, whole sentences kept together, drawn inside the safe zone."""

from __future__ import annotations

import io

from PIL import Image

from microdrama.cut.subtitles import HORIZONTAL, VERTICAL, cue_image, cues
from microdrama.model.media import LineTiming, Timing

LONG = (
    "Your aunt owes Harrow Marine four years of rent. Sign the shop over to me by Friday, "
    "or the bank takes it and I buy it from the bank."
)


def timing(text: str, language: str = "en") -> Timing:
    return Timing(
        episode=1,
        language=language,
        sample_rate=22050,
        duration_ms=9000,
        provenance={"stage": "voice"},
        lines=[
            LineTiming(
                id="001-001",
                kind="action",
                voice="narrator",
                text="She waits.",
                clip="a.wav",
                clip_ms=900,
                start_ms=0,
                duration_ms=1100,
            ),
            LineTiming(
                id="001-002",
                kind="dialogue",
                voice="c002",
                text=text,
                clip="b.wav",
                clip_ms=7600,
                start_ms=1100,
                duration_ms=7900,
            ),
        ],
    )


def test_long_speech_splits_into_timed_cues_of_two_lines() -> None:
    found = cues(timing(LONG), VERTICAL)
    assert len(found) >= 2 and all(1 <= len(c.lines) <= 2 for c in found)
    assert found[0].start_ms == 1100 and found[-1].end_ms <= 1100 + 7600
    assert all(a.end_ms == b.start_ms for a, b in zip(found, found[1:]))
    assert found[0].lines[-1].endswith("rent.")  # a sentence ends a cue


def test_narration_gets_no_subtitle() -> None:
    assert all("waits" not in " ".join(c.lines) for c in cues(timing("Hello."), VERTICAL))


def test_cue_pictures_stay_in_the_safe_zone() -> None:
    for layout, language, text in (
        (VERTICAL, "en", LONG),
        (HORIZONTAL, "en", LONG),
        (VERTICAL, "zh-Hans", "你欠了四年的租金。把店铺转给我，否则银行会收走它。"),
    ):
        for cue in cues(timing(text, language), layout):
            png, x, y = cue_image(cue, layout, language)
            image = Image.open(io.BytesIO(png))
            left, top, right, bottom = image.getchannel("A").getbbox()
            assert image.width == layout.width and x == 0
            assert layout.left <= left and right <= layout.right
            assert y + bottom <= layout.bottom and y + top >= layout.height * 0.5


def test_no_cue_ends_on_a_title_or_an_initial() -> None:
    text = "I do not believe Mrs. Long will do any such thing. Ask M. Morrel yourself."
    joined = [" ".join(c.lines) for c in cues(timing(text), VERTICAL)]
    assert not any(j.endswith(("Mrs.", "M.")) for j in joined)
    assert any("Mrs. Long" in j for j in joined)


def test_a_long_sentence_is_cut_at_a_clause_mark_not_mid_word() -> None:
    text = (
        "我要跟你说清楚，这间屋子里的每一件东西，从桌子到床，都是我们一起挑的，你走了以后我一个人住在这里已经满一年了。"
    )
    found = cues(timing(text, "zh-Hans"), VERTICAL)
    assert len(found) >= 2
    for cue in found[:-1]:
        assert cue.lines[-1][-1] in "，。", cue.lines  # every cue but the last ends on a clause mark
    assert "".join("".join(c.lines) for c in found) == text
