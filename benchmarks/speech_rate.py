"""Calibrate the speech-rate model against a speech engine: how long its clips really are.

Run from the repository root::

    .venv/bin/python benchmarks/speech_rate.py                                   # espeak, en + zh
    .venv/bin/python benchmarks/speech_rate.py --engine "openai-tts://host:8000/v1?model=tts-1"

Lines as a script holds them are taken from corpus novels (``../shared/corpus``, read, never copied):
half speeches (a quotation's first one to three sentences), half action (a narration sentence), no
longer than the writer keeps them; they are said by the engine in voices cast as ``casting.voices`` casts them (the narrator and six
characters at their rates), and each clip's length is fitted by least squares to

    clip ms = clip_ms + 1000 · units / units_per_s + clause_ms · clause breaks + sentence_ms · sentence breaks
              + letter_ms · full-width Latin letters (阿Ｑ: when the engine spells them; their runs then count no unit)

(units as ``text.speech_rate.speech_units`` counts them: words, or 字 + Latin words). The table shows the
fit, the error of the model now in ``text/speech_rates.toml`` and of the fitted one, and the TOML rows
to paste into that file for the engine.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from microdrama.engines.speech import scheme_of, speech_engine
from microdrama.engines.speech.wav import duration_ms
from microdrama.model.media import Voice
from microdrama.screenplay.lines import sentences
from microdrama.text.speech_rate import SpeechRate, breaks, rate_for, speech_units, spelled_letters

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
BOOKS = {
    "en": ["en_pride_and_prejudice.txt", "en_a_study_in_scarlet.txt", "en_the_great_gatsby.txt"],
    "zh-Hans": ["zh_luxun_ah_q_zhengzhuan.txt", "zh_hongloumeng_full.txt", "zh_luxun_shangshi.txt"],
}
#: (gender, index, words per minute): the narrator, then characters at casting's spread of rates
VOICES = [("male", -1, 175), ("male", 0, 170), ("female", 0, 180), ("male", 1, 160), ("female", 1, 172), ("male", 2, 184), ("female", 2, 165)]  # fmt: skip


_QUOTE = re.compile(r"“([^“”]{1,400})”|「([^「」]{1,400})」|\"([^\"]{1,400})\"")
#: longest line of each kind the writer keeps: a speech is condensed to ~8 s, an action to ≤ 35 words / 50 字
LONGEST = {"en": 35, "zh-Hans": 50}


def samples(language: str, count: int, seed: int = 7) -> list[str]:
    """``count`` lines as a script holds them: half speeches (a quotation's first one to three
    sentences), half action (one or two narration sentences), from the language's books."""
    rng = random.Random(seed)
    speeches: list[str] = []
    narration: list[str] = []
    joiner = " " if language == "en" else ""
    longest = LONGEST[language]
    for name in BOOKS[language]:
        text = (CORPUS / name).read_text(encoding="utf-8")
        chunk = re.sub(r"\s+", joiner, text[len(text) // 10 : len(text) // 10 + 200_000])
        for match in _QUOTE.finditer(chunk):
            said = sentences(next(g for g in match.groups() if g), language)
            speeches.append(joiner.join(s.strip() for s in said[: rng.choice((1, 1, 2, 3))]))
        outside = _QUOTE.sub("\n", chunk)
        narration.extend(s.strip() for part in outside.split("\n") for s in sentences(part, language))
    speeches = [s for s in speeches if 1 <= speech_units(s, language) <= longest]
    narration = [s for s in narration if 3 <= speech_units(s, language) <= longest]
    return [rng.choice(speeches) for _ in range(count // 2)] + [
        rng.choice(narration) for _ in range(count - count // 2)
    ]


def measure(engine_url: str, language: str, lines: list[str]) -> list[tuple[str, int]]:
    """Each line and its clip length in ms, said in turn by the cast voices."""
    engine = speech_engine(engine_url)
    voices = [
        Voice(id=f"v{i}", name=f"v{i}", gender=g, engine_voice=engine.voice_name(g, "adult", idx, language), rate_wpm=r)  # type: ignore[arg-type]
        for i, (g, idx, r) in enumerate(VOICES)
    ]
    return [
        (line, duration_ms(engine.synthesize(line, voices[i % len(voices)], language))) for i, line in enumerate(lines)
    ]


def fit(measured: list[tuple[str, int]], language: str) -> SpeechRate:
    """Least-squares speech rate of the measured clips."""
    rows = []
    for line, _ in measured:
        clauses, stops = breaks(line, language)
        letters, runs = spelled_letters(line)
        rows.append([1.0, speech_units(line, language) - runs, clauses, stops, letters])
    x = np.array(rows)
    y = np.array([ms for _, ms in measured], dtype=float)
    (clip, per_unit, clause, stop, letter), *_ = np.linalg.lstsq(x, y, rcond=None)
    return SpeechRate(
        units_per_s=round(1000 / per_unit, 2),
        clip_ms=round(clip),
        clause_ms=round(max(0.0, clause)),
        sentence_ms=round(max(0.0, stop)),
        letter_ms=round(max(0.0, letter)) if x[:, 4].any() else 0,
    )


def error(model: SpeechRate, measured: list[tuple[str, int]], language: str) -> tuple[float, float]:
    """(mean signed error of the summed time, mean absolute error per line), as shares of the measured."""
    predicted = np.array([model.speech_ms(line, language) for line, _ in measured], dtype=float)
    actual = np.array([ms for _, ms in measured], dtype=float)
    return float(predicted.sum() / actual.sum() - 1), float(np.mean(np.abs(predicted - actual) / actual))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", default="espeak", help="speech engine URL (setting engines.speech)")
    parser.add_argument("--lines", type=int, default=240, help="lines per language")
    parser.add_argument("--languages", default="en,zh-Hans")
    args = parser.parse_args(argv)
    engine_id = scheme_of(args.engine)
    header = ["language", "lines", "units/s", "clip ms", "clause ms", "stop ms", "letter ms", "table: sum err", "line err", "fit: sum err", "line err", "s"]  # fmt: skip
    rows, toml = [], []
    for language in args.languages.split(","):
        began = time.perf_counter()
        lines = samples(language, args.lines)
        measured = measure(args.engine, language, lines)
        fitted = fit(measured, language)
        table = error(rate_for(language, engine_id), measured, language)
        own = error(fitted, measured, language)
        rows.append(
            [
                language,
                str(len(lines)),
                f"{fitted.units_per_s:.2f}",
                str(fitted.clip_ms),
                str(fitted.clause_ms),
                str(fitted.sentence_ms),
                str(fitted.letter_ms),
                f"{table[0]:+.1%}",
                f"{table[1]:.1%}",
                f"{own[0]:+.1%}",
                f"{own[1]:.1%}",
                f"{time.perf_counter() - began:.0f}",
            ]
        )
        family = "zh" if language.startswith("zh") else "en"
        toml.append(
            f"[{engine_id}.{family}]\nunits_per_s = {fitted.units_per_s}\nclip_ms = {fitted.clip_ms}\n"
            f"clause_ms = {fitted.clause_ms}\nsentence_ms = {fitted.sentence_ms}\nletter_ms = {fitted.letter_ms}\n"
        )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))
    print("\n# rows for src/microdrama/text/speech_rates.toml\n" + "\n".join(toml))
    return 0


if __name__ == "__main__":
    sys.exit(main())
