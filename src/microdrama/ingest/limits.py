"""Limits that keep a hostile or broken epub/docx archive from exhausting memory or escaping its folder.

Every archive is opened from bytes already in memory (nothing is ever extracted to disk) and checked
before any member is read: member count, declared size of each member and of all members together,
compression ratio of large members, and member names (absolute, drive-lettered or with ``..`` after
normalisation are refused). Reading a member is capped again at its limit, because ``zipfile`` stops
at the declared size and checks the CRC, so a lying header cannot make us inflate more.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from microdrama.errors import CorruptInputError, InputTooLargeError

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ZipLimits:
    """How big an archive may be once inflated."""

    max_members: int = 10_000
    max_member_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 512 * 1024 * 1024
    #: largest uncompressed/compressed ratio for a member above ``ratio_floor_bytes``
    max_ratio: float = 100.0
    ratio_floor_bytes: int = 1024 * 1024

    @classmethod
    def for_file_limit(cls, max_bytes: int) -> ZipLimits:
        """Limits scaled to the largest file accepted: members up to 4×, everything up to 8× that size."""
        return cls(max_member_bytes=4 * max_bytes, max_total_bytes=8 * max_bytes)


def safe_member_name(name: str) -> str | None:
    """The normalised member name, or None when it is absolute or climbs out with ``..``.

    >>> safe_member_name("OEBPS/text/../ch1.xhtml"), safe_member_name("../evil"), safe_member_name("/etc/x")
    ('OEBPS/ch1.xhtml', None, None)
    """
    slashed = name.replace("\\", "/")
    if not slashed or slashed.startswith("/") or _DRIVE.match(slashed) or "\x00" in slashed:
        return None
    normal = posixpath.normpath(slashed)
    if normal == ".." or normal.startswith("../") or ".." in normal.split("/"):
        return None
    return normal


def open_archive(path: Path, raw: bytes, limits: ZipLimits, *, what: str) -> zipfile.ZipFile:
    """Open ``raw`` as a ZIP archive after checking it against ``limits``.

    Raises:
        CorruptInputError: not a ZIP archive, truncated, an unsafe member name, or a ratio that
            looks like a zip bomb.
        InputTooLargeError: too many members, or members too large once inflated.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise CorruptInputError(path, f"not a valid {what} (not a readable ZIP archive: {exc})") from exc
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise InputTooLargeError(path, f"{what} has {len(members)} members, over the limit of {limits.max_members}")
    total = 0
    for member in members:
        if safe_member_name(member.filename) is None:
            raise CorruptInputError(path, f"unsafe member name {member.filename!r} in {what} (absolute path or '..')")
        if member.file_size > limits.max_member_bytes:
            raise InputTooLargeError(
                path,
                f"member {member.filename!r} of {what} inflates to {member.file_size} bytes, "
                f"over the limit of {limits.max_member_bytes}",
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise CorruptInputError(
                path,
                f"member {member.filename!r} of {what} is compressed {ratio:.0f}:1, "
                f"over {limits.max_ratio:.0f}:1 (zip bomb?)",
            )
        total += member.file_size
    if total > limits.max_total_bytes:
        raise InputTooLargeError(
            path, f"{what} inflates to {total} bytes in all, over the limit of {limits.max_total_bytes}"
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, path: Path, limits: ZipLimits, *, what: str) -> bytes:
    """Bytes of one member, capped at the member limit.

    Raises:
        CorruptInputError: the member is missing, damaged (bad CRC, truncated) or larger than declared.
        InputTooLargeError: the member is over the size limit.
    """
    try:
        with archive.open(name) as stream:
            data = stream.read(limits.max_member_bytes + 1)
    except KeyError as exc:
        raise CorruptInputError(path, f"{what} has no member {name!r}") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise CorruptInputError(path, f"member {name!r} of {what} is damaged ({exc})") from exc
    if len(data) > limits.max_member_bytes:
        raise InputTooLargeError(
            path, f"member {name!r} of {what} is over the limit of {limits.max_member_bytes} bytes"
        )
    return data
