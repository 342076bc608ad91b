"""Content review: planted problems flagged at episode, scene and line with rule and source; clean
scripts quiet; waivers; the review tier and the filing number; fidelity to a classic."""

from __future__ import annotations

import pytest
from compliance_scripts import clean_en, clean_zh, planted_en, planted_zh

from microdrama.compliance.errors import ComplianceError, FilingNumberError
from microdrama.compliance.review import is_classic, parse_waivers, review_series
from microdrama.compliance.rules import default_rulebook, parse_rulebook
from microdrama.compliance.tier import (
    decide_tier,
    filing_number_problem,
    require_filing_number,
)


def _where(review) -> set[tuple[str, int | None, int | None, int | None]]:
    return {(f.rule, f.episode, f.scene, f.line) for f in review.findings}


def test_clean_scripts_are_quiet() -> None:
    for script in (clean_zh(), clean_en()):
        review = review_series(
            [script], title="潮汐钟" if script.language != "en" else "Tide Clock", language=script.language
        )
        assert review.findings == [], [f.to_dict() for f in review.findings]


def test_planted_chinese_problems_are_found_where_they_are() -> None:
    review = review_series([clean_zh(1), planted_zh(2)], title="潮汐钟", language="zh-Hans")
    assert _where(review) == {
        ("RL-TITLE", 2, None, None),  # 霸总, 杀疯了
        ("RL-VIOLENCE", 2, 1, 2),
        ("RL-GAMBLING-DRUGS", 2, 1, 3),
        ("RL-MINORS", 2, 2, 2),
        ("RL-MONEY-WORSHIP", 2, 3, 1),
    }
    gore = next(f for f in review.findings if f.rule == "RL-VIOLENCE")
    assert gore.severity == "blocker" and "血肉模糊" in gore.message and "CNSA" in gore.source
    assert gore.category == "血腥暴力"
    minors = next(f for f in review.findings if f.rule == "RL-MINORS")
    assert "八岁" in minors.message and "2026-01-08" in minors.source
    assert len(review.blocking) == 3


def test_planted_english_problems_are_found_where_they_are() -> None:
    review = review_series([clean_en(1), planted_en(2)], title="Tide Clock", language="en")
    assert _where(review) == {
        ("RL-TITLE", 2, None, None),
        ("RL-GAMBLING-DRUGS", 2, 1, 2),
        ("RL-SEXUAL", 2, 1, 3),
        ("RL-MINORS", 2, 2, 2),
    }


def test_a_child_word_alone_is_not_a_finding() -> None:
    review = review_series([clean_en()], title="Tide Clock", language="en")
    assert not review.findings  # "the kids next door" with nothing harmful in the scene


def test_fountain_line_numbers_point_into_the_file() -> None:
    fountain = "\n# EP02: 霸总归来杀疯了\n\n内景 仓库 - 夜\n\n仓库里一片死寂。\n\n地上的人血肉模糊，早已没了气息。\n"
    review = review_series([planted_zh(2)], title="潮汐钟", language="zh-Hans", fountains={2: fountain})
    gore = next(f for f in review.findings if f.rule == "RL-VIOLENCE")
    assert gore.fountain_line == 8


def test_waivers_mark_reviewed_findings_and_report_stale_ones() -> None:
    known = sorted(default_rulebook().ids | {"TIER-FILING", "FIDELITY-CLASSIC"})
    waivers = parse_waivers(
        '[[waiver]]\nrule = "RL-VIOLENCE"\nepisode = 2\nscene = 1\nline = 2\nreason = "off-screen, reviewed"\nreviewer = "Li"\n'
        '[[waiver]]\nrule = "RL-SEXUAL"\nepisode = 9\nreason = "old"\n',
        known,
    )
    review = review_series([planted_zh(2)], title="潮汐钟", language="zh-Hans", waivers=waivers)
    gore = next(f for f in review.findings if f.rule == "RL-VIOLENCE")
    assert gore.waived and gore.waiver == "off-screen, reviewed (Li)"
    assert gore not in review.blocking
    assert [w.rule for w in review.stale_waivers] == ["RL-SEXUAL"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[waiver]]\nrule = "NOPE"\nepisode = 1\nreason = "x"\n', "unknown rule 'NOPE'"),
        ('[[waiver]]\nrule = "RL-VIOLENCE"\nepisode = 1\n', "say why"),
        ('[[waiver]]\nrule = "RL-VIOLENCE"\nreason = "all fine"\n', "name the episode"),
        ("[[waiver\n", "not valid TOML"),
    ],
)
def test_bad_waivers_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(ComplianceError, match=message):
        parse_waivers(text, sorted(default_rulebook().ids))


def test_tiers_by_investment_and_special_topics() -> None:
    assert decide_tier(2_000_000, "2026").tier == "ordinary"
    assert decide_tier(2_000_000, "ai-2026").tier == "key"
    assert decide_tier(500_000, "2024").tier == "ordinary"
    assert decide_tier(100_000, "2026").tier == "other"
    assert decide_tier(100_000, "2026", ["公安"]).tier == "key"
    assert not decide_tier(10_000_000, market="intl").needs_filing_number


def test_missing_filing_number_is_a_clear_error_and_a_blocker() -> None:
    decision = decide_tier(1_500_000, "2026")
    with pytest.raises(FilingNumberError, match="compliance.filing_number"):
        require_filing_number(decision, "")
    require_filing_number(decision, "(总局)网剧审字(2026)第001号")
    review = review_series([clean_zh()], title="潮汐钟", language="zh-Hans", decision=decision, filing="")
    assert [(f.rule, f.severity) for f in review.findings] == [("TIER-FILING", "blocker")]
    assert "tier ordinary" in review.findings[0].message
    review = review_series([clean_zh()], title="潮汐钟", language="zh-Hans", decision=decision, filing="备案中")
    assert [(f.rule, f.severity) for f in review.findings] == [("TIER-FILING", "warn")]


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("(总局)网剧审字(2026)第001号", True),
        ("（总局）网剧审字（2025）第12号", True),
        ("网微剧备字(2026)第00123号", True),
        ("12345", False),
        ("", False),
    ],
)
def test_filing_number_format(number: str, ok: bool) -> None:
    assert (filing_number_problem(number) is None) is ok


def test_classic_sources_get_the_fidelity_check() -> None:
    book = default_rulebook()
    assert is_classic("红楼梦", "曹雪芹", book) and is_classic("Journey to the West", "", book)
    assert not is_classic("潮汐钟", "", book)
    review = review_series(
        [clean_zh(1), planted_zh(2)], title="x", language="zh-Hans", classic=True, skip=[r.id for r in book.rules]
    )
    assert [(f.rule, f.episode, f.scene, f.line) for f in review.findings] == [("FIDELITY-CLASSIC", 2, 1, 2)]


def test_rules_need_a_source() -> None:
    with pytest.raises(ComplianceError, match="missing source"):
        parse_rulebook('[[rule]]\nid = "X"\ncategory = "c"\nseverity = "warn"\ntitle_en = "t"\ntitle_zh = "t"\n')
    assert all(rule.source and rule.title_zh and rule.title_en for rule in default_rulebook().rules)
