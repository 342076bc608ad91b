"""Language tags (BCP 47: ``en``, ``zh-Hans``, ``zh-Hant-HK``) and the CJK character ranges, defined once.

Everything that asks "is this Chinese?" of a tag or a character asks here (or the
:class:`~microdrama.text.language.Language` value built on it).
"""

from __future__ import annotations

import re

#: CJK unified ideographs: extension A, the basic block, compatibility ideographs (for regex classes)
CJK_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{CJK_IDEOGRAPHS}]")
#: primary subtags written in Chinese characters
_CHINESE = frozenset({"zh", "yue", "cmn"})
#: subtags that mean Traditional characters
_TRADITIONAL = ("hant", "tw", "hk", "mo")


def subtags(tag: str) -> list[str]:
    """The tag's parts, lower-cased (``_`` accepted for ``-``).

    >>> subtags("zh_Hant-TW")
    ['zh', 'hant', 'tw']
    """
    return re.split(r"[-_]", tag.strip().lower())


def is_chinese(tag: str) -> bool:
    """True for zh, zh-Hans, zh-Hant, zh-TW… (and yue, cmn).

    >>> is_chinese("zh-Hant-HK"), is_chinese("zh"), is_chinese("en")
    (True, True, False)
    """
    return subtags(tag)[0] in _CHINESE


def is_traditional(tag: str) -> bool:
    """True for Traditional Chinese tags: zh-Hant, zh-TW, zh-HK, zh-MO and their combinations.

    >>> is_traditional("zh-Hant"), is_traditional("zh-HK"), is_traditional("zh-Hans")
    (True, True, False)
    """
    parts = subtags(tag)
    return parts[0] in _CHINESE and any(part in _TRADITIONAL for part in parts[1:])


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a CJK ideograph.

    >>> is_cjk("好"), is_cjk("a"), is_cjk("。")
    (True, False, False)
    """
    return bool(_CJK.fullmatch(char))
