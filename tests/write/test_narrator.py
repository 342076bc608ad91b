"""A first-person book: the narrator found, their "I" sentences as voice-over, action lines naming them."""

from __future__ import annotations

from story_fixtures import E, Q, Story, build_story

from microdrama.adapt import adapt
from microdrama.formats import fountain
from microdrama.model import Character, Place
from microdrama.write import build_episode, write_episode
from microdrama.write.narrator import (
    VOICE_OVER,
    find_narrator,
    is_first_person,
    says_i,
    they_for_we,
    third_person,
)

NICK, JAY, DAISY = "c001", "c002", "c003"


def first_person_story(*, with_narrator: bool = True, role: bool = True) -> Story:
    """Three chapters told by Nick, whom the others call by name (and whom the cast marks as the narrator
    when ``role``)."""
    chapters = []
    for number in range(1, 4):
        chapters.append(
            (
                f"Chapter {number}. The House",
                [
                    E(
                        (
                            (
                                f"I drove out to the big house on the bay on the evening of the {number}th party. ",
                                "I remember thinking that the lawn was far too green for anything honest to live on it. ",
                                "Jay stood at the top of the marble steps and raised a glass to nobody in particular.",
                            ),
                            (
                                Q(JAY, ("Nick, old friend, you came!",), cue="Jay called"),
                                " Jay called. ",
                                Q(DAISY, ("Nick, is he always like this?",), cue="Daisy asked"),
                                " Daisy asked. ",
                                Q(NICK, ("Always.",), cue="I said"),
                                " I said.",
                            ),
                        ),
                        (NICK, JAY, DAISY),
                        "p001",
                        "NIGHT",
                        0.6,
                        0.7,
                    ),
                    E(
                        (
                            (
                                "The cars left the drive one by one after midnight. ",
                                "I felt that I had understood nothing of what I had seen, and I was not sure I ever would.",
                            ),
                            (
                                Q(DAISY, ("Good night, Nick!",), cue="Daisy said"),
                                " Daisy said.",
                            ),
                        ),
                        (NICK, DAISY),
                        "p001",
                        "NIGHT",
                        0.5,
                        0.5,
                    ),
                ],
            )
        )
    characters = [
        Character(id=JAY, name="Jay", gender="male", mentions=30, importance="major"),
        Character(id=DAISY, name="Daisy", gender="female", mentions=20, importance="major"),
    ]
    if with_narrator:
        characters.append(
            Character(
                id=NICK,
                name="Nick",
                gender="male",
                mentions=9,
                importance="major",
                role="narrator" if role else "character",
            )
        )
    return build_story(
        language="en",
        script=None,
        heading="THE HOUSE ON THE BAY",
        chapters=chapters,
        characters=characters,
        places=[Place(id="p001", name="Mansion", setting="EXT")],
        file_name="bay.txt",
    )


def _scripts(story: Story):
    bible, plan, _ = adapt(
        story.source, story.cast, story.quotes, story.places, story.events, episodes=2, episode_ms=40_000
    )
    return [
        build_episode(
            episode,
            source=story.source,
            cast=story.cast,
            quotes=story.quotes,
            places=story.places,
            events=story.events,
            bible=bible,
        )
        for episode in plan.episodes
    ]


def test_the_narrator_is_the_character_addressed_by_name_in_dialogue() -> None:
    story = first_person_story()
    assert is_first_person(story.source, story.quotes.quotes)
    narrator = find_narrator(story.source, story.cast, story.quotes.quotes)
    assert narrator is not None and narrator.id == NICK


def test_a_third_person_book_has_no_narrator_voice_over(english: Story) -> None:
    assert not is_first_person(english.source, english.quotes.quotes)
    bible, plan, _ = adapt(
        english.source, english.cast, english.quotes, english.places, english.events, episodes=3, episode_ms=30_000
    )
    script, _ = build_episode(
        plan.episodes[0],
        source=english.source,
        cast=english.cast,
        quotes=english.quotes,
        places=english.places,
        events=english.events,
        bible=bible,
    )
    assert all(e.extension is None for s in script.scenes for e in s.elements)


def test_i_sentences_become_the_narrators_voice_over_and_action_lines_name_him() -> None:
    story = first_person_story()
    elements = [e for script, _ in _scripts(story) for s in script.scenes for e in s.elements]
    over = [e for e in elements if e.extension == VOICE_OVER]
    assert over and all(e.kind == "dialogue" and e.character == "NICK" and e.source is not None for e in over)
    assert any(e.text.startswith("I remember thinking") for e in over)
    actions = [e for e in elements if e.kind == "action"]
    assert actions and not any(says_i(e.text, "en") for e in actions)
    assert any(e.text.startswith("Nick drives out") for e in actions)


def test_a_narrator_the_cast_does_not_mark_is_never_guessed() -> None:
    story = first_person_story(role=False)  # Nick is in the cast, but nothing says he tells the story
    elements = [e for script, _ in _scripts(story) for s in script.scenes for e in s.elements]
    over = [e for e in elements if e.extension == VOICE_OVER]
    assert over and {e.character for e in over} == {"NARRATOR"}
    actions = [e.text for e in elements if e.kind == "action"]
    assert not any(name in text for text in actions for name in ("Nick drove", "Jay drove", "Daisy drove"))


