"""Texts cut to platform limits at sentence, clause or word boundaries."""

from __future__ import annotations

from microdrama.release.metadata import Fitter, truncate


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
