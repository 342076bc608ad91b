"""Plain-text novels through ``read_novel``: encodings, BOMs, and every kind of bad input."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from microdrama.errors import BinaryInputError, EmptyInputError, EncodingError, IngestError, InputTooLargeError
from microdrama.ingest import read_novel

SIMPLIFIED = (
    "第一回　灵根育孕源流出\n\n    诗曰：混沌未分天地乱，茫茫渺渺无人见。\r\n\n"
    "第二回　悟彻菩提真妙理\n\n    话表美猴王得了姓名，怡然踊跃。\n"
) * 3
TRADITIONAL = (
    "第一回　靈根育孕源流出\n\n    詩曰：混沌未分天地亂，茫茫渺渺無人見。\r\n\n"
    "第二回　悟徹菩提真妙理\n\n    話表美猴王得了姓名，怡然踴躍。\n"
) * 3


def write(tmp_path: Path, data: bytes, name: str = "novel.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "codec", "prefix", "encoding", "script"),
    [
        (SIMPLIFIED, "utf-8", b"", "utf-8", "Hans"),
        (SIMPLIFIED, "utf-8", b"\xef\xbb\xbf", "utf-8-sig", "Hans"),
        (SIMPLIFIED, "utf-16-le", b"", "utf-16-le", "Hans"),
        (SIMPLIFIED, "utf-16-be", b"", "utf-16-be", "Hans"),
        (SIMPLIFIED, "utf-16-le", b"\xff\xfe", "utf-16", "Hans"),
        (SIMPLIFIED, "utf-16-be", b"\xfe\xff", "utf-16", "Hans"),
        (SIMPLIFIED, "gb18030", b"", "gb18030", "Hans"),
        (SIMPLIFIED, "gbk", b"", "gb18030", "Hans"),
        (TRADITIONAL, "big5", b"", "big5", "Hant"),
        (TRADITIONAL, "utf-8", b"", "utf-8", "Hant"),
    ],
)
def test_encodings(tmp_path: Path, text: str, codec: str, prefix: bytes, encoding: str, script: str) -> None:
    raw = prefix + text.encode(codec)
    source = read_novel(write(tmp_path, raw))
    assert source.encoding == encoding
    assert source.text == text  # newlines (\r\n too) kept, BOM dropped
    assert raw.decode(source.encoding) == source.text
    assert (source.language, source.script) == ("zh", script)
    assert [c.number for c in source.body_chapters()] == [1, 2, 1, 2, 1, 2]


def test_source_fields(tmp_path: Path) -> None:
    raw = (
        "CHAPTER I.\n\n" + "It was a truth universally acknowledged that the man was in want of a wife.\n" * 30
    ).encode()
    path = write(tmp_path, raw, "Pride.TXT")
    source = read_novel(path)
    assert (source.file_name, source.file_format, source.size_bytes) == ("Pride.TXT", "txt", len(raw))
    assert source.sha256 == __import__("hashlib").sha256(raw).hexdigest()
    assert source.provenance.stage == "ingest"
    assert (source.language, source.script, source.title, source.author) == ("en", None, None, None)


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"")
    with pytest.raises(EmptyInputError, match="empty") as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize("raw", [b"   \n\t\r\n  ", "\u3000\u3000\n".encode(), b"\xef\xbb\xbf\n\n"])
def test_whitespace_only(tmp_path: Path, raw: bytes) -> None:
    path = write(tmp_path, raw)
    with pytest.raises(EmptyInputError, match="no text") as caught:
        read_novel(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_png_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(BinaryInputError, match="PNG") as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))


def test_random_bytes_with_nuls(tmp_path: Path) -> None:
    rng = random.Random(20240601)
    path = write(tmp_path, bytes(rng.randrange(256) for _ in range(4096)))
    with pytest.raises(BinaryInputError, match="binary") as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))


def test_undecodable_bytes_say_where(tmp_path: Path) -> None:
    good = "第一回　灵根育孕源流出\n".encode()
    path = write(tmp_path, good * 5 + b"\xff\xfe\xfd\xfc" + good)
    with pytest.raises(EncodingError, match=f"byte offset {len(good) * 5}") as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))


def test_size_limit_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, b"x" * 2000)

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputTooLargeError, match="2000 bytes, over the limit of 1000") as caught:
        read_novel(path, max_bytes=1000)
    assert str(caught.value).startswith(str(path))


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(IngestError, match="not found") as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))


def test_latin1_file_is_read_with_a_warning(tmp_path: Path) -> None:
    text = "Il était une fois une très belle princesse.\n" * 10
    source = read_novel(write(tmp_path, text.encode("latin-1")))
    assert (source.encoding, source.text) == ("cp1252", text)
    assert any("Windows-1252" in w for w in source.warnings)
