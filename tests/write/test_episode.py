"""Writing an episode: scenes, headings, dialogue traceable to quotes, sources, runtime, determinism."""

from __future__ import annotations

import pytest
from story_fixtures import E, Q, Story, build_story, english_story, synthetic_story

from microdrama.adapt import adapt
from microdrama.adapt.excerpts import clean, split_sentences
from microdrama.adapt.screen import present_tense
from microdrama.errors import PipelineError
from microdrama.model import (
    Bible,
    Character,
    EpisodePlan,
    EpisodeScript,
    Place,
    Plan,
    ScriptSources,
)
from microdrama.write import build_episode, write_episode
from microdrama.write.align import normalise
from microdrama.write.scenes import Locator


def plan_of(story: Story, episodes: int = 3, episode_ms: int = 30_000) -> tuple[Bible, Plan]:
    bible, plan, _ = adapt(
        story.source, story.cast, story.quotes, story.places, story.events, episodes=episodes, episode_ms=episode_ms
    )
    return bible, plan


def build(story: Story, episode: EpisodePlan, bible: Bible) -> tuple[EpisodeScript, ScriptSources]:
    return build_episode(
        episode,
        source=story.source,
        cast=story.cast,
        quotes=story.quotes,
        places=story.places,
        events=story.events,
        bible=bible,
    )


def scripts_of(story: Story, **shape: int) -> list[tuple[EpisodeScript, ScriptSources]]:
    bible, plan = plan_of(story, **shape)
    return [build(story, episode, bible) for episode in plan.episodes]


def is_subsequence(needle: str, haystack: str) -> bool:
    letters = iter(haystack)
    return all(char in letters for char in needle)


@pytest.mark.parametrize("name", ["english", "chinese"])
def test_every_speech_is_a_quotation_or_its_first_sentences(name: str, request: pytest.FixtureRequest) -> None:
    story: Story = request.getfixturevalue(name)
    language = story.source.language
    quotes = {q.id: q for q in story.quotes.quotes}
    speeches = 0
    for script, _ in scripts_of(story):
        for scene in script.scenes:
            for element in scene.elements:
                if element.kind != "dialogue":
                    continue
                speeches += 1
                assert element.source is not None and element.source.quote in quotes
                words = clean(quotes[element.source.quote].text, language).rstrip(",，")
                if words[-1] not in ".!?…—。！？":  # a speech the tag interrupted ends on a stop
                    words += "。" if language == "zh" else "."
                prefixes = []
                sentences = split_sentences(words, language)
                for count in range(1, len(sentences) + 1):
                    prefixes.append(("" if language == "zh" else " ").join(sentences[:count]))
                assert element.text == words or element.text in prefixes
                assert not element.new
    assert speeches >= 10


@pytest.mark.parametrize("name", ["english", "chinese"])
def test_sources_line_up_with_the_script_and_point_into_the_book(name: str, request: pytest.FixtureRequest) -> None:
    story: Story = request.getfixturevalue(name)
    text = story.source.text
    for script, sources in scripts_of(story):
        elements = [e for scene in script.scenes for e in scene.elements]
        assert [line.text for line in sources.lines] == [e.text for e in elements]
        for line, element in zip(sources.lines, elements, strict=True):
            assert 0 <= line.start <= line.end <= len(text)
            assert line.new == element.new
            if line.new:
                assert element.source is None
                continue
            assert element.source is not None and (element.source.start, element.source.end) == (line.start, line.end)
            book = text[line.start : line.end]
            if element.kind == "action" and story.source.language == "en":  # screen directions: present tense
                book = present_tense(clean(book, "en"))
            assert is_subsequence(normalise(line.text.rstrip("…")), normalise(book))


def test_lines_not_from_the_book_are_only_bridges(english: Story) -> None:
    (first, sources), *_ = scripts_of(english)
    assert [line.text for line in sources.lines if line.new] == ["FLASH FORWARD:", "CUT TO:"]


def test_headings_name_the_place_and_time(english: Story, chinese: Story) -> None:
    # every event's location (scenes fold to at most 4 headings per 90 s, so read the locator itself)
    headings = [Locator(english.source, english.places, "en").locate(e).heading() for e in english.events.events]
    assert "INT. LIGHTHOUSE - NIGHT" in headings and "EXT. HARBOUR - DAY" in headings
    zh = [Locator(chinese.source, chinese.places, "zh-Hans").locate(e).heading() for e in chinese.events.events]
    assert "INT. 茶馆 - 夜" in zh and "EXT. 码头 - 日" in zh
    scene = next(
        s
        for script, _ in scripts_of(chinese, episode_ms=90_000)
        for s in script.scenes
        if s.heading.startswith("EXT. 码头")
    )
    assert (scene.setting, scene.location) == ("EXT", "码头")


def test_an_event_without_a_place_plays_where_its_chapter_plays_most(english: Story) -> None:
    # e0005 (the cliff walk) has no place; chapter 2 mentions the lighthouse most
    event = next(e for e in english.events.events if e.id == "e0005")
    assert Locator(english.source, english.places, "en").locate(event).heading() == "INT. LIGHTHOUSE - DAY"


