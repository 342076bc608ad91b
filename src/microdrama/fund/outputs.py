"""What ``microdrama fund`` writes into OUT: the ranked table (CSV, XLSX), a rationale per application
(Markdown), the sensitivity table (CSV), an HTML summary with charts, and ``allocation.json``."""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from microdrama.assess.charts import _render, _style
from microdrama.fund.evaluate import Evaluation, ranked_rows
from microdrama.fund.rubric import CRITERIA, CRITERION_NAMES
from microdrama.project import atomic_write
from microdrama.shoot.xlsx import workbook_bytes

SENSITIVITY_COLUMNS = (
    "criterion",
    "change",
    "grants_changed",
    "money_moved",
    "funded_now",
    "unfunded_now",
    "max_rank_shift",
)


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([" ".join(v) if isinstance(v, list) else v for v in (row[c] for c in columns)])
    return buf.getvalue().encode("utf-8")


def _xlsx(ev: Evaluation, rows: list[dict[str, Any]]) -> bytes:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "allocation"
    columns = list(rows[0]) if rows else []
    sheet.append(columns)
    for row in rows:
        sheet.append([row[c] for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for col, name in enumerate(columns, 1):
        if name in ("budget", "requested", "grant"):
            for r in range(2, len(rows) + 2):
                sheet.cell(r, col).number_format = "#,##0"
    sheet.freeze_panes = "C2"
    rules = wb.create_sheet("scores")
    rules.append(["id", "criterion", "rule", "figure", "value", "points", "of", "source", "why"])
    for app_id in ev.ranked:
        for line in ev.scores[app_id]["rules"]:
            rules.append(
                [
                    app_id,
                    line["criterion"],
                    line["rule"],
                    line["figure"],
                    line["value"],
                    line["points"],
                    line["of"],
                    line["source"],
                    line["why"],
                ]
            )
    sens = wb.create_sheet("sensitivity")
    sens.append(list(SENSITIVITY_COLUMNS))
    for row in ev.sensitivity:
        sens.append([" ".join(row[c]) if isinstance(row[c], list) else row[c] for c in SENSITIVITY_COLUMNS])
    for ws in (rules, sens):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    return workbook_bytes(wb)


def rationale(ev: Evaluation, app_id: str) -> str:
    """One application's rationale: grant and why, each criterion's rules with their evidence, declared facts."""
    app = next(a for a in ev.applications if a.id == app_id)
    s = ev.scores[app_id]
    rank = ev.ranked.index(app_id) + 1
    out = [
        f"# {app.id} — {app.title}",
        "",
        f"Applicant: {app.applicant}  ",
        f"Evidence: {app.evidence_source}  ",
        f"Budget {app.budget:,.0f} {app.currency}, requested {app.requested:,.0f}  ",
        f"**Grant: {ev.allocation.grants[app_id]:,.0f}** — {ev.reasons[app_id]}  ",
        (
            f"Rank {rank} of {len(ev.ranked)}, total score {s['total']:.1f} / 100 "
            f"(eligibility threshold {ev.rubric.min_total:g})"
        ),
        "",
    ]
    for criterion in CRITERIA:
        out += [
            f"## {CRITERION_NAMES[criterion]}: {s['criteria'][criterion]:.1f} / 100 (weight {ev.rubric.weights[criterion]:.0%})",
            "",
            "| rule | figure | value | points | why |",
            "|---|---|---|---|---|",
        ]
        for line in s["rules"]:
            if line["criterion"] == criterion:
                out.append(
                    f"| {line['rule']} | {line['source']} | {line['value']:g} | {line['points']:g} / {line['of']:g} "
                    f"(0 at {line['zero']:g}, all at {line['full']:g}) | {line['why']} |"
                )
        out.append("")
    facts = ev.evidence[app_id]
    out += ["## Declared facts", ""]
    if facts:
        out += ["| kind | declared | evidenced | why |", "|---|---|---|---|"]
        out += [f"| {f['kind']} | {f['value']} | {'yes' if f['evidenced'] else 'no'} | {f['why']} |" for f in facts]
    else:
        out.append("None declared.")
    return "\n".join(out) + "\n"


def _charts(ev: Evaluation, rows: list[dict[str, Any]]) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out: dict[str, str] = {}
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.5, 0.28 * len(rows) + 1.2))
        labels = [f"{r['rank']}. {r['id']}" for r in rows][::-1]
        ax.barh(labels, [r["requested"] / 1e6 for r in rows][::-1], color="#e5e7eb", label="requested")
        ax.barh(labels, [r["grant"] / 1e6 for r in rows][::-1], color="#c2410c", height=0.5, label="grant")
        ax.set(title="Grant and request per application (M)", xlabel="million")
        ax.legend(loc="lower right", frameon=False)
        out["grants"] = _render(fig)[0]
        fig, ax = plt.subplots(figsize=(7.5, 0.28 * len(rows) + 1.2))
        data = [[r[c] for c in CRITERIA] for r in rows]
        image = ax.imshow(data, aspect="auto", cmap="Oranges", vmin=0, vmax=100)
        ax.set_xticks(range(len(CRITERIA)), [CRITERION_NAMES[c].replace(" ", "\n", 1) for c in CRITERIA], fontsize=8)
        ax.set_yticks(range(len(rows)), [f"{r['rank']}. {r['id']}" for r in rows], fontsize=7)
        for i, row in enumerate(data):
            for j, value in enumerate(row):
                ax.text(
                    j,
                    i,
                    f"{value:.0f}",
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    color="black" if value < 60 else "white",
                )
        fig.colorbar(image, ax=ax, shrink=0.6)
        ax.set_title("Criterion scores (0–100)")
        out["scores"] = _render(fig)[0]
        if ev.sensitivity:
            fig, ax = plt.subplots(figsize=(7.5, 2.6))
            names = [f"{r['criterion']} {r['change']}" for r in ev.sensitivity]
            moved = [r["money_moved"] / 1e6 for r in ev.sensitivity]
            ax.bar(names, moved, color="#1f2937")
            ax.set_ylim(0, max(0.1, *moved) * 1.15)
            for i, row in enumerate(ev.sensitivity):
                ax.annotate(
                    f"{row['grants_changed']} changed",
                    (i, moved[i]),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                )
            ax.set(title="Sensitivity: money moved when one weight moves ±20 % (M)", ylabel="million")
            ax.tick_params(axis="x", labelrotation=30, labelsize=7)
            out["sensitivity"] = _render(fig)[0]
    return {k: v[v.find("<svg") :] for k, v in out.items()}


