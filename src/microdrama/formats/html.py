"""Standalone HTML reading copy of the series: one self-contained page, screenplay layout, episode index.

No external resources (fonts, scripts, stylesheets): the page opens offline and prints as a
screenplay. Every piece of text is escaped; notes are not shown (as in Fountain apps).
"""

from __future__ import annotations

from html import escape

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
    episodes = in_episode_order(scripts)
    fonts = (
        _HANT_FONTS if is_traditional(bible.language) else _HANS_FONTS if is_chinese(bible.language) else _LATIN_FONTS
    )
    contents_label = "目录" if is_chinese(bible.language) else "Episodes"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(bible.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(one_line(bible.title))}</title>",
        f"<style>{_STYLE.replace('FONTS', fonts)}</style>",
        "</head>",
        "<body>",
        '<div class="page">',
        '<header class="title-page">',
    ]
    for key, value in title_page(bible, author=author, source=source):
        tag = "h1" if key == "Title" else "p"
        out.append(f'<{tag} class="{key.lower()}">{escape(value)}</{tag}>')
    if one_line(bible.logline):
        out.append(f'<p class="logline">{escape(one_line(bible.logline))}</p>')
    out += ["</header>", '<nav class="toc">', f"<h2>{contents_label}</h2>", "<ol>"]
    for script in episodes:
        out.append(f'<li><a href="#{episode_anchor(script.episode)}">{escape(episode_heading(script))}</a></li>')
    out += ["</ol>", "</nav>", "<main>"]
    for script in episodes:
        out.extend(_episode(script))
    out += ["</main>", "</div>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _episode(script: EpisodeScript) -> list[str]:
    anchor = episode_anchor(script.episode)
    out = [f'<section class="episode" id="{anchor}" lang="{escape(script.language)}">']
    out.append(f"<h2>{escape(episode_heading(script))}</h2>")
    for scene in script.scenes:
        out.extend(_scene(scene, anchor))
    out.append("</section>")
    return out


def _scene(scene: Scene, anchor: str) -> list[str]:
    out = []
    heading = one_line(scene.heading)
    if heading:
        out.append(f'<h3 class="scene-heading" id="{anchor}-s{scene.number:02d}">{escape(heading)}</h3>')
    for element in scene.elements:
        if is_printed(element):
            out.append(_element(element))
    return out


def _element(element: Element) -> str:
    text = escape("\n".join(text_lines(element.text)))
    if element.kind == "transition":
        return f'<p class="transition">{escape(one_line(element.text))}</p>'
    if element.kind == "dialogue":
        parts = [f'<p class="character">{escape(cue_text(element))}</p>']
        parenthetical = bare_parenthetical(element.parenthetical)
        if parenthetical:
            parts.append(f'<p class="parenthetical">({escape(parenthetical)})</p>')
        parts.append(f'<p class="speech">{text}</p>')
        return '<div class="dialogue">' + "".join(parts) + "</div>"
    return f'<p class="action">{text}</p>'
