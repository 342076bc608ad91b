"""Hand-made analysis artifacts (Source, Cast, Quotes, Places, Events) for the adapt and write tests.

The two small stories below were written for these tests (English and Chinese, the same plot). The
builder lays them out as a novel text and computes every offset, so the artifacts are exactly what
a perfect analysis would produce; :func:`synthetic_story` makes large stories for scale tests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from microdrama.model import (
    Cast,
    Chapter,
    Character,
    Event,
    Events,
    Place,
    Places,
    Provenance,
    Quote,
    Quotes,
    Source,
    Span,
)


@dataclass(frozen=True)
class Q:
    """A quotation in a story paragraph: one or more parts, interrupted by narration."""

    speaker: str
    parts: tuple[str, ...]
    between: str = ""
    cue: str | None = None


Piece = str | Q


@dataclass(frozen=True)
class E:
    """An event: its paragraphs (the first narration piece is the summary) and analysis numbers."""

    paragraphs: tuple[tuple[Piece, ...], ...]
    participants: tuple[str, ...]
    place: str | None
    time: str
    tension: float
    importance: float


@dataclass
class Story:
    """Everything the adapt and write stages read."""

    source: Source
    cast: Cast
    quotes: Quotes
    places: Places
    events: Events
    extra: dict[str, str] = field(default_factory=dict)


def build_story(
    *,
    language: str,
    script: str | None,
    heading: str,
    chapters: list[tuple[str, list[E]]],
    characters: list[Character],
    places: list[Place],
    file_name: str,
) -> Story:
    """Lay the story out as text and compute every offset of every artifact."""
    zh = language == "zh"
    open_mark, close_mark = ("“", "”")
    text = heading + "\n\n"
    chapter_models: list[Chapter] = [
        Chapter(index=1, kind="front_matter", label="other", title="", start=0, body_start=0, end=len(text))
    ]
    quotes: list[Quote] = []
    events: list[Event] = []
    for number, (title, chapter_events) in enumerate(chapters, start=1):
        chapter_start = len(text)
        text += title + "\n\n"
        body_start = len(text)
        index = len(chapter_models) + 1
        for event_spec in chapter_events:
            event_start = len(text)
            event_quotes: list[str] = []
            summary = next(p for p in event_spec.paragraphs[0] if isinstance(p, str)).strip()
            summary_at = len(text) + (2 if zh else 0)
            for paragraph in event_spec.paragraphs:
                text += "　　" if zh else ""
                for piece in paragraph:
                    if isinstance(piece, str):
                        text += piece
                        continue
                    quote_start = len(text)
                    spans: list[Span] = []
                    for k, part in enumerate(piece.parts):
                        if k:
                            text += piece.between
                        text += open_mark
                        spans.append(Span(start=len(text), end=len(text) + len(part)))
                        text += part + close_mark
                    quote_id = f"q{len(quotes) + 1:05d}"
                    quotes.append(
                        Quote(
                            id=quote_id,
                            start=quote_start,
                            end=len(text),
                            parts=spans,
                            text=("" if zh else " ").join(piece.parts),
                            chapter=index,
                            speaker=piece.speaker,
                            attribution="explicit" if piece.speaker != "unknown" else "unknown",
                            confidence=0.9 if piece.speaker != "unknown" else 0.0,
                            cue=piece.cue,
                        )
                    )
                    event_quotes.append(quote_id)
                text += "\n\n"
            events.append(
                Event(
                    id=f"e{len(events) + 1:04d}",
                    chapter=index,
                    start=event_start,
                    end=len(text) - 2,
                    participants=list(event_spec.participants),
                    place=event_spec.place,
                    time_of_day=event_spec.time,  # type: ignore[arg-type]
                    summary=summary,
                    summary_span=Span(start=summary_at, end=summary_at + len(summary)),
                    quotes=event_quotes,
                    tension=event_spec.tension,
                    importance=event_spec.importance,
                )
            )
        chapter_models.append(
            Chapter(
                index=index,
                kind="chapter",
                label="chapter",
                title=title,
                number=number,
                start=chapter_start,
                body_start=body_start,
                end=len(text),
            )
        )
    placed = []
    for place in places:
        needle = place.name if zh else place.name.lower()
        haystack = text if zh else text.lower()
        mentions = [i for i in range(len(haystack)) if haystack.startswith(needle, i)]
        placed.append(place.model_copy(update={"mentions": mentions}))
    source = Source(
        file_name=file_name,
        file_format="txt",
        sha256="0" * 64,
        size_bytes=len(text.encode("utf-8")),
        encoding="utf-8",
        language="zh" if zh else "en",
        script=script,  # type: ignore[arg-type]
        text=text,
        chapters=chapter_models,
        provenance=Provenance(stage="ingest"),
    )
    analysis = Provenance(stage="analyze")
    return Story(
        source=source,
        cast=Cast(characters=characters, provenance=analysis),
        quotes=Quotes(quotes=quotes, provenance=analysis),
        places=Places(places=placed, provenance=analysis),
        events=Events(events=events, provenance=analysis),
    )


def english_story() -> Story:
    """'The Keeper's Light': four characters, two places, three chapters, ten events."""
    mara, tom, vane, bess = "c001", "c002", "c003", "c004"
    chapters = [
        (
            "Chapter 1. The Storm",
            [
                E(
                    (
                        (
                            "Mara Quill climbed the hundred steps of the lighthouse with a lamp in her hand. ",
                            "The wind shook the glass.",
                        ),
                        (
                            Q(
                                bess,
                                ("Come down, child!", "The storm is too strong."),
                                " called Aunt Bess anxiously. ",
                                cue="called Aunt Bess anxiously",
                            ),
                            " ",
                            Q(mara, ("I will not leave the light,",)),
                            " said Mara.",
                        ),
                    ),
                    (mara, bess),
                    "p001",
                    "NIGHT",
                    0.2,
                    0.6,
                ),
                E(
                    (
                        (
                            "A fishing boat struck the rocks below the harbour wall. ",
                            "Mara ran down to the water and pulled a young man from the waves.",
                        ),
                        (
                            Q(mara, ("Who are you?",), cue="she asked"),
                            " she asked. ",
                            Q(tom, ("Tom Reed. I came to find the keeper.",), cue="he said softly"),
                            " he said softly.",
                        ),
                    ),
                    (mara, tom),
                    "p002",
                    "NIGHT",
                    0.5,
                    0.7,
                ),
                E(
                    (
                        ("Aunt Bess wrapped the stranger in a blanket by the fire. ",),
                        (
                            Q(bess, ("He carries a letter with the captain’s seal,",), cue="Bess whispered"),
                            " Bess whispered. ",
                            Q(tom, ("Then the captain knows,",), cue="said Tom"),
                            " said Tom.",
                        ),
                    ),
                    (bess, tom, mara),
                    "p001",
                    "NIGHT",
                    0.3,
                    0.4,
                ),
            ],
        ),
        (
            "Chapter 2. The Captain",
            [
                E(
                    (
                        (
                            "Captain Vane came ashore at noon with six armed men. ",
                            "He demanded the keeper’s logbook.",
                        ),
                        (
                            Q(vane, ("Give me the book, girl,",), cue="said Captain Vane coldly"),
                            " said Captain Vane coldly. ",
                            Q(
                                mara,
                                (
                                    "It belonged to my father. It stays with me. You will have to take it from my hands, "
                                    "and my hands are stronger than they look. Ask the sea.",
                                ),
                                cue="said Mara",
                            ),
                            " said Mara.",
                        ),
                    ),
                    (mara, vane, tom),
                    "p002",
                    "DAY",
                    0.6,
                    0.8,
                ),
                E(
                    (
                        (
                            "Mara and Tom walked along the cliffs in silence. ",
                            "Tom told her of the letter and of her father’s debt.",
                        ),
                        (
                            Q(tom, ("You love this place,",), cue="said Tom"),
                            " said Tom. ",
                            Q(mara, ("I love what it keeps safe,",), cue="said Mara"),
                            " said Mara.",
                        ),
                    ),
                    (mara, tom),
                    None,
                    "DAY",
                    0.2,
                    0.3,
                ),
                E(
                    (
                        (
                            "That night Captain Vane broke the lighthouse door. ",
                            "He put out the great lamp.",
                        ),
                        (
                            Q(vane, ("Now the ships will come to me,",), cue="said Vane"),
                            " said Vane. ",
                            Q(mara, ("You will drown them all!",), cue="Mara shouted angrily"),
                            " Mara shouted angrily.",
                        ),
                    ),
                    (mara, vane),
                    "p001",
                    "NIGHT",
                    0.9,
                    0.9,
                ),
            ],
        ),
        (
            "Chapter 3. The Light",
            [
                E(
                    (
                        ("Tom and Aunt Bess rowed out in the dark to warn the ships. ",),
                        (
                            Q(tom, ("Pull harder!",), cue="cried Tom"),
                            " cried Tom. ",
                            Q("unknown", ("There, a light!",)),
                            " came a voice from the water.",
                        ),
                    ),
                    (tom, bess),
                    "p002",
                    "NIGHT",
                    0.7,
                    0.6,
                ),
                E(
                    (
                        ("Mara fought Vane on the narrow stair and relit the lamp with her last match. ",),
                        (
                            Q(mara, ("You cannot stop the light,",), cue="said Mara"),
                            " said Mara. ",
                            Q(vane, ("Then I will stop you,",), cue="said Vane"),
                            " said Vane.",
                        ),
                    ),
                    (mara, vane),
                    "p001",
                    "NIGHT",
                    0.95,
                    1.0,
                ),
                E(
                    (
                        (
                            "At dawn the ships came safely into the harbour. ",
                            "Vane was taken away in chains.",
                        ),
                        (
                            Q(mara, ("Stay,",), cue="said Mara"),
                            " said Mara. ",
                            Q(tom, ("I will,",), cue="said Tom, smiling"),
                            " said Tom, smiling.",
                        ),
                    ),
                    (mara, tom, bess, vane),
                    "p002",
                    "DAY",
                    0.3,
                    0.8,
                ),
                E(
                    (
                        ("Mara wrote the night into her father’s logbook. ",),
                        (
                            Q(bess, ("He would be proud of you,",), cue="said Aunt Bess gently"),
                            " said Aunt Bess gently.",
                        ),
                    ),
                    (mara, bess),
                    "p001",
                    "DAY",
                    0.1,
                    0.5,
                ),
            ],
        ),
    ]
    characters = [
        Character(id=mara, name="Mara Quill", aliases=["Mara"], gender="female", mentions=40, importance="major"),
        Character(id=tom, name="Tom Reed", aliases=["Tom"], gender="male", mentions=25, importance="major"),
        Character(id=vane, name="Captain Vane", aliases=["Vane"], gender="male", mentions=20, importance="major"),
        Character(id=bess, name="Aunt Bess", aliases=["Bess"], gender="female", mentions=12, importance="intermediate"),
        Character(id="c005", name="Fisherman", gender="male", mentions=1, importance="minor"),
    ]
    places = [Place(id="p001", name="Lighthouse", setting="INT"), Place(id="p002", name="Harbour", setting="EXT")]
    return build_story(
        language="en",
        script=None,
        heading="THE KEEPER’S LIGHT",
        chapters=chapters,
        characters=characters,
        places=places,
        file_name="keepers_light.txt",
    )


