"""The room's prompt templates: ``room/prompts/{en,zh}/{arc,beats,episode,repair}.md``, versioned by hash
like every prompt (:mod:`microdrama.engines.text.prompts`; their hashes are in the write stage's key)."""

from __future__ import annotations

from microdrama.engines.text.prompts import ROOM_KINDS, Prompt, load_prompt


def room_prompt(lang: str, kind: str) -> Prompt:
    """The template of request ``kind`` in language ``lang`` (``en`` or ``zh``)."""
    if kind not in ROOM_KINDS:
        raise ValueError(f"no room request kind {kind!r}; kinds: {', '.join(ROOM_KINDS)}")
    return load_prompt(f"room/prompts/{lang}/{kind}")


def room_prompts() -> dict[str, str]:
    """Every room template's name -> sha256 (for the report's provenance)."""
    return {f"{lang}/{kind}": room_prompt(lang, kind).sha256 for lang in ("en", "zh") for kind in ROOM_KINDS}
