"""Exteriors that are not streets: water, mountains or greenery below the sky, chosen by the location's name.

A river bank or 花果山 drawn as a city skyline reads wrong in an animatic; a word in the scene heading is
enough to pick the right silhouette. Anything else stays a town.
"""

from __future__ import annotations

import re

from PIL import ImageDraw

from microdrama.engines.image.colour import hsv, seed_of, shade

_KINDS = (
    (
        "water",
        re.compile(
            r"\b(river\w*|sea|seaside|seashore|ocean|lake\w*|harbou?r|shore|beach|bank|pond|bay|coast|quay|docks?|port|island"
            r"|canal|wharf|waterfront|bridge|thames|seine)\b"
            r"|河|海|湖|江|池|岸|滩|港|码头|岛|溪|洋",
            re.IGNORECASE,
        ),
    ),
    (
        "mountain",
        re.compile(
            r"\b(mountains?|hills?|cliffs?|peak|cave|valley|pass|moor|heath|desert|plains?|prairie|canyon)\b"
            r"|山|峰|岭|洞|崖|谷|原|漠|岗",
            re.IGNORECASE,
        ),
    ),
    (
        "green",
        re.compile(
            r"\b(forest|woods?|garden|park|field|meadow|orchard|countryside|lawn|grove|farm|estate|grounds|village)\b"
            r"|林|园|田|野|花|树|庄|村|院",
            re.IGNORECASE,
        ),
    ),
)


def landscape_of(location: str) -> str:
    """water / mountain / green from words in the location, else town."""
    for kind, pattern in _KINDS:
        if pattern.search(location):
            return kind
    return "town"


def draw_landscape(
    draw: ImageDraw.ImageDraw, kind: str, location: str, horizon: int, night: bool, hue: int, size: tuple[int, int]
) -> None:
    """Draw ``kind`` from the horizon down (the sky is already there)."""
    width, height = size
    if kind == "water":
        water_top, water_low = (
            (hsv(215, 0.6, 0.25), hsv(225, 0.7, 0.12)) if night else (hsv(200, 0.55, 0.75), hsv(210, 0.7, 0.45))
        )
        far = shade(hsv(hue + 90, 0.3, 0.5), 0.35 if night else 1.0)
        draw.polygon(
            [
                (0, horizon - 40),
                (width * 0.35, horizon - 90),
                (width * 0.7, horizon - 50),
                (width, horizon - 70),
                (width, horizon),
                (0, horizon),
            ],
            fill=far,
        )
        bank = int(horizon + (height - horizon) * 0.55)
        for y in range(horizon, bank, 8):
            f = (y - horizon) / max(1, bank - horizon)
            draw.rectangle(
                (0, y, width, y + 8), fill=tuple(round(a + (b - a) * f) for a, b in zip(water_top, water_low))
            )
        for i in range(18):
            s = seed_of(location, "wave", str(i))
            x, y = s % width, horizon + 20 + (s >> 16) % max(1, bank - horizon - 40)
            draw.line((x, y, x + 60 + s % 80, y), fill=shade(water_top, 1.3), width=3)
        draw.rectangle((0, bank, width, height), fill=hsv(hue + 40, 0.35, 0.2 if night else 0.5))
    elif kind == "mountain":
        for layer, (v_day, v_night) in enumerate(((0.55, 0.2), (0.42, 0.14))):
            colour = hsv(hue + 160 + 20 * layer, 0.25, v_night if night else v_day)
            points = [(0, horizon)]
            for i in range(6):
                s = seed_of(location, "peak", str(layer), str(i))
                x = width * (i + 0.5) / 6 + (s % 80) - 40
                peak = horizon - 160 - (s >> 8) % (320 - 120 * layer) + 60 * layer
                points += [(x, peak), (x + width / 12, horizon - 40 + 30 * layer)]
            points += [(width, horizon)]
            draw.polygon(points, fill=colour)
    else:
        grass = hsv(110, 0.45, 0.2 if night else 0.55)
        draw.rectangle((0, horizon, width, height), fill=grass)
        for i in range(9):
            s = seed_of(location, "tree", str(i))
            x = (i * width // 9) + s % 60
            top = horizon - 200 - (s >> 8) % 180
            draw.rectangle((x + 44, top + 150, x + 66, horizon + 10), fill=shade((110, 80, 50), 0.4 if night else 1.0))
            draw.ellipse((x, top, x + 110, top + 190), fill=hsv(100 + (s >> 16) % 40, 0.5, 0.16 if night else 0.42))
