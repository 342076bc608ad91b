"""What every screenplay exporter agrees on: episode labels, title-page fields, printable elements."""

from __future__ import annotations

from collections.abc import Iterable

from microdrama.model.script import Element, EpisodeScript
from microdrama.model.series import Bible
from microdrama.text.language import Language
from microdrama.text.tags import is_chinese as is_chinese  # the exporters ask it here
from microdrama.text.tags import is_traditional as is_traditional


def episode_label(number: int) -> str:
    """Short label used in Fountain sections: two digits, three from episode 100 on.

    >>> episode_label(7), episode_label(123)
    ('EP07', 'EP123')
    """
    return f"EP{number:02d}" if number < 100 else f"EP{number:03d}"


def episode_anchor(number: int) -> str:
    """Id of an episode in HTML pages, matching the ``script/epNNN`` file names.

    >>> episode_anchor(7)
    'ep007'
    """
    return f"ep{number:03d}"


def episode_heading(script: EpisodeScript) -> str:
    """Printed heading that opens an episode in the PDF, FDX and HTML exports.

    >>> from microdrama.model.base import Provenance
    >>> episode_heading(EpisodeScript(episode=3, title="Rain", language="en", provenance=Provenance(stage="t")))
    'EPISODE 3: RAIN'
    """
    title = one_line(script.title)
    if is_chinese(script.language):
        return f"第{script.episode}集" + (f"：{title}" if title else "")
    return f"EPISODE {script.episode}" + (f": {title.upper()}" if title else "")


def one_line(text: str | None) -> str:
    """Collapse all whitespace runs (newlines included) to single spaces.

    >>> one_line("  a\\n b ")
    'a b'
    """
    return " ".join((text or "").split())


def text_lines(text: str | None) -> list[str]:
    """Non-empty lines of a block, each stripped.

    >>> text_lines("one\\n\\n  two  ")
    ['one', 'two']
    """
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def join_lines(lines: Iterable[str], language: str) -> str:
    """Lines of one block as a single paragraph: spaces between for alphabetic scripts, nothing for Chinese."""
    return Language.of(language).joiner.join(lines)


def bare_parenthetical(text: str | None) -> str:
    """A parenthetical without its ASCII or full-width parentheses, on one line.

    >>> bare_parenthetical("（冷笑）"), bare_parenthetical(" (softly) ")
    ('冷笑', 'softly')
    """
    inner = one_line(text)
    while len(inner) >= 2 and inner[0] in "(（" and inner[-1] in ")）":
        inner = inner[1:-1].strip()
    return inner


def cue_text(element: Element) -> str:
    """Character cue as printed: name plus extension, e.g. ``BOB (V.O.)``."""
    name = one_line(element.character)
    extension = bare_parenthetical(element.extension)
    return f"{name} ({extension})" if extension else name


def is_printed(element: Element) -> bool:
    """Whether an exporter prints the element: notes are never printed, empty blocks are skipped."""
    if element.kind == "note":
        return False
    if element.kind == "dialogue" and not one_line(element.character):
        return False
    return bool(text_lines(element.text))


def in_episode_order(scripts: Iterable[EpisodeScript]) -> list[EpisodeScript]:
    """Episodes sorted by number (stable for duplicates), so exports do not depend on call order."""
    return sorted(scripts, key=lambda script: script.episode)


def title_page(bible: Bible, *, author: str | None = None, source: str | None = None) -> list[tuple[str, str]]:
    """Title-page fields as Fountain keys and values: Title, then Credit/Author and Source when known.

    The bible carries no author, so callers pass ``author`` (the adapter) and ``source`` (e.g. "Based
    on the novel by …") when they have them. No date field: outputs must be byte-for-byte repeatable.
    """
    fields = [("Title", one_line(bible.title) or "Untitled")]
    if author and one_line(author):
        fields.append(("Credit", "编剧" if is_chinese(bible.language) else "Written by"))
        fields.append(("Author", one_line(author)))
    if source and one_line(source):
        fields.append(("Source", one_line(source)))
    return fields
