"""Draft quality per novel: the share of episodes showing each defect class of issue 14, cue correctness
against PDNC gold, runtime drift.

Run from the repository root::

    .venv/bin/python benchmarks/drafts.py                                # the default set (a few minutes)
    .venv/bin/python benchmarks/drafts.py --novels scarlet:30,ahq:12     # some of them
    .venv/bin/python benchmarks/drafts.py --project /tmp/p               # an existing project only

Every novel is produced offline (``microdrama produce --executor serial``) into a temporary folder,
then read by ``microdrama check``. A defect class counts an episode when its rule reports an error
there (rules in ``src/microdrama/check/draft_rules.py``, line tests in ``adapt/defects.py``):

* ``action``: an action line in the past tense (mixed tense included), in the first person, over 35
  words / 50 字, with commentary, the narrator's verse or a footnote marker; one that opens or stops
  mid-sentence, stops where the book's clause goes on, holds a parenthetical aside or is a chapter
  heading; a synopsis that is no whole sentence (``action-lines``)
* ``title``: a title over 6 words / 8 字, a sentence prefix (a clause the book goes on with mid-phrase,
  a time phrase and the words after it, a leading And/But; 都/他… in Chinese), or a repeat (``titles``)
* ``cue x2``: the same speaker cued twice in a row (``repeated-cue``)
* ``ending``: the last line is narration or no peak, or the planned cliffhanger is not in the last 3
  lines (``cliffhanger-line``)
* ``narrator``: the book's "I" rewritten as someone other than the narrator (``narrator``)
* ``speech``: a speech cut mid-sentence, opening mid-sentence (lower case) or holding a ", But," /
  ", --" seam (``dialogue-seams``)
* ``heading``: a location that is UNKNOWN, a person or a verb phrase, a heading repeating the one
  before, or over 4 headings per 90 s (``scene-headings``)

On PDNC novels the dialogue lines of ``script/epNNN.json`` are matched to the gold quotation their
book span overlaps: **cue ok** = share whose character maps (by alias, as in
``benchmarks/attribution.py``) to the gold speaker; **real** = share whose character maps to any gold
character; **wrong: attr/writer** splits the wrong cues into the attribution's (the analysis gave the
quotation to someone else) and the writer's (the analysis was right, the cue is not). An existing
``--project`` made from a PDNC novel is recognised by its text. **drift ok** = share of episodes whose
estimated runtime (the speech-rate model the writer fits to) is within ±10 % of target; with ``--voiced``,
**voiced ok** is the share of episodes whose runtime *as voiced* is within ±10 % of target, with the mean
drift (voiced / target − 1) and its range: the voice stage's own ``voice_episode`` says every line with the
engine (``--speech``, espeak-ng by default) in the casting's voices, and sums what the cut plays (clips,
pauses, held scene cuts); clip lengths are cached (``--voice-cache``), no video is rendered. Data is read
from ``../shared``, never copied.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from attribution import gold_aliases, load_pdnc, map_cast

from microdrama.casting.voices import cast_voices
from microdrama.check import check_project
from microdrama.engines.speech import speech_engine
from microdrama.engines.speech.wav import pcm_to_wav, read_wav
from microdrama.model import Bible, Cast, EpisodeScript, Plan, Quotes, Source
from microdrama.model.media import Voice
from microdrama.voice.stage import voice_episode

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
PDNC = SHARED / "bench" / "pdnc"
#: name → (path, episodes)
NOVELS = {
    "scarlet": (CORPUS / "en_a_study_in_scarlet.txt", 30),
    "ahq": (CORPUS / "zh_luxun_ah_q_zhengzhuan.txt", 12),
    "shangshi": (CORPUS / "zh_luxun_shangshi.txt", 6),
    "DaisyMiller": (PDNC / "DaisyMiller" / "novel_text.txt", 12),
    "TheSignOfTheFour": (PDNC / "TheSignOfTheFour" / "novel_text.txt", 30),
    "alice": (CORPUS / "en_alice_in_wonderland.txt", 30),
    "gatsby": (CORPUS / "en_the_great_gatsby.txt", 30),
}
#: defect class → check rule
CLASSES = {
    "action": "action-lines",
    "title": "titles",
    "cue x2": "repeated-cue",
    "ending": "cliffhanger-line",
    "narrator": "narrator",
    "speech": "dialogue-seams",
    "heading": "scene-headings",
}
TARGET_SHARE = 0.03


def produce(novel: Path, episodes: int, out: Path) -> None:
    """The series, produced offline as a user would."""
    command = [
        sys.executable,
        "-m",
        "microdrama",
        "produce",
        str(novel),
        "-o",
        str(out),
        "--episodes",
        str(episodes),
        "--executor",
        "serial",
    ]
    env = {"PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"), "PATH": "/usr/bin:/bin"}
    subprocess.run(command, check=True, capture_output=True, env=env)


def defect_shares(root: Path) -> tuple[int, dict[str, float]]:
    """Episodes, and the share of them each defect class touches."""
    report = check_project(root, only=list(CLASSES.values()))
    touched: dict[str, set[int]] = {c: set() for c in CLASSES}
    rule_class = {r: c for c, r in CLASSES.items()}
    for finding in report.findings:
        if finding.severity == "error" and finding.episode is not None:
            touched[rule_class[finding.rule]].add(finding.episode)
    count = max(report.episodes, 1)
    return report.episodes, {c: len(eps) / count for c, eps in touched.items()}


def drift_ok(root: Path) -> float:
    """Share of episodes whose estimated runtime is within ±10 % of the plan's target."""
    plan = Plan.load(root / "series/plan.json")
    ok = total = 0
    for episode in plan.episodes:
        path = root / f"script/ep{episode.number:03d}.json"
        if not path.exists():
            continue
        total += 1
        ok += abs(EpisodeScript.load(path).duration_ms - episode.target_ms) <= episode.target_ms * 0.1
    return ok / max(total, 1)


