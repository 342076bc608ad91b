"""Final Draft XML (.fdx): the series as one script that Final Draft and most screenwriting tools open.

Each element becomes one ``<Paragraph>`` of type Scene Heading, Action, Character, Parenthetical,
Dialogue or Transition; the lines of a block are joined into one paragraph (Final Draft wraps
them itself). Every episode opens with a centred Action paragraph carrying its heading on a new
page. Notes are not printed (as in Fountain apps).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from microdrama.formats._common import (
    bare_parenthetical,
    cue_text,
    episode_heading,
    in_episode_order,
    is_printed,
    join_lines,
    one_line,
    text_lines,
    title_page,
)
from microdrama.model.script import Element, EpisodeScript
from microdrama.model.series import Bible

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_series(
    scripts: list[EpisodeScript], bible: Bible, *, author: str | None = None, source: str | None = None
) -> str:
    """The whole series as a Final Draft document (``script/series.fdx``)."""
    root = ET.Element("FinalDraft", {"DocumentType": "Script", "Template": "No", "Version": "5"})
    content = ET.SubElement(root, "Content")
    for script in in_episode_order(scripts):
        _paragraph(content, "Action", episode_heading(script), Alignment="Center", StartsNewPage="Yes")
        for scene in script.scenes:
            heading = one_line(scene.heading)
            if heading:
                _paragraph(content, "Scene Heading", heading)
            for element in scene.elements:
                if is_printed(element):
                    _element(content, element, script.language)
    _title_page(root, bible, author=author, source=source)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n' + body + "\n"


def _element(content: ET.Element, element: Element, language: str) -> None:
    text = join_lines(text_lines(element.text), language)
    if element.kind == "action":
        _paragraph(content, "Action", text)
    elif element.kind == "transition":
        _paragraph(content, "Transition", one_line(element.text))
    elif element.kind == "dialogue":
        _paragraph(content, "Character", cue_text(element))
        parenthetical = bare_parenthetical(element.parenthetical)
        if parenthetical:
            _paragraph(content, "Parenthetical", f"({parenthetical})")
        _paragraph(content, "Dialogue", text)


def _title_page(root: ET.Element, bible: Bible, *, author: str | None, source: str | None) -> None:
    content = ET.SubElement(ET.SubElement(root, "TitlePage"), "Content")
    for _ in range(12):  # push the title down the page, as Final Draft's own title pages do
        _paragraph(content, "Action", "", Alignment="Center")
    for key, value in title_page(bible, author=author, source=source):
        if key in ("Author", "Source"):
            _paragraph(content, "Action", "", Alignment="Center")
        _paragraph(content, "Action", value.upper() if key == "Title" else value, Alignment="Center")


def _paragraph(parent: ET.Element, kind: str, text: str, **attributes: str) -> None:
    paragraph = ET.SubElement(parent, "Paragraph", {"Type": kind, **attributes})
    ET.SubElement(paragraph, "Text").text = _NOT_XML.sub("", text)
