"""Implicit labels in real encoded files: written, read back by our reader and decoded by PyAV/Pillow;
a re-encode loses the MP4 tag and the verifier says so."""

from __future__ import annotations

import io

import av
import pytest
from compliance_media import (
    cut_like_mp4,
    jpeg,
    mp3,
    png,
    png_with_text_chunk,
    reencode,
    wav,
)
from PIL import Image

from microdrama.compliance.aigc import IPTC_GENERATED, AigcLabel
from microdrama.compliance.implicit import (
    Payload,
    container_of,
    read_fields,
    write_label,
)
from microdrama.compliance.verify import verify_bytes

PAYLOAD = Payload(AigcLabel(produce_id="abc123").first_write().to_json(), IPTC_GENERATED, "AI生成")


@pytest.mark.parametrize(("make", "container"), [(png, "png"), (jpeg, "jpeg"), (wav, "wav"), (mp3, "mp3")])
def test_label_round_trip_in_media_files(make, container: str) -> None:
    data = write_label(make(), PAYLOAD)
    assert container_of(data) == container
    report = verify_bytes(data)
    assert report.ok, report.to_dict()
    assert report.check("aigc").status == "present"
    assert report.check("iptc").status == "present"
    twice = write_label(data, PAYLOAD)
    assert len([f for f in read_fields(twice) if f.kind == "aigc"]) == len(
        [f for f in read_fields(data) if f.kind == "aigc"]
    )


def test_images_still_decode_with_pillow() -> None:
    for data in (write_label(png(), PAYLOAD), write_label(jpeg(), PAYLOAD)):
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            assert image.size in ((216, 384), (384, 216))
    with Image.open(io.BytesIO(write_label(jpeg(), PAYLOAD))) as image:
        assert b"TC260:AIGC" in image.info["xmp"]


def test_audio_still_decodes_with_pyav() -> None:
    for data in (write_label(wav(), PAYLOAD), write_label(mp3(), PAYLOAD)):
        with av.open(io.BytesIO(data)) as container:
            assert sum(f.samples for f in container.decode(audio=0)) > 5000


def test_mp4_tag_in_moov_udta_meta_survives_decoding_and_is_lost_by_a_reencode() -> None:
    labelled = write_label(cut_like_mp4(1.0), PAYLOAD)
    report = verify_bytes(labelled)
    assert report.ok
    assert report.check("aigc").where == "mp4 moov/udta/meta AIGC"
    with av.open(io.BytesIO(labelled)) as container:
        assert container.metadata["AIGC"] == PAYLOAD.aigc_json
        assert sum(1 for _ in container.decode(video=0)) == 30
    reencoded = verify_bytes(reencode(labelled))
    assert not reencoded.ok
    assert reencoded.check("aigc").status == "missing"


@pytest.mark.parametrize(
    "name", ["ep001.fountain", "x.md", "series.html", "ep001.zh.vtt", "ep001.en.ass", "ep001.en.ttml"]
)
def test_text_formats(name: str) -> None:
    samples = {
        ".fountain": "Title: Tide\n\n# EP01\n\nINT. SHOP - DAY\n",
        ".md": "# Notes\n",
        ".html": "<html><head><title>t</title></head><body>x</body></html>",
        ".vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n",
        ".ass": "[Script Info]\nScriptType: v4.00+\n\n[Events]\n",
        ".ttml": '<tt xmlns="http://www.w3.org/ns/ttml"><head></head><body/></tt>',
    }
    source = next(v for k, v in samples.items() if name.endswith(k)).encode()
    labelled = write_label(source, PAYLOAD, name=name)
    assert verify_bytes(labelled, name).check("aigc").status == "present"
    assert write_label(labelled, PAYLOAD, name=name) == labelled  # replaced, not appended
    if name.endswith(".fountain"):
        assert labelled.decode().startswith("Title: Tide\nNotice: AI生成\nAIGC: ")


def test_foreign_files_missing_and_malformed() -> None:
    assert verify_bytes(png()).check("aigc").status == "missing"
    bad = verify_bytes(png_with_text_chunk("AIGC", '{"AIGC":{"Label":"1"}}'))
    assert bad.check("aigc").status == "malformed"
    assert "ContentProducer is missing" in bad.check("aigc").detail
    good = verify_bytes(png_with_text_chunk("AIGC", PAYLOAD.aigc_json))
    assert good.ok


def test_two_different_labels_are_malformed_and_writing_replaces_them() -> None:
    other = AigcLabel(produce_id="zzz").first_write().to_json()
    data = png_with_text_chunk("AIGC", other, PAYLOAD.aigc_json)
    assert verify_bytes(data).check("aigc").status == "malformed"
    assert verify_bytes(write_label(data, PAYLOAD)).ok  # GB 45438 §6.1 c: overwrite, never append
