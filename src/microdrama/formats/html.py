"""Standalone HTML reading copy of the series: one self-contained page, screenplay layout, episode index.

No external resources (fonts, scripts, stylesheets): the page opens offline and prints as a
screenplay. The page is the Jinja2 template ``templates/series.html.j2``; every piece of text is
escaped; notes are not shown (as in Fountain apps).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from microdrama.formats._common import (
    bare_parenthetical,
    cue_text,
    episode_anchor,
    episode_heading,
    in_episode_order,
    is_chinese,
    is_printed,
    is_traditional,
    one_line,
    text_lines,
    title_page,
)
from microdrama.formats.pages import render
from microdrama.model.script import Element, EpisodeScript, Scene
from microdrama.model.series import Bible

_LATIN_FONTS = '"Courier Prime", "Courier New", Courier, monospace'
_HANS_FONTS = (
    '"Noto Sans Mono CJK SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Zen Hei", SimSun, sans-serif'
)
_HANT_FONTS = (
    '"Noto Sans Mono CJK TC", "Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", '
    '"Microsoft JhengHei", "WenQuanYi Zen Hei", MingLiU, sans-serif'
)

_STYLE = """
body { margin: 0; background: #f4f4f0; color: #111; font-family: FONTS; font-size: 12pt; line-height: 1.25; }
.page { max-width: 6in; margin: 0 auto; padding: 1in 1in 1in 1.5in; background: #fff; }
.title-page { text-align: center; padding-top: 2in; padding-bottom: 2in; }
.title-page h1 { font-size: 12pt; font-weight: normal; text-transform: uppercase; text-decoration: underline; }
.title-page p { margin: 0.5em 0; }
.logline { font-style: italic; }
nav.toc ol { padding-left: 2em; }
nav.toc a { color: inherit; }
.episode { margin-top: 3em; }
.episode > h2 { font-size: 12pt; text-align: center; text-decoration: underline; font-weight: normal; }
.scene-heading { font-size: 12pt; font-weight: normal; margin: 1.25em 0 0; text-transform: uppercase; }
.action { margin: 1em 0 0; white-space: pre-wrap; }
.dialogue { margin: 1em 0 0; }
.character { margin: 0 0 0 2.2in; }
.parenthetical { margin: 0 0 0 1.6in; max-width: 2in; }
.speech { margin: 0 0 0 1in; max-width: 3.5in; white-space: pre-wrap; }
.transition { margin: 1em 0 0; text-align: right; }
@media print {
  body { background: #fff; }
  .page { padding: 0; max-width: none; }
  nav.toc { display: none; }
  .episode { break-before: page; margin-top: 0; }
  .dialogue, .scene-heading { break-inside: avoid; break-after: avoid; }
}
@page { size: letter; margin: 1in 1in 1in 1.5in; }
"""


def write_series(
    scripts: list[EpisodeScript], bible: Bible, *, author: str | None = None, source: str | None = None
) -> str:
    """The series as one HTML5 page (``script/series.html``), with a table of contents."""
    fonts = (
        _HANT_FONTS if is_traditional(bible.language) else _HANS_FONTS if is_chinese(bible.language) else _LATIN_FONTS
    )
    return render(
        "microdrama.formats",
        "series.html.j2",
        language=bible.language,
        title=one_line(bible.title),
        style=Markup(_STYLE.replace("FONTS", fonts)),
        title_page=title_page(bible, author=author, source=source),
        logline=one_line(bible.logline),
        contents_label="目录" if is_chinese(bible.language) else "Episodes",
        episodes=[_episode(script) for script in in_episode_order(scripts)],
    )


def _episode(script: EpisodeScript) -> dict[str, Any]:
    return {
        "anchor": episode_anchor(script.episode),
        "language": script.language,
        "heading": episode_heading(script),
        "scenes": [_scene(scene) for scene in script.scenes],
    }


def _scene(scene: Scene) -> dict[str, Any]:
    return {
        "number": scene.number,
        "heading": one_line(scene.heading),
        "elements": [_element(element) for element in scene.elements if is_printed(element)],
    }


def _element(element: Element) -> dict[str, Any]:
    return {
        "kind": element.kind,
        "text": "\n".join(text_lines(element.text)),
        "line": one_line(element.text),
        "cue": cue_text(element) if element.kind == "dialogue" else "",
        "parenthetical": bare_parenthetical(element.parenthetical) if element.kind == "dialogue" else "",
    }
