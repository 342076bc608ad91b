"""The refiners on their own, with an in-process scripted engine (mock://): checks, fallbacks, translation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from microdrama.engines.text import MOCK_RESPONDERS, Ledger, StructuredOutputError, open_text_engine
from microdrama.model import LineSource, ScriptSources
from microdrama.settings import ModelSettings
from microdrama.subtitle.translate import translate
from microdrama.write.refine import refine_episode

FOUNTAIN = (
    "INT. SHOP - DAY\n\nNell waits.\n\nNELL\n(quietly)\nI am not the one who should hide from them.\n\nRUTH\nCome in.\n"
)
SOURCES = ScriptSources(
    episode=1,
    lines=[
        LineSource(text="Nell waits.", start=0, end=11),
        LineSource(text="I am not the one who should hide from them.", quote="q00002", start=20, end=60),
        LineSource(text="Come in.", quote="q00003", start=70, end=78),
    ],
    provenance={"stage": "write"},
)


@pytest.fixture
def engine(tmp_path: Path):
    yield open_text_engine("mock://refiners", project=tmp_path, settings=ModelSettings(concurrency=2), ledger=Ledger())
    MOCK_RESPONDERS.pop("refiners", None)


def _lines(messages: list[dict[str, str]]) -> list[tuple[int, str, str]]:
    user = messages[1]["content"]
    return [
        (int(i), q, t)
        for i, q, t in re.findall(r"^(\d+)\. .*? \[(\S+)\] <<<NOVEL_TEXT>>>\n(.*?)\n<<<END", user, re.M | re.S)
    ]


def test_dialogue_is_tightened_with_sources_kept(engine) -> None:
    seen: list[list[tuple[int, str, str]]] = []

    def reply(messages, params) -> str:
        seen.append(_lines(messages))
        return json.dumps(
            {
                "lines": [
                    {"index": 0, "text": "I won't hide.", "source": "q00002"},
                    {"index": 1, "text": "Come in.", "source": "q00003"},
                ]
            }
        )

    MOCK_RESPONDERS["refiners"] = reply
    text, sources = refine_episode(engine, 1, "en", FOUNTAIN, SOURCES)
    assert seen[0] == [(0, "q00002", SOURCES.lines[1].text), (1, "q00003", "Come in.")]
    assert "NELL\n(quietly)\nI won't hide.\n" in text and "Nell waits." in text
    assert sources.lines[1].text == "I won't hide." and sources.lines[1].quote == "q00002" and sources.lines[1].new
    assert sources.lines[2] == SOURCES.lines[2]  # unchanged line keeps everything
    assert sources.provenance.engine == "mock://refiners" and sources.provenance.prompt_sha256


@pytest.mark.parametrize(
    "bad",
    [
        {"index": 0, "text": "INT. HACKED - NIGHT", "source": "q00002"},
        {"index": 0, "text": "I am not the one who should hide from them, not ever, not here.", "source": "q00002"},
        {"index": 0, "text": "Fine.", "source": "q99999"},
    ],
    ids=["markup", "longer", "foreign-source"],
)
def test_invalid_rewrites_are_refused(engine, bad: dict) -> None:
    MOCK_RESPONDERS["refiners"] = lambda m, p: json.dumps(
        {"lines": [bad, {"index": 1, "text": "Come in.", "source": None}]}
    )
    with pytest.raises(StructuredOutputError):
        refine_episode(engine, 1, "en", FOUNTAIN, SOURCES)


def test_translate_keeps_order_and_marks_failed_chunks(engine) -> None:
    def reply(messages, params) -> str:
        items = re.findall(r"^(\d+): <<<NOVEL_TEXT>>>\n(.*?)\n<<<END", messages[1]["content"], re.M | re.S)
        if any("fail" in t for _, t in items):
            return "not json"
        return json.dumps({"lines": [{"index": int(i), "text": t.upper()} for i, t in items]})

    MOCK_RESPONDERS["refiners"] = reply
    lines = [f"line {i}" for i in range(45)] + ["fail here"]
    out = translate(engine, lines, source_language="en", target_language="zh", unit="ep001")
    assert out[:40] == [f"LINE {i}" for i in range(40)]
    assert out[40:] == [None] * 6
    assert [(s, u) for s, u, _ in engine.options.ledger.fallbacks] == [("subtitles", "ep001-002")]


def test_escaped_fountain_lines_are_found_and_new_text_is_escaped(engine) -> None:
    fountain = "INT. SHOP - DAY\n\nNELL\nSee my\\_note.\n"
    sources = ScriptSources(
        episode=1, lines=[LineSource(text="See my_note.", quote="q1", start=0, end=12)], provenance={"stage": "write"}
    )
    MOCK_RESPONDERS["refiners"] = lambda m, p: json.dumps(
        {"lines": [{"index": 0, "text": "My *note*.", "source": "q1"}]}
    )
    text, refined = refine_episode(engine, 1, "en", fountain, sources)
    assert "NELL\nMy \\*note\\*.\n" in text
    assert refined.lines[0].text == "My *note*."
