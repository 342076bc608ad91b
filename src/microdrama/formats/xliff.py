"""XLIFF 2.0 (.xlf) for human translators: one episode's lines with speaker, timing, length limit and glossary.

Context travels in the standard modules: Metadata (``mda:``) for speaker, times, episode and the line
before; Size and Length Restriction (``slr:``) for the maximum length; Glossary (``gls:``) for names;
plus a plain ``<note>`` a translation tool shows as is. Reading is strict: broken XML, a wrong
namespace or markup inside a target is a :class:`FormatError` that names the unit.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from microdrama.errors import FormatError
from microdrama.model.subtitles import GlossaryEntry, TranslationDocument, TranslationUnit
from microdrama.timecode import ms_clock

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
SLR = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
#: inline elements a translator's tool may leave in a target (their text is kept, the markup dropped)
INLINE_OK = {f"{{{XLIFF}}}{name}" for name in ("mrk", "pc", "ph", "sc", "ec", "cp")}


def _esc(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if attribute else text


def _meta(kind: str, value: object, indent: str) -> str:
    return f'{indent}<mda:meta type="{kind}">{_esc(str(value))}</mda:meta>'


def write_document(doc: TranslationDocument) -> str:
    """XLIFF 2.0 text of ``doc``."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns="{XLIFF}" xmlns:mda="{MDA}" xmlns:slr="{SLR}" xmlns:gls="{GLS}" version="2.0" '
        f'srcLang="{_esc(doc.source_language, True)}" trgLang="{_esc(doc.target_language, True)}">',
        f'  <file id="ep{doc.episode:03d}" original="{_esc(doc.original, True)}">',
        '    <slr:profiles generalProfile="xliff:codepoints"/>',
        "    <mda:metadata>",
        '      <mda:metaGroup category="microdrama">',
        _meta("episode", doc.episode, "        "),
        _meta("max_chars_per_line", doc.max_chars_per_line, "        "),
        "      </mda:metaGroup>",
        "    </mda:metadata>",
    ]
    for unit in doc.units:
        limit = f' slr:sizeRestriction="{unit.max_chars}"' if unit.max_chars else ""
        name = f' name="{_esc(unit.speaker, True)}"' if unit.speaker else ""
        out.append(f'    <unit id="{_esc(unit.id, True)}"{name}{limit}>')
        out += ["      <mda:metadata>", '        <mda:metaGroup category="subtitle">']
        if unit.speaker:
            out.append(_meta("speaker", unit.speaker, "          "))
        if unit.end_ms:
            out.append(_meta("start_ms", unit.start_ms, "          "))
            out.append(_meta("end_ms", unit.end_ms, "          "))
        if unit.previous:
            out.append(_meta("previous", unit.previous, "          "))
        out += ["        </mda:metaGroup>", "      </mda:metadata>"]
        if unit.glossary:
            out.append("      <gls:glossary>")
            for entry in unit.glossary:
                rendering = entry.translations.get(doc.target_language, "")
                out.append("        <gls:glossEntry>")
                out.append(f"          <gls:term>{_esc(entry.term)}</gls:term>")
                if rendering:
                    out.append(
                        f'          <gls:translation source="{entry.origin}">{_esc(rendering)}</gls:translation>'
                    )
                out.append("        </gls:glossEntry>")
            out.append("      </gls:glossary>")
        out += ["      <notes>", f'        <note category="context">{_esc(_context(unit))}</note>', "      </notes>"]
        state = "translated" if unit.target else "initial"
        out.append(f'      <segment state="{state}">')
        out.append(f"        <source>{_esc(unit.source)}</source>")
        out.append(f"        <target>{_esc(unit.target)}</target>")
        out += ["      </segment>", "    </unit>"]
    out += ["  </file>", "</xliff>"]
    return "\n".join(out) + "\n"


def _context(unit: TranslationUnit) -> str:
    parts = []
    if unit.speaker:
        parts.append(f"Speaker: {unit.speaker}")
    if unit.end_ms:
        seconds = (unit.end_ms - unit.start_ms) / 1000
        parts.append(f"{ms_clock(unit.start_ms)}–{ms_clock(unit.end_ms)} ({seconds:.1f} s)")
    if unit.max_chars:
        parts.append(f"at most {unit.max_chars} characters")
    if unit.previous:
        parts.append(f"previous line: {unit.previous}")
    return " · ".join(parts) or unit.id


