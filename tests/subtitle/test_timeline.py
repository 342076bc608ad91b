"""Line times: the estimate lays blocks out in order; voice timing and shot lists replace or refine it."""

from __future__ import annotations

import json

from subtitle.conftest import tiny_script

from microdrama.subtitle.timeline import estimate_lines, shot_changes, voice_lines


def test_estimate_places_speeches_after_action_and_in_order() -> None:
    lines = estimate_lines(tiny_script())
    assert [line.id for line in lines] == ["001-002", "001-003", "002-001"]
    assert lines[0].start_ms == 1000  # the action block before it takes a second, makes no cue
    assert lines[1].start_ms == 3000
    assert lines[2].start_ms == 7000  # scene 1 lasts 7 s (the transition included)
    assert all(line.end_ms > line.start_ms for line in lines)
    assert lines[0].end_ms - lines[0].start_ms < 2000  # heard for the speech, not the pause


def test_voice_timing_replaces_the_estimate_by_id() -> None:
    script = tiny_script()
    timing = {
        "schema": "Timing.1",
        "lines": [
            {"id": "001-001", "kind": "action", "start_ms": 0, "clip_ms": 900, "duration_ms": 1000},
            {"id": "001-002", "kind": "dialogue", "start_ms": 1200, "clip_ms": 1500, "duration_ms": 1900},
            {"id": "001-003", "kind": "dialogue", "start_ms": 3100, "clip_ms": 1800, "duration_ms": 2200},
            {"id": "002-001", "kind": "dialogue", "start_ms": 7100, "clip_ms": 9000, "duration_ms": 9400},
        ],
    }
    lines = voice_lines(script, json.dumps(timing).encode())
    assert lines is not None
    assert [(line.start_ms, line.end_ms) for line in lines] == [(1200, 2700), (3100, 4900), (7100, 16100)]


def test_voice_timing_that_does_not_match_is_ignored() -> None:
    assert voice_lines(tiny_script(), b'{"lines": [{"start_ms": 0, "end_ms": 10}]}') is None
    assert voice_lines(tiny_script(), b"not json") is None


def test_shot_changes_from_a_shot_list() -> None:
    shots = {
        "shots": [
            {"id": "s001", "start_ms": 0, "duration_ms": 2000},
            {"id": "s002", "start_ms": 2000, "duration_ms": 1500},
            {"id": "s003", "start_ms": 3500, "duration_ms": 900},
        ]
    }
    assert shot_changes(json.dumps(shots).encode()) == [2000, 3500]
    assert shot_changes(b"[]") == [] and shot_changes(b"{") == []
