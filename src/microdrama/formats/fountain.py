"""Fountain: the editable text form of episode scripts — written for people, parsed back after their edits.

Layout of an episode file (``script/epNNN.fountain``)::

    <blank line>
    # EP01: The Letter
    = Elizabeth learns of the entail.

    INT. LONGBOURN - DAY

    Mrs. Bennet bursts in.

    MRS. BENNET (O.S.)
    (breathless)
    Mr. Bennet! Have you heard?

    > CUT TO:

    > FADE OUT.

The first line is blank on purpose: ``# EP01: Title`` has a colon, and Fountain parsers read a
first paragraph made of ``key: value`` lines as a title page. Notes (``[[…]]``) are kept;
boneyard (``/* … */``) is dropped. Spec interpretations follow screenplain, which the tests use
as the reference parser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from microdrama.errors import FormatError
from microdrama.formats._common import (
    bare_parenthetical,
    episode_label,
    in_episode_order,
    one_line,
    text_lines,
    title_page,
)
from microdrama.model.base import Provenance
from microdrama.model.script import Element, EpisodeScript, Scene
from microdrama.model.series import Bible

#: the transition written at the end of every episode (and dropped again when reading)
FADE_OUT = "FADE OUT."
_FADE_OUTS = {"FADE OUT.", "FADE OUT", "FADE OUT:", "淡出", "淡出。"}

# Characters that open a forced element when they start a line (!action @cue .heading >transition
# #section =synopsis ~lyric); an action line starting with one of them is forced with "!".
_SPECIAL_STARTS = ("!", "@", ".", ">", "#", "=", "~")

_SLUG_PREFIX = re.compile(r"^(?:INT|EXT|EST|INT\.?/EXT\.?|I/E)[ .]", re.IGNORECASE)
_HEADING_PARTS = re.compile(
    r"^(?P<prefix>INT\.?/EXT\.?|EXT\.?/INT\.?|I/E\.?|INT\.?|EXT\.?|EST\.?|内外景|內外景|内景|內景|外景)"
    r"(?:[\s.]+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
_TIME_SPLIT = re.compile(r"^(?P<place>.*\S)\s*(?:\s[-–—－]\s|--+|—|－)\s*(?P<time>\S.*)$")
_SCENE_NUMBER = re.compile(r"\s*#[\w.\-]+#\s*$")
_EPISODE_SECTION = re.compile(r"^#\s*EP\s*(?P<number>\d+)\s*(?:[:：]\s*(?P<title>.*?))?\s*$", re.IGNORECASE)
_SECTION = re.compile(r"^#{1,6}\s*[^#]")
_PAGE_BREAK = re.compile(r"^={3,}$")
_TITLE_KEY = re.compile(r"^(?P<key>[A-Za-z][^:]*):\s*(?P<value>.*)$")
_TITLE_CONTINUATION = re.compile(r"^(?:\s{3,}|\t)\S")
_NOTE = re.compile(r"\[\[.*?\]\]", re.DOTALL)
_BONEYARD = re.compile(r"/\*.*?\*/", re.DOTALL)
_UNESCAPE = re.compile(r"\\([\\*_\[\]])")
_EPISODE_IN_NAME = re.compile(r"ep0*(\d+)", re.IGNORECASE)

Setting = Literal["INT", "EXT", "INT/EXT"]
_SETTINGS: dict[str, Setting] = {"INT": "INT", "EXT": "EXT", "EST": "EXT", "内景": "INT", "內景": "INT", "外景": "EXT"}


# -- writing ---------------------------------------------------------------------------------------


def format_heading(setting: str, location: str, time_of_day: str = "") -> str:
    """A scene heading from its parts, e.g. ``INT. 书房 - 夜`` (screenplain reads it as a slug).

    >>> format_heading("INT/EXT", "CAR", "NIGHT")
    'INT./EXT. CAR - NIGHT'
    """
    prefix = "INT./EXT." if setting == "INT/EXT" else f"{setting}."
    heading = f"{prefix} {one_line(location)}".rstrip()
    return f"{heading} - {one_line(time_of_day)}" if one_line(time_of_day) else heading


def write_episode(script: EpisodeScript) -> str:
    """The Fountain text of one episode (``script/epNNN.fountain``).

    Raises:
        FormatError: a dialogue element has no character.
    """
    return "\n" + "\n\n".join("\n".join(paragraph) for paragraph in _episode_paragraphs(script)) + "\n"


def write_series(
    scripts: list[EpisodeScript], bible: Bible, *, author: str | None = None, source: str | None = None
) -> str:
    """``script/series.fountain``: a title page, then every episode in order, each after a page break."""
    lines = []
    for key, value in title_page(bible, author=author, source=source):
        lines.append(f"{key}: {_escape(value)}")
    blocks = ["\n".join(lines)]
    for index, script in enumerate(in_episode_order(scripts)):
        if index:
            blocks.append("===")
        blocks.extend("\n".join(paragraph) for paragraph in _episode_paragraphs(script))
    return "\n\n".join(blocks) + "\n"


def _episode_paragraphs(script: EpisodeScript) -> list[list[str]]:
    title = one_line(script.title)
    header = f"# {episode_label(script.episode)}" + (f": {_escape(title)}" if title else "")
    paragraphs = [[header, *(f"= {_escape(line)}" for line in text_lines(script.synopsis))]]
    for scene in script.scenes:
        paragraphs.extend(_scene_paragraphs(scene, where=f"episode {script.episode} scene {scene.number}"))
    if len(paragraphs) > 1 and paragraphs[-1] != [f"> {_escape(FADE_OUT)}"]:
        paragraphs.append([f"> {FADE_OUT}"])
    return paragraphs


def _scene_paragraphs(scene: Scene, *, where: str) -> Iterator[list[str]]:
    heading = _SCENE_NUMBER.sub("", one_line(scene.heading))  # "#12#" at the end would read as a scene number
    if not heading and one_line(scene.location):
        heading = format_heading(scene.setting, scene.location, scene.time_of_day)
    if heading:
        # A heading that does not start INT./EXT./EST./I/E (e.g. "内景 书房 - 夜") is forced with ".".
        forced = "" if _SLUG_PREFIX.match(heading) else "."
        yield [forced + _escape(heading.lstrip("."))]
        synopsis = text_lines(scene.synopsis)
        if synopsis:
            yield [f"= {_escape(line)}" for line in synopsis]
    for index, element in enumerate(scene.elements, start=1):
        lines = _element_lines(element, where=f"{where} element {index}")
        if lines:
            yield lines


def _element_lines(element: Element, *, where: str) -> list[str]:
    lines = text_lines(element.text)
    if not lines:
        return []  # an empty block (a speech with no words, say) is not written at all
    if element.kind == "action":
        alone = len(lines) == 1
        return [_action_line(line, first=index == 0, alone=alone) for index, line in enumerate(lines)]
    if element.kind == "dialogue":
        name = one_line(element.character).rstrip("^ ")  # a trailing "^" would mark dual dialogue
        if not name:
            raise FormatError(f"{where}: dialogue has no character")
        block = [_cue(name, element.extension)]
        parenthetical = bare_parenthetical(element.parenthetical)
        if parenthetical:
            block.append(f"({_escape(parenthetical)})")
        return block + [_escape(line) for line in lines]
    if element.kind == "transition":
        return [f"> {_escape(one_line(element.text))}"]
    note = [_escape(line, note=True) for line in lines]
    note[0] = "[[" + note[0]
    note[-1] += "]]"
    return note


def _cue(name: str, extension: str | None) -> str:
    """``BOB (V.O.)`` for upper-case ASCII names, ``@林黛玉 (V.O.)`` (forced) for every other name.

    ASCII parentheses inside a name would start the extension, so they are printed full-width.
    """
    name = name.replace("(", "（").replace(")", "）")
    plain = name.isascii() and name.isupper() and not name.startswith(_SPECIAL_STARTS)
    cue = _escape(name) if plain else "@" + _escape(name)
    bare = bare_parenthetical(extension)
    return f"{cue} ({_escape(bare)})" if bare else cue


def _action_line(line: str, *, first: bool, alone: bool = True) -> str:
    """One action line, forced with "!" wherever a parser could take it for another element.

    An upper-case first line reads as a character cue when more lines follow it; a line on its own only
    when it is all upper-case Latin letters (``BANG! THE DOOR SLAMS.``) — "阿Ｑ走了。" never is, though
    Python calls its full-width Ｑ upper case.
    """
    escaped = _escape(line)
    if escaped.startswith(_SPECIAL_STARTS):
        return "!" + escaped
    if first:
        before_paren = escaped.split("(", 1)[0]
        upper = escaped.isupper() or before_paren.isupper()
        if (upper and (not alone or _latin_only(before_paren))) or _SLUG_PREFIX.match(escaped):
            return "!" + escaped
    return escaped


def _latin_only(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter (half-width), as a cue written in capitals is.

    >>> _latin_only("BANG! THE DOOR SLAMS."), _latin_only("阿Q走了。"), _latin_only("阿Ｑ")
    (True, False, False)
    """
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def _escape(text: str, *, note: bool = False) -> str:
    r"""Backslash-escape what Fountain would read as markup: ``\``, ``*``, ``_``, a second ``[`` (and ``]`` in notes).

    >>> _escape("a *b* [[c]] /*d*/ e_f")
    'a \\*b\\* [\\[c]] /\\*d\\*/ e\\_f'
    """
    out: list[str] = []
    previous = ""
    for char in text:
        if char in "\\*_" or (char == "[" and previous == "[") or (note and char == "]" and previous == "]"):
            out.append("\\")
        out.append(char)
        previous = char
    return "".join(out)


