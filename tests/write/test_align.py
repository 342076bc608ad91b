"""attach_sources: a parsed, hand-edited Fountain script gets its book sources back where lines match."""

from __future__ import annotations

import doctest

from story_fixtures import Story

from microdrama.adapt import adapt
from microdrama.formats import fountain
from microdrama.model import Element, EpisodeScript, LineSource, Provenance, Scene, ScriptSources
from microdrama.write import align, attach_sources, write_episode


def written(story: Story) -> tuple[str, ScriptSources, str]:
    bible, plan, _ = adapt(
        story.source, story.cast, story.quotes, story.places, story.events, episodes=3, episode_ms=20_000
    )
    text, sources = write_episode(
        plan.episodes[0],
        source=story.source,
        cast=story.cast,
        quotes=story.quotes,
        places=story.places,
        events=story.events,
        bible=bible,
    )
    return text, sources, bible.language


def elements(script: EpisodeScript) -> list[Element]:
    return [e for scene in script.scenes for e in scene.elements]


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(align).failed == 0


def test_an_unedited_script_gets_every_source_back(english: Story, chinese: Story) -> None:
    for story in (english, chinese):
        text, sources, language = written(story)
        script = attach_sources(fountain.read_episode(text, language=language), sources, language=language)
        blocks = [e for e in elements(script) if e.kind in ("action", "dialogue")]
        by_text = {line.text: line for line in sources.lines}
        for element in blocks:
            line = by_text[element.text]
            assert element.new == line.new
            if not line.new:
                assert element.source is not None
                assert (element.source.quote, element.source.start, element.source.end) == (
                    line.quote,
                    line.start,
                    line.end,
                )
        assert script.provenance.stage == "parse"


def test_an_edited_line_is_new_and_the_others_keep_their_sources(english: Story) -> None:
    text, sources, language = written(english)
    original = next(line for line in sources.lines if line.quote and not line.new)
    edited = text.replace(original.text, "I say something the book never said.")
    edited = edited.replace("> CUT TO:", "> CUT TO:\n\nA gull cries over the water.")
    script = attach_sources(fountain.read_episode(edited, language=language), sources, language=language)
    blocks = elements(script)
    changed = next(e for e in blocks if e.text == "I say something the book never said.")
    assert changed.new and changed.source is None
    added = next(e for e in blocks if e.text == "A gull cries over the water.")
    assert added.new and added.source is None
    book = [e for e in blocks if e.kind in ("action", "dialogue") and not e.new]
    assert len(book) == sum(1 for line in sources.lines if not line.new) - 1
    assert all(e.source is not None for e in book)


def test_spacing_punctuation_and_case_edits_keep_the_source(english: Story) -> None:
    text, sources, language = written(english)
    line = next(line for line in sources.lines if line.quote and line.text[-1] in ".!?")
    loose = line.text.rstrip(".!?").lower().replace(" ", "  ")
    script = attach_sources(
        fountain.read_episode(text.replace(line.text, loose), language=language), sources, language=language
    )
    element = next(e for e in elements(script) if e.text == loose)
    assert not element.new and element.source is not None and element.source.quote == line.quote


def test_repeated_lines_are_matched_in_order() -> None:
    sources = ScriptSources(
        episode=1,
        provenance=Provenance(stage="write"),
        lines=[
            LineSource(text="Yes.", quote="q1", start=0, end=4),
            LineSource(text="No.", quote="q2", start=10, end=13),
            LineSource(text="Yes.", quote="q3", start=20, end=24),
        ],
    )
    speech = [Element(kind="dialogue", text=t, character="A") for t in ("Yes.", "No.", "Yes.")]
    parsed = EpisodeScript(
        episode=1,
        language="en",
        provenance=Provenance(stage="parse"),
        scenes=[Scene(number=1, heading="INT. HALL - DAY", location="HALL", elements=speech)],
    )
    script = attach_sources(parsed, sources, language="en")
    assert [e.source.quote for e in elements(script) if e.source] == ["q1", "q2", "q3"]


def test_durations_are_estimated_for_the_parsed_script(chinese: Story) -> None:
    text, sources, language = written(chinese)
    script = attach_sources(fountain.read_episode(text, language=language), sources, language=language)
    assert all(e.duration_ms > 0 for e in elements(script) if e.kind != "note")
    assert script.duration_ms == sum(s.duration_ms for s in script.scenes) > 0
