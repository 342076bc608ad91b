"""Gender for looks and voices: the cast's first, else a title in the name; pronouns point to a gender."""

from __future__ import annotations

from media_fixtures import bible, cast

from microdrama.casting.gender import gender_from_name, genders, pronoun_genders
from microdrama.model import Cast, Character


def test_titles_in_names_tell_gender_when_the_cast_does_not() -> None:
    assert [
        gender_from_name(n) for n in ("Mrs. Bennet", "Lady Catherine", "King of Bohemia", "Mr Darcy", "Dr. Watson")
    ] == ["female", "female", "male", "male", "unknown"]
    assert [gender_from_name(n) for n in ("王夫人", "林姑娘", "美猴王", "宝玉", "Elizabeth")] == [
        "female",
        "female",
        "male",
        "unknown",
        "unknown",
    ]
    assert [gender_from_name(n) for n in ("宝钗", "林黛玉", "探春", "晴雯", "贾兰", "阿Ｑ")] == [
        "female",
        "female",
        "female",
        "female",
        "unknown",
        "unknown",
    ]


def test_the_cast_wins_over_the_name() -> None:
    unknown = Cast(characters=[Character(id="c003", name="Aunt Ruth")], provenance={"stage": "analyze"})
    assert genders(bible(), cast()) == {"c001": "female", "c002": "male", "c003": "female"}
    assert genders(bible(), unknown) == {"c001": "unknown", "c002": "unknown", "c003": "female"}


def test_pronouns() -> None:
    assert pronoun_genders("He turns. Her hand shakes.") == {"male", "female"}
    assert (
        pronoun_genders("她笑了") == {"female"} and pronoun_genders("The door shuts; there is no hero here.") == set()
    )