def chinese_story() -> Story:
    """《茶馆风雨》: the same plot in Chinese (simplified), ten events."""
    lin, chen, zhao, gu = "c001", "c002", "c003", "c004"
    chapters = [
        (
            "第一章　风雨夜",
            [
                E(
                    (
                        (
                            "林月独自守着茶馆，外面风雨大作。",
                            "姑妈低声道：",
                            Q(gu, ("月儿，关门吧。",), cue="姑妈低声道"),
                            "林月道：",
                            Q(lin, ("再等等，也许还有客人。",), cue="林月道"),
                        ),
                    ),
                    (lin, gu),
                    "p001",
                    "NIGHT",
                    0.2,
                    0.6,
                ),
                E(
                    (
                        (
                            "一条小船撞上了码头，林月冲进雨里救起一个年轻人。",
                            "林月问道：",
                            Q(lin, ("你是谁？",), cue="林月问道"),
                            "陈舟笑道：",
                            Q(chen, ("我叫陈舟，是来找你父亲的。",), cue="陈舟笑道"),
                        ),
                    ),
                    (lin, chen),
                    "p002",
                    "NIGHT",
                    0.5,
                    0.7,
                ),
                E(
                    (
                        (
                            "姑妈给陈舟端来热茶，发现他怀里藏着一封信。",
                            "姑妈道：",
                            Q(gu, ("这是赵掌柜的印。",), cue="姑妈道"),
                            "陈舟道：",
                            Q(chen, ("他在找那本账簿。",), cue="陈舟道"),
                        ),
                    ),
                    (gu, chen, lin),
                    "p001",
                    "NIGHT",
                    0.4,
                    0.4,
                ),
            ],
        ),
        (
            "第二章　账簿",
            [
                E(
                    (
                        (
                            "第二天，赵掌柜带着几个伙计闯进茶馆，要林月交出账簿。",
                            "赵掌柜冷笑道：",
                            Q(zhao, ("把账簿拿来，不然砸了你的店。",), cue="赵掌柜冷笑道"),
                            "林月道：",
                            Q(
                                lin,
                                ("这是我父亲留下的，我不会给你。你要拿，就从我手里抢。我的手比你想的有力气。",),
                                cue="林月道",
                            ),
                        ),
                    ),
                    (lin, zhao, chen),
                    "p001",
                    "DAY",
                    0.7,
                    0.8,
                ),
                E(
                    (
                        (
                            "林月和陈舟沿着河边慢慢走着。",
                            "陈舟道：",
                            Q(chen, ("你很爱这个地方。",), cue="陈舟道"),
                            "林月道：",
                            Q(lin, ("我爱的是这里的人。",), cue="林月道"),
                        ),
                    ),
                    (lin, chen),
                    None,
                    "DAY",
                    0.2,
                    0.3,
                ),
                E(
                    (
                        (
                            "夜里，赵掌柜放火烧了茶馆的后院。",
                            "赵掌柜道：",
                            Q(zhao, ("账簿烧了，谁也别想告我。",), cue="赵掌柜道"),
                            "林月怒道：",
                            Q(lin, ("你会遭报应的！",), cue="林月怒道"),
                        ),
                    ),
                    (lin, zhao),
                    "p001",
                    "NIGHT",
                    0.9,
                    0.9,
                ),
            ],
        ),
        (
            "第三章　天亮",
            [
                E(
                    (
                        (
                            "陈舟和姑妈划船去县城报官。",
                            "陈舟喊道：",
                            Q(chen, ("快划！",), cue="陈舟喊道"),
                            "忽听有人叫道：",
                            Q("unknown", ("前面有灯！",)),
                        ),
                    ),
                    (chen, gu),
                    "p002",
                    "NIGHT",
                    0.6,
                    0.6,
                ),
                E(
                    (
                        (
                            "林月从火里抢出账簿，和赵掌柜在楼梯上扭打起来。",
                            "林月道：",
                            Q(lin, ("账簿在，公道就在。",), cue="林月道"),
                            "赵掌柜道：",
                            Q(zhao, ("那我先要你的命。",), cue="赵掌柜道"),
                        ),
                    ),
                    (lin, zhao),
                    "p001",
                    "NIGHT",
                    0.95,
                    1.0,
                ),
                E(
                    (
                        (
                            "天亮时，官差赶到，把赵掌柜锁走了。",
                            "林月道：",
                            Q(lin, ("留下来吧。",), cue="林月道"),
                            "陈舟笑道：",
                            Q(chen, ("好。",), cue="陈舟笑道"),
                        ),
                    ),
                    (lin, chen, gu, zhao),
                    "p002",
                    "DAY",
                    0.3,
                    0.8,
                ),
                E(
                    (
                        (
                            "林月把那一夜的事写进了父亲的账簿。",
                            "姑妈叹道：",
                            Q(gu, ("你父亲会为你骄傲的。",), cue="姑妈叹道"),
                        ),
                    ),
                    (lin, gu),
                    "p001",
                    "DAY",
                    0.1,
                    0.5,
                ),
            ],
        ),
    ]
    characters = [
        Character(id=lin, name="林月", aliases=["月儿"], gender="female", mentions=40, importance="major"),
        Character(id=chen, name="陈舟", gender="male", mentions=25, importance="major"),
        Character(id=zhao, name="赵掌柜", gender="male", mentions=20, importance="major"),
        Character(id=gu, name="姑妈", gender="female", mentions=12, importance="intermediate"),
    ]
    places = [Place(id="p001", name="茶馆", setting="INT"), Place(id="p002", name="码头", setting="EXT")]
    return build_story(
        language="zh",
        script="Hans",
        heading="《茶馆风雨》",
        chapters=chapters,
        characters=characters,
        places=places,
        file_name="chaguan.txt",
    )


