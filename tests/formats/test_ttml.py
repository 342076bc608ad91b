"""TTML1: language, frame rate, safe-zone region; round trip; other tools' times; unsafe XML refused."""

from __future__ import annotations

import pysubs2
import pytest
from formats.subtitle_samples import same_text_and_times, sample_cues

from microdrama.errors import FormatError
from microdrama.formats import ttml


def test_round_trip() -> None:
    cues = sample_cues()
    text = ttml.write_cues(cues, "zh-Hans", fps=25)
    assert 'xml:lang="zh-Hans"' in text and 'ttp:frameRate="25"' in text and "阿念" in text
    assert same_text_and_times(ttml.read_cues(text), cues)


def test_pysubs2_reads_what_we_write() -> None:
    doc = pysubs2.SSAFile.from_string(ttml.write_cues(sample_cues(), "en"), format_="ttml")
    assert [e.start for e in doc] == [c.start_ms for c in sample_cues()]


def test_offset_and_frame_times() -> None:
    text = (
        '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="25">'
        '<body><div><p begin="1.5s" dur="500ms">a</p><p begin="00:00:02:05" end="75f">b<span>c</span></p></div></body></tt>'
    )
    cues = ttml.read_cues(text)
    assert [(c.start_ms, c.end_ms, c.lines) for c in cues] == [(1500, 2000, ["a"]), (2200, 3000, ["bc"])]


def test_bad_documents_are_refused() -> None:
    with pytest.raises(FormatError, match="not well-formed"):
        ttml.read_cues("<tt", where="x.ttml")
    with pytest.raises(FormatError, match="expected TTML"):
        ttml.read_cues("<html/>")
    with pytest.raises(FormatError, match="bad TTML time"):
        ttml.read_cues('<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="soon" end="1s">x</p></body></tt>')
    bomb = '<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "aaaa">]><tt xmlns="http://www.w3.org/ns/ttml">&a;</tt>'
    with pytest.raises(FormatError):
        ttml.read_cues(bomb)
