"""The rule table: limits per language and profile, and every rule with a threshold and a source."""

from __future__ import annotations

from microdrama.subtitle.rules import RULES, limits_for, rule_table


def test_limits_follow_the_style_guides() -> None:
    zh, en = limits_for("zh-Hant"), limits_for("en")
    assert (zh.max_chars, zh.target_chars, zh.max_lines, zh.max_cps) == (16, 14, 2, 9.0)
    assert (en.max_chars, en.target_chars, en.max_lines, en.max_cps) == (42, 32, 2, 20.0)
    assert limits_for("en", profile="netflix").target_chars == 42
    assert (zh.min_duration_ms, zh.max_duration_ms) == (833, 7000)


def test_frame_based_limits_depend_on_fps() -> None:
    assert limits_for("en", fps=24).min_gap_ms == 84 and limits_for("en", fps=30).min_gap_ms == 67
    assert limits_for("en", fps=24).close_gap_ms == 500 and limits_for("en", fps=25).close_gap_ms == 480


def test_every_rule_has_an_id_a_source_and_a_threshold() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for info in rule_table(limits_for("zh-Hans")) + rule_table(limits_for("en")):
        assert info.source and info.threshold and info.title
    zh = {info.id: info.threshold for info in rule_table(limits_for("zh-Hans"))}
    assert "16" in zh["L-CHARS"] and "9" in zh["T-CPS"]