def _unescape(text: str) -> str:
    r"""Undo :func:`_escape`.

    >>> _unescape(r"a \*b\* [\[c]] e\_f \\ \x")
    'a *b* [[c]] e_f \\ \\x'
    """
    return _UNESCAPE.sub(r"\1", text)


def _is_fade_out(text: str) -> bool:
    return one_line(text).upper() in _FADE_OUTS


# -- reading ---------------------------------------------------------------------------------------


@dataclass
class _Paragraph:
    """Consecutive non-blank lines; ``first_line`` is 1-based."""

    first_line: int
    lines: list[str]


@dataclass
class _Episode:
    """An episode being assembled while paragraphs are read."""

    first_line: int
    number: int | None = None
    title: str = ""
    synopsis: list[str] = field(default_factory=list)
    scenes: list[Scene] = field(default_factory=list)
    # what a following "=" synopsis line belongs to: "episode", "scene", or None
    synopsis_target: str | None = "episode"


def read_episode(text: str, *, language: str, where: str = "<string>") -> EpisodeScript:
    """Parse one episode's Fountain text (as written by :func:`write_episode`, or edited by hand).

    Without a ``# EPnn`` section the episode number comes from ``where`` (``…ep007.fountain`` → 7),
    else 1; the title then comes from the title page, if any.

    Raises:
        FormatError: the text holds two episode sections, or an unclosed ``[[`` note or ``/*``
            boneyard; the message gives ``where`` and the line number.
    """
    episodes, title = _parse(text, where=where)
    if len(episodes) > 1:
        raise FormatError(
            f"{where}:{episodes[1].first_line}: a second episode section; an episode file holds one episode"
        )
    episode = episodes[0]
    number = episode.number if episode.number is not None else _number_from_name(where)
    return _script(episode, number=number, title=episode.title or title, language=language)


