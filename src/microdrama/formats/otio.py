"""OpenTimelineIO timelines (``.otio``) and their exports through OTIO adapters: FCP 7 XML and CMX 3600 EDL."""

from __future__ import annotations

from typing import Any

from microdrama.errors import FormatError


def _otio() -> Any:
    try:
        import opentimelineio
    except ImportError as exc:
        raise FormatError("OTIO export needs opentimelineio: pip install opentimelineio") from exc
    return opentimelineio


def write_otio(timeline: Any) -> str:
    """The timeline as OTIO JSON text (deterministic for the same timeline)."""
    return str(_otio().adapters.write_to_string(timeline, "otio_json")) + "\n"


def write_fcp_xml(timeline: Any) -> str:
    """Final Cut Pro 7 XML (opens in Premiere and Resolve), through the ``fcp_xml`` adapter."""
    return _adapter(timeline, "fcp_xml", "otio-fcp-adapter")


def write_edl(timeline: Any) -> str:
    """A CMX 3600 EDL of the video track, through the ``cmx_3600`` adapter."""
    otio = _otio()
    video_only = otio.schema.Timeline(name=timeline.name, global_start_time=timeline.global_start_time)
    video_only.tracks.append(timeline.video_tracks()[0].clone())
    return _adapter(video_only, "cmx_3600", "otio-cmx3600-adapter")


def read_otio(text: str) -> Any:
    """An ``opentimelineio.schema.Timeline`` from OTIO JSON text."""
    otio = _otio()
    try:
        found = otio.adapters.read_from_string(text, "otio_json")
    except (otio.exceptions.OTIOError, ValueError) as exc:
        raise FormatError(f"not an OTIO timeline: {exc}") from exc
    if not isinstance(found, otio.schema.Timeline):
        raise FormatError(f"not an OTIO timeline: the document holds a {type(found).__name__}")
    return found


def _adapter(timeline: Any, name: str, package: str) -> str:
    otio = _otio()
    if name not in otio.adapters.available_adapter_names():
        raise FormatError(f"the OTIO adapter {name!r} is not installed: pip install {package}")
    return str(otio.adapters.write_to_string(timeline, name))
