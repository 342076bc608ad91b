"""Content review: the red-line rules over every line of the scripts as edited, titles, the review tier
and filing number, and fidelity to a classic source. Findings point to episode, scene and line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from microdrama.compliance.errors import ComplianceError
from microdrama.compliance.rules import Rule, RuleBook, default_rulebook
from microdrama.compliance.tier import TierDecision, filing_number_problem
from microdrama.model.script import EpisodeScript

TIER_SOURCE = "NRTA 分类分层审核 notices 2024-02 / 2026-01-01; 片头须标注许可证号或登记备案号 (release.md §3 N-01…N-03)"
FIDELITY_SOURCE = "AI魔改 专项治理 2026-01: 四大名著/历史/革命/英模 works, no violating the original's spirit or characters (release.md §3 N-08)"


@dataclass
class Finding:
    """One problem, where it is, which rule and where the rule comes from."""

    rule: str
    severity: str
    category: str
    title: str
    source: str
    message: str
    episode: int | None = None
    scene: int | None = None
    line: int | None = None
    fountain_line: int | None = None
    element: str | None = None
    excerpt: str = ""
    waived: bool = False
    waiver: str = ""

    def where(self) -> str:
        """``ep 3 · scene 2 · line 5`` (what exists of it)."""
        parts = []
        if self.episode is not None:
            parts.append(f"ep {self.episode}")
        if self.scene is not None:
            parts.append(f"scene {self.scene}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.fountain_line is not None:
            parts.append(f"(fountain line {self.fountain_line})")
        return " · ".join(parts) or "series"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True)
class Waiver:
    """A reviewed finding that may ship: rule + episode (+ scene, line) + who and why."""

    rule: str
    episode: int | None
    scene: int | None
    line: int | None
    reason: str
    reviewer: str = ""

    def matches(self, finding: Finding) -> bool:
        """True when the waiver covers the finding (unset parts match anything)."""
        return (
            self.rule == finding.rule
            and (self.episode is None or self.episode == finding.episode)
            and (self.scene is None or self.scene == finding.scene)
            and (self.line is None or self.line == finding.line)
        )


def parse_waivers(text: str, known_rules: Sequence[str], where: str = "compliance/waivers.toml") -> list[Waiver]:
    """The waivers of a ``waivers.toml`` (``[[waiver]]`` tables).

    Raises:
        ComplianceError: bad TOML, an unknown rule, a waiver without a reason, a blanket waiver.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ComplianceError(f"{where}: not valid TOML ({exc})") from exc
    waivers = []
    for index, item in enumerate(data.get("waiver", []), 1):
        label = f"{where}: waiver {index}"
        rule = str(item.get("rule", ""))
        if rule not in known_rules:
            raise ComplianceError(f"{label}: unknown rule {rule!r}; rules: {', '.join(sorted(known_rules))}")
        reason = str(item.get("reason", "")).strip()
        if not reason:
            raise ComplianceError(f'{label}: say why the finding may ship (reason = "…")')
        unknown = set(item) - {"rule", "episode", "scene", "line", "reason", "reviewer"}
        if unknown:
            raise ComplianceError(f"{label}: unknown key(s) {', '.join(sorted(unknown))}")
        episode = item.get("episode")
        if episode is None and rule not in ("TIER-FILING", "FIDELITY-CLASSIC", "RL-TITLE"):
            raise ComplianceError(f"{label}: name the episode (a waiver covers reviewed findings, not a whole rule)")
        waivers.append(
            Waiver(rule, episode, item.get("scene"), item.get("line"), reason, str(item.get("reviewer", "")))
        )
    return waivers


def _fountain_lines(fountain: str) -> list[str]:
    return fountain.split("\n")


def _locate(lines: list[str], text: str, start: int) -> tuple[int | None, int]:
    """1-based line of the Fountain file holding the start of ``text`` at or after ``start``."""
    probe = text.strip().split("\n")[0][:24]
    if not probe:
        return None, start
    for index in range(start, len(lines)):
        if probe in lines[index]:
            return index + 1, index + 1
    return None, start


def _hits(patterns: Sequence[re.Pattern[str]], text: str) -> list[str]:
    return [m.group(0) for p in patterns if (m := p.search(text))]


def _finding(rule: Rule, language: str, message: str, **where: object) -> Finding:
    zh = language.lower().startswith("zh")
    category = rule.category_zh if zh else rule.category
    return Finding(rule.id, rule.severity, category, rule.title(language), rule.source, message, **where)  # type: ignore[arg-type]


