"""The offline ``panel`` image engine: blocking frames drawn with Pillow (backdrop, figures, framing).

A frame is drawn in a 1080×1920 design space and scaled to the size asked for. Figures keep their
look (colour, silhouette, hair, mark) in every shot; shot size sets their scale; faces sit in the
upper third from MS inwards; the lower band is darkened so subtitles stay legible.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

from microdrama.engines.image.colour import hsv, rgb, seed_of, shade
from microdrama.engines.image.fonts import ui_font
from microdrama.engines.image.landscape import draw_landscape, landscape_of
from microdrama.model.media import Look, Shot

W, H = 1080, 1920

#: head radius (px in design space) and head-centre height (fraction of H) per shot size
SCALE: dict[str, tuple[int, float]] = {
    "EWS": (20, 0.0),
    "WS": (62, 0.0),
    "MS": (150, 0.29),
    "MCU": (220, 0.30),
    "CU": (320, 0.32),
    "ECU": (480, 0.30),
}
#: name labels stay below the band platform UI covers at the top of a vertical frame (craft.md §2.3, TikTok)
LABEL_TOP = 250
#: ground line (feet) for full-figure sizes, fraction of H
GROUND = {"EWS": 0.70, "WS": 0.80}
#: backdrop zoom per shot size (closer shots see less of the room)
BACKDROP_ZOOM = {"EWS": 1.0, "WS": 1.0, "MS": 1.25, "MCU": 1.5, "CU": 1.9, "ECU": 2.4}


def is_night(time_of_day: str) -> bool:
    """NIGHT, EVENING, DUSK, 夜, 晚… read as night."""
    t = time_of_day.upper()
    return any(k in t for k in ("NIGHT", "EVENING", "DUSK", "夜", "晚", "黄昏"))


# -- backdrop -------------------------------------------------------------------------------------


def draw_backdrop(location: str, setting: str, time_of_day: str) -> Image.Image:
    """The location at full width: per-location palette, day or night, interior or exterior (a town
    skyline, or water, mountains or greenery when the location's name says so)."""
    seed = seed_of("location", location.upper())
    hue = seed % 360
    night = is_night(time_of_day)
    exterior = setting.upper().startswith("EXT")
    image = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(image)
    horizon = int(H * 0.58)
    if exterior:
        top, low = (hsv(225, 0.6, 0.16), hsv(240, 0.5, 0.30)) if night else (hsv(205, 0.45, 0.95), hsv(hue, 0.18, 0.98))
        for y in range(0, horizon, 8):
            f = y / horizon
            draw.rectangle((0, y, W, y + 8), fill=tuple(round(a + (b - a) * f) for a, b in zip(top, low)))
        if night:
            draw.ellipse((760, 170, 880, 290), fill=(240, 236, 210))
            for i in range(24):
                s = seed_of(location, "star", str(i))
                x, y = s % W, (s >> 16) % (horizon - 100)
                draw.ellipse((x, y, x + 4, y + 4), fill=(220, 220, 240))
        else:
            draw.ellipse((120, 160, 260, 300), fill=(255, 244, 200))
        ground = hsv(hue + 40, 0.35, 0.22 if night else 0.55)
        draw.rectangle((0, horizon, W, H), fill=ground)
        kind = landscape_of(location)
        if kind != "town":
            draw_landscape(draw, kind, location, horizon, night, hue, (W, H))
            return image
        x = 0
        i = 0
        while x < W:
            s = seed_of(location, "skyline", str(i))
            width = 80 + s % 140
            height = 90 + (s >> 8) % 320
            body = hsv(hue + (s >> 20) % 50, 0.25, 0.12 if night else 0.40 + ((s >> 24) % 20) / 100)
            draw.rectangle((x, horizon - height, x + width, horizon), fill=body)
            for wy in range(horizon - height + 24, horizon - 30, 60):
                for wx in range(x + 16, x + width - 24, 44):
                    lit = night and (seed_of(location, str(wx), str(wy)) % 3 == 0)
                    draw.rectangle((wx, wy, wx + 18, wy + 26), fill=(250, 215, 120) if lit else shade(body, 0.8))
            x += width + 6
            i += 1
    else:
        wall = hsv(hue, 0.30, 0.22 if night else 0.78)
        floor = hsv(hue + 25, 0.40, 0.14 if night else 0.45)
        draw.rectangle((0, 0, W, horizon), fill=wall)
        draw.rectangle((0, horizon, W, H), fill=floor)
        draw.rectangle((0, horizon - 14, W, horizon), fill=shade(wall, 0.7))
        wx = 90 + seed % 420
        sky = hsv(225, 0.6, 0.18) if night else hsv(200, 0.35, 0.95)
        draw.rectangle((wx, 380, wx + 330, 820), fill=shade(wall, 0.55))
        draw.rectangle((wx + 18, 398, wx + 312, 802), fill=sky)
        draw.line((wx + 165, 398, wx + 165, 802), fill=shade(wall, 0.55), width=14)
        draw.line((wx + 18, 600, wx + 312, 600), fill=shade(wall, 0.55), width=14)
        fx = (wx + 520) % (W - 260)
        draw.rectangle((fx, 300, fx + 200, 460), fill=shade(wall, 0.6))
        draw.rectangle((fx + 14, 314, fx + 186, 446), fill=hsv(hue + 180, 0.3, 0.5 if night else 0.8))
        if night:
            lx = (wx + 760) % (W - 120)
            draw.ellipse((lx - 120, 140, lx + 120, 380), fill=shade(wall, 1.25))
            draw.rectangle((lx - 30, 150, lx + 30, 230), fill=(250, 220, 140))
    return image


def zoom_backdrop(backdrop: Image.Image, size: str) -> Image.Image:
    """Crop the backdrop toward its centre for closer shots, softened like a shallow focus."""
    zoom = BACKDROP_ZOOM.get(size, 1.0)
    if zoom <= 1.0:
        return backdrop.copy()
    cw, ch = round(W / zoom), round(H / zoom)
    left, top = (W - cw) // 2, round((H - ch) * 0.4)
    small = backdrop.crop((left, top, left + cw, top + ch)).resize((W // 6, H // 6), Image.Resampling.BILINEAR)
    return small.resize((W, H), Image.Resampling.BILINEAR)


# -- figures --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where a figure goes: head centre, head radius, which way it faces, whether we see its back."""

    x: float
    y: float
    r: float
    facing: int = 0  # -1 left, 0 camera, 1 right
    back: bool = False
    dim: float = 1.0


def label_y(at: Placement, look: Look, text_h: float) -> float:
    """Top of a figure's name label: above the head (and hat), or just under the chin when that would leave the
    platform-safe area, so the label never crosses the face nor reaches the subtitles below."""
    above = at.y - at.r - (1.9 * at.r if look.mark == "hat" else 0.4 * at.r) - text_h - 30
    if above >= LABEL_TOP:
        return above
    return at.y + at.r + 24


def draw_figure(draw: ImageDraw.ImageDraw, look: Look, at: Placement, language: str, label: bool = True) -> None:
    """One character: body by silhouette, head, hair, mark, face, name label."""
    x, y, r = at.x, at.y, at.r
    body = shade(rgb(look.colour), at.dim)
    accent = shade(rgb(look.accent), at.dim)
    skin = shade(rgb(look.skin), at.dim)
    tall = look.height_pct / 100
    shoulders = 1.65 * r
    neck_y = y + 0.95 * r
    hip_y = y + 4.9 * r * tall
    feet_y = y + 7.6 * r * tall
    legs = shade(body, 0.55)
    draw.rectangle((x - 0.75 * r, hip_y - 0.2 * r, x - 0.1 * r, feet_y), fill=legs)
    draw.rectangle((x + 0.1 * r, hip_y - 0.2 * r, x + 0.75 * r, feet_y), fill=legs)
    if look.silhouette == "dress":
        draw.polygon(
            [
                (x - shoulders * 0.85, neck_y + 0.3 * r),
                (x + shoulders * 0.85, neck_y + 0.3 * r),
                (x + 2.3 * r, y + 6.2 * r * tall),
                (x - 2.3 * r, y + 6.2 * r * tall),
            ],
            fill=body,
        )
    elif look.silhouette == "robe":
        draw.rounded_rectangle(
            (x - shoulders, neck_y + 0.2 * r, x + shoulders, feet_y - 0.3 * r), radius=0.6 * r, fill=body
        )
    else:
        draw.rounded_rectangle(
            (x - shoulders, neck_y + 0.2 * r, x + shoulders, hip_y + (0.9 * r if look.silhouette == "coat" else 0)),
            radius=0.7 * r,
            fill=body,
        )
    arm = shade(body, 0.82)
    draw.rounded_rectangle(
        (x - shoulders - 0.45 * r, neck_y + 0.45 * r, x - shoulders + 0.1 * r, hip_y + 0.3 * r),
        radius=0.25 * r,
        fill=arm,
    )
    draw.rounded_rectangle(
        (x + shoulders - 0.1 * r, neck_y + 0.45 * r, x + shoulders + 0.45 * r, hip_y + 0.3 * r),
        radius=0.25 * r,
        fill=arm,
    )
    draw.ellipse((x - shoulders - 0.4 * r, hip_y + 0.1 * r, x - shoulders + 0.05 * r, hip_y + 0.55 * r), fill=skin)
    draw.ellipse((x + shoulders - 0.05 * r, hip_y + 0.1 * r, x + shoulders + 0.4 * r, hip_y + 0.55 * r), fill=skin)
    if look.silhouette == "suit" and not at.back:
        draw.polygon(
            [(x - 0.15 * r, neck_y + 0.25 * r), (x + 0.15 * r, neck_y + 0.25 * r), (x, neck_y + 1.9 * r)], fill=accent
        )
    if look.silhouette == "jacket" and not at.back:
        draw.line((x, neck_y + 0.3 * r, x, hip_y), fill=shade(body, 0.6), width=max(2, round(0.08 * r)))
    if look.mark == "stripe":
        draw.rectangle((x - shoulders, neck_y + 1.2 * r, x + shoulders, neck_y + 1.5 * r), fill=accent)
    if look.mark == "badge" and not at.back:
        draw.ellipse((x + 0.5 * r, neck_y + 0.8 * r, x + 0.9 * r, neck_y + 1.2 * r), fill=accent)
    draw.rectangle((x - 0.32 * r, y + 0.6 * r, x + 0.32 * r, neck_y + 0.35 * r), fill=skin)
    if look.mark == "scarf":
        draw.rounded_rectangle(
            (x - 0.75 * r, neck_y - 0.05 * r, x + 0.75 * r, neck_y + 0.45 * r), radius=0.2 * r, fill=accent
        )
    hair = accent if look.hair != "cap" else shade(accent, 0.9)
    if look.hair == "long":
        draw.rounded_rectangle((x - 1.12 * r, y - 1.0 * r, x + 1.12 * r, y + 1.7 * r), radius=0.9 * r, fill=hair)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=hair if at.back else skin)
    if not at.back:
        if look.hair in ("short", "long", "bun"):
            draw.chord((x - 1.04 * r, y - 1.08 * r, x + 1.04 * r, y + 0.6 * r), 180, 360, fill=hair)
        if look.hair == "bun":
            draw.ellipse((x - 0.4 * r, y - 1.55 * r, x + 0.4 * r, y - 0.75 * r), fill=hair)
        if look.hair == "cap":
            draw.chord((x - 1.05 * r, y - 1.15 * r, x + 1.05 * r, y + 0.3 * r), 180, 360, fill=hair)
            draw.rectangle(
                (
                    x - 1.3 * r if at.facing < 0 else x - 0.2 * r,
                    y - 0.45 * r,
                    x + 0.2 * r if at.facing < 0 else x + 1.3 * r,
                    y - 0.3 * r,
                ),
                fill=hair,
            )
        dx = 0.28 * r * at.facing
        eye = max(2.0, 0.09 * r)
        dark = (30, 26, 30)
        for ex in (-0.36 * r, 0.36 * r):
            draw.ellipse((x + ex + dx - eye, y - 0.05 * r - eye, x + ex + dx + eye, y - 0.05 * r + eye), fill=dark)
            draw.line(
                (x + ex + dx - 1.6 * eye, y - 0.3 * r, x + ex + dx + 1.6 * eye, y - 0.3 * r),
                fill=shade(hair, 0.7),
                width=max(1, round(0.05 * r)),
            )
        draw.line(
            (x + dx - 0.22 * r, y + 0.45 * r, x + dx + 0.22 * r, y + 0.45 * r),
            fill=(120, 50, 50),
            width=max(1, round(0.05 * r)),
        )
        if r >= 80:
            draw.line(
                (x + dx * 1.3, y + 0.02 * r, x + dx * 1.3 + 0.06 * r * (at.facing or 1), y + 0.25 * r),
                fill=shade(skin, 0.75),
                width=max(1, round(0.04 * r)),
            )
        if look.mark == "glasses":
            for ex in (-0.36 * r, 0.36 * r):
                draw.ellipse(
                    (x + ex + dx - 0.25 * r, y - 0.28 * r, x + ex + dx + 0.25 * r, y + 0.18 * r),
                    outline=(25, 25, 25),
                    width=max(2, round(0.05 * r)),
                )
    if look.mark == "hat":
        draw.rectangle((x - 1.35 * r, y - 0.95 * r, x + 1.35 * r, y - 0.75 * r), fill=accent)
        draw.rectangle((x - 0.8 * r, y - 1.9 * r, x + 0.8 * r, y - 0.8 * r), fill=accent)
    if label:
        size = int(max(26, min(54, 0.28 * r)))
        font = ui_font(language, size)
        text = look.name.upper() if language == "en" else look.name
        box = draw.textbbox((0, 0), text, font=font)
        tw, th = box[2] - box[0], box[3] - box[1]
        lx = min(max(x - tw / 2, 20), W - tw - 20)
        ly = label_y(at, look, th)
        draw.rounded_rectangle((lx - 14, ly - 10, lx + tw + 14, ly + th + 16), radius=12, fill=(20, 20, 24))
        draw.text(
            (lx - box[0], ly - box[1]),
            text,
            font=font,
            fill=rgb(look.colour) if sum(rgb(look.colour)) > 200 else (240, 240, 240),
        )


def placements(shot: Shot, count: int) -> list[Placement]:
    """Head positions for ``count`` subjects of a shot (one subject is centred with looking room)."""
    r, head_y = SCALE[shot.size]
    full = shot.size in GROUND
    if count <= 0:
        return []
    if count == 1:
        y = H * GROUND[shot.size] - 7.6 * r if full else H * head_y
        return [Placement(W * 0.5, y, r, facing=0)]
    if shot.size in ("MCU", "CU", "ECU"):
        r = SCALE["MS"][0]
        head_y = SCALE["MS"][1]
    spread = [W * (0.28 + 0.44 * i / (count - 1)) for i in range(count)] if count > 1 else [W * 0.5]
    out = []
    for i, x in enumerate(spread):
        y = H * GROUND.get(shot.size, 0.0) - 7.6 * r if full else H * head_y + (i % 2) * 0.1 * r
        facing = 1 if x < W / 2 else -1
        out.append(Placement(x, y, r * (0.85 if count > 2 else 1), facing=facing))
    return out


def draw_frame(shot: Shot, looks: dict[str, Look], language: str, size: tuple[int, int] = (W, H)) -> Image.Image:
    """The clean frame of one shot (no caption, no camera note)."""
    image = zoom_backdrop(draw_backdrop(shot.location, shot.setting, shot.time_of_day), shot.size)
    draw = ImageDraw.Draw(image)
    subjects = [looks[s] for s in shot.subject if s in looks]
    if shot.framing == "OTS" and shot.over in looks and subjects:
        r = SCALE[shot.size][0]
        main = Placement(W * 0.62, H * SCALE[shot.size][1], r, facing=-1)
        draw_figure(draw, subjects[0], main, language)
        over = Placement(W * 0.08, H * 0.50, r * 1.5, facing=1, back=True, dim=0.55)
        draw_figure(draw, looks[shot.over], over, language, label=False)
    else:
        for look, at in zip(subjects, placements(shot, len(subjects))):
            draw_figure(draw, look, at, language)
    if shot.framing == "POV":
        mask = Image.new("L", (W, H), 0)
        ImageDraw.Draw(mask).ellipse((-180, 120, W + 180, H - 120), fill=255)
        image = Image.composite(image, Image.new("RGB", (W, H), (8, 8, 10)), mask)
    if shot.angle == "dutch":
        image = image.rotate(6, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=(8, 8, 10))
    shade_band = Image.new("RGB", (W, H // 3), (0, 0, 0))
    alpha = Image.linear_gradient("L").resize((W, H // 3)).point(lambda v: v * 150 // 255)
    image.paste(shade_band, (0, H - H // 3), alpha)
    if size != (W, H):
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image


def png_bytes(image: Image.Image) -> bytes:
    """Deterministic PNG (no metadata)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


class PanelEngine:
    """``panel``: draws blocking frames offline."""

    id = "panel"

    def __init__(self, url: str = "panel") -> None:
        self.url = url

    def frame(self, shot: Shot, looks: dict[str, Look], language: str, size: tuple[int, int] = (W, H)) -> bytes:
        """PNG bytes of the clean frame of ``shot``."""
        return png_bytes(draw_frame(shot, looks, language, size))
