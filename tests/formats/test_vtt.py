"""WebVTT: header, escapes, cue settings, round trip."""

from __future__ import annotations

import pytest
from formats.subtitle_samples import same_text_and_times, sample_cues

from microdrama.errors import FormatError
from microdrama.formats import vtt


def test_round_trip_with_escapes() -> None:
    cues = sample_cues()
    text = vtt.write_cues(cues, "zh-Hans")
    assert text.startswith("WEBVTT\nLanguage: zh-Hans\n\n1\n00:00:01.001 --> 00:00:02.345")
    assert "Tom &amp; Jerry &lt;3 the sea &gt; land" in text
    assert same_text_and_times(vtt.read_cues(text), cues)


def test_reads_notes_styles_and_tags() -> None:
    text = "WEBVTT\n\nNOTE hello\n\nSTYLE\n::cue { color: red }\n\nx\n00:01.000 --> 00:02.500 align:start\n<v Bob>Hi <b>there</b>\n"
    (only,) = vtt.read_cues(text)
    assert (only.start_ms, only.end_ms, only.lines) == (1000, 2500, ["Hi there"])


def test_missing_header_or_bad_time_is_refused() -> None:
    with pytest.raises(FormatError, match="WEBVTT"):
        vtt.read_cues("1\n00:00:01.000 --> 00:00:02.000\nHi\n")
    with pytest.raises(FormatError, match="timestamp"):
        vtt.read_cues("WEBVTT\n\n00:01 --> 00:02\nHi\n", where="x.vtt")
