"""Visual casting: a fixed look (colour, silhouette, hair, mark) for every bible character."""

from __future__ import annotations

from microdrama.casting.gender import genders
from microdrama.engines.image.panel import hsv, seed_of
from microdrama.model.media import Look, Looks
from microdrama.model.series import Bible
from microdrama.model.story import Cast

_HUE_NAMES = (
    (15, "red"),
    (40, "orange"),
    (65, "yellow"),
    (150, "green"),
    (190, "teal"),
    (250, "blue"),
    (290, "purple"),
    (340, "pink"),
    (360, "red"),
)
_SILHOUETTES = {
    "female": ("dress", "coat", "jacket"),
    "male": ("suit", "coat", "jacket"),
    "unknown": ("robe", "coat", "jacket"),
}
_HAIR = {"female": ("long", "bun", "short"), "male": ("short", "cap", "bald"), "unknown": ("short", "long", "cap")}
_MARKS = ("scarf", "glasses", "hat", "stripe", "badge", "none")
_SKINS = ("#f1c8a5", "#e0ac85", "#c68a62", "#a26a45", "#7c4f33", "#f5d6bf")


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def hue_name(hue: float) -> str:
    """A plain colour word for a hue in degrees."""
    for limit, name in _HUE_NAMES:
        if hue % 360 < limit:
            return name
    return "red"


def cast_looks(bible: Bible, cast: Cast | None = None) -> Looks:
    """One look per character: hues spread by the golden angle so the main cast never share a colour."""
    gender_of = genders(bible, cast)
    looks = []
    base = seed_of("looks", bible.title) % 360
    for i, person in enumerate(bible.characters):
        gender = gender_of[person.id]
        seed = seed_of("look", person.id, person.name)
        hue = (base + i * 137.508) % 360
        villain = person.role in ("antagonist", "rival")
        colour = hsv(hue, 0.55, 0.35 if villain else 0.72)
        accent = hsv(hue + 180, 0.5, 0.30 + (seed % 30) / 100)
        silhouette = "suit" if villain and gender != "female" else _SILHOUETTES[gender][seed % 3]
        hair = _HAIR[gender][(seed >> 4) % 3]
        mark = _MARKS[i % len(_MARKS)]
        skin = _SKINS[(seed >> 8) % len(_SKINS)]
        words = f"{hue_name(hue)} {silhouette}, {hair} hair" + (f", {mark}" if mark != "none" else "")
        description = f"{person.name}: {gender if gender != 'unknown' else 'person'} in a {words}"
        if person.description:
            description += f" ({person.description[:160]})"
        looks.append(
            Look(
                id=person.id,
                name=person.name,
                colour=_hex(colour),
                accent=_hex(accent),
                skin=skin,
                silhouette=silhouette,
                hair=hair,
                mark=mark,
                height_pct=92 + (seed >> 12) % 18,
                description=description,
            )
        )
    return Looks(looks=looks, provenance={"stage": "casting"})


def extra_look(name: str) -> Look:
    """A look for a speaker the bible does not know (stable for the name)."""
    seed = seed_of("extra", name.upper())
    hue = seed % 360
    return Look(
        id=f"extra:{name.upper()}",
        name=name,
        colour=_hex(hsv(hue, 0.15, 0.55)),
        accent=_hex(hsv(hue + 90, 0.2, 0.3)),
        skin=_SKINS[seed % len(_SKINS)],
        silhouette="coat",
        hair="short",
        mark="none",
        height_pct=100,
        description=f"{name}: a passer-by in a plain grey coat",
    )
