"""Zip limits on their own: member names, sizes, ratio, count, and capped reads."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from microdrama.errors import CorruptInputError, InputTooLargeError
from microdrama.ingest.limits import ZipLimits, open_archive, read_member, safe_member_name


def archive_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "safe"),
    [("a/b.xhtml", "a/b.xhtml"), ("a/./b/../c", "a/c"), ("a\\b", "a/b"), ("../x", None), ("a/../../x", None),
     ("/abs", None), ("\\abs", None), ("C:/x", None), ("", None), ("a\x00b", None)],
)  # fmt: skip
def test_safe_member_name(name: str, safe: str | None) -> None:
    assert safe_member_name(name) == safe


def test_limits_scale_with_the_file_limit() -> None:
    limits = ZipLimits.for_file_limit(1000)
    assert (limits.max_member_bytes, limits.max_total_bytes) == (4000, 8000)


def test_member_size_total_size_and_ratio() -> None:
    path = Path("book.epub")
    small = ZipLimits(max_member_bytes=100, max_total_bytes=150, ratio_floor_bytes=10**9)
    with pytest.raises(InputTooLargeError, match="member 'a'"):
        open_archive(path, archive_bytes({"a": b"x" * 101}), small, what="epub")
    with pytest.raises(InputTooLargeError, match="in all"):
        open_archive(path, archive_bytes({"a": b"x" * 100, "b": b"y" * 100}), small, what="epub")
    ratio = ZipLimits(max_ratio=10, ratio_floor_bytes=1000)
    with pytest.raises(CorruptInputError, match="zip bomb"):
        open_archive(path, archive_bytes({"a": b"x" * 5000}), ratio, what="epub")
    open_archive(path, archive_bytes({"a": b"x" * 999}), ratio, what="epub")  # small members may compress well


def test_read_member_is_capped_and_reports_missing_members() -> None:
    limits = ZipLimits(max_member_bytes=10)
    with zipfile.ZipFile(io.BytesIO(archive_bytes({"a": b"x" * 50}))) as archive:
        with pytest.raises(InputTooLargeError):
            read_member(archive, "a", Path("b.epub"), limits, what="epub")
        with pytest.raises(CorruptInputError, match="no member 'zzz'"):
            read_member(archive, "zzz", Path("b.epub"), limits, what="epub")


def test_lying_size_header_is_caught() -> None:
    raw = bytearray(archive_bytes({"a": b"x" * 5000}))
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        info = archive.getinfo("a")
        info.file_size = 10  # the archive claims 10 bytes; inflating stops there and the CRC fails
        with pytest.raises(CorruptInputError, match="damaged"):
            read_member(archive, "a", Path("b.epub"), ZipLimits(), what="epub")
