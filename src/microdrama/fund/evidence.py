"""The figures the rubric scores, drawn from an application's assess report, and each declared fact
marked as evidenced (or not) by the project's own artifacts.

| declared | evidenced when |
|---|---|
| languages | a subtitle track in that language exists (``subs/qc.json``; zh-Hant matches zh-Hant-HK…) |
| markets | one of the market's languages is subtitled (:data:`MARKET_LANGUAGES`) |
| platforms | the release artifacts name the platform (``release/``) |
| broadcast_partners, team | never: no artifact names them (declared only) |
"""

from __future__ import annotations

from typing import Any

from microdrama.fund.application import Application

#: the languages a market reads subtitles in (a market not listed is evidenced by English)
MARKET_LANGUAGES: dict[str, tuple[str, ...]] = {
    "CN": ("zh-Hans", "zh"),
    "SG": ("zh-Hans", "en"),
    "MY": ("zh-Hans", "ms", "en"),
    "TW": ("zh-Hant",),
    "HK": ("zh-Hant-HK", "zh-Hant"),
    "MO": ("zh-Hant-HK", "zh-Hant"),
    "US": ("en",),
    "GB": ("en",),
    "UK": ("en",),
    "CA": ("en", "fr"),
    "AU": ("en",),
    "NZ": ("en",),
    "IE": ("en",),
    "PH": ("en", "fil"),
    "IN": ("en", "hi"),
    "JP": ("ja",),
    "KR": ("ko",),
    "TH": ("th",),
    "VN": ("vi",),
    "ID": ("id",),
    "ES": ("es",),
    "MX": ("es",),
    "BR": ("pt",),
    "PT": ("pt",),
    "FR": ("fr",),
    "DE": ("de",),
    "SA": ("ar",),
    "AE": ("ar", "en"),
    "RU": ("ru",),
    "TR": ("tr",),
}


def _has_language(available: list[str], wanted: str) -> bool:
    wanted = wanted.casefold()
    for lang in (a.casefold() for a in available):
        if lang == wanted or lang.startswith(wanted + "-") or wanted.startswith(lang + "-"):
            return True
    return False


def declared_evidence(app: Application) -> list[dict[str, Any]]:
    """Each declared fact with ``evidenced`` and the reason."""
    report = app.report
    intl = report.get("international", {})
    languages = list(intl.get("languages", []))
    platforms = report.get("industry", {}).get("platforms")
    platforms = [p.casefold() for p in platforms] if isinstance(platforms, list) else None
    rows: list[dict[str, Any]] = []
    for lang in app.declared.languages:
        ok = _has_language(languages, lang)
        rows.append(
            {
                "kind": "language",
                "value": lang,
                "evidenced": ok,
                "why": "subtitle track in subs/qc.json"
                if ok
                else f"no subtitle track in {lang} (have: {', '.join(languages) or 'none'})",
            }
        )
    for market in app.declared.markets:
        needs = MARKET_LANGUAGES.get(market.upper(), ("en",))
        match = next((n for n in needs if _has_language(languages, n)), None)
        rows.append(
            {
                "kind": "market",
                "value": market,
                "evidenced": match is not None,
                "why": f"subtitled in {match}" if match else f"no subtitles in {' or '.join(needs)}",
            }
        )
    for platform in app.declared.platforms:
        if platforms is None:
            rows.append(
                {"kind": "platform", "value": platform, "evidenced": False, "why": "release artifacts not available"}
            )
        else:
            ok = platform.casefold() in platforms
            rows.append(
                {
                    "kind": "platform",
                    "value": platform,
                    "evidenced": ok,
                    "why": "named in release/" if ok else "not named in release/",
                }
            )
    for partner in app.declared.broadcast_partners:
        rows.append(
            {
                "kind": "broadcast partner",
                "value": partner,
                "evidenced": False,
                "why": "declared only: no artifact names partners",
            }
        )
    for member in app.declared.team:
        rows.append({"kind": "team", "value": member, "evidenced": False, "why": "declared only"})
    return rows


