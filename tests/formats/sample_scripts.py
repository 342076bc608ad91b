"""Episode scripts and bibles built in code, in English and Chinese, for the format tests."""

from __future__ import annotations

import os

import pytest

from microdrama.errors import FontNotFoundError
from microdrama.formats import fonts
from microdrama.model import Bible, Element, EpisodeScript, Provenance, Scene, SourceRef


def make_en_script(number: int = 1) -> EpisodeScript:
    """An English episode using every element kind, extensions, parentheticals and a scene synopsis."""
    return EpisodeScript(
        episode=number,
        title="The Letter",
        language="en",
        synopsis="Mrs. Bennet hears that Netherfield is let at last.",
        provenance=Provenance(stage="write"),
        scenes=[
            Scene(
                number=1,
                heading="INT. LONGBOURN - DRAWING ROOM - DAY",
                setting="INT",
                location="LONGBOURN - DRAWING ROOM",
                time_of_day="DAY",
                synopsis="The news arrives.",
                elements=[
                    Element(
                        kind="action", text="Mrs. Bennet bursts in, waving a letter.\nMr. Bennet does not look up."
                    ),
                    Element(
                        kind="dialogue",
                        character="MRS. BENNET",
                        character_id="mrs_bennet",
                        parenthetical="breathless",
                        text="My dear Mr. Bennet, have you heard that Netherfield Park is let at last?",
                        source=SourceRef(quote="q1", start=10, end=80),
                        duration_ms=4200,
                    ),
                    Element(kind="dialogue", character="MR. BENNET", text="I have not."),
                    Element(kind="note", text="Keep the pause long."),
                    Element(kind="dialogue", character="LYDIA", extension="O.S.", text="Mama! Mama!", new=True),
                    Element(kind="transition", text="CUT TO:"),
                ],
            ),
            Scene(
                number=2,
                heading="EXT. MERYTON HIGH STREET - NIGHT",
                setting="EXT",
                location="MERYTON HIGH STREET",
                time_of_day="NIGHT",
                elements=[
                    Element(kind="action", text="Rain. Officers in red coats hurry past."),
                    Element(kind="dialogue", character="ELIZABETH", extension="V.O.", text="We were all in love."),
                ],
            ),
        ],
    )


def make_zh_script(number: int = 2) -> EpisodeScript:
    """A Chinese episode: Chinese cues, full Chinese parentheticals, INT./EXT. headings and a 内景 one."""
    return EpisodeScript(
        episode=number,
        title="黛玉进府",
        language="zh-Hans",
        synopsis="黛玉初到荣国府。",
        provenance=Provenance(stage="write"),
        scenes=[
            Scene(
                number=1,
                heading="INT. 荣国府正厅 - 日",
                setting="INT",
                location="荣国府正厅",
                time_of_day="日",
                elements=[
                    Element(kind="action", text="众丫鬟簇拥着黛玉进门。"),
                    Element(
                        kind="dialogue", character="贾母", parenthetical="搂住黛玉", text="我这些儿女，所疼者独有你母。"
                    ),
                    Element(kind="dialogue", character="王熙凤", extension="O.S.", text="我来迟了，不曾迎接远客！"),
                    Element(kind="transition", text="CUT TO:"),
                ],
            ),
            Scene(
                number=2,
                heading="内景 潇湘馆 - 夜",
                setting="INT",
                location="潇湘馆",
                time_of_day="夜",
                elements=[
                    Element(kind="action", text="烛影摇红。黛玉独坐窗下。"),
                    Element(
                        kind="dialogue",
                        character="林黛玉",
                        parenthetical="冷笑",
                        text="我就知道，\n别人不挑剩下的也不给我。",
                    ),
                    Element(kind="note", text="此处配乐渐起"),
                ],
            ),
        ],
    )


def make_bible(language: str) -> Bible:
    """A bible with a title and logline in the given language."""
    if language.startswith("zh"):
        return Bible(title="红楼梦", language=language, logline="黛玉入府。", provenance=Provenance(stage="adapt"))
    return Bible(
        title="Pride & Prejudice",
        language=language,
        logline="A sharp young woman <and> a proud man.",
        provenance=Provenance(stage="adapt"),
    )


def require_cjk_font() -> None:
    """Skip on a machine without a CJK font (a user's); CI and the dev machines must have one."""
    try:
        fonts.cjk_font("zh-Hans")
    except FontNotFoundError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
