"""A master's picture rendered from the cut's own timeline (shots, panels, voices) rather than re-encoded
from the animatic: at the profile's size, frame rate, keyframe interval, H.264 profile/level and bitrate
cap, with burned captions only where the profile wants them, and the Compliance issue's visible labels
(the AI label, the filing number) drawn on its opening frames as the labeller draws them on the animatic.

Animatics are mostly still panels: the cut's renderer encodes each distinct frame once and holds it with
skip frames, so a 4K or 25 fps master costs about what the animatic did (``benchmarks/release.py``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from microdrama.compliance.explicit import MIN_HEIGHT_FRACTION, Corner, LabelStyle, render_label
from microdrama.cut.render import Badge, Encoding
from microdrama.cut.variant import Variant, has_cut_inputs
from microdrama.release.profile import Profile
from microdrama.settings import Settings

#: x264 quality of rendered masters (the bitrate cap still applies); the animatic uses 26
CRF = 21


def visible_label(project: Path, episode: int) -> str:
    """The visible AI label the Compliance stage drew on the episode's animatic ('' when none is recorded)."""
    ledger = project / "compliance" / f"ep{episode:03d}.labels.json"
    try:
        entries = json.loads(ledger.read_text(encoding="utf-8")).get("entries", [])
    except (OSError, ValueError):
        return ""
    for kind in ("vertical", "horizontal"):
        for entry in entries:
            if entry.get("path") == f"cut/ep{episode:03d}.{kind}.mp4":
                return str((entry.get("placement") or {}).get("text", ""))
    return ""


def label_badges(text: str, settings: Settings, size: tuple[int, int]) -> tuple[Badge, ...]:
    """The label (and, on the Chinese market, the filing number in another corner for at least 5 s) as
    pictures on the opening frames of a ``size`` frame: the geometry of ``compliance.explicit.label_video``."""
    c = settings.compliance
    style = LabelStyle(c.label_corner, c.label_height, round(c.label_seconds * 1000)).checked()
    width, height = size
    png, where = render_label(text, width, height, style)
    badges = [Badge(png, where.x, where.y, 0, style.duration_ms)]
    filing = c.filing_number.strip() if c.market == "cn" else ""
    if filing:
        other: Corner = "bottom-right" if style.corner.startswith("top") else "top-right"
        card, spot = render_label(filing, width, height, LabelStyle(other, MIN_HEIGHT_FRACTION, 5000))
        badges.append(Badge(card, spot.x, spot.y, 0, max(style.duration_ms, 5000)))
    return tuple(badges)


def master_variant(profile: Profile, size: tuple[int, int], badges: tuple[Badge, ...]) -> Variant:
    """The render of one master: the profile's picture rules, captions burned only when it wants them."""
    v = profile.video
    return Variant(
        size[0],
        size[1],
        fps=v.fps,
        keyframe_seconds=v.gop_seconds,
        captions=profile.subtitles.burned,
        encoding=Encoding(v.profile, v.level, v.max_bitrate_kbps, CRF),
        badges=badges,
        sound=False,
    )


def renderable(project: Path, episode: int) -> bool:
    """True when the master can be rendered from the timeline: the cut's inputs are there and the
    labeller's text for the episode is known (so the picture carries it)."""
    return has_cut_inputs(project, episode) and bool(visible_label(project, episode))


def variant_key(variant: Variant) -> str:
    """What a rendered picture depends on besides the cut's inputs (part of the master's key)."""
    badges = [(hashlib.sha256(b.png).hexdigest(), b.x, b.y, b.start_ms, b.end_ms) for b in variant.badges]
    fields = (variant.width, variant.height, variant.fps, variant.keyframe_seconds, variant.captions)
    return json.dumps([fields, variant.encoding.__dict__, badges])
