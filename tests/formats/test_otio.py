"""OTIO timelines: JSON round trip, FCP XML and EDL through the OTIO adapters."""

from __future__ import annotations

import opentimelineio as otio
import pytest

from microdrama.errors import FormatError
from microdrama.formats import get_format
from microdrama.formats.otio import read_otio, write_edl, write_fcp_xml, write_otio


def timeline() -> otio.schema.Timeline:
    rate = 30
    tl = otio.schema.Timeline(name="EP001", global_start_time=otio.opentime.RationalTime(0, rate))
    video = otio.schema.Track(name="V1", kind=otio.schema.TrackKind.Video)
    for i, frames in enumerate((45, 60), start=1):
        span = otio.opentime.TimeRange(otio.opentime.RationalTime(0, rate), otio.opentime.RationalTime(frames, rate))
        video.append(
            otio.schema.Clip(
                name=f"s{i:03d}",
                source_range=span,
                media_reference=otio.schema.ExternalReference(target_url=f"s{i:03d}.png", available_range=span),
            )
        )
    tl.tracks.append(video)
    return tl


def test_round_trip_is_stable() -> None:
    text = write_otio(timeline())
    assert write_otio(read_otio(text)) == text
    assert read_otio(text).duration().value == 105


def test_exports_through_adapters() -> None:
    assert "<xmeml" in write_fcp_xml(timeline())
    edl = write_edl(timeline())
    assert "TITLE: EP001" in edl and "001 " in edl and "002 " in edl


def test_registered_and_bad_input_is_a_format_error() -> None:
    assert get_format(".otio").id == "otio" and get_format(".edl").id == "otio"
    with pytest.raises(FormatError):
        read_otio('{"OTIO_SCHEMA": "Nonsense.1"}')
