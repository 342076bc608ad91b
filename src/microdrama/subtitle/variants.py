"""Chinese script variants with OpenCC: Simplified → Traditional with Taiwan phrasing or Hong Kong forms, and back."""

from __future__ import annotations

from functools import lru_cache

from microdrama.text.tags import is_traditional

#: (source family, target tag) -> OpenCC configuration; zh-Hant means Taiwan usage (the larger market)
_FROM_SIMPLIFIED = {
    "zh-hant": "s2twp",
    "zh-hant-tw": "s2twp",
    "zh-tw": "s2twp",
    "zh-hant-hk": "s2hk",
    "zh-hk": "s2hk",
    "zh-hant-mo": "s2hk",
    "zh-mo": "s2hk",
}
_FROM_TRADITIONAL = {
    "zh-hans": "t2s",
    "zh-cn": "t2s",
    "zh-hans-cn": "t2s",
    "zh-hant-hk": "t2hk",
    "zh-hk": "t2hk",
    "zh-hant-tw": "t2tw",
    "zh-tw": "t2tw",
}


def conversion(source: str, target: str) -> str | None:
    """OpenCC configuration turning ``source`` text into ``target``; ``""`` when nothing changes, None when
    the target needs a translation (another language, not a script variant).

    >>> conversion("zh-Hans", "zh-Hant"), conversion("zh-Hans", "zh-Hant-HK"), conversion("zh-Hans", "en")
    ('s2twp', 's2hk', None)
    """
    src, tgt = source.lower(), target.lower()
    if src == tgt:
        return ""
    if not (src.startswith("zh") and tgt.startswith("zh")):
        return None
    if is_traditional(source):
        if is_traditional(target) and tgt not in _FROM_TRADITIONAL:
            return ""
        return _FROM_TRADITIONAL.get(tgt, "t2s")
    if not is_traditional(target):
        return ""
    return _FROM_SIMPLIFIED.get(tgt, "s2twp")


@lru_cache(maxsize=16)
def _converter(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """``text`` through the OpenCC configuration (unchanged for ``""``).

    >>> convert("鼠标和软件，头发", "s2twp")
    '滑鼠和軟體，頭髮'
    """
    return _converter(config).convert(text) if config else text
