"""The content-review rules, loaded from the TOML data files in ``rules/`` (each with its source)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from microdrama.compliance.errors import ComplianceError

SEVERITIES = ("blocker", "warn", "info")


@dataclass(frozen=True)
class Rule:
    """One red-line rule."""

    id: str
    category: str
    category_zh: str
    severity: str
    title_en: str
    title_zh: str
    source: str
    patterns_zh: tuple[re.Pattern[str], ...]
    patterns_en: tuple[re.Pattern[str], ...]
    kind: str = "text"
    where: tuple[str, ...] = ("dialogue", "action")

    def patterns(self, language: str) -> tuple[re.Pattern[str], ...]:
        """The patterns for a script language."""
        return self.patterns_zh if language.lower().startswith("zh") else self.patterns_en

    def title(self, language: str) -> str:
        """The rule's title in the script's language."""
        return self.title_zh if language.lower().startswith("zh") else self.title_en


@dataclass(frozen=True)
class RuleBook:
    """All rules, the child markers, and the classics list."""

    rules: tuple[Rule, ...]
    child_zh: tuple[re.Pattern[str], ...]
    child_en: tuple[re.Pattern[str], ...]
    classics_zh: tuple[str, ...] = ()
    classics_en: tuple[str, ...] = ()
    max_new_share: float = 0.3
    ids: frozenset[str] = field(default_factory=frozenset)

    def child_markers(self, language: str) -> tuple[re.Pattern[str], ...]:
        """Words that show a child in a scene."""
        return self.child_zh if language.lower().startswith("zh") else self.child_en


def _compile(patterns: list[str], flags: int, where: str) -> tuple[re.Pattern[str], ...]:
    try:
        return tuple(re.compile(p, flags) for p in patterns)
    except re.error as exc:
        raise ComplianceError(f"{where}: bad pattern ({exc})") from exc


def _rule(data: dict[str, Any]) -> Rule:
    where = f"rule {data.get('id', '?')}"
    missing = [k for k in ("id", "category", "severity", "title_en", "title_zh", "source") if not data.get(k)]
    if missing:
        raise ComplianceError(f"{where}: missing {', '.join(missing)}")
    if data["severity"] not in SEVERITIES:
        raise ComplianceError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    return Rule(
        data["id"],
        data["category"],
        data.get("category_zh", data["category"]),
        data["severity"],
        data["title_en"],
        data["title_zh"],
        data["source"],
        _compile(data.get("patterns_zh", []), 0, where),
        _compile(data.get("patterns_en", []), re.IGNORECASE, where),
        data.get("kind", "text"),
        tuple(data.get("where", ["dialogue", "action"])),
    )


def parse_rulebook(redlines: str, classics: str = "") -> RuleBook:
    """A rule book from TOML texts (the packaged files, or a user's).

    Raises:
        ComplianceError: invalid TOML, a rule without its source, a bad pattern.
    """
    try:
        data = tomllib.loads(redlines)
        extra = tomllib.loads(classics) if classics else {}
    except tomllib.TOMLDecodeError as exc:
        raise ComplianceError(f"rules: not valid TOML ({exc})") from exc
    rules = tuple(_rule(r) for r in data.get("rule", []))
    child = data.get("child", {})
    return RuleBook(
        rules,
        _compile(child.get("markers_zh", []), 0, "child markers"),
        _compile(child.get("markers_en", []), re.IGNORECASE, "child markers"),
        tuple(extra.get("titles_zh", [])),
        tuple(extra.get("titles_en", [])),
        float(extra.get("max_new_share", 0.3)),
        frozenset(r.id for r in rules),
    )


@lru_cache(maxsize=1)
def default_rulebook() -> RuleBook:
    """The packaged rules (``compliance/rules/redlines.toml`` and ``classics.toml``)."""
    folder = resources.files("microdrama.compliance") / "rules"
    return parse_rulebook((folder / "redlines.toml").read_text("utf-8"), (folder / "classics.toml").read_text("utf-8"))
