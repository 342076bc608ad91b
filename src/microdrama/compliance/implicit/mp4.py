"""MP4/MOV: the label as key ``AIGC`` (``mdta``) in ``moov/udta/meta`` — written by ffmpeg, read by hand.

ffmpeg keeps a custom metadata key only with ``-movflags use_metadata_tags`` and drops it silently
otherwise (exit 0), and any re-encode loses it: so the writer always reads its result back, and the
reader walks the boxes itself instead of trusting a demuxer. C2PA manifests are a top-level ``uuid`` box.
"""

from __future__ import annotations

import struct
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from microdrama.compliance.implicit._xmpfields import xmp_fields
from microdrama.compliance.implicit.fields import Field, Payload

C2PA_UUID = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")
XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
_CONTAINERS = {b"moov", b"udta", b"trak", b"mdia", b"minf", b"stbl"}


class Mp4LabelError(RuntimeError):
    """ffmpeg failed, or the label did not survive the remux."""


def boxes(data: bytes, start: int = 0, end: int | None = None) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of the boxes between ``start`` and ``end``; stops at a broken box."""
    end = len(data) if end is None else end
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1 and pos + 16 <= end:
            (size,) = struct.unpack(">Q", data[pos + 8 : pos + 16])
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield kind, pos + header, pos + size
        pos += size


def _meta_items(data: bytes, start: int, end: int) -> dict[str, str]:
    """key -> first text value of a QuickTime ``meta`` box (``keys`` + ``ilst``)."""
    if data[start + 4 : start + 8] != b"hdlr":  # ISO full box: skip version and flags
        start += 4
    keys: list[str] = []
    values: dict[str, str] = {}
    for kind, body, stop in boxes(data, start, end):
        if kind == b"keys":
            (count,) = struct.unpack(">I", data[body + 4 : body + 8])
            pos = body + 8
            for _ in range(count):
                size = struct.unpack(">I", data[pos : pos + 4])[0]
                keys.append(data[pos + 8 : pos + size].decode("utf-8", "replace"))
                pos += size
        elif kind == b"ilst":
            for item, item_body, item_end in boxes(data, body, stop):
                index = struct.unpack(">I", item)[0]
                name = keys[index - 1] if 0 < index <= len(keys) else item.decode("latin-1")
                for sub, sub_body, sub_end in boxes(data, item_body, item_end):
                    if sub == b"data" and name not in values:
                        values[name] = data[sub_body + 8 : sub_end].decode("utf-8", "replace")
    return values


def read(data: bytes) -> list[Field]:
    """The AIGC key of every ``meta`` box in ``moov`` (with its path), XMP and C2PA boxes."""
    fields: list[Field] = []

    def walk(start: int, end: int, path: str) -> None:
        for kind, body, stop in boxes(data, start, end):
            name = kind.decode("latin-1")
            if kind == b"meta":
                for key, value in _meta_items(data, body, stop).items():
                    if "AIGC" in key.upper():
                        fields.append(Field("aigc", f"mp4 {path}/meta {key}", value))
            elif kind in _CONTAINERS:
                walk(body, stop, f"{path}/{name}" if path else name)
            elif kind == b"uuid" and data[body : body + 16] == C2PA_UUID:
                fields.append(Field("c2pa", f"mp4 {path or '/'} uuid(c2pa)", f"{stop - body} bytes"))
            elif kind == b"uuid" and data[body : body + 16] == XMP_UUID:
                fields.extend(xmp_fields(data[body + 16 : stop], f"mp4 {path or '/'} uuid(XMP)"))

    walk(0, len(data), "")
    return fields


def ffmpeg_exe() -> str:
    """The ffmpeg binary that imageio-ffmpeg ships."""
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def write(data: bytes, payload: Payload) -> bytes:
    """The file remuxed (streams copied, not re-encoded) with ``AIGC`` in ``moov/udta/meta``, moov first.

    Raises:
        Mp4LabelError: ffmpeg failed or the key is not in its output.
    """
    with tempfile.TemporaryDirectory(prefix="microdrama-aigc-") as tmp:
        src, dst = Path(tmp) / "in.mp4", Path(tmp) / "out.mp4"
        src.write_bytes(data)
        cmd = [
            ffmpeg_exe(),
            "-nostdin",
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(src),
            "-map",
            "0",
            "-c",
            "copy",
            "-map_metadata",
            "-1",
            "-metadata",
            f"AIGC={payload.aigc_json}",
            "-movflags",
            "+use_metadata_tags+faststart",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            str(dst),
        ]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise Mp4LabelError(f"ffmpeg could not remux the video: {result.stderr.strip()[-500:]}")
        out = dst.read_bytes()
    if not any(f.kind == "aigc" and f.value == payload.aigc_json for f in read(out)):
        raise Mp4LabelError("ffmpeg's output has no AIGC key in moov/udta/meta (was use_metadata_tags honoured?)")
    return out
