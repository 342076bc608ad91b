"""Screen time of script text: how long a line takes to say, an action to play, a cut to happen.

The animatic voices every line (dialogue in the cast's voices, action lines by the narrator), so a
line's screen time is the time the speech engine in use takes to say it plus the pause the voice stage
leaves after it. How fast each engine speaks is data (``speech_rates.toml``, measured by
``benchmarks/speech_rate.py``); the engine is the one a stage runs under (:func:`using`, set by the
runner from ``engines.speech``), espeak-ng by default. All results are integer milliseconds.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from microdrama.text.tags import CJK_IDEOGRAPHS
from microdrama.text.tags import is_chinese as is_chinese  # the writers ask it here

#: the speech engine whose rates are used when no stage says otherwise (the settings' default)
DEFAULT_ENGINE = "espeak"
#: silence the voice stage leaves after a speech
DIALOGUE_PAUSE_MS = 250
#: silence the voice stage leaves after the narrator reads an action line
ACTION_PAUSE_MS = 200
#: shortest screen time of an action block (one with nothing to say is held this long)
MIN_ACTION_MS = 500
#: a cut or written transition between scenes (the animatic holds the last shot that long)
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
# a pause inside a line: a sentence end, or a clause mark, with more to say after it
_STOP = re.compile(r"(?:[.!?。！？]+|…+|\.{3,})[\"'”’」』）)\]]*(?=\s*[^\W_])")
_CLAUSE = re.compile(r"[,;:，、；：—–](?=[\s\"'“‘「『（(]*[^\W_])")
#: what a voice does not say: directions in brackets ("(beat)", "[sighs]", "（笑）"), a parenthesis in narration
UNSAID = re.compile(r"\([^)]*\)|\[[^\]]*\]|（[^）]*）")
# full-width Latin letters (阿Ｑ): an engine may spell them out one by one
_FULLWIDTH_LETTER = re.compile("[Ａ-Ｚａ-ｚ]")
_FULLWIDTH_RUN = re.compile("[Ａ-Ｚａ-ｚ]+")

_ENGINE: ContextVar[str] = ContextVar("speech_engine", default=DEFAULT_ENGINE)


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


def breaks(text: str, language: str) -> tuple[int, int]:
    """(clause breaks, sentence breaks) inside ``text``: the pauses a voice makes before more words.

    >>> breaks("Well, then, I will come. But tell me, who sent you?", "en")
    (3, 1)
    >>> breaks("你好，世界！我来了。", "zh")
    (1, 1)
    """
    return len(_CLAUSE.findall(text)), len(_STOP.findall(text))


@dataclass(frozen=True)
class SpeechRate:
    """How fast one engine says one language: a clip's fixed part, its words, its pauses."""

    units_per_s: float
    clip_ms: int = 0
    clause_ms: int = 0
    sentence_ms: int = 0
    letter_ms: int = 0
    """Each full-width Latin letter, for an engine that spells them (espeak-ng says 阿Ｑｕｅｉ letter by
    letter); 0: a run of them is a word like any other."""

    def speech_ms(self, text: str, language: str) -> int:
        """Length of the clip saying ``text`` (0 when there is nothing to say); what is in brackets
        is not said (:data:`UNSAID`).

        >>> SpeechRate(4.0, clip_ms=300, clause_ms=100, sentence_ms=200).speech_ms("你好，世界！我来了。", "zh")
        2350
        >>> SpeechRate(4.0, letter_ms=500).speech_ms("阿Ｑ", "zh"), SpeechRate(4.0).speech_ms("阿Ｑ", "zh")
        (750, 500)
        >>> SpeechRate(4.0).speech_ms("你好（笑）", "zh") == SpeechRate(4.0).speech_ms("你好", "zh")
        True
        """
        text = UNSAID.sub(" ", text)
        units = speech_units(text, language)
        if not units:
            return 0
        letters = 0
        if self.letter_ms:
            letters, runs = spelled_letters(text)
            units -= runs
        clauses, stops = breaks(text, language)
        return round(
            self.clip_ms
            + units * 1000 / self.units_per_s
            + clauses * self.clause_ms
            + stops * self.sentence_ms
            + letters * self.letter_ms
        )


def spelled_letters(text: str) -> tuple[int, int]:
    """(full-width Latin letters, runs of them) in ``text``: what an engine that spells them says.

    >>> spelled_letters("阿Ｑｕｅｉ，阿Ｑ")
    (5, 2)
    """
    return len(_FULLWIDTH_LETTER.findall(text)), len(_FULLWIDTH_RUN.findall(text))


@cache
def rate_table() -> dict[str, dict[str, SpeechRate]]:
    """engine id → language family (``en``, ``zh``) → rate, from ``speech_rates.toml``."""
    data = tomllib.loads(resources.files(__package__).joinpath("speech_rates.toml").read_text(encoding="utf-8"))
    return {engine: {family: SpeechRate(**row) for family, row in rows.items()} for engine, rows in data.items()}


def engine_id(url: str) -> str:
    """The table's key for an engine URL: its scheme (``openai-tts://host/v1?…`` → ``openai-tts``).

    >>> engine_id("openai-tts+http://box:8000/v1?model=tts-1"), engine_id("espeak")
    ('openai-tts', 'espeak')
    """
    scheme = url.split("://", 1)[0] if "://" in url else url.split("?", 1)[0]
    return scheme.split("+", 1)[0].strip().lower() or DEFAULT_ENGINE


def current_engine() -> str:
    """The engine id timings are computed for here (see :func:`using`)."""
    return _ENGINE.get()


@contextmanager
def using(engine: str) -> Iterator[None]:
    """Time every line inside the block as ``engine`` (a URL or id) says it.

    >>> with using("openai-tts://box/v1"):
    ...     current_engine()
    'openai-tts'
    """
    token = _ENGINE.set(engine_id(engine))
    try:
        yield
    finally:
        _ENGINE.reset(token)


def rate_for(language: str, engine: str | None = None) -> SpeechRate:
    """The rate of ``engine`` (default: the current one) for ``language``; the rule of thumb for an
    engine the table does not know.

    >>> rate_for("zh-Hans", "no-such-engine").units_per_s
    4.5
    """
    table = rate_table()
    rows = table.get(engine_id(engine) if engine else current_engine(), table["default"])
    family = "zh" if is_chinese(language) else "en"
    return rows.get(family) or table["default"][family]


def speech_ms(text: str, language: str) -> int:
    """Time to say ``text`` aloud with the current engine, without the pause after it.

    >>> with using("no-such-engine"):
    ...     speech_ms("你好，世界！", "zh"), speech_ms("I am not afraid of you.", "en")
    (889, 2400)
    """
    return rate_for(language).speech_ms(text, language)


def dialogue_ms(text: str, language: str) -> int:
    """Screen time of a dialogue block: the speech plus the pause after it.

    >>> with using("no-such-engine"):
    ...     dialogue_ms("I am not afraid of you.", "en")
    2650
    """
    return speech_ms(text, language) + DIALOGUE_PAUSE_MS


def action_ms(text: str, language: str) -> int:
    """Screen time of an action block: the narrator reading it, then a pause; at least :data:`MIN_ACTION_MS`.

    >>> with using("no-such-engine"):
    ...     action_ms("She runs.", "en"), action_ms("", "en")
    (1000, 500)
    """
    said = speech_ms(text, language)
    return max(MIN_ACTION_MS, said + ACTION_PAUSE_MS) if said else MIN_ACTION_MS


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
