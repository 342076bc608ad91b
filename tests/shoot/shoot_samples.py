"""Small episode scripts and bibles built in code (English and Chinese) for the shoot tests."""

from __future__ import annotations

from microdrama.model import Bible, CharacterProfile, Element, EpisodeScript, Provenance, Scene


def _scene(number: int, heading: str, setting: str, location: str, time: str, elements: list[Element]) -> Scene:
    return Scene(
        number=number,
        heading=heading,
        setting=setting,
        location=location,
        time_of_day=time,
        elements=elements,
        duration_ms=30_000,
    )  # type: ignore[arg-type]


def en_bible() -> Bible:
    return Bible(
        title="Harbour Lights",
        language="en",
        characters=[
            CharacterProfile(id="c1", name="Nell", role="protagonist"),
            CharacterProfile(id="c2", name="Victor Harrow", role="antagonist"),
            CharacterProfile(id="c3", name="Ruth", role="family"),
        ],
        provenance=Provenance(stage="adapt"),
    )


def en_scripts() -> list[EpisodeScript]:
    one = EpisodeScript(
        episode=1,
        language="en",
        provenance=Provenance(stage="parse"),
        scenes=[
            _scene(
                1,
                "INT. SHOP - DAY",
                "INT",
                "Shop",
                "DAY",
                [
                    Element(kind="action", text="Nell unlocks the shop with a rusty key. Victor watches from his car."),
                    Element(kind="dialogue", character="NELL", text="Get out."),
                    Element(kind="dialogue", character="POSTMAN", text="A letter for you."),
                ],
            ),
            _scene(
                2,
                "EXT. HARBOUR - NIGHT",
                "EXT",
                "Harbour",
                "NIGHT",
                [
                    Element(
                        kind="action", text="Rain. A crowd of onlookers by the police car. Ruth holds two umbrellas."
                    ),
                    Element(kind="dialogue", character="RUTH", text="Come home."),
                ],
            ),
        ],
    )
    two = EpisodeScript(
        episode=2,
        language="en",
        provenance=Provenance(stage="parse"),
        scenes=[
            _scene(
                1,
                "INT. SHOP - NIGHT",
                "INT",
                "Shop",
                "NIGHT",
                [
                    Element(kind="action", text="Victor Harrow lays a contract on the counter. He wears a grey suit."),
                    Element(kind="dialogue", character="VICTOR HARROW", text="Sign."),
                    Element(kind="dialogue", character="NELL", text="Never."),
                ],
            ),
        ],
    )
    return [two, one]  # out of order on purpose


def zh_bible() -> Bible:
    return Bible(
        title="潮汐钟",
        language="zh-Hans",
        characters=[
            CharacterProfile(id="c1", name="沈念", role="protagonist"),
            CharacterProfile(id="c2", name="韩振东", role="antagonist"),
            CharacterProfile(id="c3", name="周屿", role="love_interest"),
        ],
        provenance=Provenance(stage="adapt"),
    )


def zh_scripts() -> list[EpisodeScript]:
    return [
        EpisodeScript(
            episode=1,
            language="zh-Hans",
            provenance=Provenance(stage="parse"),
            scenes=[
                _scene(
                    1,
                    "INT. 钟表店 - 日",
                    "INT",
                    "钟表店",
                    "日",
                    [
                        Element(kind="action", text="沈念用钥匙打开店门。她相信父亲是清白的。窗外一辆火车开过。"),
                        Element(kind="dialogue", character="沈念", text="出去。"),
                    ],
                ),
                _scene(
                    2,
                    "EXT. 码头 - 夜",
                    "EXT",
                    "码头",
                    "夜",
                    [
                        Element(kind="action", text="大雨。振东站在车旁，围观的路人举着伞。"),
                        Element(kind="dialogue", character="韩振东", text="签字。"),
                        Element(kind="dialogue", character="周屿", text="别签！"),
                    ],
                ),
            ],
        )
    ]
