"""Places: named buildings and streets, towns after prepositions, location nouns, Chinese place words."""

from __future__ import annotations

from microdrama.analyze.places import find_places

EN_TOWN = """Chapter 1

They drove from Lambton to Kellford in the rain. At Kellford the inn was full, so they went on to Ashby Hall,
where the drawing-room was warm. The next day they walked in Mill Street and came back to Kellford before
dinner. Ashby Hall was quiet; in the drawing-room Mr. Grey read aloud. Later Mr. Grey went to Kellford alone,
and Grey said that Mill Street was muddy.
"""


def test_english_places_and_settings() -> None:
    places = find_places(EN_TOWN, [(0, len(EN_TOWN))], "en", character_names={"Mr. Grey", "Grey"}, min_mentions=2)
    by_name = {p.name: p for p in places}
    assert by_name["Ashby Hall"].setting == "INT"
    assert by_name["Mill Street"].setting == "EXT"
    assert by_name["drawing-room"].setting == "INT"
    assert len(by_name["Kellford"].mentions) == 4
    assert "Grey" not in by_name and "Mr" not in by_name
    for place in places:
        for offset in place.mentions:
            assert EN_TOWN[offset : offset + len(place.name)].split()[0] == place.name.split()[0]
    assert [p.id for p in places] == [f"p{n:03d}" for n in range(1, len(places) + 1)]
    counts = [len(p.mentions) for p in places]
    assert counts == sorted(counts, reverse=True)


def test_chinese_place_words() -> None:
    text = "宝玉到了荣国府，荣国府里很热闹。后来他去怡红院歇着，怡红院的丫头都迎出来。荣国府的人说：“回来了。”\n"
    places = find_places(text, [(0, len(text))], "zh", character_names={"宝玉"}, min_mentions=2)
    by_name = {p.name: p for p in places}
    assert by_name["荣国府"].setting == "INT"
    expected = [i for i in range(len(text)) if text.startswith("荣国府", i)]
    assert by_name["荣国府"].mentions == expected and len(expected) == 3
    assert "怡红院" in by_name
    assert "宝玉" not in by_name
