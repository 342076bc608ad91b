"""The ``subtitle`` stage: one episode's subtitles in every language, checked and fixed, plus its XLIFF exports.

Per episode: line times (voice timing when there is one, else the estimate) → cues → QC → auto-fix →
QC again, for the script's language, for its Chinese variants (OpenCC), and for every other language
a translation was imported for (``subs/translations/``); other languages get an XLIFF to translate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from microdrama.engines.text.refinement import model_engine
from microdrama.formats import ass, srt, ttml, vtt, xliff
from microdrama.model.script import EpisodeScript
from microdrama.model.series import Bible
from microdrama.model.story import Cast
from microdrama.model.subtitles import (
    Cue,
    EpisodeLocalization,
    GlossaryEntry,
    LanguageQC,
    LocalizedText,
    SubtitleQC,
    TranslationDocument,
)
from microdrama.project import Outputs, StageContext, paths
from microdrama.subtitle.cues import build_cues
from microdrama.subtitle.fix import autofix
from microdrama.subtitle.glossary import build_glossary, read_user_glossary, rendering
from microdrama.subtitle.qc import check, passing
from microdrama.subtitle.rules import Limits, limits_for, rule_table
from microdrama.subtitle.timeline import TimedLine, estimate_lines, shot_changes, voice_lines
from microdrama.subtitle.translate import translate
from microdrama.subtitle.translation import export_document, translated_lines, translated_meta, xliff_name
from microdrama.subtitle.variants import conversion, convert

USER_GLOSSARY = "subs/glossary.json"


@dataclass(frozen=True)
class Track:
    """One language's finished cues and their QC."""

    language: str
    cues: list[Cue]
    qc: LanguageQC


def protected_terms(glossary: Sequence[GlossaryEntry], language: str, config: str = "") -> list[str]:
    """Names line breaking must keep whole in ``language``: the terms (converted) and their renderings."""
    terms = {convert(entry.term, config) for entry in glossary}
    terms |= {r for entry in glossary if (r := rendering(entry, language))}
    return sorted(terms, key=lambda t: (-len(t), t))


def make_track(
    lines: Sequence[TimedLine], limits: Limits, protected: Sequence[str], shots: Sequence[int] = ()
) -> Track:
    """Cues for ``lines`` in ``limits.language``, QC before and after the auto-fixes."""
    cues = build_cues(lines, limits, protected)
    before = check(cues, limits, protected, shots)
    fixed, fixes = autofix(cues, limits, protected, shots)
    after = check(fixed, limits, protected, shots)
    qc = LanguageQC(
        language=limits.language,
        cues=len(fixed),
        cues_before=len(cues),
        passing_before=passing(cues, before),
        passing=passing(fixed, after),
        fixes=fixes,
        rules=rule_table(limits),
        violations_before=before,
        violations=after,
    )
    return Track(limits.language, fixed, qc)


def write_track(episode: int, track: Track, formats: Sequence[str], fps: int) -> Outputs:
    """The track's subtitle files: ``subs/epNNN.<lang>.<ext>``."""
    stem = paths.subs_file(episode, f".{track.language}")
    writers = {
        "srt": lambda: srt.write_cues(track.cues, track.language),
        "vtt": lambda: vtt.write_cues(track.cues, track.language),
        "ass": lambda: ass.write_cues(track.cues, track.language),
        "ttml": lambda: ttml.write_cues(track.cues, track.language, fps=fps),
    }
    return {f"{stem}.{fmt}": writers[fmt]().encode("utf-8") for fmt in formats}


def languages_for(script_language: str, wanted: Sequence[str]) -> list[str]:
    """The script's language first, then the requested ones (duplicates dropped)."""
    return list(dict.fromkeys([script_language, *wanted]))


def _optional(ctx: StageContext, rel: str) -> bytes | None:
    return ctx.path(rel).read_bytes() if rel in ctx.inputs else None


def machine_translation(ctx: StageContext, document: TranslationDocument) -> TranslationDocument | None:
    """``document`` translated by the project's text engine, or None (offline engine, or any unit failed)."""
    if ctx.settings.engines.text == "offline":
        return None
    engine = model_engine(ctx)
    if engine is None:
        return None
    texts = translate(
        engine,
        [unit.source for unit in document.units],
        source_language=document.source_language,
        target_language=document.target_language,
        stage="subtitle",
        unit=f"ep{document.episode:03d}-{document.target_language}",
    )
    if any(text is None for text in texts):
        return None
    return document.model_copy(
        update={"units": [u.model_copy(update={"target": t}) for u, t in zip(document.units, texts, strict=True)]}
    )


