"""Quotation attribution and character discovery, measured on PDNC (English) and WP2021 dev (Chinese).

Run from the repository root::

    .venv/bin/python benchmarks/attribution.py                 # everything (a few minutes)
    .venv/bin/python benchmarks/attribution.py --novels PrideAndPrejudice,Emma --no-wp
    .venv/bin/python benchmarks/attribution.py --limit 3 --wp-limit 100
    .venv/bin/python benchmarks/attribution.py --gold-only --halves --no-wp   # attribution only, tuned/held-out halves
    .venv/bin/python benchmarks/attribution.py --gold-only --no-wp --novels Emma --errors 20   # what goes wrong

Data is read from ``../shared/bench`` (never copied into the repository). Scoring follows the
benchmark READMEs:

* PDNC: accuracy = share of gold quotations whose predicted speaker is the gold character, overall
  and per ``quoteType``, micro-averaged over quotations. A gold quotation is matched to the
  predicted quotation that overlaps it most (a missed quotation counts as wrong). **end to end**:
  the cast is discovered; a predicted character stands for the gold character its canonical name is
  an alias of (else the one most of its names are aliases of); aliases include the unambiguous forms
  :func:`microdrama.analyze.aliases.index_pairs` derives ("Jake" from "Jake Barnes"). **gold cast**: ``character_info.csv``
  is passed as ``known_cast``. Discovery: recall of major + intermediate characters (some predicted
  character stands for them) and alias-merge precision (of the predicted names that are gold
  aliases, the share that belong to the gold character their predicted character stands for).
* WP2021 dev: each instance's 21 sentences become a small story (a sentence opening with a quotation
  mark starts a new paragraph); the 11th sentence is the target. **gold cast**: ``name_list.txt``
  (125 characters) is the known cast. **end to end**: the cast is discovered in the snippet and a
  predicted name maps to ``name_list.txt`` by alias.
"""

from __future__ import annotations

import argparse
import ast
import csv
import functools
import hashlib
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
TYPES = ("Explicit", "Anaphoric", "Implicit")
_GENDER = {"M": "male", "F": "female"}


# -- scores ----------------------------------------------------------------------------------------


@dataclass
class Score:
    """Correct / total counts per quotation type."""

    correct: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, ok: bool) -> None:
        """Count one quotation of type ``kind``."""
        for key in (kind, "all"):
            self.total[key] += 1
            self.correct[key] += int(ok)

    def merge(self, other: Score) -> None:
        """Add another score's counts."""
        self.correct.update(other.correct)
        self.total.update(other.total)

    def acc(self, kind: str = "all") -> str:
        """Accuracy for ``kind`` as text ("-" when there is none)."""
        total = self.total[kind]
        return f"{self.correct[kind] / total:.3f}" if total else "-"


@dataclass
class NovelResult:
    """What one novel (or the WP dev set) scored."""

    name: str
    quotes: int
    found: int = 0
    e2e: Score = field(default_factory=Score)
    gold: Score = field(default_factory=Score)
    major_found: int = 0
    major_total: int = 0
    alias_ok: int = 0
    alias_total: int = 0
    seconds: float = 0.0
    #: gold-cast setting, per rule that decided ("implicit/0.4" = turn-taking…): [quotes, wrong]
    by_rule: dict[str, list[int]] = field(default_factory=dict)
    #: gold-cast setting: the first misattributed quotations, as text to read
    errors: list[str] = field(default_factory=list)


# -- PDNC ------------------------------------------------------------------------------------------


def _literal(value: str) -> Any:
    return ast.literal_eval(value) if value.strip() else []


