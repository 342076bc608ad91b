"""Turn the bytes of a text file into ``str``, finding the encoding deterministically.

The order of the tests is the specification:

1. a byte-order mark (UTF-8, UTF-32, UTF-16) decides;
2. a known binary signature (PNG, ZIP, PDF…) or stray NUL bytes that are not UTF-16 mean "binary";
3. strict UTF-8;
4. UTF-16 without a BOM, recognised by its NUL-byte pattern (ASCII characters leave a NUL in every
   other byte);
5. Windows-1252 when every byte >= 0x80 stands alone (accented letters in Latin-1 text; CJK
   characters are always runs of such bytes);
6. strict GB18030 and Big5 (and cp950), chosen by the share of characters each decoding puts in the
   everyday range of its own standard (GB2312 level 1, ``B0A1``–``D7F9``; Big5 frequent characters,
   ``A440``–``C67E``): the right decoding scores far higher than the wrong one;
7. charset-normalizer, only when GB18030/Big5 decode but neither looks right (Shift-JIS, EUC-KR…).

Bytes that none of these decode raise :class:`DecodeProblem` naming the first bad byte's offset.

The encoding reported is always a Python codec name under which ``raw.decode(encoding)`` gives back
exactly the text returned (``utf-8-sig`` and ``utf-16`` consume their BOM), so offsets stay honest.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass, field

import charset_normalizer

#: leading bytes of common binary formats, with a name for the error message
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an epub or docx with the wrong suffix?)"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 LE starts like UTF-16 LE, so it is tested first.
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

_CJK_CANDIDATES = ("gb18030", "big5", "cp950")
_SAMPLE_BYTES = 1 << 16
_SCORE_CHARS = 200_000
# Characters no real text is made of: C0 controls other than tab/newlines/form feed/escape, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# What text in any supported language is made of; used to choose a UTF-16 byte order.
_IMPLAUSIBLE = re.compile(
    "[^\t\n\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u206f\u2100-\u21ff\u2460-\u24ff\u2500-\u257f"
    "\u25a0-\u26ff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_LOW_CONFIDENCE = 0.5
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the codec that decodes it, and anything worth telling the user."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


class DecodeProblem(ValueError):
    """Why bytes could not be decoded; ``kind`` is ``"binary"`` or ``"encoding"``."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def decode_text(raw: bytes) -> Decoded:
    """Decode a text file's bytes, detecting the encoding.

    Args:
        raw: the whole file.

    Returns:
        The text (BOM removed, nothing else changed) and the Python codec name that produced it.

    Raises:
        DecodeProblem: the bytes are binary (``kind="binary"``) or decode in no supported
            encoding (``kind="encoding"``); the message says where.

    >>> decode_text("第一回".encode("gb18030")).encoding
    'gb18030'
    >>> decode_text(b"\\xef\\xbb\\xbfhi").text
    'hi'
    """
    decoded = _decode(raw)
    _reject_control_characters(decoded.text)
    return decoded


def _decode(raw: bytes) -> Decoded:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return Decoded(_strict(raw, codec, skip=0), codec)
    for signature, what in BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise DecodeProblem("binary", f"binary file ({what}), not text")
    if b"\x00" in raw:
        found = _utf16_without_bom(raw)
        if found is None:
            offset = raw.index(b"\x00")
            raise DecodeProblem("binary", f"binary data, not text (NUL byte at offset {offset}, and not UTF-16)")
        return found
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    return _decode_legacy(raw, utf8_error)


