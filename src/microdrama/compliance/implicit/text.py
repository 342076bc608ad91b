"""Text files: the label as a metadata field of each format, and the notice as text a reader sees.

Fountain — title-page keys ``AIGC:`` and ``Notice:``; Markdown — front-matter ``AIGC:`` (TC260 text
guide); HTML — ``<meta name="AIGC">``; WebVTT — a ``NOTE AIGC`` block; ASS — an ``AIGC:`` key in
``[Script Info]``; TTML — ``<tc260:AIGC>`` in ``<head><metadata>``. SRT has no comment or metadata
syntax: its label is a first cue and a sidecar file (:mod:`.sidecar`, :mod:`..documents`).
"""

from __future__ import annotations

import html
import re

from microdrama.compliance.implicit.fields import Field, Payload
from microdrama.compliance.xmp import TC260_NS

DIALECTS = (".fountain", ".md", ".markdown", ".html", ".htm", ".vtt", ".ass", ".ttml")
_TITLE_KEY = re.compile(r"^([A-Za-z][A-Za-z ]*):[ \t]*(.*)$")
_META = re.compile(r"<meta\s+name=\"AIGC\"\s+content=\"([^\"]*)\"\s*/?>", re.IGNORECASE)


class TextLabelError(ValueError):
    """A text format with no place for an implicit label."""


def dialect(name: str) -> str:
    """The dialect by file extension (``.fountain``…); raises when the format holds no metadata."""
    lowered = name.lower()
    for ext in DIALECTS:
        if lowered.endswith(ext):
            return {".markdown": ".md", ".htm": ".html"}.get(ext, ext)
    raise TextLabelError(f"{name or 'text'}: no metadata field in this text format (label it with a visible notice)")


def _title_page(text: str) -> tuple[list[tuple[str, str]], str]:
    """Fountain title-page (key, value) pairs and the body after it."""
    stripped = text.lstrip("\n")
    head, _, body = stripped.partition("\n\n")
    lines = head.split("\n")
    if not lines or not _TITLE_KEY.match(lines[0]):
        return [], text
    pairs: list[tuple[str, str]] = []
    for line in lines:
        match = _TITLE_KEY.match(line)
        if match:
            pairs.append((match.group(1), match.group(2)))
        elif pairs and line.startswith((" ", "\t")):
            pairs[-1] = (pairs[-1][0], (pairs[-1][1] + "\n" + line).strip())
        else:
            return [], text
    return pairs, body


def write(data: bytes, payload: Payload, *, name: str = "") -> bytes:
    """The text with its label field (an earlier one replaced)."""
    text = data.decode("utf-8")
    kind = dialect(name)
    if kind == ".fountain":
        pairs, body = _title_page(text)
        pairs = [(k, v) for k, v in pairs if k not in ("AIGC", "Notice")]
        if payload.notice:
            pairs.append(("Notice", payload.notice))
        pairs.append(("AIGC", payload.aigc_json))
        return ("\n".join(f"{k}: {v}" for k, v in pairs) + "\n\n" + body.lstrip("\n")).encode("utf-8")
    if kind == ".md":
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            front, _, body = text[4:].partition("\n---\n")
            lines = [line for line in front.split("\n") if not line.startswith("AIGC:")]
        else:
            lines, body = [], text
        lines.append(f"AIGC: '{payload.aigc_json}'")
        return ("---\n" + "\n".join(lines) + "\n---\n" + body).encode("utf-8")
    if kind == ".html":
        tag = f'<meta name="AIGC" content="{html.escape(payload.aigc_json)}">'
        text = _META.sub("", text)
        if re.search(r"<head[^>]*>", text, re.IGNORECASE):
            text = re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + tag, text, count=1, flags=re.IGNORECASE)
        else:
            text = tag + text
        return text.encode("utf-8")
    if kind == ".ass":
        text = re.sub(r"^AIGC: [^\n]*\n", "", text, flags=re.MULTILINE)
        if "[Script Info]\n" not in text:
            raise TextLabelError(f"{name}: ASS file without a [Script Info] section")
        return text.replace("[Script Info]\n", f"[Script Info]\nAIGC: {payload.aigc_json}\n", 1).encode("utf-8")
    if kind == ".ttml":
        text = re.sub(r"<metadata><tc260:AIGC [^>]*>[^<]*</tc260:AIGC></metadata>", "", text)
        element = f'<tc260:AIGC xmlns:tc260="{TC260_NS}">{html.escape(payload.aigc_json, quote=False)}</tc260:AIGC>'
        match = re.search(r"<head[^>]*>", text)
        if not match:
            raise TextLabelError(f"{name}: TTML without <head>")
        return (text[: match.end()] + f"<metadata>{element}</metadata>" + text[match.end() :]).encode("utf-8")
    head, _, rest = text.partition("\n\n")
    rest = re.sub(r"NOTE AIGC [^\n]*\n\n", "", rest)
    return (head + "\n\nNOTE AIGC " + payload.aigc_json + "\n\n" + rest).encode("utf-8")


def read(data: bytes, *, name: str = "") -> list[Field]:
    """Label fields in a text file of any supported dialect (all are tried when the name says nothing)."""
    text = data.decode("utf-8", "replace")
    fields: list[Field] = []
    pairs, _ = _title_page(text)
    for key, value in pairs:
        if key.upper() == "AIGC":
            fields.append(Field("aigc", "fountain title page AIGC", value))
        elif key == "Notice":
            fields.append(Field("notice", "fountain title page Notice", value))
    if text.startswith("---\n"):
        front = text[4:].partition("\n---\n")[0]
        for line in front.split("\n"):
            if line.startswith("AIGC:"):
                fields.append(Field("aigc", "markdown front matter AIGC", line[5:].strip().strip("'\"")))
    for match in _META.finditer(text):
        fields.append(Field("aigc", "html meta AIGC", html.unescape(match.group(1))))
    for match in re.finditer(r"^NOTE AIGC ([^\n]*)$", text, re.MULTILINE):
        fields.append(Field("aigc", "webvtt NOTE AIGC", match.group(1)))
    for match in re.finditer(r"^AIGC: ([^\n]*)$", text, re.MULTILINE):
        if "[Script Info]" in text:
            fields.append(Field("aigc", "ass [Script Info] AIGC", match.group(1).strip()))
    for match in re.finditer(r"<tc260:AIGC [^>]*>([^<]*)</tc260:AIGC>", text):
        fields.append(Field("aigc", "ttml metadata tc260:AIGC", html.unescape(match.group(1))))
    return fields