def _text(element: Element | None, unit_id: str, where: str, *, strict: bool) -> str:
    """Text of a source/target, inline markup flattened; unknown markup is an error when ``strict``."""
    if element is None:
        return ""
    for child in element.iter():
        if child is element:
            continue
        if strict and child.tag not in INLINE_OK:
            tag = child.tag.rpartition("}")[2]
            raise FormatError(f"{where}: unit {unit_id}: markup <{tag}> is not allowed in a target (plain text only)")
    return " ".join("".join(element.itertext()).split())


def read_document(text: str | bytes, *, where: str = "<xliff>") -> TranslationDocument:
    """Parse an XLIFF 2.0 file written by :func:`write_document` and filled in by a translator."""
    try:
        root = SafeET.fromstring(text.encode("utf-8") if isinstance(text, str) else text)
    except SafeET.ParseError as exc:
        raise FormatError(f"{where}: broken markup, the file is not well-formed XML ({exc})") from exc
    except DefusedXmlException as exc:
        raise FormatError(f"{where}: refused unsafe XML ({exc})") from exc
    if root.tag != f"{{{XLIFF}}}xliff":
        raise FormatError(f"{where}: not an XLIFF 2.0 file (root element {root.tag!r})")
    if root.get("version") != "2.0":
        raise FormatError(f"{where}: XLIFF version {root.get('version')!r}; only 2.0 is read")
    source_language, target_language = root.get("srcLang", ""), root.get("trgLang", "")
    if not source_language or not target_language:
        raise FormatError(f"{where}: srcLang and trgLang must both be set on <xliff>")
    files = root.findall(f"{{{XLIFF}}}file")
    if len(files) != 1:
        raise FormatError(f"{where}: expected one <file> (one episode), found {len(files)}")
    file = files[0]
    file_meta = {m.get("type"): (m.text or "") for m in file.iterfind(f"{{{MDA}}}metadata//{{{MDA}}}meta")}
    try:
        episode = int(file_meta.get("episode") or file.get("id", "").removeprefix("ep"))
    except ValueError as exc:
        raise FormatError(
            f"{where}: cannot tell the episode (no episode metadata, file id {file.get('id')!r})"
        ) from exc
    units: list[TranslationUnit] = []
    for unit in file.iter(f"{{{XLIFF}}}unit"):
        unit_id = unit.get("id") or ""
        meta = {m.get("type"): (m.text or "") for m in unit.iterfind(f"{{{MDA}}}metadata//{{{MDA}}}meta")}
        segments = unit.findall(f"{{{XLIFF}}}segment")
        if not segments:
            raise FormatError(f"{where}: unit {unit_id} has no <segment>")
        source = " ".join(_text(s.find(f"{{{XLIFF}}}source"), unit_id, where, strict=False) for s in segments).strip()
        target = " ".join(_text(s.find(f"{{{XLIFF}}}target"), unit_id, where, strict=True) for s in segments).strip()
        glossary = [
            _gloss_entry(entry, target_language) for entry in unit.iterfind(f"{{{GLS}}}glossary/{{{GLS}}}glossEntry")
        ]
        units.append(
            TranslationUnit(
                id=unit_id,
                source=source,
                target=target,
                speaker=meta.get("speaker", unit.get("name", "")),
                start_ms=_int(meta.get("start_ms")),
                end_ms=_int(meta.get("end_ms")),
                max_chars=_int(unit.get(f"{{{SLR}}}sizeRestriction")),
                previous=meta.get("previous", ""),
                glossary=glossary,
            )
        )
    return TranslationDocument(
        source_language=source_language,
        target_language=target_language,
        episode=episode,
        original=file.get("original", ""),
        max_chars_per_line=_int(file_meta.get("max_chars_per_line")),
        units=units,
    )


def _gloss_entry(entry: Element, language: str) -> GlossaryEntry:
    translation = entry.find(f"{{{GLS}}}translation")
    rendering = " ".join((translation.text or "").split()) if translation is not None else ""
    origin = translation.get("source", "cast") if translation is not None else "cast"
    return GlossaryEntry(
        term=(entry.findtext(f"{{{GLS}}}term") or "").strip(),
        translations={language: rendering} if rendering else {},
        origin=origin if origin in ("pinyin", "user", "cast") else "cast",
    )


def _int(value: str | None) -> int:
    try:
        return int(value) if value else 0
    except ValueError:
        return 0
