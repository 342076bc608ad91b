"""Build small :class:`Source` objects from hand-written passages for the analyze tests."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import pytest

from microdrama.model import Chapter, Provenance, Source

SourceMaker = Callable[..., Source]

# -- passages written for these tests (not taken from any book) ---------------------------------
EN_STORY = """A note on this edition. "Nothing here," said the Editor, "is part of the story."

Chapter 1

Mr. Arthur Penrose came home late that evening. His sister, Miss Clara Penrose, was waiting for him in the hall of Gull House, with a candle in her hand.

"You are late," said Clara. "Dinner is cold."

"I know," he said, "but not tonight."

"Arthur, you promised me," she cried. "You promised me on Sunday."

Penrose sighed and looked at the fire. Clara put the candle down.

"He told me 'never again' and then he left," said Arthur. "Don't ask me more."

"Then I shan't," Clara replied.

The word "Pemberley" was painted on the old gate of Gull House.

Chapter 2

The next morning Arthur walked down to the harbour. Captain Hale was mending a net there, and Arthur told him everything about the quarrel.

"Your sister is right, Mr. Penrose," said Captain Hale.

"This is the beginning of a long speech that does not close here,
and it goes on.

"And here it ends at last," said Captain Hale.

Arthur laughed. Clara came down the road from Gull House and joined them at the harbour.

"Clara, come and sit," said Arthur.

"I will stand," she answered.
"""

ZH_STORY = """第一章

张大山走进院子，看见李小红坐在门口。张大山放下担子，李小红站了起来。

李小红笑道：“你回来了？今天怎么这样晚？”

张大山说：“我回来了，今天很累。”

她问道：“吃饭了没有？”

“还没有。”他说。

阿Ｑ在墙外喊道：“我也饿了！”阿Q又说：“给我一碗饭。”

第二章

次日一早，张大山到镇上去了。李小红在院子里洗衣服，阿Q又来了。

阿Q道：“小红，你家大山呢？”

李小红冷笑道：“他不在，你走罢。”
"""


_HEADING = re.compile(r"^(?:Chapter \d+|第[一二三四五六七八九十]+章)$", re.MULTILINE)


def make_source(text: str, language: str = "en", *, front_matter: bool = False) -> Source:
    """A Source whose chapters start at each "Chapter N" / "第N章" heading line.

    With ``front_matter``, the text before the first heading becomes a front_matter section.
    """
    headings = list(_HEADING.finditer(text))
    chapters: list[Chapter] = []
    if headings and headings[0].start() > 0:
        chapters.append(
            Chapter(
                index=1,
                kind="front_matter" if front_matter else "chapter",
                label="preface" if front_matter else "chapter",
                title="",
                start=0,
                body_start=0,
                end=headings[0].start(),
            )
        )
    for number, heading in enumerate(headings):
        end = headings[number + 1].start() if number + 1 < len(headings) else len(text)
        chapters.append(
            Chapter(
                index=len(chapters) + 1,
                kind="chapter",
                label="chapter",
                title=heading.group(),
                number=number + 1,
                start=heading.start(),
                body_start=heading.end() + 1,
                end=end,
            )
        )
    if not chapters:
        chapters.append(
            Chapter(index=1, kind="chapter", label="chapter", title="", start=0, body_start=0, end=len(text))
        )
    data = text.encode("utf-8")
    return Source(
        file_name="test.txt",
        file_format="txt",
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        encoding="utf-8",
        language=language,  # type: ignore[arg-type]
        text=text,
        chapters=chapters,
        provenance=Provenance(stage="ingest"),
    )


@pytest.fixture
def source_of() -> SourceMaker:
    """``source_of(text, language="en", front_matter=False)`` → Source."""
    return make_source


@pytest.fixture
def en_story() -> str:
    """A short English story in two chapters after a front-matter note."""
    return EN_STORY


@pytest.fixture
def zh_story() -> str:
    """A short Chinese story in two chapters."""
    return ZH_STORY
