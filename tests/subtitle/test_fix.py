"""Auto-fixes: each repairs its rule without breaking another; what cannot be fixed is left for the report."""

from __future__ import annotations

from subtitle.conftest import cue

from microdrama.subtitle.fix import autofix
from microdrama.subtitle.qc import check
from microdrama.subtitle.rules import Limits


def errors(cues, limits: Limits, protected=(), shots=()) -> list[str]:  # type: ignore[no-untyped-def]
    return [v.rule for v in check(cues, limits, protected, shots) if v.severity == "error"]


def test_short_cue_is_extended_into_the_gap(zh: Limits) -> None:
    fixed, fixes = autofix([cue(1, 0, 400, "好。"), cue(2, 3000, 5000, "白沙港谁不认识我父亲？")], zh)
    assert fixed[0].end_ms >= 833 and fixes.get("extend")
    assert errors(fixed, zh) == []


def test_short_cue_without_room_is_merged(en: Limits) -> None:
    cues = [cue(1, 0, 300, "No."), cue(2, 367, 2500, "Then leave.", speakers=("B",))]
    assert "T-MIN-DUR" in errors(cues, en)
    fixed, fixes = autofix(cues, en)
    assert len(fixed) == 1 and fixes.get("merge") == 1
    assert fixed[0].lines == ["-No.", "-Then leave."] and fixed[0].speakers == ["A", "B"]
    assert errors(fixed, en) == []


def test_same_speaker_merge_rebreaks_the_text(zh: Limits) -> None:
    fixed, _ = autofix([cue(1, 0, 300, "喂，"), cue(2, 367, 2500, "派出所吗？")], zh)
    assert [c.lines for c in fixed] == [["喂，派出所吗？"]]


def test_gaps_are_opened_to_two_frames_and_short_gaps_closed(zh: Limits) -> None:
    cues = [
        cue(1, 0, 2000, "白沙港谁不认识我父亲？"),
        cue(2, 2010, 4000, "只不过，"),
        cue(3, 4300, 6000, "大多数人都管他叫小偷。"),
    ]
    assert {"T-GAP"} <= set(errors(cues, zh))
    fixed, fixes = autofix(cues, zh)
    assert fixed[1].start_ms - fixed[0].end_ms == zh.min_gap_ms
    assert fixed[2].start_ms - fixed[1].end_ms == zh.min_gap_ms  # the 300 ms gap was closed
    assert fixes.get("gap") and fixes.get("close-gap")
    assert [v.rule for v in check(fixed, zh)] == []


def test_overlong_text_is_rebroken_or_split(zh: Limits) -> None:
    long = cue(1, 0, 6000, "那我就开门见山了。你姑姑欠了韩氏海运四年房租。月底三十号之前，把铺子转给我。")
    fixed, fixes = autofix([long], zh)
    assert len(fixed) >= 2 and fixes.get("split-long-text")
    assert all(len(line) <= 16 for c in fixed for line in c.lines)
    assert fixed[-1].end_ms == 6000 and errors(fixed, zh) == []


def test_bad_break_is_rebroken(zh: Limits) -> None:
    fixed, fixes = autofix([cue(1, 0, 4000, "我早就说过了韩氏", "海运的人今天一定会来的")], zh, ["韩氏海运"])
    assert fixes.get("re-break") and any("韩氏海运" in line for line in fixed[0].lines)
    assert errors(fixed, zh, ["韩氏海运"]) == []


def test_overlong_duration_is_split_at_punctuation(en: Limits) -> None:
    fixed, fixes = autofix([cue(1, 0, 9000, "I waited ten years.", "Now I want the truth.")], en)
    assert len(fixed) == 2 and fixes.get("split-long-duration")
    assert all(c.duration_ms <= 7000 for c in fixed) and errors(fixed, en) == []


def test_unsplittable_long_cue_is_shortened(zh: Limits) -> None:
    fixed, fixes = autofix([cue(1, 0, 9000, "好")], zh)
    assert fixed[0].duration_ms == 7000 and fixes.get("shorten")


def test_in_time_snaps_to_a_shot_change(zh: Limits) -> None:
    fixed, fixes = autofix([cue(1, 1100, 3000, "白沙港谁不认识我父亲？")], zh, shots=[1000])
    assert fixed[0].start_ms == 1000 and fixes.get("shot-snap")
    fixed, _ = autofix([cue(1, 0, 2950, "白沙港谁不认识我父亲？")], zh, shots=[3000])
    assert fixed[0].end_ms == 3000 - zh.min_gap_ms


def test_ellipsis_is_normalised(en: Limits, zh: Limits) -> None:
    assert autofix([cue(1, 0, 3000, "Wait... no.")], en)[0][0].lines == ["Wait… no."]
    assert autofix([cue(1, 0, 3000, "等等……不。")], zh)[0][0].lines == ["等等⋯不。"]


def test_reading_speed_that_cannot_be_fixed_is_reported(en: Limits) -> None:
    cues = [
        cue(1, 0, 1000, "This is far too much text to read in a second,", "so nobody will ever manage it."),
        cue(2, 1067, 3000, "And this one is long enough not to merge.", speakers=("B",)),
    ]
    fixed, _ = autofix(cues, en)
    assert "T-CPS" in errors(fixed, en)


def test_fixes_are_deterministic(zh: Limits) -> None:
    cues = [
        cue(1, 0, 300, "喂，"),
        cue(2, 367, 2500, "派出所吗？"),
        cue(3, 2600, 9000, "那我就开门见山了。你姑姑欠了韩氏海运四年房租。"),
    ]
    assert autofix(cues, zh) == autofix(list(cues), zh)


def test_short_cue_between_full_neighbours_borrows_time(en: Limits) -> None:
    cues = [
        cue(1, 16550, 21966, "that you have put on seven and", "a half pounds since I saw you."),
        cue(2, 22033, 22766, "Seven!", speakers=("B",)),
        cue(3, 22833, 26066, "Indeed, I should have thought", "a little more."),
    ]
    assert "T-MIN-DUR" in errors(cues, en)
    fixed, fixes = autofix(cues, en)
    assert fixes.get("borrow") and len(fixed) == 3
    assert fixed[1].duration_ms >= 833 and fixed[1].start_ms < 22033
    assert errors(fixed, en) == []
