"""Layout normalisation: the same paragraphs whatever the line layout, offsets into the original text."""

from __future__ import annotations

import pytest

from microdrama.ingest.layout import Layout, detect_layout, paragraphs

# written for these tests
PARAGRAPHS = [
    "The rain had not stopped since morning. The ferry waited at the quay with its lamps lit.",
    '"We cannot sail in this," said the pilot. "Not before the tide turns."',
    "Marta looked at the grey water and said nothing for a long time. Then she picked up her bag.",
    '"Then we walk," she said.',
    "They walked along the shore until the lights of the village were behind them. The road turned inland.",
]


def _wrap(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def _layouts(width: int = 72) -> dict[str, tuple[str, Layout]]:
    blank = "\n\n".join("\n".join(_wrap(p, width)) for p in PARAGRAPHS * 3)
    return {
        "blank-line, hard-wrapped": (blank, "blank"),
        "blank-line, CRLF": (blank.replace("\n", "\r\n"), "blank"),
        "indented": ("\n".join("  " + p for p in PARAGRAPHS * 3), "indented"),
        "one paragraph per line": ("\n".join(PARAGRAPHS * 3), "lines"),
        "one paragraph per line, CRLF": ("\r\n".join(PARAGRAPHS * 3), "lines"),
        "hard-wrapped, no blank lines": (
            "\n".join(line for p in PARAGRAPHS * 3 for line in _wrap(p, width)),
            "wrapped",
        ),
    }


@pytest.mark.parametrize("width", [40, 60, 72])
@pytest.mark.parametrize("name", list(_layouts()))
def test_every_layout_gives_the_same_paragraphs(name: str, width: int) -> None:
    text, expected = _layouts(width)[name]
    layout = detect_layout(text)
    assert layout == expected
    spans = paragraphs(text, layout=layout)
    assert [" ".join(text[a:b].split()) for a, b in spans] == PARAGRAPHS * 3
    for start, end in spans:  # offsets index the text as given, trimmed
        assert text[start] not in " \r\n" and text[end - 1] not in " \r\n"


def test_one_sentence_per_line_rebuilds_speech_paragraphs() -> None:
    prose = "他转过身，问：\n\n“你还记得我吗？”她笑了。没有回答。\n\n“记得。”他说。"
    lines = "他转过身，问：\n“你还记得我吗？”\n她笑了。\n没有回答。\n“记得。”\n他说。\n"
    assert detect_layout(lines) == "sentences"
    by_lines = ["".join(lines[a:b].split()) for a, b in paragraphs(lines, layout="sentences")]
    by_prose = ["".join(prose[a:b].split()) for a, b in paragraphs(prose, layout=detect_layout(prose))]
    assert by_lines == by_prose == ["他转过身，问：", "“你还记得我吗？”她笑了。没有回答。", "“记得。”他说。"]


def test_chinese_web_novel_lines_are_paragraphs() -> None:
    text = (
        "林川推开门。屋里很暗，他摸到了灯。\n“有人吗？”他喊了一声，没有人回答。\n他只好坐下来，等天亮。窗外起风了。\n"
        * 4
    )
    assert detect_layout(text) == "lines"
    assert len(paragraphs(text, layout="lines")) == 12


def test_scene_break_blank_line_still_splits_sentence_lines() -> None:
    text = "他来了。\n“走吧。”\n她说。\n\n第二天。\n他走了。\n"
    spans = paragraphs(text, layout="sentences")
    assert ["".join(text[a:b].split()) for a, b in spans] == ["他来了。", "“走吧。”她说。", "第二天。他走了。"]