def _html(ev: Evaluation, rows: list[dict[str, Any]]) -> str:
    t = ev.terms
    charts = _charts(ev, rows)
    funded = [r for r in rows if r["grant"] > 0]
    head = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fund allocation</title><style>'
        "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:70rem;margin:2rem auto;color:#1f2937}"
        "table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border-bottom:1px solid #e5e7eb;padding:.2rem .4rem;"
        "text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}h2{border-bottom:2px solid #c2410c}"
        "svg{max-width:100%;height:auto}.muted{color:#6b7280}</style></head><body>"
    )
    coverage = f"on (threshold {t.cover_threshold:g})" if t.cover else "off"
    weights = ", ".join(f"{CRITERION_NAMES[c]} {ev.rubric.weights[c]:.0%}" for c in CRITERIA)
    parts = [
        head,
        "<h1>Support-fund allocation</h1>",
        (
            f"<p>Pool {t.pool:,.0f} · cap {t.cap:,.0f} per project · minimum grant {t.min_grant:,.0f} · "
            f"step {t.step:,.0f} · coverage of every criterion: {coverage}</p>"
        ),
        (
            f"<p><b>{len(funded)}</b> of {len(rows)} applications funded; <b>{ev.allocation.total:,.0f}</b> granted, "
            f"{t.pool - ev.allocation.total:,.0f} left. Solver: {escape(ev.allocation.status)}. Weights: {weights}.</p>"
        ),
    ]
    parts += [f'<p class="muted">{escape(n)}</p>' for n in ev.allocation.notes]
    parts.append(
        "<h2>Ranked table</h2><table><tr>"
        + "".join(
            f"<th>{h}</th>"
            for h in ("#", "id", "applicant", "title", "total", *CRITERIA, "requested", "grant", "evidenced", "why")
        )
        + "</tr>"
    )
    for r in rows:
        cells = [
            r["rank"],
            r["id"],
            r["applicant"],
            r["title"],
            f"{r['total']:.1f}",
            *(f"{r[c]:.0f}" for c in CRITERIA),
            f"{r['requested']:,.0f}",
            f"{r['grant']:,.0f}",
            f"{r['evidenced_facts']}/{r['declared_facts']}",
            r["reason"],
        ]
        parts.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>")
    parts.append("</table>")
    parts += ["<h2>Charts</h2>", charts.get("grants", ""), charts.get("scores", "")]
    if ev.sensitivity:
        parts.append("<h2>Sensitivity (each weight ±20 %, others renormalised)</h2>")
        parts.append(charts.get("sensitivity", ""))
        parts.append("<table><tr>" + "".join(f"<th>{h}</th>" for h in SENSITIVITY_COLUMNS) + "</tr>")
        for row in ev.sensitivity:
            parts.append(
                "<tr>"
                + "".join(
                    f"<td>{escape(' '.join(row[c]) if isinstance(row[c], list) else f'{row[c]:,.0f}' if c == 'money_moved' else str(row[c]))}</td>"
                    for c in SENSITIVITY_COLUMNS
                )
                + "</tr>"
            )
        parts.append("</table>")
    parts.append(
        '<p class="muted">Every score is explained in rationale/ID.md (rule, figure, evidence).</p></body></html>\n'
    )
    return "\n".join(parts)


def write_outputs(ev: Evaluation, out: Path) -> list[Path]:
    """Write every output file into ``out`` (atomically); returns their paths."""
    rows = ranked_rows(ev)
    columns = list(rows[0]) if rows else []
    files: dict[str, bytes] = {
        "allocation.csv": _csv(rows, columns),
        "allocation.xlsx": _xlsx(ev, rows),
        "sensitivity.csv": _csv(ev.sensitivity, list(SENSITIVITY_COLUMNS)),
        "summary.html": _html(ev, rows).encode("utf-8"),
        "allocation.json": (
            json.dumps(
                {
                    "schema": "FundAllocation.1",
                    "terms": vars(ev.terms),
                    "weights": ev.rubric.weights,
                    "min_total": ev.rubric.min_total,
                    "status": ev.allocation.status,
                    "granted": ev.allocation.total,
                    "notes": ev.allocation.notes,
                    "covered": ev.allocation.covered,
                    "ranked": rows,
                    "scores": ev.scores,
                    "evidence": ev.evidence,
                    "sensitivity": ev.sensitivity,
                },
                ensure_ascii=False,
                indent=2,
                sort_keys=True,
            )
            + "\n"
        ).encode("utf-8"),
    }
    for app_id in ev.ranked:
        files[f"rationale/{app_id}.md"] = rationale(ev, app_id).encode("utf-8")
    written = []
    for name, data in files.items():
        atomic_write(out / name, data)
        written.append(out / name)
    return written
