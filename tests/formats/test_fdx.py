"""Final Draft XML: well-formed, the right paragraph types and counts, text escaped, title page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from formats.sample_scripts import make_bible, make_en_script, make_zh_script

from microdrama.formats import fdx
from microdrama.model import Element, EpisodeScript


def paragraph_types(root: ET.Element) -> Counter[str]:
    return Counter(p.get("Type", "") for p in root.findall("./Content/Paragraph"))


def test_document_is_final_draft_with_one_paragraph_per_block() -> None:
    scripts = [make_en_script(1), make_zh_script(2)]
    root = ET.fromstring(fdx.write_series(scripts, make_bible("en"), author="Jane Austen"))
    assert (root.tag, root.get("DocumentType"), root.get("Template"), root.get("Version")) == (
        "FinalDraft",
        "Script",
        "No",
        "5",
    )
    elements = [e for s in scripts for scene in s.scenes for e in scene.elements]
    kinds = Counter(e.kind for e in elements)
    parentheticals = sum(1 for e in elements if e.parenthetical)
    assert paragraph_types(root) == Counter(
        {
            "Scene Heading": 4,
            "Action": kinds["action"] + len(scripts),  # plus one episode heading each
            "Character": kinds["dialogue"],
            "Parenthetical": parentheticals,
            "Dialogue": kinds["dialogue"],
            "Transition": kinds["transition"],
        }
    )
    texts = [(p.get("Type"), p.findtext("Text")) for p in root.findall("./Content/Paragraph")]
    assert texts[:5] == [
        ("Action", "EPISODE 1: THE LETTER"),
        ("Scene Heading", "INT. LONGBOURN - DRAWING ROOM - DAY"),
        ("Action", "Mrs. Bennet bursts in, waving a letter. Mr. Bennet does not look up."),
        ("Character", "MRS. BENNET"),
        ("Parenthetical", "(breathless)"),
    ]
    assert ("Character", "LYDIA (O.S.)") in texts
    assert ("Dialogue", "我就知道，别人不挑剩下的也不给我。") in texts  # Chinese lines join without spaces
    new_pages = [p.findtext("Text") for p in root.findall("./Content/Paragraph") if p.get("StartsNewPage") == "Yes"]
    assert new_pages == ["EPISODE 1: THE LETTER", "第2集：黛玉进府"]


def test_title_page_holds_title_and_author() -> None:
    root = ET.fromstring(fdx.write_series([make_en_script()], make_bible("en"), author="Jane Austen"))
    texts = [t for t in (p.findtext("Text") for p in root.findall("./TitlePage/Content/Paragraph")) if t]
    assert texts == ["PRIDE & PREJUDICE", "Written by", "Jane Austen"]


def test_markup_and_control_characters_are_escaped_or_dropped() -> None:
    script = make_en_script()
    nasty = 'He types <b>&amp; "quotes" ]]> and a bell\x07.'
    script.scenes[0].elements.append(Element(kind="action", text=nasty))
    text = fdx.write_series([script], make_bible("en"))
    assert "<b>" not in text and "&lt;b&gt;&amp;amp;" in text
    root = ET.fromstring(text)
    assert 'He types <b>&amp; "quotes" ]]> and a bell.' in [p.findtext("Text") for p in root.iter("Paragraph")]


def test_notes_and_empty_speeches_are_not_printed(en_script: EpisodeScript) -> None:
    en_script.scenes[0].elements.append(Element(kind="dialogue", character="KITTY", text=" "))
    text = fdx.write_series([en_script], make_bible("en"))
    assert "Keep the pause long." not in text and "KITTY" not in text


def test_output_is_deterministic() -> None:
    scripts = [make_zh_script(2), make_en_script(1)]
    assert fdx.write_series(scripts, make_bible("zh-Hans")) == fdx.write_series(scripts[::-1], make_bible("zh-Hans"))