def scan_episode(script: EpisodeScript, book: RuleBook, fountain: str = "", skip: Sequence[str] = ()) -> list[Finding]:
    """Red-line findings in one episode's title and lines."""
    findings: list[Finding] = []
    language = script.language
    lines = _fountain_lines(fountain)
    cursor = 0
    rules = [r for r in book.rules if r.id not in skip]
    for rule in rules:
        if "title" in rule.where and script.title and (hits := _hits(rule.patterns(language), script.title)):
            findings.append(
                _finding(
                    rule, language, f"episode title: {', '.join(hits)}", episode=script.episode, excerpt=script.title
                )
            )
    children = book.child_markers(language)
    for scene in script.scenes:
        scene_text = "\n".join(e.text for e in scene.elements)
        child_seen = _hits(children, scene_text) + _hits(children, scene.heading)
        for number, element in enumerate(scene.elements, 1):
            fountain_line, cursor = _locate(lines, element.text, cursor)
            text = element.text
            for rule in rules:
                if element.kind not in rule.where:
                    continue
                hits = _hits(rule.patterns(language), text)
                if not hits or (rule.kind == "child" and not child_seen):
                    continue
                message = f"{', '.join(hits)}"
                if rule.kind == "child":
                    message += f" — in a scene with a child ({', '.join(child_seen[:3])})"
                findings.append(
                    _finding(
                        rule,
                        language,
                        message,
                        episode=script.episode,
                        scene=scene.number,
                        line=number,
                        fountain_line=fountain_line,
                        element=f"{scene.number:03d}-{number:03d}",
                        excerpt=text[:120],
                    )
                )
    return findings


def scan_title(title: str, language: str, book: RuleBook, skip: Sequence[str] = ()) -> list[Finding]:
    """Title-rule findings in the series title."""
    findings = []
    for rule in book.rules:
        if rule.id in skip or "title" not in rule.where:
            continue
        if hits := _hits(rule.patterns(language), title):
            findings.append(_finding(rule, language, f"series title: {', '.join(hits)}", excerpt=title))
    return findings


def is_classic(title: str, author: str, book: RuleBook) -> bool:
    """True when the source's title names a protected classic."""
    text = f"{title} {author}".lower()
    return any(t in text for t in book.classics_zh) or any(t.lower() in text for t in book.classics_en)


def fidelity(scripts: Sequence[EpisodeScript], book: RuleBook) -> list[Finding]:
    """For a classic: episodes whose share of lines not from the book exceeds the rule's limit, each
    pointing at the first such line."""
    findings = []
    for script in scripts:
        elements = [
            (s.number, n, e)
            for s in script.scenes
            for n, e in enumerate(s.elements, 1)
            if e.kind in ("dialogue", "action")
        ]
        new = [(s, n, e) for s, n, e in elements if e.new or e.source is None]
        if not elements or len(new) / len(elements) <= book.max_new_share:
            continue
        scene, line, element = new[0]
        findings.append(
            Finding(
                "FIDELITY-CLASSIC",
                "blocker",
                "classic adaptation (AI 魔改)",
                "Lines not from the classic source",
                FIDELITY_SOURCE,
                f"{len(new)} of {len(elements)} lines are not from the book ({len(new) / len(elements):.0%} > "
                f"{book.max_new_share:.0%}); check they keep the original's spirit and characters",
                episode=script.episode,
                scene=scene,
                line=line,
                element=f"{scene:03d}-{line:03d}",
                excerpt=element.text[:120],
            )
        )
    return findings


def tier_findings(decision: TierDecision, filing: str) -> list[Finding]:
    """The filing number as the tier needs it (blocker when missing), and its format (warn)."""
    if not decision.needs_filing_number:
        return []
    problem = filing_number_problem(filing)
    if problem is None:
        return []
    severity = "blocker" if not filing.strip() else "warn"
    message = (
        f"tier {decision.tier} ({decision.reason}): {problem}; set compliance.filing_number — {decision.review_path}"
    )
    return [
        Finding(
            "TIER-FILING",
            severity,
            "review tier and filing number",
            "上线备案号/发行许可证号 on the opening frames",
            TIER_SOURCE,
            message,
        )
    ]


def apply_waivers(findings: list[Finding], waivers: Sequence[Waiver]) -> list[Waiver]:
    """Mark waived findings; returns the waivers that matched nothing (stale)."""
    used: set[int] = set()
    for finding in findings:
        for index, waiver in enumerate(waivers):
            if waiver.matches(finding):
                finding.waived = True
                finding.waiver = waiver.reason + (f" ({waiver.reviewer})" if waiver.reviewer else "")
                used.add(index)
                break
    return [w for i, w in enumerate(waivers) if i not in used]


@dataclass
class Review:
    """The whole content review."""

    findings: list[Finding] = field(default_factory=list)
    stale_waivers: list[Waiver] = field(default_factory=list)
    classic: bool = False

    @property
    def blocking(self) -> list[Finding]:
        """Blockers not waived."""
        return [f for f in self.findings if f.severity == "blocker" and not f.waived]


def review_series(
    scripts: Sequence[EpisodeScript],
    *,
    title: str,
    language: str,
    fountains: dict[int, str] | None = None,
    decision: TierDecision | None = None,
    filing: str = "",
    classic: bool = False,
    waivers: Sequence[Waiver] = (),
    skip: Sequence[str] = (),
    book: RuleBook | None = None,
) -> Review:
    """Review every episode, the title, the tier/filing number and (for a classic) fidelity."""
    book = book or default_rulebook()
    fountains = fountains or {}
    findings = scan_title(title, language, book, skip)
    for script in sorted(scripts, key=lambda s: s.episode):
        findings.extend(scan_episode(script, book, fountains.get(script.episode, ""), skip))
    if classic and "FIDELITY-CLASSIC" not in skip:
        findings.extend(fidelity(scripts, book))
    if decision is not None and "TIER-FILING" not in skip:
        findings.extend(tier_findings(decision, filing))
    stale = apply_waivers(findings, waivers)
    return Review(findings, stale, classic)
