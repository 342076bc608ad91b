"""Gender for looks, voices and pronouns: the cast's where it knows, else a title in the name ("Mrs", "夫人")."""

from __future__ import annotations

import re

from microdrama.model.series import Bible
from microdrama.model.story import Cast

_EN_FEMALE = {
    "mrs",
    "miss",
    "ms",
    "lady",
    "queen",
    "princess",
    "duchess",
    "countess",
    "baroness",
    "madame",
    "mme",
    "mademoiselle",
    "mlle",
    "mother",
    "aunt",
    "sister",
    "dame",
    "mistress",
    "signora",
    "señora",
}
_EN_MALE = {
    "mr",
    "sir",
    "lord",
    "king",
    "prince",
    "duke",
    "count",
    "baron",
    "monsieur",
    "father",
    "uncle",
    "brother",
    "master",
    "signor",
    "señor",
    "abbé",
    "abbe",
}
_ZH_FEMALE = (
    "太太",
    "小姐",
    "夫人",
    "姑娘",
    "奶奶",
    "姥姥",
    "娘",
    "妈",
    "嫂",
    "姐",
    "妹",
    "婆",
    "姨",
    "姑",
    "母",
    "妃",
    "后",
    "女",
)
_ZH_MALE = ("先生", "老爷", "公子", "爷", "哥", "弟", "叔", "伯", "兄", "王", "帝", "公", "父", "和尚", "大师", "少爷")
#: characters almost only found in women's given names (宝钗, 黛玉, 熙凤, 探春, 晴雯); 玉, 兰, 珠, 红 are shared
_ZH_FEMALE_GIVEN = set("钗黛凤春雯鹃莺燕霞翠琴娥姬袭鸳麝菱梅芳娟婷纨")
_HE = re.compile(r"\b(?:he|him|his|himself)\b|他", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b|她", re.IGNORECASE)


def gender_from_name(name: str) -> str:
    """female / male from a title word in the name (first English word, or a Chinese suffix), or a character
    of women's Chinese given names, else unknown."""
    words = [w.strip(".,").lower() for w in name.split()]
    if words and words[0] in _EN_FEMALE:
        return "female"
    if words and words[0] in _EN_MALE:
        return "male"
    if name.isascii():
        return "unknown"
    if name.endswith(_ZH_FEMALE):
        return "female"
    if name.endswith(_ZH_MALE):
        return "male"
    if _ZH_FEMALE_GIVEN & set(name):
        return "female"
    return "unknown"


def genders(bible: Bible, cast: Cast | None) -> dict[str, str]:
    """Cast id -> female / male / unknown for every bible character."""
    known = {c.id: c.gender for c in cast.characters} if cast else {}
    out = {}
    for person in bible.characters:
        gender = known.get(person.id, "unknown")
        out[person.id] = gender if gender in ("female", "male") else gender_from_name(person.name)
    return out


def pronoun_genders(text: str) -> set[str]:
    """Which genders the third-person pronouns of ``text`` point to (he → male, 她 → female)."""
    found = set()
    if _HE.search(text):
        found.add("male")
    if _SHE.search(text):
        found.add("female")
    return found
