"""The series glossary: every character's name, written the same way in every language and episode.

Chinese names are romanised with pypinyin by default (surname first, given name joined: 韩振东 → Han
Zhendong); a user glossary (``subs/glossary.json``) overrides any rendering. The same terms are the
phrases line breaking never splits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from microdrama.errors import ArtifactError
from microdrama.model.series import Bible
from microdrama.model.story import Cast
from microdrama.model.subtitles import GlossaryEntry

#: two-character surnames, romanised as one word (欧阳修 → Ouyang Xiu)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "慕容",
    "令狐",
    "司徒",
    "公孙",
    "夏侯",
    "尉迟",
    "长孙",
    "宇文",
    "轩辕",
    "独孤",
    "南宫",
    "西门",
    "歐陽",
    "諸葛",
    "東方",
    "長孫",
    "軒轅",
    "獨孤",
    "南宮",
    "西門",
)
#: surnames whose reading differs from the character's common one
SURNAME_READINGS = {
    "单": "shan",
    "單": "shan",
    "曾": "zeng",
    "仇": "qiu",
    "解": "xie",
    "查": "zha",
    "区": "ou",
    "區": "ou",
    "朴": "piao",
    "盖": "ge",
    "蓋": "ge",
    "乐": "yue",
    "樂": "yue",
    "翟": "zhai",
    "覃": "qin",
    "缪": "miao",
    "繆": "miao",
    "种": "chong",
    "秘": "bi",
    "万俟": "moqi",
}
#: name prefixes that are forms of address, romanised as their own word
PREFIXES = {"阿": "Ah", "小": "Xiao", "老": "Lao"}


def _syllables(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return [s for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore") if s.strip()]


def romanize_name(name: str) -> str:
    """A Chinese personal name in pinyin, surname first: ``韩振东`` → ``Han Zhendong``.

    >>> romanize_name("韩振东"), romanize_name("欧阳修"), romanize_name("阿念"), romanize_name("单雄信")
    ('Han Zhendong', 'Ouyang Xiu', 'Ah Nian', 'Shan Xiongxin')
    """
    name = "".join(name.split())
    if not name:
        return ""
    if len(name) == 2 and name[0] in PREFIXES:
        return f"{PREFIXES[name[0]]} {''.join(_syllables(name[1:])).capitalize()}"
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s)), None) or name[0]
    reading = SURNAME_READINGS.get(surname) or "".join(_syllables(surname))
    given = "".join(_syllables(name[len(surname) :]))
    if len(name) > 4:  # not a personal name: a place or a title, one word
        return "".join(_syllables(name)).capitalize()
    return " ".join(part.capitalize() for part in (reading, given) if part)


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def build_glossary(
    bible: Bible | None, cast: Cast | None, *, targets: Iterable[str], user: dict[str, dict[str, str]] | None = None
) -> list[GlossaryEntry]:
    """Names of the bible's characters and the cast (with aliases), rendered for each Latin-script target."""
    names: dict[str, None] = {}
    if bible is not None:
        names.update((c.name, None) for c in bible.characters if c.name.strip())
    if cast is not None:
        for character in cast.characters:
            if character.importance == "minor":
                continue
            names.update((n, None) for n in (character.name, *character.aliases) if n.strip())
    targets = [t for t in targets if not t.lower().startswith("zh")]
    entries: dict[str, GlossaryEntry] = {}
    for name in names:
        if _chinese(name):
            roman = romanize_name(name)
            entries[name] = GlossaryEntry(term=name, translations={t: roman for t in targets}, origin="pinyin")
        else:
            entries[name] = GlossaryEntry(term=name, translations={t: name for t in targets}, origin="cast")
    for term, renderings in sorted((user or {}).items()):
        entry = entries.get(term) or GlossaryEntry(term=term, kind="phrase", origin="user")
        entries[term] = entry.model_copy(
            update={"translations": {**entry.translations, **renderings}, "origin": "user"}
        )
    return sorted(entries.values(), key=lambda e: (-len(e.term), e.term))


def read_user_glossary(data: bytes, where: str) -> dict[str, dict[str, str]]:
    """``subs/glossary.json``: ``{"沈念": {"en": "Nina Shen"}}``, or ``{"沈念": "Nina Shen"}`` for every target."""
    try:
        doc = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ArtifactError(where, f"not valid JSON ({exc})") from exc
    terms = doc.get("terms", doc) if isinstance(doc, dict) else None
    if not isinstance(terms, dict):
        raise ArtifactError(where, 'expected an object such as {"沈念": {"en": "Nina Shen"}}')
    out: dict[str, dict[str, str]] = {}
    for term, value in terms.items():
        if isinstance(value, str):
            out[str(term)] = {"*": value}
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            out[str(term)] = {str(k): v for k, v in value.items()}
        else:
            raise ArtifactError(where, f"term {term!r}: give a string or an object language -> rendering")
    return out


def rendering(entry: GlossaryEntry, language: str) -> str | None:
    """How ``entry`` is written in ``language`` (a ``*`` rendering applies to every non-Chinese target)."""
    if language in entry.translations:
        return entry.translations[language]
    if "*" in entry.translations and not language.lower().startswith("zh"):
        return entry.translations["*"]
    return None


def terms_in(text: str, glossary: Iterable[GlossaryEntry]) -> list[GlossaryEntry]:
    """Glossary entries whose term occurs in ``text`` (longest first, no entry nested in an earlier one)."""
    found: list[GlossaryEntry] = []
    for entry in glossary:
        if entry.term and entry.term in text and not any(entry.term in f.term for f in found):
            found.append(entry)
    return found