def read_series(text: str, *, language: str, where: str = "<string>") -> list[EpisodeScript]:
    """Parse a series file (as written by :func:`write_series`): one script per ``# EPnn`` section."""
    episodes, _ = _parse(text, where=where)
    scripts = []
    for index, episode in enumerate(episodes, start=1):
        number = episode.number if episode.number is not None else index
        scripts.append(_script(episode, number=number, title=episode.title, language=language))
    return scripts


def _number_from_name(where: str) -> int:
    match = _EPISODE_IN_NAME.search(PurePath(where).name)
    return int(match.group(1)) if match else 1


def _script(episode: _Episode, *, number: int, title: str, language: str) -> EpisodeScript:
    scenes = episode.scenes
    last = scenes[-1].elements[-1] if scenes and scenes[-1].elements else None
    if last is not None and last.kind == "transition" and _is_fade_out(last.text):
        scenes[-1].elements.pop()  # written by write_episode at the end of every episode
        if not scenes[-1].elements and not scenes[-1].heading:
            scenes.pop()
    return EpisodeScript(
        episode=number,
        title=title,
        language=language,
        synopsis="\n".join(episode.synopsis) or None,
        scenes=[scene.model_copy(update={"number": index}) for index, scene in enumerate(scenes, start=1)],
        provenance=Provenance(stage="parse"),
    )


