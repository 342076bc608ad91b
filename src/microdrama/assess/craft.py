"""Craft figures per episode and for the series: runtime, hook, cliffhanger, turns, dialogue, screen time.

Times use the same estimate as the writer and the linter (``check.rules.timeline``), so the figures
agree with ``microdrama check``. Targets come from ``shared/reference/craft.md`` §1 and are listed in
:data:`TARGETS` so the report can say what each figure is measured against.
"""

from __future__ import annotations

from collections import Counter
from statistics import mean
from typing import Any

from microdrama.adapt.tension import kind_counts
from microdrama.check.project import Project
from microdrama.check.rules import CLIFF_MS, FLASH_MARKERS, HOOK_MS, TOLERANCE, timeline
from microdrama.model import Element, EpisodeScript
from microdrama.text.speech_rate import is_chinese

#: a new turn counts only this long after the previous one (one beat is not several turns)
TURN_GAP_MS = 5_000
#: craft.md §1.3 Rhythm "15秒一个反转" → four turns a minute
TURNS_PER_MINUTE_TARGET = 4.0
#: craft.md §1.1 卡一 at ep 8–16 of ~80: the paywall sits 10–20 % into the series
PAYWALL_WINDOW = (0.10, 0.20)

TARGETS: dict[str, str] = {
    "runtime": f"target ±{TOLERANCE:.0%} (craft.md §0 episode 60–120 s; the plan's target)",
    "hook": f"a hook within {HOOK_MS // 1000} s (craft.md §1.3 前五秒 / 3秒定生死)",
    "cliffhanger": f"a tense line in the last {CLIFF_MS // 1000} s of every episode but the last (§1.3 最后10秒再留个悬念)",
    "turns": f"≥ {TURNS_PER_MINUTE_TARGET:g} turns a minute (§1.3 15秒一个反转)",
    "paywall": f"paywall {PAYWALL_WINDOW[0]:.0%}–{PAYWALL_WINDOW[1]:.0%} into the series (§1.1 卡一 ep 8–16 of ~80)",
}

_TENSE_END = ("?", "？")
_CUT_OFF = ("--", "—", "——", "…", "...")


def _language(language: str) -> str:
    return "zh" if is_chinese(language) else "en"


def line_kinds(element: Element, language: str) -> Counter[str]:
    """Dramatic kinds (conflict, threat, revelation, reversal, emotion) a line carries."""
    return kind_counts(element.text, _language(language))


def is_turn(element: Element, language: str) -> bool:
    """A line that turns the scene: a dramatic word, a question or exclamation, a line cut off."""
    if element.kind not in ("dialogue", "action"):
        return False
    text = element.text.rstrip()
    return bool(line_kinds(element, language)) or text.endswith(("!", "！", *_TENSE_END, *_CUT_OFF))


def hooks(element: Element, language: str) -> bool:
    """What the linter accepts as a hook: dialogue, a tense action, a flash-forward."""
    if element.kind == "dialogue":
        return True
    if element.text.upper().startswith(FLASH_MARKERS):
        return True
    return element.kind == "action" and is_turn(element, language)


def cliffhanger_kind(element: Element | None, language: str) -> str:
    """How the episode ends: question, cut-off, exclamation, a dramatic kind (threat…), or flat."""
    if element is None:
        return "none"
    text = element.text.rstrip()
    if text.endswith(_TENSE_END):
        return "question"
    if text.endswith(_CUT_OFF):
        return "cut-off"
    kinds = line_kinds(element, language)
    if kinds:
        return kinds.most_common(1)[0][0]
    if text.endswith(("!", "！")):
        return "exclamation"
    return "flat"