def load_pdnc(folder: Path) -> tuple[str, list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The novel's text, its gold quotations and its characters (id → record)."""
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    characters: dict[str, dict[str, Any]] = {}
    with (folder / "character_info.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            aliases = {a.strip() for a in _literal(row["Aliases"]) if a.strip()}
            characters[row["Character ID"].strip()] = {
                "name": row["Main Name"].strip(),
                "aliases": aliases | {row["Main Name"].strip()},
                "gender": _GENDER.get(row["Gender"].strip(), "unknown"),
                "category": row["Category"].strip(),
            }
    by_alias = {alias: ident for ident, c in characters.items() for alias in c["aliases"]}
    quotes: list[dict[str, Any]] = []
    with (folder / "quotation_info.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            spans = [tuple(s) for s in _literal(row["quoteByteSpans"])]
            quotes.append(
                {
                    "start": min(s[0] for s in spans),
                    "end": max(s[1] for s in spans),
                    "speaker": by_alias.get(row["speaker"].strip()),
                    "type": row["quoteType"] if row["quoteType"] in TYPES else "other",
                }
            )
    return text, quotes, characters


def _norm(name: str) -> str:
    """Compare names without dots, case, spacing or a leading "the" ("The Hatter" = "Hatter")."""
    words = name.replace(".", "").lower().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def gold_aliases(characters: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Normalised alias → gold id: the listed aliases, plus forms derived from them that only one
    character yields ("Jake" from "Jake Barnes"), the same derivation ``--cast`` uses."""
    from microdrama.analyze.aliases import index_pairs

    listed = {_norm(a): ident for ident, c in characters.items() for a in c["aliases"]}
    for alias, ident in index_pairs(((i, sorted(c["aliases"])) for i, c in characters.items()), "en"):
        listed.setdefault(_norm(alias), ident)
    return listed


def map_cast(cast: list[Any], gold_alias: dict[str, str]) -> dict[str, str]:
    """Predicted character id → gold character id, by canonical name first, then by most aliases."""
    mapping: dict[str, str] = {}
    for character in cast:
        owner = gold_alias.get(_norm(character.name))
        if owner is None:
            votes = Counter(gold_alias[_norm(a)] for a in character.aliases if _norm(a) in gold_alias)
            ranked = votes.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                owner = ranked[0][0]
        if owner is not None:
            mapping[character.id] = owner
    return mapping


def match_quotes(gold: list[dict[str, Any]], predicted: list[Any]) -> list[Any | None]:
    """For each gold quotation, the predicted quotation overlapping it most (or None)."""
    result: list[Any | None] = []
    cursor = 0
    for quote in gold:
        while cursor < len(predicted) and predicted[cursor].end <= quote["start"]:
            cursor += 1
        best, best_overlap = None, 0
        index = cursor
        while index < len(predicted) and predicted[index].start < quote["end"]:
            candidate = predicted[index]
            overlap = min(candidate.end, quote["end"]) - max(candidate.start, quote["start"])
            if overlap > best_overlap:
                best, best_overlap = candidate, overlap
            index += 1
        result.append(best)
    return result


#: ``--marks single``: every double mark and apostrophe becomes ASCII ' (a British edition typed on
#: a keyboard); one character for one, so the gold offsets still hold
_TO_SINGLE = str.maketrans({"“": "'", "”": "'", '"': "'", "’": "'", "‘": "'"})


def run_pdnc(folder: Path, gold_only: bool = False, marks: str = "as-is", errors: int = 0) -> NovelResult:
    """Score one PDNC novel in both settings (only the gold-cast one with ``gold_only``)."""
    import tempfile

    from microdrama.analyze import analyze
    from microdrama.ingest import read_novel

    text, gold, characters = load_pdnc(folder)
    if marks == "single":
        text = text.translate(_TO_SINGLE)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "novel_text.txt"
            path.write_text(text, encoding="utf-8")
            source = read_novel(path)
    else:
        source = read_novel(folder / "novel_text.txt")
    if source.text != text:
        raise SystemExit(f"{folder}: read_novel changed the text, offsets would not match")
    result = NovelResult(folder.name, len(gold))
    if gold_only:
        _score_gold(result, source, gold, characters, errors)
        return result
    started = time.perf_counter()
    cast, quotes, _, _ = analyze(source)
    result.seconds = time.perf_counter() - started
    gold_alias = gold_aliases(characters)
    mapping = map_cast(cast.characters, gold_alias)
    matched = match_quotes(gold, quotes.quotes)
    result.found = sum(1 for m in matched if m is not None)
    for quote, predicted in zip(gold, matched, strict=True):
        ok = (
            predicted is not None
            and quote["speaker"] is not None
            and mapping.get(predicted.speaker) == quote["speaker"]
        )
        result.e2e.add(quote["type"], ok)
    # discovery
    found_gold = set(mapping.values())
    wanted = [i for i, c in characters.items() if c["category"] in ("major", "intermediate")]
    result.major_total = len(wanted)
    result.major_found = sum(1 for i in wanted if i in found_gold)
    for character in cast.characters:
        owner = mapping.get(character.id)
        if owner is None:
            continue
        for alias in {character.name, *character.aliases}:
            if _norm(alias) in gold_alias:
                result.alias_total += 1
                result.alias_ok += int(gold_alias[_norm(alias)] == owner)
    _score_gold(result, source, gold, characters, errors)
    return result


def _score_gold(
    result: NovelResult,
    source: Any,
    gold: list[dict[str, Any]],
    characters: dict[str, dict[str, Any]],
    errors: int = 0,
) -> None:
    """The gold-cast setting: ``character_info.csv`` passed as ``known_cast``; counts per deciding
    rule, and the first ``errors`` misattributed quotations with their context."""
    from microdrama.analyze import analyze

    known = [
        {"id": f"g{ident}", "name": c["name"], "aliases": sorted(c["aliases"] - {c["name"]}), "gender": c["gender"]}
        for ident, c in characters.items()
    ]
    _, quotes, _, _ = analyze(source, known_cast=known)
    matched = match_quotes(gold, quotes.quotes)
    name = {f"g{ident}": c["name"] for ident, c in characters.items()}
    for quote, predicted in zip(gold, matched, strict=True):
        ok = predicted is not None and quote["speaker"] is not None and predicted.speaker == f"g{quote['speaker']}"
        result.gold.add(quote["type"], ok)
        rule = "missed" if predicted is None else f"{predicted.attribution}/{predicted.confidence}"
        counts = result.by_rule.setdefault(rule, [0, 0])
        counts[0] += 1
        counts[1] += int(not ok)
        if not ok and len(result.errors) < errors:
            text = source.text
            said = text[quote["start"] : quote["end"]]
            context = text[max(0, quote["start"] - 240) : quote["start"]] + "[[" + said + "]]"
            context += text[quote["end"] : quote["end"] + 120]
            who = name.get(predicted.speaker, predicted.speaker) if predicted is not None else None
            wanted = name.get(f"g{quote['speaker']}")
            cue = predicted.cue if predicted is not None else None
            result.errors.append(
                f"{result.name} {quote['type']} rule={rule} said={who} gold={wanted} cue={cue}\n  "
                + " ".join(context.split())
            )


# -- WP2021 ----------------------------------------------------------------------------------------


def load_wp(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The dev instances (sentences, gold speaker index, category) and the closed cast."""
    cast: list[dict[str, Any]] = []
    for index, line in enumerate((folder / "name_list.txt").read_text(encoding="utf-8").splitlines()):
        gender, name, *aliases = line.split()
        cast.append(
            {"id": f"w{index:03d}", "name": name, "aliases": aliases, "gender": "male" if gender == "1" else "female"}
        )
    instances: list[dict[str, Any]] = []
    for block in (folder / "dev" / "dev_unsplit.txt").read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.strip().splitlines()
        sentences = lines[1:22]
        fields = dict(line.split(": ", 1) for line in lines[22:] if ": " in line)
        instances.append(
            {"sentences": sentences, "speaker": f"w{int(fields['Speaker index']):03d}", "category": fields["Category"]}
        )
    return instances, cast


def wp_source(sentences: list[str], layout: str = "prose") -> tuple[Any, int, int]:
    """A one-chapter Source from the sentences, and the target sentence's span.

    ``layout`` "prose": a sentence opening with a quotation mark starts a new paragraph (blank
    line), other sentences run on; "lines": one sentence per line, no blank lines (web novels).
    """
    from microdrama.model import Chapter, Provenance, Source

    pieces: list[str] = []
    target = (0, 0)
    cursor = 0
    for index, sentence in enumerate(sentences):
        if layout == "lines":
            joiner = "\n" if pieces else ""
        else:
            joiner = "\n\n" if pieces and sentence.startswith(("“", "「")) else ""
        pieces.append(joiner + sentence)
        cursor += len(joiner)
        if index == 10:
            target = (cursor, cursor + len(sentence))
        cursor += len(sentence)
    text = "".join(pieces)
    raw = text.encode("utf-8")
    source = Source(
        file_name="wp.txt", file_format="txt", sha256=hashlib.sha256(raw).hexdigest(), size_bytes=len(raw),
        encoding="utf-8", language="zh", script="Hans", text=text,
        chapters=[Chapter(index=1, kind="chapter", label="chapter", title="", start=0, body_start=0, end=len(text))],
        provenance=Provenance(stage="ingest"),
    )  # fmt: skip
    return source, target[0], target[1]


def run_wp(folder: Path, limit: int | None, layout: str = "prose") -> tuple[NovelResult, NovelResult]:
    """Score the WP dev set: gold cast, and end to end (names mapped through name_list.txt)."""
    from microdrama.analyze import analyze

    instances, cast = load_wp(folder)
    if limit:
        instances = instances[:limit]
    by_alias = {name: c["id"] for c in cast for name in (c["name"], *c["aliases"])}
    gold_result = NovelResult(f"{layout}: gold cast", len(instances))
    e2e_result = NovelResult(f"{layout}: end to end", len(instances))
    started = time.perf_counter()
    for instance in instances:
        source, start, end = wp_source(instance["sentences"], layout)
        kind = instance["category"].capitalize()
        for result, known in ((gold_result, cast), (e2e_result, None)):
            characters, quotes, _, _ = analyze(source, known_cast=known)
            hits = [q for q in quotes.quotes if q.start < end and q.end > start]
            speaker = hits[0].speaker if hits else None
            if known is None:
                names = {c.id: [c.name, *c.aliases] for c in characters.characters}
                owners = [by_alias[n] for n in names.get(speaker or "", []) if n in by_alias]
                speaker = owners[0] if owners else None
            result.found += int(bool(hits))
            result.e2e.add(kind, speaker == instance["speaker"])
    gold_result.seconds = e2e_result.seconds = time.perf_counter() - started
    return gold_result, e2e_result


# -- report ----------------------------------------------------------------------------------------


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))


def print_pdnc(results: list[NovelResult]) -> None:
    """Per-novel and micro-averaged table."""
    header = [
        "novel",
        "quotes",
        "found",
        "e2e",
        "e2e.exp",
        "e2e.ana",
        "e2e.imp",
        "gold",
        "g.exp",
        "g.ana",
        "g.imp",
        "disc.rec",
        "alias.p",
        "sec",
    ]
    widths = [28, 6, 6, 6, 7, 7, 7, 6, 6, 6, 6, 8, 7, 5]
    print(_row(header, widths))
    total = NovelResult("MICRO-AVERAGE", 0)
    for r in results:
        print(_row(_cells(r), widths))
        total.quotes += r.quotes
        total.found += r.found
        total.e2e.merge(r.e2e)
        total.gold.merge(r.gold)
        for name in ("major_found", "major_total", "alias_ok", "alias_total"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
        total.seconds += r.seconds
    print(_row(_cells(total), widths))


def print_halves(results: list[NovelResult]) -> None:
    """Micro-averages over the novels in even and odd places of the sorted list: rules were tuned
    on the first half, so the second shows whether a gain holds on novels not looked at."""
    print("half (novels in sorted order)      gold   g.exp  g.ana  g.imp    e2e")
    for label, part in (("even places (tuned on)", results[0::2]), ("odd places (held out)", results[1::2])):
        gold, e2e = Score(), Score()
        for r in part:
            gold.merge(r.gold)
            e2e.merge(r.e2e)
        cells = [gold.acc(), *(gold.acc(t) for t in TYPES), e2e.acc()]
        print(f"{label:32s} " + "  ".join(c.rjust(5) for c in cells))


def print_rules(results: list[NovelResult]) -> None:
    """Gold-cast accuracy per deciding rule (attribution/confidence: explicit/0.9 a speech-verb cue,
    anaphoric/0.7 a pronoun, implicit/0.4 turn-taking…), most quotations first."""
    totals: dict[str, list[int]] = {}
    for r in results:
        for rule, (count, wrong) in r.by_rule.items():
            total = totals.setdefault(rule, [0, 0])
            total[0] += count
            total[1] += wrong
    print(f"{'rule (gold cast)':20s} {'quotes':>7s} {'wrong':>6s} {'acc':>6s}")
    for rule, (count, wrong) in sorted(totals.items(), key=lambda item: -item[1][0]):
        print(f"{rule:20s} {count:7d} {wrong:6d} {1 - wrong / count:6.3f}")


def _cells(r: NovelResult) -> list[str]:
    rec = f"{r.major_found / r.major_total:.3f}" if r.major_total else "-"
    prec = f"{r.alias_ok / r.alias_total:.3f}" if r.alias_total else "-"
    return [
        r.name[:28], str(r.quotes), str(r.found),
        r.e2e.acc(), *(r.e2e.acc(t) for t in TYPES), r.gold.acc(), *(r.gold.acc(t) for t in TYPES),
        rec, prec, f"{r.seconds:.1f}",
    ]  # fmt: skip


def print_wp(results: list[NovelResult]) -> None:
    """WP table: accuracy overall and per category."""
    header = ["WP2021 dev", "quotes", "found", "all", "explicit", "implicit", "latent", "sec"]
    widths = [20, 6, 6, 6, 8, 8, 6, 5]
    print(_row(header, widths))
    for r in results:
        cells = [
            r.name,
            str(r.quotes),
            str(r.found),
            r.e2e.acc(),
            r.e2e.acc("Explicit"),
            r.e2e.acc("Implicit"),
            r.e2e.acc("Latent"),
            f"{r.seconds:.1f}",
        ]
        print(_row(cells, widths))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--novels", help="comma-separated PDNC folder names (default: all 22)")
    parser.add_argument("--limit", type=int, help="only the first N PDNC novels")
    parser.add_argument(
        "--half",
        choices=("A", "B"),
        help="only half of the 22 PDNC novels, alternating in name order (A: 1st, 3rd, …; B: 2nd, 4th, …), "
        "to check on one half that a rule tuned on the other holds",
    )
    parser.add_argument("--no-pdnc", action="store_true", help="skip PDNC")
    parser.add_argument("--no-wp", action="store_true", help="skip WP2021")
    parser.add_argument("--wp-limit", type=int, help="only the first N WP dev instances")
    parser.add_argument(
        "--wp-layout",
        choices=("prose", "lines", "both"),
        default="both",
        help="WP: the benchmark's prose layout, one sentence per line, or both (default)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="novels analysed in parallel (default 2)")
    parser.add_argument("--gold-only", action="store_true", help="PDNC: only the gold-cast setting (faster)")
    parser.add_argument(
        "--marks",
        choices=("as-is", "single"),
        default="as-is",
        help="PDNC: quotation marks as printed, or every double mark and apostrophe turned into ASCII '",
    )
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="PDNC: print accuracy per deciding rule (gold cast) and each novel's first N misattributed quotations",
    )
    parser.add_argument(
        "--halves",
        action="store_true",
        help="PDNC: also print the two halves of all 22 novels (even places: tuned on; odd: held out)",
    )
    args = parser.parse_args(argv)
    if not BENCH.is_dir():
        print(f"benchmark data not found at {BENCH}", file=sys.stderr)
        return 2
    if not args.no_pdnc:
        folders = sorted(p for p in (BENCH / "pdnc").iterdir() if p.is_dir())
        if args.novels:
            wanted = set(args.novels.split(","))
            folders = [f for f in folders if f.name in wanted]
        if args.half:
            folders = folders[("A", "B").index(args.half) :: 2]
        if args.limit:
            folders = folders[: args.limit]
        run = functools.partial(run_pdnc, gold_only=args.gold_only, marks=args.marks, errors=args.errors)
        if args.jobs > 1:
            with ProcessPoolExecutor(args.jobs) as pool:
                results = list(pool.map(run, folders))
        else:
            results = [run(f) for f in folders]
        print("PDNC: speaker accuracy (e2e = own cast, gold = character_info.csv as --cast); sec = e2e analyze time")
        print_pdnc(results)
        if args.halves:
            print()
            print_halves(results)
        if args.errors:
            print()
            print_rules(results)
            for result in results:
                for error in result.errors:
                    print(error)
        print()
    if not args.no_wp:
        layouts = ("prose", "lines") if args.wp_layout == "both" else (args.wp_layout,)
        print_wp([r for layout in layouts for r in run_wp(BENCH / "wp2021", args.wp_limit, layout)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
