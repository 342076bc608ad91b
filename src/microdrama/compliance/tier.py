"""NRTA tiered review of micro-dramas (分类分层审核) and the filing number on the opening frames.

Tier = f(total investment, special topics): 重点 (key) → 总局 filing and review; 普通 (ordinary) →
provincial filing and review of the finished film; 其他 (other) → the platform reviews and files with
the provincial bureau. Every tier must show its 许可证号 or 登记备案号 on the opening frames, and a
platform may not air or promote a drama without it (release.md §3 N-01…N-04; craft.md §3.1).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from microdrama.compliance.errors import FilingNumberError

#: (key tier from, ordinary tier from) in yuan, and the source of each regime
THRESHOLDS: dict[str, tuple[int, int, str]] = {
    "2024": (1_000_000, 300_000, "NRTA 分类分层审核 notice, 2024-02 (央视新闻/新华社 reports)"),
    "2026": (3_000_000, 1_000_000, "NRTA 《关于调整微短剧分类分层标准的通知》, in force 2026-01-01"),
    "ai-2026": (800_000, 300_000, "NRTA 管理提示 on AI micro-dramas from 2026-07-01 (single 央视新闻 repost; verify)"),
}
SPECIAL_TOPICS = ("政治", "军事", "外交", "国家安全", "统战", "民族", "宗教", "司法", "公安")
TIER_NAMES = {"key": "重点 (key)", "ordinary": "普通 (ordinary)", "other": "其他 (other)"}
REVIEW_PATH = {
    "key": "NRTA (总局) filing and public notice, review of the finished film; number shown on the opening frames",
    "ordinary": "provincial bureau filing and review of the finished film; number shown on the opening frames",
    "other": "platform review, filed with the provincial bureau; number shown on the opening frames",
}
#: 许可证号 "(总局)网剧审字(2024)第001号", 备案号 "网微剧备字(2024)第00123号" and provincial variants
_NUMBER = re.compile(r"^[（(]?[\u4e00-\u9fff]{0,4}[)）]?[\u4e00-\u9fff]{2,8}字[（(]\d{4}[)）]第[0-9A-Za-z]+号$")


@dataclass(frozen=True)
class TierDecision:
    """The production's review tier, why, and what it needs."""

    tier: str
    reason: str
    review_path: str
    source: str
    needs_filing_number: bool

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {**asdict(self), "tier_name": TIER_NAMES.get(self.tier, self.tier)}


def special_topics(texts: list[str]) -> list[str]:
    """The special topics named in the synopsis/logline texts (each forces the key tier)."""
    joined = "\n".join(texts)
    return [topic for topic in SPECIAL_TOPICS if topic in joined]


def decide_tier(
    investment: int, rules: str = "ai-2026", topics: list[str] | None = None, market: str = "cn"
) -> TierDecision:
    """The tier by investment (yuan) and special topics; international releases have none."""
    if market != "cn":
        return TierDecision("none", "international release: NRTA tiers do not apply", "platform rules only", "", False)
    key_from, ordinary_from, source = THRESHOLDS[rules]
    if topics:
        return TierDecision("key", f"special topic(s): {', '.join(topics)}", REVIEW_PATH["key"], source, True)
    if investment <= 0:
        return TierDecision(
            "other",
            f"investment not declared (compliance.investment); assumed under {ordinary_from:,} yuan",
            REVIEW_PATH["other"],
            source,
            True,
        )
    if investment >= key_from:
        tier = "key"
    elif investment >= ordinary_from:
        tier = "ordinary"
    else:
        tier = "other"
    bounds = f"key ≥ {key_from:,}, ordinary ≥ {ordinary_from:,} yuan"
    return TierDecision(tier, f"investment {investment:,} yuan ({bounds})", REVIEW_PATH[tier], source, True)


def filing_number_problem(number: str) -> str | None:
    """Why ``number`` does not look like a 许可证号/备案号 (None when it does)."""
    cleaned = number.strip().replace(" ", "")
    if not cleaned:
        return "no filing number"
    if not _NUMBER.match(cleaned):
        return (
            f"{number!r} does not look like a licence/filing number such as (总局)网剧审字(2026)第001号 "
            "or 网微剧备字(2026)第00123号"
        )
    return None


def require_filing_number(decision: TierDecision, number: str) -> None:
    """Raise when the tier needs a filing number on the opening frames and there is none.

    Raises:
        FilingNumberError: with the tier, its review path and the setting to fill in.
    """
    if decision.needs_filing_number and not number.strip():
        raise FilingNumberError(
            f"review tier {TIER_NAMES.get(decision.tier, decision.tier)} ({decision.reason}) requires the "
            f"上线备案号/发行许可证号 on the opening frames ({decision.review_path}); platforms may not air or "
            "promote the series without it. Set compliance.filing_number in microdrama.toml "
            '(or compliance.market = "intl" for a release outside China).'
        )
