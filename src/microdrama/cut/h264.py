"""Holding a picture in an H.264 stream without encoding it again: all-skip P frames, written here.

An animatic repeats most frames (a still held, a slow move changing every few frames). x264 spends
≈ 3 ms on each identical 1080×1920 frame, so the renderer encodes only the frames that differ and this
module expands the Annex B stream: after each encoded frame, ``hold - 1`` P frames whose every
macroblock is skipped (an exact copy of the previous frame), with ``frame_num`` renumbered so the
stream stays conforming. Needs what x264 ultrafast writes: CAVLC, one slice per frame, one reference
frame, no B-frames, no weighted prediction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from microdrama.errors import BitstreamError as BitstreamError

NAL_SLICE, NAL_IDR, NAL_SPS, NAL_PPS = 1, 5, 7, 8


def split_nals(stream: bytes) -> list[bytes]:
    """NAL units (without start codes) of an Annex B stream."""
    starts = []
    i = stream.find(b"\x00\x00\x01")
    while i >= 0:
        starts.append(i + 3)
        i = stream.find(b"\x00\x00\x01", i + 3)
    nals = []
    for k, start in enumerate(starts):
        end = starts[k + 1] - 3 if k + 1 < len(starts) else len(stream)
        nal = stream[start:end]
        nals.append(nal.rstrip(b"\x00") if k + 1 < len(starts) else nal)
    return nals


def unescape(payload: bytes) -> bytes:
    """RBSP of a NAL payload (emulation prevention bytes removed)."""
    return payload.replace(b"\x00\x00\x03", b"\x00\x00")


def escape(rbsp: bytes) -> bytes:
    """NAL payload of an RBSP (emulation prevention bytes inserted)."""
    out = bytearray()
    zeros = 0
    for byte in rbsp:
        if zeros >= 2 and byte <= 3:
            out.append(3)
            zeros = 0
        out.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return bytes(out)


class BitReader:
    """Big-endian bit reader with Exp-Golomb codes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def u(self, n: int) -> int:
        value = 0
        for _ in range(n):
            value = (value << 1) | ((self.data[self.pos >> 3] >> (7 - (self.pos & 7))) & 1)
            self.pos += 1
        return value

    def ue(self) -> int:
        zeros = 0
        while self.u(1) == 0:
            zeros += 1
        return (1 << zeros) - 1 + self.u(zeros)

    def se(self) -> int:
        k = self.ue()
        return (k + 1) // 2 if k % 2 else -(k // 2)


class BitWriter:
    """Big-endian bit writer with Exp-Golomb codes."""

    def __init__(self) -> None:
        self.bits: list[int] = []

    def u(self, n: int, value: int) -> None:
        self.bits += [(value >> (n - 1 - i)) & 1 for i in range(n)]

    def ue(self, value: int) -> None:
        code = value + 1
        self.u(2 * code.bit_length() - 1, code)

    def se(self, value: int) -> None:
        self.ue(2 * value - 1 if value > 0 else -2 * value)

    def trailing(self) -> bytes:
        """The bits with rbsp trailing bits, as bytes."""
        bits = self.bits + [1]
        bits += [0] * (-len(bits) % 8)
        return bytes(int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits), 8))


@dataclass(frozen=True)
class Params:
    """What a slice header depends on, from the SPS and PPS."""

    log2_max_frame_num: int
    poc_type: int
    log2_max_poc_lsb: int
    mbs: int
    deblocking_control: bool

    @classmethod
    def parse(cls, sps: bytes, pps: bytes) -> Params:
        """Read the sequence and picture parameter sets (RBSP after the NAL header byte)."""
        r = BitReader(sps)
        profile = r.u(8)
        r.u(16)
        r.ue()
        if profile in (100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135):
            if r.ue() == 3:
                r.u(1)
            r.ue()
            r.ue()
            r.u(1)
            if r.u(1):
                raise BitstreamError("SPS with scaling matrices")
        log2_max_frame_num = r.ue() + 4
        poc_type = r.ue()
        log2_max_poc_lsb = r.ue() + 4 if poc_type == 0 else 0
        if poc_type == 1:
            raise BitstreamError("picture order count type 1")
        r.ue()
        r.u(1)
        width_mbs = r.ue() + 1
        height_units = r.ue() + 1
        if not r.u(1):
            raise BitstreamError("interlaced stream")
        p = BitReader(pps)
        p.ue()
        p.ue()
        if p.u(1):
            raise BitstreamError("CABAC stream (CAVLC needed)")
        if p.u(1):
            raise BitstreamError("bottom-field picture order in PPS")
        if p.ue():
            raise BitstreamError("slice groups")
        if p.ue() != 0:
            raise BitstreamError("more than one reference frame by default")
        p.ue()
        if p.u(1):
            raise BitstreamError("weighted prediction")
        p.u(2)
        p.se()
        p.se()
        p.se()
        deblocking_control = bool(p.u(1))
        p.u(1)
        if p.u(1):
            raise BitstreamError("redundant pictures")
        return cls(log2_max_frame_num, poc_type, log2_max_poc_lsb, width_mbs * height_units, deblocking_control)


