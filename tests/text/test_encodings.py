"""Encoding detection: every supported encoding, BOMs, binary data and undecodable bytes."""

from __future__ import annotations

import random

import pytest

from microdrama.text.encodings import DecodeProblem, common_character_share, decode_text

CHINESE = "第一回　甄士隐梦幻识通灵\n\n    此开卷第一回也。作者自云：因曾历过一番梦幻之后，故将真事隐去。\n" * 20
TRADITIONAL = "第一回　甄士隱夢幻識通靈\n\n    此開卷第一回也。作者自云：因曾歷過一番夢幻之後，故將真事隱去。\n" * 20
ENGLISH = "CHAPTER I.\n\nIt is a truth universally acknowledged, that a single man…\r\n" * 20


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (ENGLISH, "utf-8", "utf-8"),
        (CHINESE, "utf-8", "utf-8"),
        (CHINESE, "utf-16-le", "utf-16-le"),
        (CHINESE, "utf-16-be", "utf-16-be"),
        (ENGLISH, "utf-16-le", "utf-16-le"),
        (ENGLISH, "utf-16-be", "utf-16-be"),
        (CHINESE, "gb18030", "gb18030"),
        (CHINESE, "gbk", "gb18030"),
        (CHINESE, "gb2312", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "gb18030", "gb18030"),
    ],
)
def test_encoding_is_found_and_text_is_unchanged(text: str, codec: str, expected: str) -> None:
    raw = text.encode(codec)
    decoded = decode_text(raw)
    assert decoded.encoding == expected
    assert decoded.text == text
    assert raw.decode(decoded.encoding) == decoded.text


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le", "utf-16"),
        (b"\xfe\xff", "utf-16-be", "utf-16"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    ],
)
def test_bom_decides_and_is_not_part_of_the_text(bom: bytes, codec: str, expected: str) -> None:
    raw = bom + CHINESE.encode(codec)
    decoded = decode_text(raw)
    assert decoded.encoding == expected
    assert decoded.text == CHINESE
    assert raw.decode(decoded.encoding) == CHINESE


def test_short_big5_and_gb_texts_are_told_apart() -> None:
    assert decode_text("我們的故事開始了".encode("big5")).encoding == "big5"
    assert decode_text("我们的故事开始了".encode("gb18030")).encoding == "gb18030"


def test_common_character_share_prefers_the_right_decoding() -> None:
    raw = TRADITIONAL.encode("big5")
    as_big5 = common_character_share(raw.decode("big5"), "big5")
    as_gb = common_character_share(raw.decode("gb18030", errors="replace"), "gb18030")
    assert as_big5 > 0.9 > 0.5 > as_gb


def test_latin1_text_is_read_as_windows_1252() -> None:
    text = "Il était une fois une très belle princesse, près de la forêt.\n" * 5
    decoded = decode_text(text.encode("latin-1"))
    assert (decoded.encoding, decoded.text) == ("cp1252", text)
    assert decoded.warnings


def test_png_is_binary() -> None:
    with pytest.raises(DecodeProblem, match="PNG") as caught:
        decode_text(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert caught.value.kind == "binary"


def test_random_bytes_with_nuls_are_binary() -> None:
    rng = random.Random(1234)
    raw = bytes(rng.randrange(256) for _ in range(5000))
    with pytest.raises(DecodeProblem) as caught:
        decode_text(raw)
    assert caught.value.kind == "binary"


def test_control_characters_mean_binary() -> None:
    with pytest.raises(DecodeProblem) as caught:
        decode_text(bytes(range(1, 9)) * 50 + b"some text")
    assert caught.value.kind == "binary"


def test_undecodable_bytes_name_the_offset() -> None:
    raw = "第一回 甄士隐\n".encode() * 10 + b"\xff\xfe\xfa" + "贾雨村\n".encode()
    offset = len("第一回 甄士隐\n".encode()) * 10
    with pytest.raises(DecodeProblem, match=f"offset {offset}") as caught:
        decode_text(raw)
    assert caught.value.kind == "encoding"


def test_broken_utf16_after_bom_is_an_encoding_error() -> None:
    with pytest.raises(DecodeProblem, match="byte-order mark") as caught:
        decode_text(b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xdc")
    assert caught.value.kind == "encoding"
