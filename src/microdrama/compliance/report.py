"""The series compliance report: labels per origin, review tier and filing number, content findings;
as ``compliance/report.json`` (``ComplianceReport.1``) and a one-page HTML for the reviewer."""

from __future__ import annotations

import html
import re
from collections import Counter
from fnmatch import fnmatch

from microdrama.compliance.labeller import label_file
from microdrama.compliance.plan import LABELLED, label_language, label_plan
from microdrama.compliance.provenance import origin_of
from microdrama.compliance.review import (
    Finding,
    is_classic,
    parse_waivers,
    review_series,
)
from microdrama.compliance.rules import default_rulebook
from microdrama.compliance.tier import decide_tier, special_topics
from microdrama.model.base import Provenance
from microdrama.model.compliance import ComplianceReport, LabelLedger
from microdrama.model.script import EpisodeScript
from microdrama.model.series import Bible
from microdrama.model.source import Source
from microdrama.project import Outputs, StageContext

WAIVERS = "compliance/waivers.toml"
#: series-wide outputs that get labelled copies in the report stage (project-relative globs)
SERIES_DELIVERABLES = (
    "script/series.fountain",
    "script/series.html",
    "script/series.pdf",
    "shoot/callsheets/day[0-9][0-9].pdf",
)
_EPISODE = re.compile(r"^script/ep(\d{3})\.json$")


def build_report(ctx: StageContext) -> tuple[ComplianceReport, Outputs]:
    """Review the series in ``ctx``; returns the report and labelled copies of series-wide scripts."""
    c = ctx.settings.compliance
    scripts = [ctx.load(EpisodeScript, p) for p in sorted(ctx.inputs) if _EPISODE.match(p)]
    fountains = {
        s.episode: ctx.path(f"script/ep{s.episode:03d}.fountain").read_text("utf-8")
        for s in scripts
        if f"script/ep{s.episode:03d}.fountain" in ctx.inputs
    }
    bible = ctx.load(Bible, "series/bible.json") if "series/bible.json" in ctx.inputs else None
    source = ctx.load(Source, "source/source.json") if "source/source.json" in ctx.inputs else None
    language = bible.language if bible else (scripts[0].language if scripts else "en")
    title = bible.title if bible else ""
    book = default_rulebook()
    known = sorted(book.ids | {"TIER-FILING", "FIDELITY-CLASSIC"})
    waivers = parse_waivers(ctx.path(WAIVERS).read_text("utf-8"), known) if WAIVERS in ctx.inputs else []
    topics = special_topics([title, bible.logline, bible.synopsis]) if bible else []
    decision = decide_tier(c.investment, c.tier_rules, topics, c.market)
    if c.classic == "auto":
        classic = is_classic(
            (source.title if source else None) or title, (source.author if source else None) or "", book
        )
    else:
        classic = c.classic == "yes"
    review = review_series(
        scripts,
        title=title,
        language=language,
        fountains=fountains,
        decision=decision,
        filing=c.filing_number if c.market == "cn" else "",
        classic=classic,
        waivers=waivers,
        skip=c.skip_rules,
        book=book,
    )
    outputs: Outputs = {}
    plan = label_plan(ctx, label_language(ctx.settings, language))
    labels: Counter[str] = Counter()
    unlabelled = []
    for path in sorted(p for p in ctx.inputs if any(fnmatch(p, g) for g in SERIES_DELIVERABLES)):
        done = label_file(origin_of(path, ctx.settings), ctx.path(path).read_bytes(), plan)
        labels[done.origin] += 1
        if done.origin != "none":
            outputs[LABELLED + path] = done.data
            labels["labelled"] += 1
        else:
            unlabelled.append(f"{path}: {done.reason}")
    for path in sorted(p for p in ctx.inputs if p.startswith("compliance/ep") and p.endswith(".labels.json")):
        for entry in ctx.load(LabelLedger, path).entries:
            labels[entry.origin] += 1
            if entry.labelled:
                labels["labelled"] += 1
            else:
                unlabelled.append(f"{entry.path}: {entry.reason}")
    findings = sorted(review.findings, key=_order)
    counts = Counter(f.severity for f in findings if not f.waived)
    counts["waived"] = sum(f.waived for f in findings)
    report = ComplianceReport(
        title=title,
        language=language,
        ready=not review.blocking,
        tier=decision.to_dict(),
        filing_number=c.filing_number,
        classic=classic,
        labels=dict(sorted(labels.items())),
        unlabelled=unlabelled,
        findings=[f.to_dict() for f in findings],
        counts={k: counts.get(k, 0) for k in ("blocker", "warn", "info", "waived")},
        stale_waivers=[w.__dict__ for w in review.stale_waivers],
        provenance=Provenance(stage="compliance-report", parents=ctx.parents("script/", "series/", "compliance/")),
    )
    return report, outputs