def renumber(nal: bytes, params: Params, frame_num: int, since_idr: int) -> bytes:
    """A slice NAL with its ``frame_num`` (and picture order count, type 0) set for its place in the GOP."""
    rbsp = bytearray(unescape(nal[1:]))
    r = BitReader(bytes(rbsp))
    if r.ue() != 0:
        raise BitstreamError("more than one slice per frame")
    r.ue()
    r.ue()
    fields = [(r.pos, params.log2_max_frame_num, frame_num % (1 << params.log2_max_frame_num))]
    r.u(params.log2_max_frame_num)
    if nal[0] & 0x1F == NAL_IDR:
        r.ue()
    if params.poc_type == 0:
        fields.append((r.pos, params.log2_max_poc_lsb, (2 * since_idr) % (1 << params.log2_max_poc_lsb)))
    for start, width, value in fields:
        for i in range(width):
            bit = (value >> (width - 1 - i)) & 1
            byte, shift = (start + i) >> 3, 7 - ((start + i) & 7)
            rbsp[byte] = (rbsp[byte] & ~(1 << shift)) | (bit << shift)
    return nal[:1] + escape(bytes(rbsp))


@lru_cache(maxsize=256)
def skip_frame(params: Params, frame_num: int, since_idr: int, nal_ref_idc: int) -> bytes:
    """A P slice NAL whose every macroblock is skipped: a copy of the previous frame."""
    w = BitWriter()
    w.ue(0)  # first_mb_in_slice
    w.ue(5)  # slice_type: P, all slices of the picture
    w.ue(0)  # pic_parameter_set_id
    w.u(params.log2_max_frame_num, frame_num % (1 << params.log2_max_frame_num))
    if params.poc_type == 0:
        w.u(params.log2_max_poc_lsb, (2 * since_idr) % (1 << params.log2_max_poc_lsb))
    w.u(1, 0)  # num_ref_idx_active_override_flag
    w.u(1, 0)  # ref_pic_list_modification_flag_l0
    if nal_ref_idc:
        w.u(1, 0)  # adaptive_ref_pic_marking_mode_flag
    w.se(0)  # slice_qp_delta
    if params.deblocking_control:
        w.ue(1)  # disable_deblocking_filter_idc
    w.ue(params.mbs)  # mb_skip_run: the whole picture
    return bytes([(nal_ref_idc << 5) | NAL_SLICE]) + escape(w.trailing())


def expand(stream: bytes, holds: list[int]) -> bytes:
    """The stream with encoded frame ``i`` shown for ``holds[i]`` frames (skip frames after it).

    Raises:
        BitstreamError: the stream has another frame count, or a shape this module cannot extend.
    """
    nals = split_nals(stream)
    sps = next((n for n in nals if n[0] & 0x1F == NAL_SPS), None)
    pps = next((n for n in nals if n[0] & 0x1F == NAL_PPS), None)
    if sps is None or pps is None:
        raise BitstreamError("no SPS/PPS in the stream")
    params = Params.parse(unescape(sps[1:]), unescape(pps[1:]))
    out = bytearray()
    frame = -1
    frame_num = since_idr = 0
    wrap = 1 << params.log2_max_frame_num
    for nal in nals:
        kind = nal[0] & 0x1F
        if kind not in (NAL_SLICE, NAL_IDR):
            out += b"\x00\x00\x00\x01" + nal
            continue
        frame += 1
        if frame >= len(holds):
            raise BitstreamError(f"more encoded frames than the {len(holds)} planned")
        ref_idc = nal[0] >> 5
        if not ref_idc:
            raise BitstreamError("non-reference frame in the stream")
        frame_num, since_idr = (0, 0) if kind == NAL_IDR else ((frame_num + 1) % wrap, since_idr + 1)
        out += b"\x00\x00\x00\x01" + (nal if kind == NAL_IDR else renumber(nal, params, frame_num, since_idr))
        for _ in range(holds[frame] - 1):
            frame_num, since_idr = (frame_num + 1) % wrap, since_idr + 1
            out += b"\x00\x00\x00\x01" + skip_frame(
                params, frame_num, since_idr if params.poc_type == 0 else 0, ref_idc
            )
    if frame + 1 != len(holds):
        raise BitstreamError(f"{frame + 1} encoded frames, {len(holds)} planned")
    return bytes(out)
