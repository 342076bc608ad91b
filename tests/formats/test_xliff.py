"""XLIFF 2.0: the document model survives a write and a read, with context in the standard modules."""

from __future__ import annotations

from microdrama.formats import xliff
from microdrama.model import GlossaryEntry, TranslationDocument, TranslationUnit


def document() -> TranslationDocument:
    unit = TranslationUnit(
        id="001-003",
        source="喂，派出所吗？<&>",
        target='Hello? Police? "now"',
        speaker="韩振东",
        start_ms=1000,
        end_ms=3289,
        max_chars=84,
        previous="沈念: 你好",
        glossary=[GlossaryEntry(term="韩振东", translations={"en": "Han Zhendong"}, origin="pinyin")],
    )
    title = TranslationUnit(id="title", source="归来")
    return TranslationDocument(
        source_language="zh-Hans",
        target_language="en",
        episode=1,
        original="script/ep001.json",
        max_chars_per_line=42,
        units=[unit, title],
    )


def test_round_trip() -> None:
    doc = document()
    assert xliff.read_document(xliff.write_document(doc)) == doc


def test_uses_the_standard_modules() -> None:
    text = xliff.write_document(document())
    assert 'xmlns="urn:oasis:names:tc:xliff:document:2.0"' in text
    assert '<mda:meta type="speaker">韩振东</mda:meta>' in text
    assert 'slr:sizeRestriction="84"' in text
    assert '<gls:translation source="pinyin">Han Zhendong</gls:translation>' in text
    assert '<segment state="translated">' in text and '<segment state="initial">' in text
    assert "&lt;&amp;&gt;" in text
