"""``report/assess.html``: one self-contained page — key figures, charts (inline SVG), then the detail tables."""

from __future__ import annotations

from html import escape
from typing import Any

from microdrama.assess.charts import render_charts
from microdrama.assess.summary import key_figures

CSS = """
body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2rem auto;max-width:60rem;color:#1f2937;line-height:1.4}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #c2410c;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #e5e7eb;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f9fafb}td.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#15803d;font-weight:bold}.miss{color:#b91c1c;font-weight:bold}.muted{color:#6b7280}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
"""


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{escape(_fmt(c))}</td>'
            if isinstance(c, int | float) and not isinstance(c, bool)
            else f"<td>{escape(_fmt(c))}</td>"
            for c in row
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, list):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items())
    return str(value)


def _figure(charts: dict[str, tuple[str, bytes]], name: str) -> str:
    if name not in charts:
        return ""
    svg = charts[name][0]
    svg = svg[svg.find("<svg") :]
    return f"<figure>{svg}</figure>"


def render(report: dict[str, Any]) -> str:
    """The HTML page of an assess report."""
    charts = render_charts(report)
    series = report["series"]
    craft = report["craft"]
    fid = report["fidelity"]
    orig = report["originality"]
    tech = report["technology"]
    parts = [
        f'<!doctype html><html lang="{escape(series["language"])}"><head><meta charset="utf-8">',
        f"<title>Assessment — {escape(series['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(series['title'])}</h1>",
        (
            f'<p class="muted">{series["episodes"]} episodes × {series["episode_ms"] / 1000:.0f} s · '
            f"{escape(series['language'])} · {escape(', '.join(series['genre']))}</p>"
        ),
    ]
    if series.get("logline"):
        parts.append(f"<p><em>{escape(series['logline'])}</em></p>")
    rows = key_figures(report)
    parts.append(
        "<h2>Key figures</h2><table><thead><tr><th>area</th><th>figure</th><th>value</th><th>target</th><th></th>"
        "</tr></thead><tbody>"
    )
    for section, label, value, target, verdict in rows:
        mark = {"ok": "✓", "miss": "✗"}.get(verdict, "")
        parts.append(
            f"<tr><td>{escape(section)}</td><td>{escape(label)}</td><td>{escape(value)}</td>"
            f'<td class="muted">{escape(target)}</td><td class="{verdict}">{mark}</td></tr>'
        )
    parts.append("</tbody></table>")

    parts.append("<h2>Craft</h2>")
    parts += [_figure(charts, n) for n in ("runtime", "tension", "rhythm", "screen_time")]
    parts.append(
        '<p class="muted">Measured against: ' + "; ".join(escape(v) for v in craft["targets"].values()) + "</p>"
    )
    parts.append(
        _table(
            [
                "ep",
                "title",
                "runtime s",
                "target s",
                "hook s",
                "cliffhanger",
                "strength",
                "turns/min",
                "dialogue",
                "scenes",
                "tension",
            ],
            [
                [
                    e["episode"],
                    e.get("title", ""),
                    e["runtime_ms"] / 1000,
                    e["target_ms"] / 1000,
                    None if e["hook_ms"] is None else e["hook_ms"] / 1000,
                    e["cliffhanger"]["kind"],
                    e["cliffhanger"]["strength"],
                    e["turns_per_minute"],
                    e["dialogue_share"],
                    e["scenes"],
                    e["tension"],
                ]
                for e in craft["episodes"]
            ],
        )
    )
    findings = report["check"]["findings"]
    parts.append(f"<h3>check findings ({len(findings)})</h3>")
    parts.append(
        _table(
            ["ep", "severity", "rule", "message"],
            [[f["episode"], f["severity"], f["rule"], f.get("message", "(redacted)")] for f in findings[:60]],
        )
    )
    if len(findings) > 60:
        parts.append(f'<p class="muted">… and {len(findings) - 60} more in assess.json</p>')

    parts.append("<h2>Fidelity to the source</h2>")
    parts.append(
        _table(
            ["events", "covered", "cold open", "merged", "cut", "covered share", "importance kept"],
            [
                [
                    fid["events"]["total"],
                    fid["events"]["covered"],
                    fid["events"]["cold_open"],
                    fid["events"]["merged"],
                    fid["events"]["cut"],
                    fid["events"]["covered_share"],
                    fid["events"]["importance_kept_share"],
                ]
            ],
        )
    )
    parts.append(
        _table(
            ["lines", "from the book", "new", "book share", "dialogue from book", "action from book"],
            [
                [
                    fid["lines"]["total"],
                    fid["lines"]["from_book"],
                    fid["lines"]["new"],
                    fid["lines"]["book_share"],
                    fid["lines"]["dialogue_book_share"],
                    fid["lines"]["action_book_share"],
                ]
            ],
        )
    )
    if fid["signature_lines"]:
        parts.append("<h3>Signature lines</h3>")
        parts.append(
            _table(
                ["kept", "speaker", "line", "kinds"],
                [
                    ["✓" if s["kept"] else "✗", s["speaker"], s.get("text", "(redacted)"), s["kinds"]]
                    for s in fid["signature_lines"]
                ],
            )
        )

    parts.append("<h2>Originality and homogenisation</h2>")
    parts.append(_figure(charts, "tropes"))
    parts.append(
        _table(
            ["trope", "per 10k", "hits", "present", "signals", "regulatory note"],
            [
                [t["name"], t["per_10k"], t["hits"], t["present"], t["signals"], t.get("pressure", "")]
                for t in orig["tropes"]["tropes"]
                if t["hits"]
            ],
        )
    )
    same = orig["sameness"]
    parts.append(
        f"<p>Sameness: <b>{escape(same['verdict'])}</b>"
        + (
            f" — index {same['index']:.2f} against {same['library_size']} series ({escape(same['method'])})"
            if "index" in same
            else " (run with --library FOLDER to compare)"
        )
        + "</p>"
    )
    parts.append(_figure(charts, "sameness"))
    if same.get("closest"):
        parts.append(
            _table(
                ["series", "Jaccard", "verdict", "trope cosine", "shared tropes", "shared phrases"],
                [
                    [
                        r["name"],
                        r["jaccard"],
                        r["verdict"],
                        r["trope_cosine"],
                        r["shared_tropes"],
                        r.get("shared_phrases", []),
                    ]
                    for r in same["closest"]
                ],
            )
        )

    parts.append("<h2>Technological empowerment</h2>")
    parts.append(_table(["stage", "engines"], [[k, v] for k, v in tech["engines"].items()]))
    if tech["model_usage"]:
        parts.append(
            _table(
                ["stage", "requests", "cached", "prompt tokens", "completion tokens", "cost", "fallbacks"],
                [
                    [
                        k,
                        v.get("requests"),
                        v.get("cached"),
                        v.get("prompt_tokens"),
                        v.get("completion_tokens"),
                        v.get("cost"),
                        v.get("fallbacks"),
                    ]
                    for k, v in tech["model_usage"].items()
                ],
            )
        )
    else:
        parts.append('<p class="muted">No model usage recorded (offline engines).</p>')
    parts.append(
        _table(
            ["stage", "work", "count", "h / unit", "hours", "basis"],
            [
                [r["stage"], r["unit"], r["count"], r["hours_per_unit"], r["hours"], r["basis"]]
                for r in tech["time_saved"]
            ],
        )
    )

    intl, ind = report["international"], report["industry"]
    parts.append("<h2>International dissemination</h2>")
    if isinstance(intl["subtitles"], list):
        parts.append(
            _table(
                ["language", "episodes", "cues", "QC pass", "before fixes", "errors", "warnings"],
                [
                    [
                        r["language"],
                        r["episodes"],
                        r["cues"],
                        r["pass_rate"],
                        r["pass_rate_before_fix"],
                        r["errors"],
                        r["warnings"],
                    ]
                    for r in intl["subtitles"]
                ],
            )
        )
    parts.append(
        _table(
            ["localised metadata", "pending translations", "overseas profiles"],
            [[intl["localised_metadata"] or "none", intl["pending_translations"] or "none", intl["overseas_profiles"]]],
        )
    )
    parts.append("<h2>Industry promotion</h2>")
    parts.append(
        _table(
            ["vertical cuts", "large-screen versions", "platforms", "launch calendar"],
            [[ind["vertical_cuts"], ind["large_screen_versions"], ind["platforms"], ind["launch_calendar"]]],
        )
    )
    parts.append("<h2>Compliance</h2>")
    parts.append(_table(["field", "value"], [[k, v] for k, v in report["compliance"].items()]))
    parts.append("</body></html>\n")
    return "\n".join(p for p in parts if p)
