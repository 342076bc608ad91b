"""The series bible: title, language, logline, synopsis, genre, characters with roles, ties and arcs."""

from __future__ import annotations

from pathlib import Path

import pytest
from story_fixtures import Story

from microdrama.adapt.bible import make_bible, series_title
from microdrama.adapt.excerpts import clean
from microdrama.adapt.genre import genre_tags
from microdrama.adapt.screen import present_tense
from microdrama.model import Bible, Quote


def bible_of(story: Story, title: str = "") -> Bible:
    return make_bible(story.source, story.cast, story.quotes, story.events, title=title)


@pytest.mark.parametrize("name", ["english", "chinese"])
def test_every_field_is_filled(name: str, request: pytest.FixtureRequest) -> None:
    story: Story = request.getfixturevalue(name)
    bible = bible_of(story)
    assert bible.title and bible.logline and bible.synopsis and bible.genre
    assert bible.provenance.stage == "adapt"
    for profile in bible.characters:
        assert profile.name and profile.description and profile.arc and profile.relationships


@pytest.mark.parametrize("name", ["english", "chinese"])
def test_roles_follow_who_speaks_who_fights_and_who_loves(name: str, request: pytest.FixtureRequest) -> None:
    story: Story = request.getfixturevalue(name)
    roles = {p.id: p.role for p in bible_of(story).characters}
    assert roles == {"c001": "protagonist", "c002": "love_interest", "c003": "antagonist", "c004": "family"}


def test_minor_characters_stay_out_of_the_bible(english: Story) -> None:
    assert "c005" not in {p.id for p in bible_of(english).characters}


def test_descriptions_are_sentences_of_the_book_naming_the_character(english: Story, chinese: Story) -> None:
    for story in (english, chinese):
        text = clean(story.source.text, story.source.language)
        cast = story.cast.by_id()
        for profile in bible_of(story).characters:
            book = present_tense(text) if story.source.language == "en" else text  # descriptions: present tense
            assert profile.description in book
            names = [cast[profile.id].name, *cast[profile.id].aliases]
            assert any(n in profile.description for n in names)
            assert "“" not in profile.description


def test_relationships_weigh_shared_events(english: Story) -> None:
    mara = next(p for p in bible_of(english).characters if p.id == "c001")
    ties = {t.other: t for t in mara.relationships}
    shared = sum(1 for e in english.events.events if {"c001", "c002"} <= set(e.participants))
    assert ties["c002"].weight == shared and ties["c002"].kind == "romance"
    assert ties["c003"].kind == "conflict"
    assert [t.weight for t in mara.relationships] == sorted((t.weight for t in mara.relationships), reverse=True)


def test_arcs_run_from_first_to_last_appearance(english: Story) -> None:
    vane = next(p for p in bible_of(english).characters if p.id == "c003")
    assert vane.arc.startswith("Captain Vane came ashore at noon")
    assert vane.arc.endswith("At dawn the ships came safely into the harbour.")


def test_logline_and_synopsis_are_drawn_from_the_book(english: Story) -> None:
    bible = bible_of(english)
    # protagonist, want, obstacle, stakes — composed by the English template from the analysis
    assert bible.protagonist == "c001" and bible.obstacle == "Captain Vane"
    assert bible.want and bible.stakes
    assert bible.logline == f"Mara Quill wants {bible.want} — but Captain Vane stands in the way, and {bible.stakes}."
    summaries = [present_tense(e.summary.strip()) for e in english.events.events]
    assert 3 <= sum(s in bible.synopsis for s in summaries) <= 5
    assert " I " not in f" {bible.synopsis} " and "was" not in bible.synopsis.split()


def test_language_tags(english: Story, chinese: Story) -> None:
    assert bible_of(english).language == "en"
    assert bible_of(chinese).language == "zh-Hans"
    hant = chinese.source.model_copy(update={"script": "Hant"})
    assert make_bible(hant, chinese.cast, chinese.quotes, chinese.events).language == "zh-Hant"


def test_title_precedence(english: Story, chinese: Story) -> None:
    assert series_title(english.source, "My Series") == "My Series"
    assert series_title(english.source.model_copy(update={"title": "From Metadata"})) == "From Metadata"
    assert series_title(english.source) == "The Keeper’s Light"  # an all-capitals title page line, eased
    assert series_title(chinese.source) == "茶馆风雨"
    untitled = english.source.model_copy(update={"text": "It was a dark night. " + english.source.text})
    assert series_title(untitled) == "Keepers Light"
    prefixed = untitled.model_copy(update={"file_name": "en_pride_and_prejudice.txt"})
    assert series_title(prefixed) == "Pride and Prejudice"  # the language prefix goes


def test_an_empty_cast_gives_a_bible_without_characters(english: Story) -> None:
    bible = make_bible(
        english.source, english.cast.model_copy(update={"characters": []}), english.quotes, english.events
    )
    assert bible.characters == [] and bible.logline


def test_bibles_are_deterministic(chinese: Story) -> None:
    assert bible_of(chinese).to_bytes() == bible_of(chinese).to_bytes()


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("en_alice_in_wonderland.txt", "fantasy"),
        ("en_pride_and_prejudice.txt", "romance"),
        ("en_a_study_in_scarlet.txt", "mystery"),
        ("zh_xiyouji_ch01-07.txt", "fantasy"),
        ("zh_hongloumeng_full.txt", "family"),
    ],
)
def test_genre_tags_on_real_novels(corpus_dir: Path, file_name: str, expected: str) -> None:
    text = (corpus_dir / file_name).read_text(encoding="utf-8")
    tags = genre_tags(text, file_name[:2])
    assert expected in tags and len(tags) <= 3


def test_examples_in_docstrings() -> None:
    import doctest

    from microdrama.adapt import bible

    assert doctest.testmod(bible).failed == 0


def test_relatives_sharing_the_protagonists_surname_are_family(english: Story) -> None:
    cast = english.cast.model_copy(
        update={
            "characters": [
                *english.cast.characters[:4],
                english.cast.characters[4].model_copy(update={"name": "Jonas Quill", "importance": "intermediate"}),
            ]
        }
    )
    events = english.events.model_copy(
        update={
            "events": [
                e.model_copy(update={"participants": [*e.participants, "c005"]}) if e.id == "e0010" else e
                for e in english.events.events
            ]
        }
    )
    roles = {p.id: p.role for p in make_bible(english.source, cast, english.quotes, events).characters}
    assert roles["c005"] == "family"


def test_every_profile_has_a_want_and_a_stated_one_wins(english: Story, chinese: Story) -> None:
    for story in (english, chinese):
        assert all(p.want for p in bible_of(story).characters)
    vane = next(c for c in english.cast.characters if c.id == "c003")
    said = Quote(id="qx", start=0, end=40, text="I mean to take the light from my brother.", speaker="c003")
    quotes = english.quotes.model_copy(update={"quotes": [said, *english.quotes.quotes]})
    profile = next(
        p for p in make_bible(english.source, english.cast, quotes, english.events).characters if p.id == vane.id
    )
    assert profile.want == "to take the light from his brother"  # their own words, in the third person


def test_chinese_logline_uses_the_chinese_template(chinese: Story) -> None:
    bible = bible_of(chinese)
    assert bible.logline.startswith(next(p.name for p in bible.characters if p.role == "protagonist") + "一心想要")
    assert bible.logline.endswith("。") and bible.want in bible.logline
