"""The person filter: names used like places, Chinese sentence pieces, names ending in 人."""

from __future__ import annotations

from collections.abc import Callable

from microdrama.analyze import analyze
from microdrama.analyze.fragments_zh import sentence_fragments
from microdrama.analyze.names_zh import _acceptable, find_people
from microdrama.analyze.persons_en import not_people
from microdrama.model import Source

Maker = Callable[..., Source]

# written for these tests
EN_PLACES = (
    "Chapter 1\n\n"
    + (
        "Lydgate had lived in Valmora for years. "
        '"We leave at dawn," said Lydgate. '
        "The trains into Valmora were late, and the inns at Valmora were full. "
        "Lydgate smiled at his sister. "
        "Rain fell across Valmora all night. "
        '"Hush," Orla whispered to Lydgate. '
    )
    * 4
)


def test_a_name_used_like_a_place_is_no_one() -> None:
    regions = [(0, len(EN_PLACES))]
    assert not_people(EN_PLACES, regions, [["Lydgate"], ["Valmora"], ["Orla"]]) == {1}


def test_looking_at_someone_is_no_place() -> None:
    text = "She smiled at Brand. She looked at Brand again. They laughed at Brand. Brand was in the room. " * 3
    assert not_people(text, [(0, len(text))], [["Brand"]]) == set()


def test_titles_and_first_names_vouch_for_people() -> None:
    text = (
        "They stayed at Mrs. Hollis, then at Mrs. Hollis again, and at Mrs. Hollis. In Emma Hollis they trusted. " * 2
    )
    assert not_people(text, [(0, len(text))], [["Mrs. Hollis"], ["Emma Hollis"]]) == set()


def test_a_name_that_never_acts_like_a_person_is_a_thing() -> None:
    text = (
        "He bought a copy of Town Tattle at the station. Brand smiled and read Town Tattle on the train.\n"
        '"Good night, Orla," said Brand. "Orla, wait!" Brand called. Brand laughed.\n'
    )
    found = not_people(text, [(0, len(text))], [["Town Tattle"], ["Brand"], ["Orla"]])
    assert found == {0}  # Orla acts only by being spoken to, twice


def test_place_is_not_in_the_discovered_cast(source_of: Maker) -> None:
    cast, _, _, _ = analyze(source_of(EN_PLACES))
    names = {n for c in cast.characters for n in (c.name, *c.aliases)}
    assert "Lydgate" in names
    assert "Valmora" not in names


def test_chinese_sentence_pieces_are_no_names() -> None:
    story = (
        "林川忙起身道：“好。”周岚忙起身道：“走。”他忙起身，问林川道：“你呢？”"
        "林川进来，周岚也进来了。林川进门便笑。她叫林川过去。问林川的人很多。"
        "周岚说：“林川，来。”林川答应着。周岚看着林川。"
    ) * 3
    candidates = {
        "林川": story.count("林川"),
        "周岚": story.count("周岚"),
        "忙起": story.count("忙起"),
        "问林川": story.count("问林川"),
        "林川进": story.count("林川进"),
    }
    assert sentence_fragments(story, candidates) == {"忙起", "问林川", "林川进"}


def test_chinese_names_may_end_in_ren() -> None:
    assert _acceptable("袭人")  # a maid's name
    assert _acceptable("王夫人")  # surname + 夫人
    assert not _acceptable("众人")  # everyone
    assert not _acceptable("别人")


def test_chinese_roles_and_person_nicknames_that_act_are_characters() -> None:
    lines = [
        "地保进来了，看了看王大。",
        "地保便叫王大出去。",
        "王大说：“我不去。”",
        "假洋鬼子回来时，王大正在门口。",
        "假洋鬼子正站在院子里。",
        "王大道：“你好。”",
        "地保也不说话。",
        "假洋鬼子笑了笑。",
        "他的地保，他的假洋鬼子。",
    ]
    text = "\n".join(lines * 2) + "\n"
    names = {p.name for p in find_people(text, [(0, len(text))], min_mentions=2)}
    assert {"地保", "假洋鬼子"} <= names


def test_a_chinese_role_named_only_in_passing_is_no_character() -> None:
    text = "王大说起他的地保，又说起地保的事。王大道：“好。”王大笑了。" * 3 + "\n"
    names = {p.name for p in find_people(text, [(0, len(text))], min_mentions=2)}
    assert "地保" not in names
