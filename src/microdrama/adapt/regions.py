"""Countries, states and continents: names of regions, never the place a scene plays in.

A scene heading names where the characters are (a room, a street, a plain); ``EXT. AFGHANISTAN`` or
``EXT. 美国`` names a region a whole story could take place in. The names come from ISO 3166 through
``pycountry`` (countries, their Chinese names, and first-level states, provinces and constituent
countries), plus the continents, which ISO does not list.
"""

from __future__ import annotations

import functools
import gettext
import re

import pycountry

from microdrama.text.speech_rate import is_chinese

#: subdivision types that are regions, not places ("State", not "City"; "Country" as in England)
_REGION_TYPES = frozenset(["Country", "State", "Province", "Nation", "Autonomous region"])
_CONTINENTS_EN = (
    "africa", "asia", "europe", "america", "north america", "south america", "central america", "australia",
    "antarctica", "oceania", "the east", "the west", "the orient", "the far east", "the middle east",
)  # fmt: skip
_CONTINENTS_ZH = (
    "亚洲",
    "欧洲",
    "非洲",
    "美洲",
    "北美",
    "南美",
    "澳洲",
    "大洋洲",
    "南极洲",
    "外国",
    "西洋",
    "东洋",
    "南洋",
)
_BRACKETED = re.compile(r"\s*\[[^\]]*\]|\s*\([^)]*\)")
_ZH_SUFFIX = re.compile(r"\s+(?:Sheng|Zizhiqu|Shi)$")


def _names(record: object) -> list[str]:
    names = [getattr(record, key, "") for key in ("name", "common_name", "official_name")]
    return [_BRACKETED.sub("", n).strip() for n in names if n]


@functools.cache
def _english() -> frozenset[str]:
    found = {n.casefold() for c in pycountry.countries for n in _names(c)}
    found |= {
        _ZH_SUFFIX.sub("", n).casefold() for s in pycountry.subdivisions if s.type in _REGION_TYPES for n in _names(s)
    }
    found |= set(_CONTINENTS_EN)
    return frozenset(found)


@functools.cache
def _chinese() -> frozenset[str]:
    try:
        names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    except OSError:  # a pycountry without its translations: the continents only
        return frozenset(_CONTINENTS_ZH)
    found = {names.gettext(n) for c in pycountry.countries for n in _names(c)}
    return frozenset({n for n in found if any("\u4e00" <= c <= "\u9fff" for c in n)} | set(_CONTINENTS_ZH))


def is_region(name: str, language: str) -> bool:
    """Whether a location's name is a country, a state or province, or a continent.

    >>> is_region("AFGHANISTAN", "en"), is_region("Utah", "en"), is_region("BAKER STREET", "en")
    (True, True, False)
    >>> is_region("美国", "zh"), is_region("未庄", "zh")
    (True, False)
    """
    text = re.sub(r"^(?:the\s+)", "", name.strip(), flags=re.IGNORECASE).strip()
    if not text:
        return False
    if is_chinese(language):
        return text in _chinese()
    return text.casefold() in _english() or f"the {text}".casefold() in _english()
