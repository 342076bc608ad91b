"""Texts cut to platform limits at sentence, clause or word boundaries."""

from __future__ import annotations

from microdrama.release.metadata import Fitter, build_metadata, truncate
from microdrama.release.profile import builtin_profiles


def test_cut_at_a_sentence_end_when_one_fits() -> None:
    assert truncate("她回到了小城。她要翻案，不惜代价。", 12) == "她回到了小城。"


def test_cut_at_a_clause_then_marked() -> None:
    text = "她要为父亲翻案，不惜一切代价，哪怕对手是整座城"
    out = truncate(text, 16)
    assert out == "她要为父亲翻案，不惜一切代价…"
    assert len(out) <= 16


def test_english_is_cut_between_words() -> None:
    out = truncate("The clockmaker's daughter comes home to clear her father's name", 30)
    assert out == "The clockmaker's daughter…" and len(out) <= 30


def test_fitter_reports_every_cut_and_leaves_short_texts() -> None:
    fitter = Fitter()
    assert fitter.fit("title", "短标题", 10) == "短标题"
    assert fitter.fit("title", "x" * 40, 10) == "x" * 9 + "…"
    [cut] = fitter.cuts
    assert (cut.field, cut.limit, cut.original) == ("title", 10, "x" * 40)


def test_an_episode_title_too_long_with_the_series_name_drops_the_name_before_cutting() -> None:
    tv = builtin_profiles()["tv"]  # episode titles ≤ 30 characters
    episodes = [
        {"number": 1, "title": "The King's Photograph", "free": True, "file": "a.mp4"},
        {"number": 2, "title": "A Very Long Title That Cannot Fit In Thirty", "free": True, "file": "b.mp4"},
        {"number": 3, "title": "", "free": True, "file": "c.mp4"},
    ]
    common = {"logline": "", "synopsis": "", "genre": [], "episodes": episodes, "filing_number": "x"}
    doc, cuts = build_metadata(tv, series="A Scandal in Bohemia", language="en", **common)
    titles = [ep["title"] for ep in doc["episodes"]]
    assert titles == ["Ep 1: The King's Photograph", "Ep 2: A Very Long Title That…", "A Scandal in Bohemia · Ep 3"]
    assert [(c.original, c.kept) for c in cuts] == [
        ("A Scandal in Bohemia · Ep 1: The King's Photograph", "Ep 1: The King's Photograph"),
        ("A Scandal in Bohemia · Ep 2: A Very Long Title That Cannot Fit In Thirty", "Ep 2: A Very Long Title That…"),
    ]
    doc, cuts = build_metadata(tv, series="潮汐钟", language="zh-Hans", **{**common, "episodes": episodes[:1]})
    assert doc["episodes"][0]["title"] == "潮汐钟 第1集 The King's Photograph" and not cuts
