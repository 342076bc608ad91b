"""Screen time of script text: how long a line takes to say, an action to play, a cut to happen.

All results are integer milliseconds. The rates are the usual rules of thumb for dubbing and subtitling:
Chinese dialogue ≈ 4.5 characters a second, English ≈ 2.5 words a second; action plays at about one
second per 15 Chinese characters or 6 English words, never under a second per block.
"""

from __future__ import annotations

import re
from typing import Literal

from microdrama.text.tags import CJK_IDEOGRAPHS
from microdrama.text.tags import is_chinese as is_chinese  # the writers ask it here

#: Chinese dialogue, spoken units (CJK characters, Latin words) per second
ZH_SPEECH_UNITS_PER_S = 4.5
#: English dialogue, words per second
EN_WORDS_PER_S = 2.5
#: Chinese action lines, characters read per second of screen time
ZH_ACTION_UNITS_PER_S = 15.0
#: English action lines, words per second of screen time
EN_ACTION_WORDS_PER_S = 6.0
#: shortest screen time of an action block
MIN_ACTION_MS = 1000
#: breath between two speeches, added to every dialogue block
DIALOGUE_PAUSE_MS = 400
#: a cut or written transition between scenes
TRANSITION_MS = 1000
#: a single speech longer than this is condensed by the writer (whole sentences kept from the start);
#: micro-drama lines are short (craft.md §1.2: dialogue lines ≤ 15–20 字, about 4 s)
LONG_SPEECH_MS = 8_000

ElementKind = Literal["action", "dialogue", "transition", "note"]

# CJK ideographs (BMP + extension A + compatibility) count one unit each; runs of other letters and
# digits (a Latin word, "Ｑ", "1900") count one unit per run, because a spoken word takes about as long
# as a spoken syllable of Chinese — counting each letter would make "OK" twice as long as "好".
_CJK = CJK_IDEOGRAPHS
_ZH_UNIT = re.compile(rf"[{_CJK}]|[^\W{_CJK}_]+")
_EN_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def speech_units(text: str, language: str) -> int:
    """Spoken units in ``text``: CJK characters + Latin words for Chinese, words for English.

    Punctuation and spaces never count.

    >>> speech_units("你好，世界！", "zh")
    4
    >>> speech_units("阿Ｑ说：OK。", "zh-Hans")
    4
    >>> speech_units("Don't go, Lizzy!", "en")
    3
    """
    pattern = _ZH_UNIT if is_chinese(language) else _EN_WORD
    return sum(1 for _ in pattern.finditer(text))


def speech_ms(text: str, language: str) -> int:
    """Time to say ``text`` aloud, without the pause after it.

    >>> speech_ms("你好，世界！", "zh")
    889
    >>> speech_ms("I am not afraid of you.", "en")
    2400
    """
    rate = ZH_SPEECH_UNITS_PER_S if is_chinese(language) else EN_WORDS_PER_S
    return round(speech_units(text, language) * 1000 / rate)


def dialogue_ms(text: str, language: str) -> int:
    """Screen time of a dialogue block: the speech plus the pause after it.

    >>> dialogue_ms("I am not afraid of you.", "en")
    2800
    """
    return speech_ms(text, language) + DIALOGUE_PAUSE_MS


def action_ms(text: str, language: str) -> int:
    """Screen time of an action block: reading pace of the description, at least a second.

    >>> action_ms("She runs.", "en")
    1000
    >>> action_ms("宝玉听了，便走出房门，站在廊下望着天上的月亮，半日不语。", "zh")
    1600
    """
    rate = ZH_ACTION_UNITS_PER_S if is_chinese(language) else EN_ACTION_WORDS_PER_S
    return max(MIN_ACTION_MS, round(speech_units(text, language) * 1000 / rate))


def element_ms(kind: str, text: str, language: str) -> int:
    """Screen time of one script block of ``kind`` (action / dialogue / transition / note).

    Notes are for readers of the script and take no screen time.

    >>> element_ms("transition", "CUT TO:", "en"), element_ms("note", "check this", "en")
    (1000, 0)
    """
    if kind == "dialogue":
        return dialogue_ms(text, language)
    if kind == "action":
        return action_ms(text, language)
    if kind == "transition":
        return TRANSITION_MS
    return 0