def test_the_narrators_own_speech_tag_cues_the_narrator_whoever_the_analysis_chose() -> None:
    story = first_person_story()
    wrong = [q.model_copy(update={"speaker": JAY}) if q.cue == "I said" else q for q in story.quotes.quotes]
    story = Story(
        story.source, story.cast, story.quotes.model_copy(update={"quotes": wrong}), story.places, story.events
    )
    said = [e for script, _ in _scripts(story) for s in script.scenes for e in s.elements if e.text == "Always."]
    assert said and {e.character for e in said} == {"NICK"}
    unnamed = first_person_story(role=False)
    said = [e for script, _ in _scripts(unnamed) for s in script.scenes for e in s.elements if e.text == "Always."]
    assert said and {e.character for e in said} == {"NARRATOR"}


def test_without_the_narrator_in_the_cast_the_cue_is_narrator() -> None:
    story = first_person_story(with_narrator=False)
    over = [e for script, _ in _scripts(story) for s in script.scenes for e in s.elements if e.extension]
    assert over and {e.character for e in over} == {"NARRATOR"}


def test_voice_over_round_trips_through_fountain_as_dialogue_with_its_extension() -> None:
    story = first_person_story()
    bible, plan, _ = adapt(
        story.source, story.cast, story.quotes, story.places, story.events, episodes=2, episode_ms=40_000
    )
    text, _ = write_episode(
        plan.episodes[0],
        source=story.source,
        cast=story.cast,
        quotes=story.quotes,
        places=story.places,
        events=story.events,
        bible=bible,
    )
    assert "\nNICK (V.O.)\n" in text
    parsed = fountain.read_episode(text, language="en")
    over = [e for s in parsed.scenes for e in s.elements if e.extension == VOICE_OVER]
    assert over and all(e.kind == "dialogue" and e.character == "NICK" for e in over)


def test_third_person_keeps_we_and_names_the_narrator() -> None:
    nick = Character(id=NICK, name="Nick", gender="male")
    assert (
        third_person("I’m sure I saw myself in my mirror.", nick, "en") == "Nick is sure he saw himself in his mirror."
    )
    assert third_person("I left. My bags stayed.", nick, "en") == "Nick left. His bags stayed."
    assert third_person("We left.", nick, "en") == "We left."


def test_screenplain_reads_voice_over_as_dialogue_and_the_flash_forward_as_a_transition() -> None:
    import io

    from screenplain.parsers import fountain as screenplain_fountain
    from screenplain.types import Dialog, Transition

    text = "INT. HALL - DAY\n\n> FLASH FORWARD:\n\nNICK (V.O.)\nI was within and without.\n\n@涓生 (V.O.)\n我要写下我的悔恨。\n"
    paragraphs = screenplain_fountain.parse(io.StringIO(text))
    dialogs = [p for p in paragraphs if isinstance(p, Dialog)]
    assert len(dialogs) == 2 and any(isinstance(p, Transition) for p in paragraphs)


def test_a_condensed_voice_over_records_the_span_it_keeps() -> None:
    from microdrama.write.episode import _prefix_end

    book = "xx I came.\n  I saw it all, and I left. yy"
    assert _prefix_end(book, 3, 42, "I came. I saw it all,") == book.index(",") + 1
    assert _prefix_end(book, 3, 42, "I went.") == 42  # words that do not line up keep the whole span


def test_i_inside_a_quotation_is_a_speaker_not_the_narrator() -> None:
    from microdrama.write.episode import _seen, _Story

    story = first_person_story()
    nick = next(c for c in story.cast.characters if c.id == NICK)
    quotes = {q.id: q for q in story.quotes.quotes}
    told = _Story(story.source, "en", story.cast.by_id(), quotes, True, nick)
    assert _seen("I left; “I stay,” she said.", 0, told) == "Nick left; “I stay,” she said."
    inside = next(q for q in story.quotes.quotes if q.speaker == JAY)
    assert _seen("I came, you came!", inside.start + 1, told) == "I came, you came!"


def test_what_a_long_voice_over_leaves_out_follows_as_an_action_line() -> None:
    from microdrama.write.episode import _narration_lines, _Story

    story = first_person_story()
    nick = next(c for c in story.cast.characters if c.id == NICK)
    told = _Story(story.source, "en", story.cast.by_id(), {q.id: q for q in story.quotes.quotes}, True, nick)
    sentence = (
        "I felt that I had understood nothing, and I walked slowly down to the water where the green "
        "light burned at the end of the long wooden dock below the dark house."
    )
    text = story.source.text.replace("I felt that I had understood nothing", sentence, 1)  # same offsets before it
    start = text.index(sentence)
    told = _Story(story.source.model_copy(update={"text": text}), "en", told.characters, told.quotes, True, nick)
    (over, over_line), (rest, rest_line) = _narration_lines(sentence, start, start + len(sentence), told)
    assert over.extension == VOICE_OVER and over.text.endswith("…") and over_line.end == rest_line.start
    assert rest.kind == "action" and rest.text.startswith("Nick walked slowly down to the water")  # a clause of its own
    assert rest_line.end == start + len(sentence)


def test_a_first_person_narrators_we_is_they_on_screen() -> None:
    assert they_for_we("We drove to Lauriston Gardens; our cab stopped.", "en") == (
        "They drove to Lauriston Gardens; their cab stopped."
    )
    assert they_for_we("US Navy", "en") == "US Navy"  # the country, not "us"