def _parse(text: str, *, where: str) -> tuple[list[_Episode], str]:
    """Episodes found in the text, and the title-page title ("" without a title page)."""
    lines = _strip_boneyard(text.replace("\r\n", "\n").replace("\r", "\n"), where=where).split("\n")
    lines = [line.expandtabs(4) for line in lines]
    paragraphs = list(_paragraphs(lines))
    title = ""
    if paragraphs and paragraphs[0].first_line == 1 and _is_title_page(paragraphs[0].lines):
        title = _title_from_page(paragraphs.pop(0).lines)
    episodes = [_Episode(first_line=1)]
    for paragraph in paragraphs:
        _read_paragraph(paragraph, episodes, where=where)
    return episodes, title


def _strip_boneyard(text: str, *, where: str) -> str:
    """Drop ``/* … */`` comments, keeping their line breaks so line numbers stay right."""
    kept = _BONEYARD.sub(lambda match: "\n" * match.group().count("\n"), text)
    if "/*" in kept:
        line = kept[: kept.index("/*")].count("\n") + 1
        raise FormatError(f"{where}:{line}: boneyard '/*' is never closed with '*/'")
    return kept


def _is_blank(line: str) -> bool:
    # Two spaces is Fountain's way to keep an empty line inside a paragraph.
    return not line.strip() and line != "  "


def _paragraphs(lines: list[str]) -> Iterator[_Paragraph]:
    current: _Paragraph | None = None
    for number, line in enumerate(lines, start=1):
        if _is_blank(line):
            if current:
                yield current
            current = None
        elif current is None:
            current = _Paragraph(number, [line])
        else:
            current.lines.append(line)
    if current:
        yield current


def _is_title_page(lines: list[str]) -> bool:
    if not _TITLE_KEY.match(lines[0]):
        return False
    return all(_TITLE_KEY.match(line) or _TITLE_CONTINUATION.match(line) for line in lines)


def _title_from_page(lines: list[str]) -> str:
    values: list[str] = []
    key = ""
    for line in lines:
        match = _TITLE_KEY.match(line)
        if match and not _TITLE_CONTINUATION.match(line):
            key = match.group("key").strip().lower()
            if key == "title" and match.group("value").strip():
                values.append(match.group("value").strip())
        elif key == "title":
            values.append(line.strip())
    return _unescape(" ".join(values))


def _read_paragraph(paragraph: _Paragraph, episodes: list[_Episode], *, where: str) -> None:
    """Classify one paragraph, in screenplain's order of precedence, and add it to the last episode."""
    episode = episodes[-1]
    note = _whole_note(paragraph)
    if note is not None:
        if note:
            _add(episode, Element(kind="note", text=note))
        return
    lines = _without_notes(paragraph, where=where)
    if not lines:
        return
    first = lines[0]
    if first.startswith("!"):
        _add(episode, _action(lines))
    elif len(lines) == 1 and _PAGE_BREAK.match(first.strip()):
        return
    elif all(line.startswith("=") for line in lines):
        _add_synopsis(episode, lines)
    elif all(_SECTION.match(line) or line.startswith("=") for line in lines) and _SECTION.match(first):
        _read_sections(paragraph.first_line, lines, episodes)
    elif len(lines) == 1 and _is_heading(first):
        episode.scenes.append(_scene(first))
        episode.synopsis_target = "scene"
    elif all(re.fullmatch(r"\s*>.*<\s*", line) for line in lines):
        _add(episode, _action([line.strip()[1:-1].strip() for line in lines]))
    elif len(lines) >= 2 and _is_cue(first):
        _add(episode, _dialogue(lines, first_line=paragraph.first_line, where=where))
    elif len(lines) == 1 and (first.lstrip().startswith(">") or (first.isupper() and first.rstrip().endswith("TO:"))):
        _add(episode, Element(kind="transition", text=_unescape(first.strip().lstrip(">").strip())))
    else:
        _add(episode, _action(lines))


def _whole_note(paragraph: _Paragraph) -> str | None:
    """The note's text when the paragraph is one ``[[…]]`` note, else None."""
    joined = "\n".join(paragraph.lines).strip()
    inner = joined[2:-2]
    if joined.startswith("[[") and joined.endswith("]]") and "]]" not in inner and "[[" not in inner:
        return "\n".join(_unescape(line) for line in text_lines(joined[2:-2]))
    return None


def _without_notes(paragraph: _Paragraph, *, where: str) -> list[str]:
    """The paragraph's lines with inline notes removed (lines that held only a note disappear)."""
    joined = "\n".join(paragraph.lines)
    kept = _NOTE.sub(lambda match: "\n" * match.group().count("\n"), joined)
    if "[[" in kept:
        line = paragraph.first_line + kept[: kept.index("[[")].count("\n")
        raise FormatError(f"{where}:{line}: note '[[' is never closed with ']]'")
    return [line for line in kept.split("\n") if line.strip()]


