"""Screenplay PDF: a valid file, repeatable bytes, the right fonts, a page per episode start, speed."""

from __future__ import annotations

import re
import time
import zlib

import pytest
from formats.sample_scripts import make_bible, make_en_script, make_zh_script, require_cjk_font

from microdrama.errors import FontNotFoundError
from microdrama.formats import fonts, pdf
from microdrama.model import Element, EpisodeScript, Provenance, Scene


def page_streams(document: bytes) -> list[str]:
    """Every Flate-compressed stream of the PDF, inflated and read as Latin-1 (enough for core-font text)."""
    out = []
    for match in re.finditer(rb"stream\r?\n", document):
        try:
            out.append(zlib.decompressobj().decompress(document[match.end() :]).decode("latin-1"))
        except zlib.error:
            continue
    return out


def page_count(document: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", document))


def test_english_pdf_is_a_repeatable_courier_screenplay() -> None:
    scripts = [make_en_script(1), make_en_script(2)]
    scripts[0].scenes[0].elements.append(Element(kind="action", text="“Quoted” — and then… nothing."))
    first = pdf.write_series(scripts, make_bible("en"), author="Jane Austen")
    assert first.startswith(b"%PDF-")
    assert first == pdf.write_series(scripts, make_bible("en"), author="Jane Austen")
    assert b"/BaseFont /Courier" in first and b"FontFile" not in first
    assert page_count(first) == 3  # title page + each episode on its own page
    text = "\n".join(page_streams(first))
    assert "(PRIDE & PREJUDICE)" in text
    assert "(EPISODE 2: THE LETTER)" in text
    assert '("Quoted" -- and then... nothing.)' in text  # typographic marks mapped for Courier
    assert "(1.)" in text and "(2.)" in text  # page numbers on script pages


def test_chinese_pdf_embeds_the_simplified_cjk_face() -> None:
    require_cjk_font()
    face = fonts.cjk_font("zh-Hans")
    document = pdf.write_series([make_zh_script()], make_bible("zh-Hans"))
    assert document.startswith(b"%PDF-")
    assert document == pdf.write_series([make_zh_script()], make_bible("zh-Hans"))
    font_name = face.family.replace(" ", "")
    assert re.search(rb"/FontName /[A-Z]{6}\+" + re.escape(font_name.encode()), document), font_name
    assert b"/BaseFont /Courier" not in document


def test_english_text_outside_latin1_embeds_a_unicode_font() -> None:
    script = make_en_script()
    script.scenes[0].elements.append(Element(kind="action", text="The sign reads ΩMEGA → exit."))
    document = pdf.write_series([script], make_bible("en"))
    assert b"/BaseFont /Courier" not in document and b"FontFile" in document


def test_missing_cjk_font_raises_with_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_fc_match", lambda pattern, lang: None)
    with pytest.raises(FontNotFoundError, match="apt-get install fonts-noto-cjk"):
        pdf.write_series([make_zh_script()], make_bible("zh-Hans"))


def test_long_speeches_flow_over_pages_with_more_and_contd() -> None:
    speech = " ".join(["It is a truth universally acknowledged."] * 60)
    elements = [Element(kind="dialogue", character="ELIZABETH", text=speech) for _ in range(4)]
    scene = Scene(number=1, heading="INT. LONGBOURN - DAY", location="LONGBOURN", elements=elements)
    script = EpisodeScript(episode=1, language="en", scenes=[scene], provenance=Provenance(stage="write"))
    document = pdf.write_series([script], make_bible("en"))
    pages = page_count(document)
    assert pages >= 5
    text = "\n".join(page_streams(document))
    assert f"({pages - 1}.)" in text
    assert "(\\(MORE\\))" in text and "(ELIZABETH \\(CONT'D\\))" in text  # a speech split over pages


def sixty_episodes(language: str) -> list[EpisodeScript]:
    maker = make_zh_script if language.startswith("zh") else make_en_script
    scripts = []
    for number in range(1, 61):
        script = maker(number)
        for scene in script.scenes:
            scene.elements = scene.elements * 3  # ~700 characters (zh) to ~1,200 (en) per episode
        scripts.append(script)
    return scripts


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_sixty_episodes_render_quickly(language: str) -> None:
    if language != "en":
        require_cjk_font()
    scripts = sixty_episodes(language)
    started = time.perf_counter()
    document = pdf.write_series(scripts, make_bible(language))
    elapsed = time.perf_counter() - started
    assert page_count(document) >= 61
    assert elapsed < 10, f"{elapsed:.1f} s for 60 episodes"