def test_scenes_fold_to_at_most_four_headings_per_90_seconds() -> None:
    story = synthetic_story(300)
    for script, _ in scripts_of(story, episodes=6, episode_ms=90_000):
        assert sum(1 for s in script.scenes if s.heading) <= 4 + 1  # + a flash-forward's own heading


def test_without_places_the_heading_comes_from_the_narration_else_says_unknown(english: Story, chinese: Story) -> None:
    """The analysis found no place: an English scene is where its narration puts it ("down to the
    harbour"); with nothing at all to go by (this Chinese story), the heading says so."""
    for story, heading in [(english, "EXT. HARBOUR - "), (chinese, "INT. 某处 - ")]:
        bare = Story(
            story.source, story.cast, story.quotes, story.places.model_copy(update={"places": []}), story.events
        )
        bible, plan = plan_of(bare)
        script, _ = build(bare, plan.episodes[1], bible)
        assert all(s.heading.startswith(heading) for s in script.scenes)


def test_speakers_cues_and_tones(english: Story, chinese: Story) -> None:
    speeches = {
        e.text: e
        for script, _ in scripts_of(english, episodes=10, episode_ms=5_000)
        for s in script.scenes
        for e in s.elements
        if e.kind == "dialogue"
    }
    assert speeches["Give me the book, girl."].character == "CAPTAIN VANE"
    assert speeches["Give me the book, girl."].character_id == "c003"
    assert speeches["Give me the book, girl."].parenthetical == "coldly"
    assert speeches["You will drown them all!"].parenthetical == "angrily"
    assert "There, a light!" not in speeches  # its speaker is unknown: a script line needs one
    assert all(e.character_id for e in speeches.values())
    zh = {
        e.text: e
        for script, _ in scripts_of(chinese, episodes=10, episode_ms=5_000)
        for s in script.scenes
        for e in s.elements
        if e.kind == "dialogue"
    }
    assert zh["把账簿拿来，不然砸了你的店。"].parenthetical == "冷笑"
    assert zh["把账簿拿来，不然砸了你的店。"].character == "赵掌柜"
    assert "前面有灯！" not in zh


def test_episode_one_opens_on_a_flash_forward(english: Story, chinese: Story) -> None:
    for story, marker, cut in [(english, "FLASH FORWARD:", "CUT TO:"), (chinese, "闪前：", "切至：")]:
        bible, plan = plan_of(story, episodes=3, episode_ms=20_000)
        assert len(plan.episodes) == 3
        script, _ = build(story, plan.episodes[0], bible)
        opening = script.scenes[0].elements
        assert opening[0].kind == "transition" and opening[0].text == marker and opening[0].new
        assert opening[-1].kind == "transition" and opening[-1].text == cut
        flash = next(e for e in story.events.events if e.id == plan.episodes[0].cold_open)
        assert opening[1].source is not None and opening[1].source.start == flash.summary_span.start  # type: ignore[union-attr]
        # then the story starts with the hook: the first event's summary
        first = next(e for e in story.events.events if e.id == plan.episodes[0].events[0])
        assert script.scenes[1].elements[0].text == present_tense(first.summary.strip())


def test_a_long_speech_keeps_its_first_sentences_and_records_the_kept_span() -> None:
    speech = " ".join(f"Sentence number {i} is here." for i in range(40))
    story = build_story(
        language="en",
        script=None,
        heading="LONG",
        file_name="long.txt",
        chapters=[
            (
                "Chapter 1",
                [
                    E(
                        (("A man talks for a long time. ", Q("c001", (speech,), cue="said Al")),),
                        ("c001",),
                        "p001",
                        "DAY",
                        0.5,
                        0.5,
                    )
                ],
            )
        ],
        characters=[Character(id="c001", name="Al", mentions=3, importance="major")],
        places=[Place(id="p001", name="Hall")],
    )
    bible, plan = plan_of(story, episodes=1, episode_ms=60_000)
    script, sources = build(story, plan.episodes[0], bible)
    line = next(e for s in script.scenes for e in s.elements if e.kind == "dialogue")
    assert speech.startswith(line.text) and len(line.text) < len(speech) and line.text.endswith(".")
    quote = story.quotes.quotes[0]
    assert line.source is not None and line.source.end < quote.end
    assert story.source.text[line.source.start : line.source.end] == line.text


def test_durations_add_up(english: Story) -> None:
    for script, _ in scripts_of(english):
        for scene in script.scenes:
            assert all(e.duration_ms > 0 for e in scene.elements)
            assert scene.duration_ms == 1000 + sum(e.duration_ms for e in scene.elements)
        assert script.duration_ms == sum(s.duration_ms for s in script.scenes)


def test_episodes_fit_their_runtime_when_the_book_has_the_material() -> None:
    story = synthetic_story(800)
    for script, _ in scripts_of(story, episodes=15, episode_ms=90_000):
        assert 81_000 <= script.duration_ms <= 99_000, script.episode


