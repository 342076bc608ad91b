"""``read_novel`` end to end: the format table, unsupported suffixes, and every corpus novel."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from microdrama.errors import IngestError, UnsupportedFormatError
from microdrama.ingest import READERS, read_novel
from microdrama.model.source import Source

CORPUS = {
    # name: (language, script, chapters labelled "chapter" with a number)
    "zh_hongloumeng_full.txt": ("zh", "Hans", 120),
    "zh_luxun_ah_q_zhengzhuan.txt": ("zh", "Hans", 9),
    "zh_xiyouji_ch01-07.txt": ("zh", "Hans", 7),
    "zh_luxun_shangshi.txt": ("zh", "Hans", 0),
    "en_pride_and_prejudice.txt": ("en", None, 61),
    "en_count_of_monte_cristo.txt": ("en", None, 117),
    "en_alice_in_wonderland.txt": ("en", None, 12),
    "en_a_study_in_scarlet.txt": ("en", None, 14),
    "en_the_great_gatsby.txt": ("en", None, 9),
    "en_a_scandal_in_bohemia.txt": ("en", None, 3),
}


def test_every_reader_module_has_a_read_function() -> None:
    for suffix, spec in READERS.items():
        assert suffix.startswith(".") and suffix == suffix.lower()
        assert callable(spec.reader())


@pytest.mark.parametrize("name", ["novel.pdf", "novel", "novel.doc", "novel.txt.gz"])
def test_unsupported_format(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    with pytest.raises(UnsupportedFormatError, match="unsupported format") as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))
    assert ".epub" in str(caught.value)


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "book.txt"
    folder.mkdir()
    with pytest.raises(IngestError, match="not a regular file"):
        read_novel(folder)


def test_source_round_trips_through_json(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("第一章　开端\n\n他来了。\n\n第二章　结局\n\n他走了。\n", encoding="utf-8")
    source = read_novel(path)
    assert Source.from_json(source.to_json()) == source
    assert read_novel(path).to_bytes() == source.to_bytes()  # deterministic


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_novel(corpus_dir: Path, name: str) -> None:
    path = corpus_dir / name
    source = read_novel(path)
    language, script, chapters = CORPUS[name]
    raw = path.read_bytes()
    assert (source.encoding, source.language, source.script) == ("utf-8", language, script)
    assert source.text == raw.decode("utf-8")
    assert (source.sha256, source.size_bytes, source.file_name) == (hashlib.sha256(raw).hexdigest(), len(raw), name)
    numbered = [c for c in source.chapters if c.label == "chapter" and c.number is not None]
    assert len(numbered) == chapters
    assert source.chapters[0].start == 0 and source.chapters[-1].end == len(source.text)
    for before, after in zip(source.chapters, source.chapters[1:], strict=False):
        assert before.end == after.start
    for chapter in source.chapters:
        if chapter.title:
            assert chapter.title in source.text[chapter.start : chapter.body_start]
    if chapters == 0:
        assert len(source.chapters) == 1 and source.chapters[0].kind == "chapter"