def synthetic_story(event_count: int, *, seed: int = 7, quotes_per_event: int = 3, chapters: int = 120) -> Story:
    """A long English 'novel' of ``event_count`` events with seeded tensions, for shape and scale tests."""
    rng = random.Random(seed)
    cast_ids = [f"c{i:03d}" for i in range(1, 9)]
    names = ["Ann", "Ben", "Cora", "Dell", "Eve", "Finn", "Gail", "Hugo"]
    per_chapter = max(1, event_count // chapters)
    chapter_list: list[tuple[str, list[E]]] = []
    for c in range(0, event_count, per_chapter):
        specs = []
        for k in range(c, min(c + per_chapter, event_count)):
            who = rng.sample(range(8), 2)
            pieces: list[Piece] = [f"Event {k}: {names[who[0]]} met {names[who[1]]} by the river. "]
            for j in range(quotes_per_event):
                speaker = cast_ids[who[j % 2]] if j < quotes_per_event - 1 or k % 5 else "unknown"
                pieces += [Q(speaker, (f"Line {j} of event {k}, and we must talk about it now",), cue="said"), " "]
            specs.append(
                E(
                    (tuple(pieces),),
                    tuple(cast_ids[w] for w in who),
                    f"p00{1 + k % 3}",
                    "NIGHT" if k % 4 == 0 else "DAY",
                    round(rng.random(), 3),
                    round(rng.random(), 3),
                )
            )
        chapter_list.append((f"Chapter {len(chapter_list) + 1}", specs))
    characters = [
        Character(
            id=cid, name=name, gender="unknown", mentions=100 - i * 10, importance="major" if i < 3 else "intermediate"
        )
        for i, (cid, name) in enumerate(zip(cast_ids, names, strict=True))
    ]
    places = [Place(id=f"p00{i}", name=n, setting="EXT") for i, n in enumerate(["River", "Mill", "Town"], start=1)]
    return build_story(
        language="en",
        script=None,
        heading="A LONG TALE",
        chapters=chapter_list,
        characters=characters,
        places=places,
        file_name="long_tale.txt",
    )
