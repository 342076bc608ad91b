"""Action lines from narration: quoted terms stay inside their sentence."""

from __future__ import annotations

from story_fixtures import E, Q, build_story

from microdrama.model import Character, Place
from microdrama.write.action import is_term, narration_lines


def test_a_quoted_term_neither_splits_nor_drops_its_sentence() -> None:
    story = build_story(
        language="zh",
        script=None,
        heading="传",
        file_name="z.txt",
        chapters=[
            (
                "第一章",
                [
                    E(
                        (
                            (
                                "我要给阿桂做正传，已经不止一两年了。",
                                "但一面要做，一面又往回想，这足见我不是一个",
                                Q("c001", ("立言",)),
                                "的人，于是终于归结到传阿桂，仿佛思想里有鬼似的。",
                                "传的名目很繁多：列传，自传，内传，外传……，而可惜都不合于阿桂的身份。",
                            ),
                            ("阿桂说道：", Q("c001", ("我走了。",)), "他便走了，头也不回地出了门。"),
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
        characters=[Character(id="c001", name="阿桂", mentions=9, importance="major")],
        places=[Place(id="p001", name="土谷祠", setting="INT")],
    )
    event = story.events.events[0]
    quotes = sorted(story.quotes.quotes, key=lambda q: q.start)
    assert [is_term(q, story.source, "zh") for q in quotes] == [True, False]
    lines = [line.text for line in narration_lines(event, quotes, story.source, "zh")]
    assert "但一面要做，一面又往回想，这足见我不是一个“立言”的人，于是终于归结到传阿桂，仿佛思想里有鬼似的。" in lines
    assert not any(line.startswith(("的人", "，")) or line.endswith("一个") for line in lines)
    assert not any("我走了" in line for line in lines)