def _num(value: Any, default: float = 0.0) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    return float(value) if isinstance(value, int | float) else default


def figures(app: Application, evidence: list[dict[str, Any]]) -> dict[str, tuple[float, str]]:
    """Every figure the rubric may read: name -> (value, where it comes from)."""
    r = app.report
    craft = r.get("craft", {}).get("series", {})
    episodes = max(_num(craft.get("episodes_written")), 1.0)
    errors = _num(r.get("check", {}).get("counts", {}).get("error"))
    same = r.get("originality", {}).get("sameness", {})
    tropes = r.get("originality", {}).get("tropes", {})
    tech = r.get("technology", {})
    intl = r.get("international", {})
    ind = r.get("industry", {})
    subs = intl.get("subtitles") if isinstance(intl.get("subtitles"), list) else []
    pass_rates = [s["pass_rate"] for s in subs if s.get("pass_rate") is not None]

    def evidenced(kind: str) -> float:
        return float(sum(1 for e in evidence if e["kind"] == kind and e["evidenced"]))

    calendar = ind.get("launch_calendar")
    return {
        "craft.runtime_ok_share": (_num(craft.get("runtime_ok_share")), "craft.series.runtime_ok_share"),
        "craft.hook_ok_share": (_num(craft.get("hook_ok_share")), "craft.series.hook_ok_share"),
        "craft.cliffhanger_share": (_num(craft.get("cliffhanger_share")), "craft.series.cliffhanger_share"),
        "craft.turns_per_minute": (_num(craft.get("turns_per_minute")), "craft.series.turns_per_minute"),
        "craft.check_errors_per_episode": (errors / episodes, "check.counts.error / craft.series.episodes_written"),
        "craft.paywall_ok": (_num(craft.get("paywall_ok")), "craft.series.paywall_ok"),
        "craft.episodes_written": (episodes, "craft.series.episodes_written"),
        "fidelity.importance_kept_share": (
            _num(r.get("fidelity", {}).get("events", {}).get("importance_kept_share")),
            "fidelity.events.importance_kept_share",
        ),
        # with no library to compare against, sameness is unknown: scored as the 'similar' threshold, not as original
        "originality.sameness_index": (
            _num(same.get("index"), 0.3),
            "originality.sameness.index" if "index" in same else "originality.sameness (no library: 0.3 assumed)",
        ),
        "originality.trope_concentration": (
            _num(tropes.get("concentration_top3"), 1.0),
            "originality.tropes.concentration_top3",
        ),
        "industry.platforms_evidenced": (evidenced("platform"), "declared platforms named in release/"),
        "industry.large_screen_versions": (_num(ind.get("large_screen_versions")), "industry.large_screen_versions"),
        "industry.vertical_cuts": (_num(ind.get("vertical_cuts")), "industry.vertical_cuts"),
        "industry.broadcast_partners_declared": (
            float(len(app.declared.broadcast_partners)),
            "declared.broadcast_partners",
        ),
        "industry.launch_calendar": (
            1.0 if calendar and calendar != "not available" else 0.0,
            "industry.launch_calendar",
        ),
        "technology.stages_run": (float(len(tech.get("stages_run", {}))), "technology.stages_run"),
        "technology.hours_saved": (_num(tech.get("hours_saved")), "technology.hours_saved"),
        "technology.model_engines": (float(len(tech.get("model_engines", []))), "technology.model_engines"),
        "international.languages": (float(len(intl.get("languages", []))), "international.languages"),
        "international.mean_pass_rate": (
            sum(pass_rates) / len(pass_rates) if pass_rates else 0.0,
            "mean of international.subtitles[].pass_rate",
        ),
        "international.localised_metadata": (
            float(len(intl.get("localised_metadata", {}))),
            "international.localised_metadata",
        ),
        "international.markets_evidenced": (evidenced("market"), "declared markets with subtitles in their languages"),
    }