def _order(finding: Finding) -> tuple[int, int, int, str]:
    return (finding.episode or 0, finding.scene or 0, finding.line or 0, finding.rule)


_STYLE = """body{font:14px/1.45 system-ui,'Noto Sans CJK SC',sans-serif;margin:2em;max-width:70em;color:#222}
h1{font-size:1.5em}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}
.blocker{color:#a00;font-weight:bold}.warn{color:#a60}.info{color:#567}.waived{color:#888;text-decoration:line-through}
.ok{color:#070;font-weight:bold}.src{font-size:.85em;color:#555}"""


def render_html(report: ComplianceReport) -> str:
    """The report as one self-contained HTML page."""
    e = html.escape
    verdict = (
        '<p class="ok">Ready: no unwaived blocker.</p>'
        if report.ready
        else f'<p class="blocker">Not ready: {report.counts.get("blocker", 0)} blocker(s) to fix or waive.</p>'
    )
    tier = report.tier
    rows = []
    for f in report.findings:
        where = " · ".join(f"{k} {f[k]}" for k in ("episode", "scene", "line") if f.get(k) is not None) or "series"
        if f.get("fountain_line"):
            where += f" (fountain line {f['fountain_line']})"
        css = "waived" if f["waived"] else f["severity"]
        waiver = f"<br><i>waived: {e(f['waiver'])}</i>" if f["waived"] else ""
        rows.append(
            f'<tr class="{css}"><td>{e(where)}</td><td class="{f["severity"]}">{e(f["severity"])}</td>'
            f"<td>{e(f['rule'])}<br>{e(f['title'])}</td><td>{e(f['message'])}<br><q>{e(f['excerpt'])}</q>{waiver}</td>"
            f'<td class="src">{e(f["source"])}</td></tr>'
        )
    labels = "".join(f"<tr><td>{e(k)}</td><td>{v}</td></tr>" for k, v in report.labels.items())
    unlabelled = "".join(f"<li>{e(u)}</li>" for u in report.unlabelled) or "<li>none</li>"
    stale = "".join(f"<li>{e(str(w))}</li>" for w in report.stale_waivers)
    return f"""<!DOCTYPE html>
<html lang="{e(report.language)}"><head><meta charset="utf-8"><title>Compliance — {e(report.title)}</title>
<style>{_STYLE}</style></head><body>
<h1>Compliance report — {e(report.title)}</h1>{verdict}
<h2>Review tier</h2><table>
<tr><th>tier</th><td>{e(str(tier.get("tier_name", "")))}</td></tr><tr><th>why</th><td>{e(str(tier.get("reason", "")))}</td></tr>
<tr><th>review path</th><td>{e(str(tier.get("review_path", "")))}</td></tr>
<tr><th>filing number</th><td>{e(report.filing_number) or '<span class="blocker">missing</span>'}</td></tr>
<tr><th>classic source</th><td>{"yes — fidelity checked" if report.classic else "no"}</td></tr>
<tr><th>source</th><td class="src">{e(str(tier.get("source", "")))}</td></tr></table>
<h2>AI-content labels (GB 45438-2025)</h2><table><tr><th>outputs</th><th>count</th></tr>{labels}</table>
<p>Not labelled:</p><ul>{unlabelled}</ul>
<h2>Content review</h2>
<p>{report.counts.get("blocker", 0)} blocker, {report.counts.get("warn", 0)} warn, {report.counts.get("info", 0)} info,
{report.counts.get("waived", 0)} waived.</p>
<table><tr><th>where</th><th>severity</th><th>rule</th><th>finding</th><th>source</th></tr>{"".join(rows)}</table>
{"<h2>Waivers that matched nothing</h2><ul>" + stale + "</ul>" if stale else ""}
</body></html>
"""