def test_lines_are_dropped_to_fit_and_the_least_important_go_first() -> None:
    story = english_story()
    bible, plan = plan_of(story, episodes=1, episode_ms=30_000)
    script, _ = build(story, plan.episodes[0], bible)
    assert 27_000 <= script.duration_ms <= 33_000
    kept = {e.text for s in script.scenes for e in s.elements}
    # summaries always stay; the hook and the cliffhanger speeches too
    assert all(present_tense(e.summary.strip()) in kept for e in story.events.events if e.id in plan.episodes[0].events)
    assert "He would be proud of you." in kept  # the story's ending is never cut, nor its last line
    elements = [e for s in script.scenes for e in s.elements]
    assert elements[0].kind == "dialogue"  # a speech of the opening scene hooks the episode


def test_every_episode_opens_on_a_hook_within_five_seconds() -> None:
    from microdrama.adapt.tension import is_tense
    from microdrama.check.rules import timeline

    story = synthetic_story(300)
    for script, _ in scripts_of(story, episodes=10, episode_ms=60_000):
        opening = [e for start, _, e in timeline(script) if start < 5_000]
        assert any(e.kind == "dialogue" or is_tense(e.text, "en") or e.text == "FLASH FORWARD:" for e in opening)


def test_writing_is_deterministic(chinese: Story) -> None:
    bible, plan = plan_of(chinese)
    runs = [
        write_episode(
            plan.episodes[0],
            source=chinese.source,
            cast=chinese.cast,
            quotes=chinese.quotes,
            places=chinese.places,
            events=chinese.events,
            bible=bible,
        )
        for _ in range(2)
    ]
    assert runs[0][0] == runs[1][0]
    assert runs[0][1].to_bytes() == runs[1][1].to_bytes()


def test_the_fountain_text_carries_the_episode(english: Story) -> None:
    bible, plan = plan_of(english, episodes=1, episode_ms=600_000)  # room for every line
    episode = plan.episodes[0]
    text, _ = write_episode(
        episode,
        source=english.source,
        cast=english.cast,
        quotes=english.quotes,
        places=english.places,
        events=english.events,
        bible=bible,
    )
    assert f"# EP{episode.number:02d}: {episode.title}" in text
    assert "CAPTAIN VANE\n(coldly)\nGive me the book, girl" in text


def test_an_unknown_event_in_the_plan_is_an_error(english: Story) -> None:
    bible, plan = plan_of(english)
    broken = plan.episodes[0].model_copy(update={"events": ["e9999"]})
    with pytest.raises(PipelineError, match="e9999"):
        build(english, broken, bible)


def test_episodes_end_on_a_tense_line_and_have_no_empty_scene() -> None:
    from microdrama.adapt.tension import is_tense
    from microdrama.check.rules import timeline

    for story in (synthetic_story(300), english_story()):
        bible, plan = plan_of(story, episodes=4, episode_ms=30_000)
        spans = {e.id: (e.start, e.end) for e in story.events.events}
        scripts = [build(story, episode, bible)[0] for episode in plan.episodes]
        for episode, script in zip(plan.episodes[:-1], scripts, strict=False):
            times = timeline(script)
            end = times[-1][1]
            closing = [e for _, stop, e in times if stop > end - 10_000 and e.kind in ("action", "dialogue")]
            start, stop = spans[episode.events[-1]]
            final = closing[-1].source
            assert any(is_tense(e.text, "en") for e in closing) or (
                final is not None and start <= final.start < stop
            ), script.episode
        assert all(scene.elements for script in scripts for scene in script.scenes)


def test_a_speech_the_book_quotes_twice_is_written_once() -> None:
    mara = Character(id="c001", name="Mara", gender="female", mentions=9, importance="major")
    long_line = "I belong to myself and nobody has the right to stop me!"
    story = build_story(
        language="en",
        script=None,
        heading="T",
        file_name="t.txt",
        chapters=[
            (
                "Chapter 1. One",
                [
                    E(
                        (
                            ("Mara stood at the door of the old house. ",),
                            (
                                Q("c001", (long_line,), cue="said Mara"),
                                " said Mara. ",
                                Q("c001", ("Yes.",), cue="said Mara"),
                                " said Mara. ",
                                Q("c001", ("Yes.",), cue="said Mara"),
                                " said Mara. ",
                                Q("c001", (long_line,), cue="said Mara"),
                                " said Mara.",
                            ),
                        ),
                        ("c001",),
                        "p001",
                        "DAY",
                        0.5,
                        0.5,
                    )
                ],
            )
        ],
        characters=[mara],
        places=[Place(id="p001", name="House", setting="INT")],
    )
    bible, plan = plan_of(story, episodes=1, episode_ms=20_000)
    script, _ = build(story, plan.episodes[0], bible)
    said = [e.text for s in script.scenes for e in s.elements if e.kind == "dialogue"]
    assert said.count(long_line) == 1 and said.count("Yes.") == 1