def _strict(raw: bytes, codec: str, *, skip: int) -> str:
    try:
        return raw[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        bad = raw[skip + exc.start : skip + exc.start + 4].hex(" ")
        raise DecodeProblem(
            "encoding",
            f"starts with a {codec} byte-order mark but is not valid {codec}: bytes {bad} at offset {skip + exc.start}",
        ) from exc


def _utf16_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16 recognised by NULs in every other byte, or None when the NULs mean binary data."""
    if len(raw) % 2:
        return None
    sample = raw[:_SAMPLE_BYTES]
    pairs = len(sample) // 2
    nul_even = sample[0::2].count(0) / pairs
    nul_odd = sample[1::2].count(0) / pairs
    if max(nul_even, nul_odd) < 0.02:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausible_share(text[: _SAMPLE_BYTES // 2])
        if best is None or score > best[0]:
            best = (score, codec, text)
    if best is None or best[0] < 0.95:
        return None
    return Decoded(best[2], best[1])


def _plausible_share(text: str) -> float:
    if not text:
        return 0.0
    return 1.0 - len(_IMPLAUSIBLE.findall(text)) / len(text)


def _decode_legacy(raw: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    """Not UTF-8: a single-byte Western encoding, GB18030 or Big5."""
    if _mostly_isolated_high_bytes(raw[: 4 * _SAMPLE_BYTES]):
        try:
            return Decoded(raw.decode("cp1252"), "cp1252", ["not UTF-8; read as Windows-1252 (Western European)"])
        except UnicodeDecodeError:
            pass
    scored: list[tuple[float, int, str, str]] = []
    for order, codec in enumerate(_CJK_CANDIDATES):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((common_character_share(text[:_SCORE_CHARS], codec), -order, codec, text))
    if not scored:
        start = utf8_error.start
        bad = raw[start : start + 4].hex(" ")
        raise DecodeProblem(
            "encoding",
            f"undecodable bytes {bad} at byte offset {start}: not UTF-8, UTF-16, GB18030 or Big5",
        )
    score, _, codec, text = max(scored)
    if score >= _LOW_CONFIDENCE:
        return Decoded(text, codec)
    guessed = _charset_normalizer_guess(raw)
    if guessed is not None:
        return guessed
    return Decoded(text, codec, [f"encoding guessed as {codec} with low confidence ({score:.0%} common characters)"])


def _mostly_isolated_high_bytes(sample: bytes) -> bool:
    """True when bytes >= 0x80 stand alone between ASCII bytes, as accented letters do in Latin-1 text.

    Every GB18030 or Big5 character is two or more bytes >= 0x80 in a row, so CJK text scores 0 here.
    """
    high = len(_HIGH_BYTE.findall(sample))
    if not high:
        return False
    in_runs = sum(len(run) for run in _HIGH_RUN.findall(sample))
    return (high - in_runs) / high >= 0.8


def _charset_normalizer_guess(raw: bytes) -> Decoded | None:
    """Last resort for multi-byte text that fits neither GB nor Big5 well (Shift-JIS, EUC-KR…)."""
    match = charset_normalizer.from_bytes(raw[: 4 * _SAMPLE_BYTES]).best()
    if match is None:
        return None
    codec = match.encoding
    try:
        text = raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    if _plausible_share(text[:_SCORE_CHARS]) < 0.95:
        return None
    return Decoded(text, codec, [f"encoding {codec} guessed by charset-normalizer; check the text"])


def common_character_share(text: str, codec: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are everyday characters of ``codec``'s standard.

    >>> common_character_share("我们的", "gb18030")
    1.0
    >>> common_character_share("我們的", "big5")
    1.0
    """
    common = _common_characters("gb" if codec.startswith("gb") else "big5")
    total = hits = 0
    for char in text:
        if char > "\x7f":
            total += 1
            hits += char in common
    return hits / total if total else 0.0


@functools.cache
def _common_characters(standard: str) -> frozenset[str]:
    """GB2312 level 1 (B0A1–D7F9) or Big5 frequent characters (A440–C67E), plus CJK punctuation."""
    chars: set[str] = set()
    trails: tuple[int, ...]
    if standard == "gb":
        leads, trails, codec = range(0xB0, 0xD8), tuple(range(0xA1, 0xFF)), "gb2312"
        punct_rows: tuple[int, ...] = (0xA1, 0xA3)
    else:
        leads, trails, codec = range(0xA4, 0xC7), (*range(0x40, 0x7F), *range(0xA1, 0xFF)), "big5"
        punct_rows = (0xA1, 0xA2)
    for lead in leads:
        for trail in trails:
            if standard == "big5" and lead == 0xC6 and trail > 0x7E:
                break
            _add_pair(chars, lead, trail, codec)
    for lead in punct_rows:
        for trail in trails:
            _add_pair(chars, lead, trail, codec)
    return frozenset(chars)


def _add_pair(chars: set[str], lead: int, trail: int, codec: str) -> None:
    with contextlib.suppress(UnicodeDecodeError):
        chars.add(bytes((lead, trail)).decode(codec))


def _reject_control_characters(text: str) -> None:
    sample = text[:_SCORE_CHARS]
    controls = _CONTROL.findall(sample)
    if len(controls) > max(8, len(sample) // 200):
        first = _CONTROL.search(sample)
        where = first.start() if first else 0
        raise DecodeProblem(
            "binary",
            f"binary data, not text ({len(controls)} control characters, first at character {where})",
        )
