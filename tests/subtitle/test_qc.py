"""Every QC rule: a cue that breaks it and one that keeps it."""

from __future__ import annotations

import pytest
from subtitle.conftest import cue

from microdrama.model import Cue
from microdrama.subtitle.qc import check, cps, passing
from microdrama.subtitle.rules import RULES, Limits, limits_for


def rules_of(cues: list[Cue], limits: Limits, protected: tuple[str, ...] = (), shots: tuple[int, ...] = ()) -> set[str]:
    return {v.rule for v in check(cues, limits, protected, shots)}


ZH = limits_for("zh-Hans")
EN = limits_for("en")
GOOD_ZH = cue(1, 0, 2000, "白沙港谁不认识我父亲？")
GOOD_EN = cue(1, 0, 2500, "Nobody forgets that clock.")

# rule id -> (failing cues, passing cues, limits, protected, shots)
CASES = {
    "L-CHARS": ([cue(1, 0, 5000, "这一行字已经超过了十六个字的上限了吧")], [GOOD_ZH], ZH, (), ()),
    "L-CHARS-TARGET": ([cue(1, 0, 5000, "这一行字有十五个字的长度了吧？")], [GOOD_ZH], ZH, (), ()),
    "L-LINES": ([cue(1, 0, 5000, "one", "two", "three")], [GOOD_EN], EN, (), ()),
    "L-ONE-LINE": ([cue(1, 0, 3000, "Nobody", "forgets.")], [GOOD_EN], EN, (), ()),
    "L-BOTTOM-HEAVY": (
        [cue(1, 0, 4000, "Nobody in this town ever", "forgets.")],
        [cue(1, 0, 4000, "Nobody in this town", "ever forgets the clock.")],
        EN,
        (),
        (),
    ),
    "L-NAME": (
        [cue(1, 0, 4000, "我早就说过了韩氏", "海运的人今天一定会来的")],
        [cue(1, 0, 4000, "我早就说过了", "韩氏海运的人今天一定会来的")],
        ZH,
        ("韩氏海运",),
        (),
    ),
    "L-DASH": (
        [cue(1, 0, 3000, "Who is it?", "Police.", speakers=("A", "B"))],
        [cue(1, 0, 3000, "-Who is it?", "-Police.", speakers=("A", "B"))],
        EN,
        (),
        (),
    ),
    "P-ELLIPSIS": ([cue(1, 0, 3000, "Wait... no.")], [cue(1, 0, 3000, "Wait… no.")], EN, (), ()),
    "T-MIN-DUR": ([cue(1, 0, 500, "好。")], [cue(1, 0, 900, "好。")], ZH, (), ()),
    "T-MAX-DUR": ([cue(1, 0, 7500, "白沙港谁不认识我父亲？")], [cue(1, 0, 7000, "白沙港谁不认识我父亲？")], ZH, (), ()),
    "T-GAP": (
        [cue(1, 0, 2000, "白沙港谁不认识我父亲？"), cue(2, 2030, 4000, "只不过。")],
        [cue(1, 0, 2000, "白沙港谁不认识我父亲？"), cue(2, 2067, 4000, "只不过。")],
        ZH,
        (),
        (),
    ),
    "T-CLOSE-GAP": (
        [cue(1, 0, 2000, "白沙港谁不认识我父亲？"), cue(2, 2300, 4000, "只不过。")],
        [cue(1, 0, 2000, "白沙港谁不认识我父亲？"), cue(2, 2600, 4000, "只不过。")],
        ZH,
        (),
        (),
    ),
    "T-CPS": ([cue(1, 0, 1000, "白沙港谁不认识我父亲？")], [cue(1, 0, 1300, "白沙港谁不认识我父亲？")], ZH, (), ()),
    "T-CPS-TARGET": ([cue(1, 0, 1400, "Nobody forgets that clock.")], [GOOD_EN], EN, (), ()),
    "T-SHOT": (
        [cue(1, 1100, 3000, "白沙港谁不认识我父亲？")],
        [cue(1, 1000, 3000, "白沙港谁不认识我父亲？")],
        ZH,
        (),
        (1000,),
    ),
    "E-EMPTY": ([cue(1, 0, 2000, " ")], [GOOD_ZH], ZH, (), ()),
}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {rule.id for rule in RULES}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fails_and_passes(rule: str) -> None:
    failing, good, limits, protected, shots = CASES[rule]
    assert rule in rules_of(failing, limits, protected, shots)
    assert rule not in rules_of(good, limits, protected, shots)


def test_violation_names_cue_and_time() -> None:
    found = check([GOOD_ZH, cue(2, 5000, 5300, "好。")], ZH)
    short = [v for v in found if v.rule == "T-MIN-DUR"]
    assert short and short[0].cue == 2 and short[0].start_ms == 5000 and "833" in short[0].message


def test_reading_speed_counts_characters_not_spaces_for_chinese() -> None:
    assert cps(cue(1, 0, 1000, "你好 世界"), ZH) == 4
    assert cps(cue(1, 0, 1000, "Hi you"), EN) == 6


def test_passing_counts_cues_without_errors() -> None:
    cues = [GOOD_ZH, cue(2, 3000, 3100, "好。")]
    assert passing(cues, check(cues, ZH)) == 1
