"""The report's key figures as rows (section, figure, value, what it is measured against, verdict) — what
the HTML page and the PDF open with, and what a reader checks first."""

from __future__ import annotations

from typing import Any

OK, MISS, INFO = "ok", "miss", ""


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _sec(ms: float | None) -> str:
    return "–" if ms is None else f"{ms / 1000:.1f} s"


def key_figures(report: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """Rows of (section, figure, value, target, verdict)."""
    s = report["craft"]["series"]
    fid = report["fidelity"]
    tropes = report["originality"]["tropes"]
    same = report["originality"]["sameness"]
    tech = report["technology"]
    intl = report["international"]
    ind = report["industry"]
    checks = report["check"]["counts"]
    rows = [
        ("Craft", "episodes written / planned", f"{s['episodes_written']} / {s['episodes_planned']}", "", INFO),
        (
            "Craft",
            "runtime within target ±10 %",
            _pct(s["runtime_ok_share"]),
            "100 %",
            OK if s["runtime_ok_share"] == 1 else MISS,
        ),
        ("Craft", "hook within 5 s", _pct(s["hook_ok_share"]), "100 %", OK if s["hook_ok_share"] == 1 else MISS),
        (
            "Craft",
            "mean time to the hook",
            _sec(s["mean_hook_ms"]),
            "< 5 s",
            OK if (s["mean_hook_ms"] or 1e9) < 5000 else MISS,
        ),
        (
            "Craft",
            "episodes ending on a cliffhanger",
            _pct(s["cliffhanger_share"]),
            "all but the last",
            OK if s["cliffhanger_share"] == 1 else MISS,
        ),
        (
            "Craft",
            "turns per minute",
            "–" if s["turns_per_minute"] is None else f"{s['turns_per_minute']:.1f}",
            "≥ 4",
            OK if (s["turns_per_minute"] or 0) >= 4 else MISS,
        ),
        ("Craft", "dialogue share", _pct(s["dialogue_share"]), "", INFO),
        (
            "Craft",
            "paywall",
            f"ep {s['paywall_episode']} ({_pct(s['paywall_position'])})" if s["paywall_episode"] else "none",
            "10–20 % in",
            OK if s["paywall_ok"] else MISS,
        ),
        (
            "Craft",
            "check findings",
            f"{checks['error']} errors, {checks['warning']} warnings",
            "0 errors",
            OK if checks["error"] == 0 else MISS,
        ),
        (
            "Fidelity",
            "plot events covered / merged / cut",
            f"{fid['events']['covered'] + fid['events']['cold_open']} / {fid['events']['merged']} / {fid['events']['cut']}",
            "",
            INFO,
        ),
        ("Fidelity", "lines from the book", _pct(fid["lines"]["book_share"]), "", INFO),
        (
            "Fidelity",
            "signature lines kept",
            f"{sum(1 for x in fid['signature_lines'] if x['kept'])} / {len(fid['signature_lines'])}",
            "",
            INFO,
        ),
        ("Originality", "tropes present", ", ".join(tropes["present"]) or "none", "", INFO),
        ("Originality", "trope concentration (top 3)", _pct(tropes["concentration_top3"]), "", INFO),
        (
            "Originality",
            "sameness index (closest Jaccard)",
            f"{same['index']:.2f} ({same['verdict']})" if "index" in same else same["verdict"],
            "< 0.5",
            INFO if "index" not in same else OK if same["verdict"] != "near-duplicate" else MISS,
        ),
        ("Technology", "stages run", str(len(tech["stages_run"])), "", INFO),
        (
            "Technology",
            "model requests / cost",
            f"{int(tech['totals'].get('requests', 0))} / {tech['totals'].get('cost', 0):.2f}",
            "",
            INFO,
        ),
        ("Technology", "hours of work done by the chain (estimate)", f"{tech['hours_saved']:.1f} h", "", INFO),
        ("International", "subtitle languages", ", ".join(intl["languages"]) or "none", "", INFO),
        ("International", "localised metadata languages", ", ".join(intl["localised_metadata"]) or "none", "", INFO),
        ("Industry", "large-screen (16:9) versions", str(ind["large_screen_versions"]), "", INFO),
        (
            "Industry",
            "platforms",
            ", ".join(ind["platforms"]) if isinstance(ind["platforms"], list) else ind["platforms"],
            "",
            INFO,
        ),
        ("Compliance", "compliance report", report["compliance"]["status"], "", INFO),
    ]
    for lang in intl["subtitles"] if isinstance(intl["subtitles"], list) else []:
        rows.insert(
            -4,
            (
                "International",
                f"subtitle QC pass rate ({lang['language']})",
                _pct(lang["pass_rate"]),
                "100 %",
                OK if lang["pass_rate"] == 1 else MISS,
            ),
        )
    return rows
