"""The report's charts (matplotlib): SVG for the HTML page, PNG for the PDF, the same figure for both.

Output repeats byte for byte: no dates in the files, a fixed SVG id salt. SVG keeps its labels as text
(small, selectable; the browser's fonts draw them); the PNG draws Chinese labels with the CJK font
fontconfig finds (the one the screenplay PDF embeds), with DejaVu Sans first for Latin text.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from microdrama.errors import FontNotFoundError
from microdrama.formats.fonts import cjk_font

INK, ACCENT, MUTED, GOOD, BAD = "#1f2937", "#c2410c", "#9ca3af", "#15803d", "#b91c1c"
WIDTH = 7.0


@lru_cache(maxsize=1)
def _fonts() -> list[str]:
    families = ["DejaVu Sans"]
    try:
        face = cjk_font("zh-Hans")
        font_manager.fontManager.addfont(str(face.path))
        families.append(font_manager.FontProperties(fname=str(face.path)).get_name())
    except (FontNotFoundError, RuntimeError, OSError):
        pass
    return families


def _style() -> dict[str, Any]:
    return {
        "font.family": _fonts(),
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "microdrama",
        "svg.fonttype": "none",
        "axes.edgecolor": MUTED,
        "axes.titleweight": "bold",
    }


def _render(fig: Figure) -> tuple[str, bytes]:
    svg, png = io.StringIO(), io.BytesIO()
    fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return svg.getvalue(), png.getvalue()


def _figure(height: float) -> tuple[Figure, Any]:
    fig, ax = plt.subplots(figsize=(WIDTH, height))
    return fig, ax


def _episode_axis(ax: Any) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("episode")


def _legend_below(ax: Any, handles: list[Any] | None = None) -> None:
    handles = handles or ax.get_legend_handles_labels()[0]
    ax.legend(
        handles,
        [h.get_label() for h in handles],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.28),
        ncol=len(handles),
        frameon=False,
        fontsize=8,
    )


def runtime_chart(report: dict[str, Any]) -> Figure | None:
    """Runtime per episode against its target and the ±10 % band."""
    eps = report["craft"]["episodes"]
    if not eps:
        return None
    fig, ax = _figure(2.6)
    xs = [e["episode"] for e in eps]
    ax.bar(xs, [e["runtime_ms"] / 1000 for e in eps], color=[GOOD if e["runtime_ok"] else BAD for e in eps], width=0.7)
    targets = [e["target_ms"] / 1000 for e in eps]
    ax.plot(xs, targets, color=INK, lw=1, label="target")
    ax.fill_between(
        xs, [t * 0.9 for t in targets], [t * 1.1 for t in targets], color=MUTED, alpha=0.25, step="mid", label="±10 %"
    )
    ax.set(title="Runtime per episode (s)", ylabel="seconds")
    _episode_axis(ax)
    _legend_below(ax)
    return fig


def tension_chart(report: dict[str, Any]) -> Figure | None:
    """The tension curve (planned events), cliffhanger strength, and the paywall episode."""
    eps = report["craft"]["episodes"]
    if not eps:
        return None
    fig, ax = _figure(2.6)
    xs = [e["episode"] for e in eps]
    ax.plot(xs, [e["tension"] or 0 for e in eps], color=ACCENT, marker="o", ms=3, label="event tension")
    ax.plot(xs, [e["cliffhanger"]["strength"] for e in eps], color=INK, ls="--", lw=1, label="cliffhanger strength")
    paywall = report["craft"]["series"]["paywall_episode"]
    if paywall:
        ax.axvline(paywall, color=BAD, lw=1)
        ax.annotate("paywall", (paywall, 1.0), xytext=(3, -10), textcoords="offset points", color=BAD)
    ax.set(title="Tension curve", ylim=(0, 1.05))
    _episode_axis(ax)
    _legend_below(ax)
    return fig


def rhythm_chart(report: dict[str, Any]) -> Figure | None:
    """Turns per minute per episode against the 4-a-minute target, and dialogue share."""
    eps = report["craft"]["episodes"]
    if not eps:
        return None
    fig, ax = _figure(2.6)
    xs = [e["episode"] for e in eps]
    ax.bar(xs, [e["turns_per_minute"] for e in eps], color=ACCENT, width=0.7, label="turns / min")
    ax.axhline(4, color=INK, lw=1, ls=":", label="target 4 / min")
    share = ax.twinx()
    share.plot(xs, [e["dialogue_share"] for e in eps], color=INK, marker=".", lw=1, label="dialogue share")
    share.set(ylim=(0, 1.05), ylabel="dialogue share")
    share.spines["top"].set_visible(False)
    ax.set(title="Rhythm: turns per minute, dialogue share", ylabel="turns / min")
    _episode_axis(ax)
    _legend_below(ax, ax.get_legend_handles_labels()[0] + share.get_legend_handles_labels()[0])
    return fig


def trope_chart(report: dict[str, Any]) -> Figure | None:
    """The ten densest tropes, present ones in colour."""
    rows = [r for r in report["originality"]["tropes"]["tropes"] if r["hits"]][:10]
    if not rows:
        return None
    fig, ax = _figure(0.35 * len(rows) + 0.8)
    rows = rows[::-1]
    ax.barh(
        [r["name"] for r in rows], [r["per_10k"] for r in rows], color=[ACCENT if r["present"] else MUTED for r in rows]
    )
    ax.set(title="Trope profile (signals per 10,000 words / 汉字)", xlabel="per 10k")
    return fig


def screen_time_chart(report: dict[str, Any]) -> Figure | None:
    """Share of dialogue time per character (top eight)."""
    shares = sorted(report["craft"]["series"]["screen_time_share"].items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    if not shares:
        return None
    fig, ax = _figure(0.35 * len(shares) + 0.8)
    shares = shares[::-1]
    ax.barh([k for k, _ in shares], [v for _, v in shares], color=INK)
    ax.set(title="Dialogue screen time share", xlim=(0, 1))
    return fig


def sameness_chart(report: dict[str, Any]) -> Figure | None:
    """Jaccard similarity to the closest series in the library, with the thresholds."""
    same = report["originality"]["sameness"]
    rows = same.get("closest", [])
    if not rows:
        return None
    fig, ax = _figure(0.35 * len(rows) + 0.9)
    rows = rows[::-1]
    ax.barh(
        [r["name"][:40] for r in rows],
        [r["jaccard"] for r in rows],
        color=[
            BAD if r["verdict"] == "near-duplicate" else ACCENT if r["verdict"] == "similar" else MUTED for r in rows
        ],
    )
    for name, value in same["thresholds"].items():
        ax.axvline(value, color=INK, lw=0.8, ls=":")
        ax.annotate(name.replace("_", "-"), (value, len(rows) - 0.4), fontsize=7, color=INK)
    ax.set(title="Sameness: closest series in the library (Jaccard)", xlim=(0, 1))
    return fig


CHARTS: dict[str, Callable[[dict[str, Any]], Figure | None]] = {
    "runtime": runtime_chart,
    "tension": tension_chart,
    "rhythm": rhythm_chart,
    "tropes": trope_chart,
    "screen_time": screen_time_chart,
    "sameness": sameness_chart,
}


def render_charts(report: dict[str, Any]) -> dict[str, tuple[str, bytes]]:
    """Every chart the report has data for: name -> (SVG text, PNG bytes)."""
    out = {}
    with plt.rc_context(_style()):
        for name, make in CHARTS.items():
            fig = make(report)
            if fig is not None:
                out[name] = _render(fig)
    return out