class CachedSpeech:
    """A speech engine whose clip lengths are kept on disk (``--voice-cache``): a clip said before comes
    back as silence of its length, which is all the runtime needs."""

    def __init__(self, url: str, folder: Path) -> None:
        self.engine = speech_engine(url)
        self.id = self.engine.id
        self.file = folder / f"{self.id}.json"
        self.lengths: dict[str, list[int]] = json.loads(self.file.read_text()) if self.file.exists() else {}
        self.new = 0

    def voice_name(self, gender: str, age: str, index: int, language: str) -> str:
        return self.engine.voice_name(gender, age, index, language)

    def synthesize(self, text: str, voice: Voice, language: str) -> bytes:
        key = hashlib.sha256(json.dumps([text, voice.model_dump(), language]).encode()).hexdigest()
        if key not in self.lengths:
            pcm, rate, channels = read_wav(self.engine.synthesize(text, voice, language))
            self.lengths[key] = [len(pcm) // (2 * channels), rate]
            self.new += 1
        samples, rate = self.lengths[key]
        return pcm_to_wav(bytes(2 * samples), rate, 1)

    def save(self) -> None:
        if self.new:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            self.file.write_text(json.dumps(self.lengths))


def voiced_drifts(root: Path, speech: CachedSpeech) -> list[float]:
    """Each episode's voiced runtime / target − 1, the runtime as the animatic plays it: the voice
    stage's ``timing.json`` (every line said in its cast voice, action lines read by the narrator,
    pauses, the script's scene cuts held) — computed with ``voice.stage.voice_episode`` itself, so no
    video is rendered."""
    plan = Plan.load(root / "series/plan.json")
    bible = Bible.load(root / "series/bible.json")
    cast = Cast.load(root / "story/cast.json") if (root / "story/cast.json").exists() else None
    voices = cast_voices(bible, cast, engine=speech.engine.url)
    drifts = []
    for episode in plan.episodes:
        path = root / f"script/ep{episode.number:03d}.json"
        if path.exists():
            timing, _ = voice_episode(
                EpisodeScript.load(path), bible, voices, speech.engine.url, "voice", speech=speech
            )
            drifts.append(timing.duration_ms / episode.target_ms - 1)
    speech.save()
    return drifts


def voiced_cell(drifts: list[float]) -> str:
    """'share within ±10 % (mean drift, lowest…highest)'."""
    if not drifts:
        return "–"
    ok = sum(abs(d) <= 0.1 for d in drifts) / len(drifts)
    return f"{ok:.0%} ({sum(drifts) / len(drifts):+.0%}, {min(drifts):+.0%}…{max(drifts):+.0%})"


def cue_scores(root: Path, folder: Path) -> tuple[float, float, int, int]:
    """(cue ok, real character, dialogue lines matched to a gold quotation, wrong cues the writer made)
    on a PDNC novel. A wrong cue is the writer's when the analysis attributed its quotation to the
    gold speaker (alias → cue mapping, turn merging); else it is the attribution's."""
    _, gold, characters = load_pdnc(folder)
    cast = Cast.load(root / "story/cast.json").characters
    mapping = map_cast(cast, gold_aliases(characters))
    attributed = {q.id: q.speaker for q in Quotes.load(root / "story/quotes.json").quotes}
    writer = 0
    by_cue = {c.name.upper(): c.id for c in cast} | {c.name: c.id for c in cast}  # the parsed script has cues
    gold = sorted(gold, key=lambda q: q["start"])
    right = real = lines = 0
    for path in sorted((root / "script").glob("ep[0-9][0-9][0-9].json")):
        script = EpisodeScript.load(path)
        for element in (e for s in script.scenes for e in s.elements):
            if element.kind != "dialogue" or element.source is None or element.extension == "V.O.":
                continue
            span = (element.source.start, element.source.end)
            match = next((q for q in gold if q["start"] < span[1] and span[0] < q["end"]), None)
            if match is None or match["speaker"] is None:
                continue
            lines += 1
            predicted = mapping.get(element.character_id or by_cue.get(element.character or "", ""))
            real += predicted is not None
            right += predicted == match["speaker"]
            analysed = mapping.get(attributed.get(element.source.quote or "", ""))
            writer += predicted != match["speaker"] and analysed == match["speaker"]
    return right / max(lines, 1), real / max(lines, 1), lines, writer


def pdnc_folder(root: Path) -> Path | None:
    """The PDNC novel a project was produced from (same file contents), if any."""
    digest = Source.load(root / "source/source.json").sha256
    for folder in sorted(PDNC.iterdir()) if PDNC.is_dir() else []:
        novel = folder / "novel_text.txt"
        if novel.is_file() and hashlib.sha256(novel.read_bytes()).hexdigest() == digest:
            return folder
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--novels",
        default=",".join(f"{n}:{e}" for n, (_, e) in NOVELS.items()),
        help="name[:episodes],… from: " + ", ".join(NOVELS),
    )
    parser.add_argument("--project", type=Path, action="append", default=[], help="an existing project")
    parser.add_argument("--voiced", action="store_true", help="also voice every line as the animatic does")
    parser.add_argument("--speech", default="espeak", help="speech engine URL for --voiced (engines.speech)")
    parser.add_argument(
        "--voice-cache", type=Path, default=Path.home() / ".cache" / "microdrama-bench", help="clip lengths kept here"
    )
    args = parser.parse_args(argv)
    speech = CachedSpeech(args.speech, args.voice_cache) if args.voiced else None
    rows: list[list[str]] = []
    totals: Counter[str] = Counter()
    all_drifts: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        jobs: list[tuple[str, Path, Path | None]] = [(p.name, p, pdnc_folder(p)) for p in args.project]
        if not args.project:
            for item in filter(None, args.novels.split(",")):
                name, _, count = item.partition(":")
                novel, default = NOVELS[name]
                root = Path(tmp) / name
                began = time.perf_counter()
                produce(novel, int(count or default), root)
                print(f"{name}: produced in {time.perf_counter() - began:.0f} s", file=sys.stderr)
                jobs.append((name, root, novel.parent if novel.parent.parent == PDNC else None))
        for name, root, pdnc in jobs:
            episodes, shares = defect_shares(root)
            cue, real, lines, writer = cue_scores(root, pdnc) if pdnc else (None, None, 0, 0)
            drifts = voiced_drifts(root, speech) if speech else []
            totals["episodes"] += episodes
            for c, share in shares.items():
                totals[c] += round(share * episodes)
            rows.append(
                [
                    name,
                    str(episodes),
                    *(f"{shares[c]:.0%}" for c in CLASSES),
                    f"{cue:.0%} ({lines})" if cue is not None else "–",
                    f"{round((1 - cue) * lines) - writer}/{writer}" if cue is not None else "–",
                    f"{real:.0%}" if real is not None else "–",
                    f"{drift_ok(root):.0%}",
                    voiced_cell(drifts),
                ]
            )
            all_drifts.extend(drifts)
    if totals["episodes"]:
        rows.append(
            [
                "all",
                str(totals["episodes"]),
                *(f"{totals[c] / totals['episodes']:.0%}" for c in CLASSES),
                "",
                "",
                "",
                "",
                voiced_cell(all_drifts) if speech else "",
            ]
        )
    header = ["novel", "eps", *CLASSES, "cue ok", "wrong: attr/writer", "real", "drift ok", "voiced ok (mean, range)"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))
    print(
        f"targets: each defect class ≤ {TARGET_SHARE:.0%} of episodes; cue ok ≥ 90 %; real ≥ 97 %; drift ok ≥ 95 %; voiced ok ≥ 95 %"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
