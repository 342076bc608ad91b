"""Font lookup through fontconfig: the right CJK face, the coverage check, and the install hint."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from formats.sample_scripts import require_cjk_font

from microdrama.errors import FontNotFoundError
from microdrama.formats import fonts


def test_simplified_and_traditional_faces_differ() -> None:
    require_cjk_font()
    simplified, traditional = fonts.cjk_font("zh-Hans"), fonts.cjk_font("zh-Hant")
    assert simplified.path.is_file() and simplified.path.suffix.lower() in fonts.EMBEDDABLE_SUFFIXES
    assert "SC" in simplified.family.split() or "CN" in simplified.family
    assert "TC" in traditional.family.split() or "TW" in traditional.family
    if simplified.path == traditional.path:  # one .ttc holding both: different faces inside it
        assert simplified.index != traditional.index


def fake_fc_match(stdout: str, returncode: int = 0) -> Any:
    def run(args: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(args, returncode, stdout=stdout, stderr="")

    return run


def test_a_fallback_font_without_chinese_coverage_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        subprocess, "run", fake_fc_match("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf\n0\nDejaVu Sans\nen|fr|de")
    )
    with pytest.raises(FontNotFoundError, match="fonts-noto-cjk"):
        fonts.cjk_font("zh-Hans")


def test_missing_fontconfig_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_binary(*_: object, **__: object) -> None:
        raise FileNotFoundError("fc-match")

    monkeypatch.setattr(subprocess, "run", no_binary)
    with pytest.raises(FontNotFoundError, match="fonts-noto-cjk"):
        fonts.cjk_font("zh-Hant")
    with pytest.raises(FontNotFoundError, match="fonts-dejavu-core"):
        fonts.monospace_font()


def test_a_matching_face_is_returned_with_its_collection_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    collection = tmp_path / "Fake.ttc"
    collection.write_bytes(b"ttcf")
    monkeypatch.setattr(subprocess, "run", fake_fc_match(f"{collection}\n3\nFake CJK TC\nen|zh-tw|zh-hk"))
    assert fonts.cjk_font("zh-Hant") == fonts.FontFace(path=collection, index=3, family="Fake CJK TC")