def run_subtitles(ctx: StageContext) -> Outputs:
    """Subtitles, QC report, localized titles and XLIFF exports of one episode."""
    assert ctx.unit is not None
    number = int(ctx.unit)
    settings = ctx.settings.subtitles
    script = ctx.load(EpisodeScript, paths.script(number))
    bible = ctx.load(Bible, "series/bible.json") if "series/bible.json" in ctx.inputs else None
    cast = ctx.load(Cast, "story/cast.json") if "story/cast.json" in ctx.inputs else None
    user = _optional(ctx, USER_GLOSSARY)
    languages = languages_for(script.language, settings.languages)
    glossary = build_glossary(
        bible, cast, targets=languages, user=read_user_glossary(user, str(ctx.path(USER_GLOSSARY))) if user else None
    )

    lines, timing_source = estimate_lines(script), "estimate"
    voiced = _optional(ctx, paths.timing(number))
    if voiced is not None and (from_voice := voice_lines(script, voiced)) is not None:
        lines, timing_source = from_voice, "voice"
    shots_data = _optional(ctx, paths.shots(number))
    shots = shot_changes(shots_data) if shots_data else []

    outputs: Outputs = {}
    reports: list[LanguageQC] = []
    pending: list[str] = []
    meta: dict[str, LocalizedText] = {}
    series = {"series_title": bible.title, "series_logline": bible.logline} if bible and number == 1 else {}
    source_text = LocalizedText(title=script.title, synopsis=script.synopsis or "", **series)
    for language in languages:
        limits = limits_for(language, profile=settings.profile, fps=settings.fps)
        config = conversion(script.language, language)
        if config is not None:
            converted = [
                TimedLine(t.id, convert(t.speaker, config), convert(t.text, config), t.start_ms, t.end_ms)
                for t in lines
            ]
            track = make_track(converted, limits, protected_terms(glossary, language, config), shots)
            meta[language] = LocalizedText(**{k: convert(v, config) for k, v in source_text.model_dump().items()})
        else:
            document = export_document(script, lines, language, limits, glossary, bible)
            outputs[f"subs/xliff/{xliff_name(number, script.language, language)}"] = xliff.write_document(
                document
            ).encode("utf-8")
            imported = f"subs/translations/{xliff_name(number, script.language, language)}"
            if imported in ctx.inputs:
                translated = xliff.read_document(ctx.path(imported).read_bytes(), where=str(ctx.path(imported)))
            else:
                translated = machine_translation(ctx, document)
                if translated is not None:  # post-editors get the machine's targets to correct
                    outputs[f"subs/xliff/{xliff_name(number, script.language, language)}"] = xliff.write_document(
                        translated
                    ).encode("utf-8")
            translated_ids = {unit.id for unit in translated.units if unit.target.strip()} if translated else set()
            if translated is None or any(line.id not in translated_ids for line in lines):
                pending.append(language)  # none yet, or the script changed since: re-export, re-import
                continue
            track = make_track(translated_lines(lines, translated), limits, protected_terms(glossary, language), shots)
            texts = translated_meta(translated)
            meta[language] = LocalizedText(
                title=texts.get("title", ""),
                synopsis=texts.get("synopsis", ""),
                series_title=texts.get("series-title", ""),
                series_logline=texts.get("series-logline", ""),
            )
        reports.append(track.qc)
        outputs.update(write_track(number, track, settings.formats, settings.fps))

    provenance = {"stage": "subtitle", "parents": ctx.parents()}
    qc = SubtitleQC(
        episode=number,
        timing_source=timing_source,
        shot_changes=len(shots),
        fps=settings.fps,
        languages=reports,
        pending=pending,
        provenance=provenance,
    )
    outputs[paths.subs_file(number, ".qc.json")] = qc.to_bytes()
    outputs[paths.subs_file(number, ".meta.json")] = EpisodeLocalization(
        episode=number, languages=meta, provenance=provenance
    ).to_bytes()
    return outputs
