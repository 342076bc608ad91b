"""Translation through XLIFF 2.0: what an episode exports for a translator, and checks on what comes back.

Without a model engine the series is translated by people: each episode goes out as one XLIFF file per
target language, with speaker, timing, the line before, the names' renderings and the maximum length;
``microdrama subtitle import`` reads the file back, and :func:`validate` lists every problem — units
missing or left empty, translations over their length, units that are not in the episode — so the
translator gets one complete list instead of one error at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from microdrama.errors import TranslationImportError as TranslationImportError
from microdrama.formats import xliff
from microdrama.model.script import EpisodeScript
from microdrama.model.series import Bible
from microdrama.model.subtitles import GlossaryEntry, TranslationDocument, TranslationUnit
from microdrama.project import atomic_write
from microdrama.settings import SETTINGS_FILE
from microdrama.subtitle.glossary import rendering, terms_in
from microdrama.subtitle.rules import Limits
from microdrama.subtitle.timeline import TimedLine

#: units that carry metadata instead of dialogue
META_UNITS = ("title", "synopsis", "series-title", "series-logline")


def xliff_name(episode: int, source: str, target: str) -> str:
    """File name of an episode's XLIFF, e.g. ``ep001.zh-Hans-en.xlf``."""
    return f"ep{episode:03d}.{source}-{target}.xlf"


def export_document(
    script: EpisodeScript,
    lines: Sequence[TimedLine],
    target: str,
    limits: Limits,
    glossary: Iterable[GlossaryEntry] = (),
    bible: Bible | None = None,
) -> TranslationDocument:
    """The XLIFF content of one episode for ``target``: every spoken line, then its title and synopsis."""
    glossary = list(glossary)
    units: list[TranslationUnit] = []
    previous = ""
    for line in lines:
        names = [
            entry.model_copy(update={"translations": {target: r} if (r := rendering(entry, target)) else {}})
            for entry in terms_in(line.text, glossary)
        ]
        units.append(
            TranslationUnit(
                id=line.id,
                source=line.text,
                speaker=line.speaker,
                start_ms=line.start_ms,
                end_ms=line.end_ms,
                max_chars=limits.max_chars * limits.max_lines,
                previous=previous,
                glossary=names,
            )
        )
        previous = f"{line.speaker}: {line.text}" if line.speaker else line.text
    meta = {"title": script.title, "synopsis": script.synopsis or ""}
    if bible is not None and script.episode == 1:
        meta |= {"series-title": bible.title, "series-logline": bible.logline}
    units += [TranslationUnit(id=key, source=" ".join(text.split())) for key, text in meta.items() if text.strip()]
    return TranslationDocument(
        source_language=script.language,
        target_language=target,
        episode=script.episode,
        original=f"script/ep{script.episode:03d}.json",
        max_chars_per_line=limits.max_chars,
        units=units,
    )


@dataclass
class ImportCheck:
    """What :func:`validate` found: errors block the import, warnings do not."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _quote(unit: TranslationUnit) -> str:
    text = unit.source if len(unit.source) <= 30 else unit.source[:29] + "…"
    return f"{unit.speaker}: {text!r}" if unit.speaker else repr(text)


def validate(doc: TranslationDocument, expected: TranslationDocument) -> ImportCheck:
    """Compare a translated document with the episode's current export."""
    check = ImportCheck()
    if doc.source_language != expected.source_language:
        check.errors.append(f"srcLang is {doc.source_language!r}, the script is {expected.source_language!r}")
    if doc.episode != expected.episode:
        check.errors.append(f"the file is for episode {doc.episode}, expected {expected.episode}")
    got = {unit.id: unit for unit in doc.units}
    duplicates = sorted({u.id for u in doc.units if sum(1 for v in doc.units if v.id == u.id) > 1})
    for unit_id in duplicates:
        check.errors.append(f"unit {unit_id} appears more than once")
    for unit in expected.units:
        found = got.get(unit.id)
        if found is None:
            check.errors.append(f"unit {unit.id} ({_quote(unit)}) is missing")
            continue
        if not found.target.strip():
            check.errors.append(f"unit {unit.id} ({_quote(unit)}) has no translation")
            continue
        if unit.max_chars and len(found.target) > unit.max_chars:
            check.errors.append(
                f"unit {unit.id} ({_quote(unit)}): translation has {len(found.target)} characters, "
                f"at most {unit.max_chars} fit ({expected.max_chars_per_line} per line × 2 lines); shorten it"
            )
        if " ".join(found.source.split()) != " ".join(unit.source.split()):
            check.warnings.append(
                f"unit {unit.id}: the source text changed since this file was exported; check the translation"
            )
        for entry in unit.glossary:
            name = entry.translations.get(doc.target_language)
            if name and name not in found.target:
                check.warnings.append(
                    f"unit {unit.id}: {entry.term!r} is written {name!r} elsewhere in the series, not found here"
                )
    known = {unit.id for unit in expected.units}
    for unit in doc.units:
        if unit.id not in known:
            check.errors.append(
                f"unit {unit.id} is not in episode {expected.episode} (was the script changed? export again)"
            )
    return check


def translated_lines(lines: Sequence[TimedLine], doc: TranslationDocument) -> list[TimedLine]:
    """The episode's lines with the translated text (same times; re-timing happens in the fixes)."""
    targets = {unit.id: unit.target for unit in doc.units if unit.target.strip()}
    return [
        TimedLine(line.id, line.speaker, targets.get(line.id, line.text), line.start_ms, line.end_ms) for line in lines
    ]


def translated_meta(doc: TranslationDocument) -> dict[str, str]:
    """Translated title, synopsis (and, for episode 1, series title and logline), by unit id."""
    return {unit.id: unit.target for unit in doc.units if unit.id in META_UNITS and unit.target.strip()}


def find_project(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``microdrama.toml``."""
    here = (start if start.is_dir() else start.parent).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return None


def import_translation(project: Path, data: bytes, *, where: str) -> tuple[str, ImportCheck]:
    """Validate a translated XLIFF against the episode's export and store it under ``subs/translations/``.

    Returns the project-relative path written and the check (whose warnings the caller shows).

    Raises:
        FormatError: the file is not well-formed XLIFF 2.0 (broken markup, wrong version…).
        TranslationImportError: units missing, empty, over-length or unknown; nothing is written.
    """
    doc = xliff.read_document(data, where=where)
    name = xliff_name(doc.episode, doc.source_language, doc.target_language)
    exported = project / "subs" / "xliff" / name
    if not exported.is_file():
        raise TranslationImportError(
            where,
            [
                f"{exported} does not exist: add {doc.target_language!r} to the subtitle languages and run "
                f"`microdrama subtitle {project} --languages {doc.target_language}` first"
            ],
        )
    expected = xliff.read_document(exported.read_bytes(), where=str(exported))
    check = validate(doc, expected)
    if check.errors:
        raise TranslationImportError(where, check.errors)
    # Keep the exported context (times, limits, glossary) with the translated targets.
    targets = {unit.id: unit.target for unit in doc.units}
    merged = expected.model_copy(
        update={"units": [u.model_copy(update={"target": targets[u.id]}) for u in expected.units]}
    )
    rel = f"subs/translations/{name}"
    atomic_write(project / rel, xliff.write_document(merged).encode("utf-8"), tmp_dir=project / ".microdrama" / "tmp")
    return rel, check
