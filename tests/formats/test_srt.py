"""SRT: written and read back through pysubs2 unchanged."""

from __future__ import annotations

import pytest
from formats.subtitle_samples import same_text_and_times, sample_cues

from microdrama.errors import FormatError
from microdrama.formats import srt


def test_round_trip() -> None:
    cues = [c for c in sample_cues() if "<" not in c.text]  # SRT has no escape for '<' (read as a tag)
    text = srt.write_cues(cues)
    assert text.startswith("1\n00:00:01,001 --> 00:00:02,345\n阿念，你又瘦了，\n")
    assert same_text_and_times(srt.read_cues(text), cues)


def test_numbering_restarts_and_output_is_stable() -> None:
    assert srt.write_cues(sample_cues()) == srt.write_cues(sample_cues())
    assert "\n4\n01:00:00,000 --> 01:00:01,500\n" in srt.write_cues(sample_cues())


def test_garbage_gives_no_cues_or_a_format_error() -> None:
    try:
        assert srt.read_cues("not subtitles at all") == []
    except FormatError as exc:  # pragma: no cover - depends on pysubs2's leniency
        pytest.fail(str(exc))