def _add(episode: _Episode, element: Element) -> None:
    if not element.text.strip():
        return  # an empty block (a cue with only a parenthetical, a bare ">") is not kept, nor written
    if not episode.scenes:
        # Blocks before the first heading (a cold open, "FADE IN:") go into a scene without heading.
        episode.scenes.append(Scene(number=0, heading="", location=""))
    episode.scenes[-1].elements.append(element)
    episode.synopsis_target = None


def _add_synopsis(episode: _Episode, lines: list[str]) -> None:
    text = [_unescape(line[1:].strip()) for line in lines if line[1:].strip()]
    if episode.synopsis_target == "episode":
        episode.synopsis.extend(text)
    elif episode.synopsis_target == "scene" and episode.scenes:
        scene = episode.scenes[-1]
        scene.synopsis = "\n".join(filter(None, [scene.synopsis or "", *text])) or None
    # A synopsis anywhere else describes nothing we model; it is dropped like screenplain does.


def _read_sections(first_line: int, lines: list[str], episodes: list[_Episode]) -> None:
    for offset, line in enumerate(lines):
        if line.startswith("="):
            _add_synopsis(episodes[-1], [line])
            continue
        match = _EPISODE_SECTION.match(line.strip())
        if not match:
            episodes[-1].synopsis_target = None  # another section ("## Act one"): kept out of the model
            continue
        episode = episodes[-1]
        if episode.number is not None:
            episode = _Episode(first_line=first_line + offset)
            episodes.append(episode)
        episode.number = int(match.group("number"))
        episode.title = _unescape(match.group("title") or "")
        episode.synopsis_target = "episode"


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith(".") and not stripped.startswith(".."):
        return len(stripped) > 1
    return bool(_SLUG_PREFIX.match(stripped))


def _scene(line: str) -> Scene:
    heading = _unescape(_SCENE_NUMBER.sub("", line.strip()))
    if heading.startswith("."):
        heading = heading[1:].strip()
    setting, location, time_of_day = _heading_parts(heading)
    return Scene(number=0, heading=heading, setting=setting, location=location, time_of_day=time_of_day)


def _heading_parts(heading: str) -> tuple[Setting, str, str]:
    """(setting, location, time of day) of a heading; unknown prefixes count as interior.

    >>> _heading_parts("int. park--day")
    ('INT', 'park', 'day')
    >>> _heading_parts("内景 书房 - 夜")
    ('INT', '书房', '夜')
    """
    match = _HEADING_PARTS.match(heading)
    setting: Setting = "INT"
    rest = heading
    if match:
        prefix = match.group("prefix").upper().replace(".", "")
        setting = _SETTINGS.get(prefix, "INT/EXT")
        rest = match.group("rest")
    split = _TIME_SPLIT.match(rest.strip())
    if split:
        return setting, split.group("place").strip(), split.group("time").strip()
    return setting, rest.strip(), ""


def _is_cue(line: str) -> bool:
    if line.endswith("  "):
        return False
    stripped = line.strip()
    if stripped.startswith("@"):
        return len(stripped) > 1
    return stripped.split("(", 1)[0].isupper()


def _dialogue(lines: list[str], *, first_line: int, where: str) -> Element:
    cue = lines[0].strip()
    cue = cue[1:] if cue.startswith("@") else cue
    cue = cue.rstrip("^").strip()  # dual dialogue is read as two plain speeches
    name, _, rest = cue.partition("(")
    name = _unescape(name.strip())
    if not name:
        raise FormatError(f"{where}:{first_line}: character cue {lines[0].strip()!r} has no name")
    extension = _unescape(rest.rstrip().removesuffix(")").strip()) if rest else None
    body = [line.strip() for line in lines[1:]]
    parenthetical = None
    if len(body) >= 2 and len(body[0]) >= 2 and body[0][0] == "(" and body[0][-1] == ")":
        parenthetical = _unescape(bare_parenthetical(body.pop(0))) or None
    return Element(
        kind="dialogue",
        text="\n".join(_unescape(line) for line in body if line),
        character=name,
        parenthetical=parenthetical,
        extension=extension or None,
    )


def _action(lines: list[str]) -> Element:
    text = [_unescape(line[1:] if line.startswith("!") else line).strip() for line in lines]
    return Element(kind="action", text="\n".join(line for line in text if line))