def episode_craft(script: EpisodeScript, target_ms: int, language: str, last: bool) -> dict[str, Any]:
    """Craft figures of one parsed episode."""
    times = timeline(script)
    runtime = script.duration_ms
    hook_ms = next((start for start, _, e in times if hooks(e, language)), None)
    end = times[-1][1] if times else 0
    closing = [
        (start, stop, e) for start, stop, e in times if stop > end - CLIFF_MS and e.kind in ("action", "dialogue")
    ]
    tense_ms = sum(min(stop, end) - max(start, end - CLIFF_MS) for start, stop, e in closing if is_turn(e, language))
    final = next((e for _, _, e in reversed(closing) if is_turn(e, language)), closing[-1][2] if closing else None)
    turns, last_turn = 0, -TURN_GAP_MS
    for start, _, element in times:
        if is_turn(element, language) and start - last_turn >= TURN_GAP_MS:
            turns, last_turn = turns + 1, start
    dialogue_ms = sum(stop - start for start, stop, e in times if e.kind == "dialogue")
    speakers: Counter[str] = Counter()
    for start, stop, element in times:
        if element.kind == "dialogue" and element.character:
            speakers[element.character] += stop - start
    minutes = max(runtime, 1) / 60_000
    return {
        "episode": script.episode,
        "title": script.title,
        "runtime_ms": runtime,
        "target_ms": target_ms,
        "runtime_ratio": round(runtime / target_ms, 3) if target_ms else None,
        "runtime_ok": bool(target_ms) and abs(runtime - target_ms) <= target_ms * TOLERANCE,
        "hook_ms": hook_ms,
        "hook_ok": hook_ms is not None and hook_ms < HOOK_MS,
        "cliffhanger": {
            "kind": "final episode" if last else cliffhanger_kind(final, language),
            "strength": round(tense_ms / min(CLIFF_MS, end), 3) if end else 0.0,
        },
        "turns": turns,
        "turns_per_minute": round(turns / minutes, 2),
        "dialogue_share": round(dialogue_ms / max(end, 1), 3),
        "scenes": len(script.scenes),
        "lines": sum(1 for _, _, e in times if e.kind in ("dialogue", "action")),
        "screen_time_ms": dict(sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def series_craft(project: Project, event_tension: dict[str, float]) -> dict[str, Any]:
    """Per-episode figures, the tension curve, the paywall position and series totals."""
    language = project.bible.language
    plans = {e.number: e for e in project.plan.episodes}
    last_number = max(plans, default=0)
    episodes: list[dict[str, Any]] = []
    unreadable: list[dict[str, Any]] = []
    for episode in project.episodes:
        if episode.script is None:
            unreadable.append({"episode": episode.number, "file": episode.path, "error": episode.error})
            continue
        plan = plans.get(episode.number)
        target = plan.target_ms if plan is not None else project.plan.episode_ms
        figures = episode_craft(episode.script, target, language, episode.number == last_number)
        tensions = [event_tension[e] for e in (plan.events if plan else []) if e in event_tension]
        figures["tension"] = round(mean(tensions), 3) if tensions else None
        figures["closing_tension"] = round(tensions[-1], 3) if tensions else None
        episodes.append(figures)
    total = len(project.plan.episodes)
    paywall = project.plan.paywall_episode
    position = round(paywall / total, 3) if paywall and total else None
    screen: Counter[str] = Counter()
    for figures in episodes:
        screen.update(figures["screen_time_ms"])
    dialogue_total = sum(screen.values()) or 1
    not_last = [e for e in episodes if e["episode"] != last_number]
    return {
        "targets": TARGETS,
        "episodes": episodes,
        "unreadable": unreadable,
        "series": {
            "episodes_planned": total,
            "episodes_written": len(episodes),
            "runtime_ms": sum(e["runtime_ms"] for e in episodes),
            "target_ms": sum(e["target_ms"] for e in episodes),
            "runtime_ok_share": _share(e["runtime_ok"] for e in episodes),
            "hook_ok_share": _share(e["hook_ok"] for e in episodes),
            "mean_hook_ms": _mean(e["hook_ms"] for e in episodes if e["hook_ms"] is not None),
            "cliffhanger_share": _share(e["cliffhanger"]["strength"] > 0 for e in not_last),
            "mean_cliffhanger_strength": _mean(e["cliffhanger"]["strength"] for e in not_last),
            "cliffhanger_kinds": dict(sorted(Counter(e["cliffhanger"]["kind"] for e in not_last).items())),
            "turns_per_minute": _mean(e["turns_per_minute"] for e in episodes),
            "dialogue_share": _mean(e["dialogue_share"] for e in episodes),
            "scenes": sum(e["scenes"] for e in episodes),
            "tension_curve": [e["tension"] for e in episodes],
            "paywall_episode": paywall,
            "paywall_position": position,
            "paywall_ok": position is not None and PAYWALL_WINDOW[0] <= position <= PAYWALL_WINDOW[1],
            "screen_time_share": {
                k: round(v / dialogue_total, 3) for k, v in sorted(screen.items(), key=lambda kv: (-kv[1], kv[0]))
            },
        },
    }


def _share(flags: Any) -> float:
    values = list(flags)
    return round(sum(1 for v in values if v) / len(values), 3) if values else 0.0


def _mean(values: Any) -> float | None:
    numbers = [v for v in values if v is not None]
    return round(mean(numbers), 3) if numbers else None
