"""Fixture episodes for the content review: clean ones, and ones with planted problems (zh and en)."""

from __future__ import annotations

from microdrama.model import Element, EpisodeScript, Scene
from microdrama.model.script import SourceRef


def _line(who: str, text: str, new: bool = False) -> Element:
    source = None if new else SourceRef(start=0, end=len(text))
    return Element(kind="dialogue", character=who, text=text, source=source, new=new)


def _action(text: str, new: bool = False) -> Element:
    return Element(kind="action", text=text, source=None if new else SourceRef(start=0, end=len(text)), new=new)


def clean_zh(episode: int = 1) -> EpisodeScript:
    """A harmless episode: a clockmaker's daughter returns and asks about her father."""
    return EpisodeScript(
        episode=episode,
        title="归来",
        language="zh-Hans",
        provenance={"stage": "parse"},
        scenes=[
            Scene(
                number=1,
                heading="内景 钟表铺 - 日",
                location="钟表铺",
                elements=[
                    _action("沈念推开钟表铺的门，灰尘在阳光里飞舞。"),
                    _line("沈念", "姑姑，我回来了。"),
                    _line("姑姑", "十年了，你爸爸的钟还在走。"),
                ],
            ),
            Scene(
                number=2,
                heading="外景 码头 - 夜",
                location="码头",
                elements=[
                    _action("海风吹乱了她的头发。"),
                    _line("沈念", "我一定要查清楚那年的事。"),
                ],
            ),
        ],
    )


def planted_zh(episode: int = 2) -> EpisodeScript:
    """Planted: gore (scene 1 line 2), gambling (scene 1 line 3), a child in a scheming plot (scene 2),
    money-worship (scene 3 line 1), and a shock-word episode title."""
    return EpisodeScript(
        episode=episode,
        title="霸总归来杀疯了",
        language="zh-Hans",
        provenance={"stage": "parse"},
        scenes=[
            Scene(
                number=1,
                heading="内景 仓库 - 夜",
                location="仓库",
                elements=[
                    _action("仓库里一片死寂。"),
                    _action("地上的人血肉模糊，早已没了气息。", new=True),
                    _line("韩振东", "今晚去赌场，把钱都押上。", new=True),
                ],
            ),
            Scene(
                number=2,
                heading="内景 教室 - 日",
                location="教室",
                elements=[
                    _action("八岁的小宝坐在最后一排。"),
                    _line("小宝", "我要让他们都尝尝被算计的滋味。", new=True),
                ],
            ),
            Scene(
                number=3,
                heading="内景 豪宅 - 夜",
                location="豪宅",
                elements=[
                    _line("韩振东", "嫁入豪门，你这辈子就不用再工作了。", new=True),
                ],
            ),
        ],
    )


def clean_en(episode: int = 1) -> EpisodeScript:
    """A harmless English episode."""
    return EpisodeScript(
        episode=episode,
        title="The Ledger",
        language="en",
        provenance={"stage": "parse"},
        scenes=[
            Scene(
                number=1,
                heading="INT. SHOP - DAY",
                location="SHOP",
                elements=[
                    _action("Mara waits by the counter."),
                    _line("VICTOR", "You came alone?"),
                    _line("MARA", "I always come alone. The kids next door said you were looking for me."),
                ],
            ),
        ],
    )


def planted_en(episode: int = 2) -> EpisodeScript:
    """Planted: drugs (scene 1 line 2), sexual content (scene 1 line 3), a child bullied (scene 2 line 2)."""
    return EpisodeScript(
        episode=episode,
        title="Billionaire Revenge",
        language="en",
        provenance={"stage": "parse"},
        scenes=[
            Scene(
                number=1,
                heading="INT. CLUB - NIGHT",
                location="CLUB",
                elements=[
                    _action("Music thumps."),
                    _line("VICTOR", "Take the heroin to the back room.", new=True),
                    _action("They strip naked on the dance floor.", new=True),
                ],
            ),
            Scene(
                number=2,
                heading="EXT. SCHOOLYARD - DAY",
                location="SCHOOLYARD",
                elements=[
                    _action("A little girl stands by the fence."),
                    _line("VICTOR", "Bully her until she cries.", new=True),
                ],
            ),
        ],
    )
