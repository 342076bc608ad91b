"""XLIFF export → a translator's edit → import: the checks name every problem and let good files through."""

from __future__ import annotations

import pytest
from subtitle.conftest import tiny_script

from microdrama.errors import FormatError
from microdrama.formats import xliff
from microdrama.model import Bible, CharacterProfile, Provenance, TranslationDocument
from microdrama.subtitle.glossary import build_glossary
from microdrama.subtitle.rules import limits_for
from microdrama.subtitle.timeline import estimate_lines
from microdrama.subtitle.translation import export_document, translated_lines, translated_meta, validate

ENGLISH = {
    "001-002": "Hello? Police?",
    "001-003": "Shen Nian, you're back.",
    "002-001": "Let me be frank. Your aunt owes Han Shipping four years' rent.",
    "title": "Homecoming",
}


def exported() -> TranslationDocument:
    script = tiny_script()
    bible = Bible(
        title="潮汐钟",
        language="zh-Hans",
        characters=[CharacterProfile(id="c1", name="沈念")],
        provenance=Provenance(stage="t"),
    )
    glossary = build_glossary(bible, None, targets=["en"])
    return export_document(script, estimate_lines(script), "en", limits_for("en"), glossary, bible)


def translated(doc: TranslationDocument, texts: dict[str, str]) -> TranslationDocument:
    return doc.model_copy(update={"units": [u.model_copy(update={"target": texts.get(u.id, "")}) for u in doc.units]})


def test_export_carries_speaker_timing_limit_and_glossary() -> None:
    doc = exported()
    assert [u.id for u in doc.units] == ["001-002", "001-003", "002-001", "title", "series-title"]
    line = doc.units[1]
    assert line.speaker == "沈秀兰" and line.end_ms > line.start_ms and line.max_chars == 84
    assert line.previous.startswith("韩振东:")
    assert line.glossary[0].term == "沈念" and line.glossary[0].translations == {"en": "Shen Nian"}
    text = xliff.write_document(doc)
    assert 'version="2.0"' in text and 'srcLang="zh-Hans"' in text and 'trgLang="en"' in text
    assert 'slr:sizeRestriction="84"' in text and "<gls:translation" in text and "Speaker: 沈秀兰" in text


def test_round_trip_through_a_file_edit() -> None:
    doc = exported()
    text = xliff.write_document(doc)
    for unit in doc.units:  # the translator fills the empty targets in the file itself
        text = text.replace(
            f"<source>{unit.source}</source>\n        <target></target>",
            f"<source>{unit.source}</source>\n        <target>{ENGLISH.get(unit.id, 'The Tide Clock')}</target>",
            1,
        )
    back = xliff.read_document(text)
    check = validate(back, doc)
    assert check.errors == [] and check.warnings == []
    lines = translated_lines(estimate_lines(tiny_script()), back)
    assert lines[0].text == "Hello? Police?" and lines[0].start_ms == 1000
    assert translated_meta(back)["title"] == "Homecoming"


def test_missing_empty_overlong_and_unknown_units_are_all_listed() -> None:
    doc = exported()
    bad = translated(doc, {**ENGLISH, "001-002": "", "002-001": "x" * 90, "series-title": "Tide"})
    bad = bad.model_copy(update={"units": [u for u in bad.units if u.id != "title"]})
    extra = bad.units[0].model_copy(update={"id": "009-009", "target": "Who?"})
    bad = bad.model_copy(update={"units": [*bad.units, extra]})
    errors = validate(bad, doc).errors
    assert any("001-002" in e and "no translation" in e for e in errors)
    assert any("002-001" in e and "90 characters" in e and "84" in e for e in errors)
    assert any("title" in e and "is missing" in e for e in errors)
    assert any("009-009" in e and "not in episode" in e for e in errors)


def test_wrong_language_or_episode_is_an_error_and_changed_source_a_warning() -> None:
    doc = exported()
    other = translated(doc, {**ENGLISH, "series-title": "Tide"}).model_copy(
        update={"source_language": "zh-Hant", "episode": 2}
    )
    errors = validate(other, doc).errors
    assert any("srcLang" in e for e in errors) and any("episode 2" in e for e in errors)
    changed = translated(doc, {**ENGLISH, "series-title": "Tide"})
    changed.units[0] = changed.units[0].model_copy(update={"source": "别的话"})
    assert any("source text changed" in w for w in validate(changed, doc).warnings)


def test_glossary_name_not_used_is_a_warning() -> None:
    doc = exported()
    texts = {**ENGLISH, "001-003": "Nina, you're back.", "series-title": "Tide"}
    warnings = validate(translated(doc, texts), doc).warnings
    assert any("Shen Nian" in w for w in warnings)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda t: t.replace("<target>Hello? Police?</target>", "<target><b>Hello?</b> Police?</target>"),
            "markup <b>",
        ),
        (lambda t: t[: len(t) // 2], "broken markup"),
        (lambda t: t.replace('version="2.0"', 'version="1.2"'), "only 2.0"),
        (lambda t: t.replace('trgLang="en"', ""), "trgLang"),
        (lambda t: t.replace("urn:oasis:names:tc:xliff:document:2.0", "urn:x"), "not an XLIFF 2.0"),
        (
            lambda t: t.replace("<!DOCTYPE", "").replace(
                '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            ),
            "unsafe",
        ),
    ],
)
def test_broken_files_are_refused_with_a_clear_message(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    text = xliff.write_document(translated(exported(), ENGLISH))
    with pytest.raises(FormatError, match=message):
        xliff.read_document(mutate(text), where="ep001.xlf")


def test_inline_xliff_codes_are_accepted_as_text() -> None:
    text = xliff.write_document(translated(exported(), ENGLISH))
    text = text.replace("<target>Hello? Police?</target>", '<target><pc id="1">Hello?</pc> Police?</target>')
    assert xliff.read_document(text).units[0].target == "Hello? Police?"
