"""The stage entry point: artifacts, provenance, known casts, determinism, and two corpus stories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from microdrama.analyze import analyze, story_regions
from microdrama.analyze.names_zh import nfkc
from microdrama.analyze.quotes import is_quoted_term
from microdrama.model import Cast, Chapter, Events, Places, Provenance, Quotes, Source

Maker = Callable[..., Source]


def test_returns_the_four_artifacts_with_provenance(source_of: Maker, en_story: str) -> None:
    cast, quotes, places, events = analyze(source_of(en_story, front_matter=True))
    assert isinstance(cast, Cast) and isinstance(quotes, Quotes)
    assert isinstance(places, Places) and isinstance(events, Events)
    for artifact in (cast, quotes, places, events):
        assert artifact.provenance.stage == "analyze"
    ids = {c.id for c in cast.characters}
    for quote in quotes.quotes:
        assert quote.speaker in ids | {"unknown"}
        assert set(quote.addressees) <= ids
    for event in events.events:
        assert set(event.participants) <= ids
        assert event.place is None or event.place in {p.id for p in places.places}


def test_two_runs_are_byte_identical(source_of: Maker, en_story: str, zh_story: str) -> None:
    for text, language in ((en_story, "en"), (zh_story, "zh")):
        first = analyze(source_of(text, language))
        second = analyze(source_of(text, language))
        assert [a.to_bytes() for a in first] == [b.to_bytes() for b in second]


def test_known_cast_keeps_ids_and_names(source_of: Maker, en_story: str) -> None:
    known = [
        {"id": "c010", "name": "Arthur Penrose", "aliases": ["Arthur", "Mr. Penrose"], "gender": "male"},
        {"id": "c020", "name": "Clara Penrose", "aliases": ["Clara"], "gender": "female"},
    ]
    cast, quotes, _, _ = analyze(source_of(en_story), known_cast=known)
    assert {c.id: c.name for c in cast.characters} == {"c010": "Arthur Penrose", "c020": "Clara Penrose"}
    assert {q.speaker for q in quotes.quotes} <= {"c010", "c020", "unknown"}
    assert any(q.speaker == "c020" and q.attribution == "explicit" for q in quotes.quotes)
    assert cast.by_id()["c010"].mentions > 0


def test_und_language_is_treated_as_english(source_of: Maker, en_story: str) -> None:
    source = source_of(en_story).model_copy(update={"language": "und"})
    cast, _, _, _ = analyze(source)
    assert any("Clara" in (c.name, *c.aliases) for c in cast.characters)


def test_illustration_captions_are_not_story(source_of: Maker) -> None:
    text = "Chapter 1\n\nShe came in.\n\n[Illustration: Mr. Thomson drew this]\n\nShe sat.\n"
    source = source_of(text)
    regions = story_regions(source)
    assert all("Illustration" not in text[a:b] for a, b in regions)


def _corpus_source(path: Path, language: str) -> Source:
    """The ingest stage's reading when it is there; otherwise one chapter over the whole file."""
    try:
        from microdrama.ingest import read_novel
    except ImportError:
        text = path.read_text(encoding="utf-8")
        return Source(
            file_name=path.name,
            file_format="txt",
            sha256="0" * 64,
            size_bytes=len(text.encode()),
            encoding="utf-8",
            language=language,  # type: ignore[arg-type]
            text=text,
            chapters=[
                Chapter(index=1, kind="chapter", label="chapter", title="", start=0, body_start=0, end=len(text))
            ],
            provenance=Provenance(stage="ingest"),
        )
    return read_novel(path)


def _attributed_share(source: Source, quotes: Quotes) -> float:
    speech = [q for q in quotes.quotes if not is_quoted_term(source.text, q, source.language)]
    return sum(q.speaker != "unknown" for q in speech) / len(speech)


def test_corpus_ah_q(corpus_dir: Path) -> None:
    source = _corpus_source(corpus_dir / "zh_luxun_ah_q_zhengzhuan.txt", "zh")
    cast, quotes, _, events = analyze(source)
    leading = {nfkc(c.name) for c in cast.characters if c.importance in ("major", "intermediate")}
    assert {"阿Q", "赵太爷", "王胡", "小D"} <= leading
    ah_q = next(c for c in cast.characters if nfkc(c.name) == "阿Q")
    assert ah_q.importance == "major" and ah_q.id == "c001"
    assert _attributed_share(source, quotes) > 0.5
    assert events.events


def test_corpus_scandal_in_bohemia(corpus_dir: Path) -> None:
    source = _corpus_source(corpus_dir / "en_a_scandal_in_bohemia.txt", "en")
    cast, quotes, places, _ = analyze(source)
    leading = {c.name: c for c in cast.characters if c.importance in ("major", "intermediate")}
    names = {n for c in leading.values() for n in (c.name, *c.aliases)}
    assert {"Holmes", "Watson", "Irene Adler", "King"} <= names
    holmes = next(c for c in cast.characters if "Holmes" in (c.name, *c.aliases))
    assert holmes.importance == "major" and holmes.gender == "male"
    irene = next(c for c in cast.characters if "Irene Adler" in (c.name, *c.aliases))
    assert irene.gender == "female"
    assert _attributed_share(source, quotes) > 0.5
    assert "Baker Street" in {p.name for p in places.places}


@pytest.mark.parametrize("name", ["en_a_scandal_in_bohemia.txt", "zh_luxun_ah_q_zhengzhuan.txt"])
def test_corpus_quote_spans_hold_marks(corpus_dir: Path, name: str) -> None:
    source = _corpus_source(corpus_dir / name, name[:2])
    _, quotes, _, events = analyze(source)
    for quote in quotes.quotes:
        assert source.text[quote.start] in '“"‘「『'
    assert [e.start for e in events.events] == sorted(e.start for e in events.events)
