"""The sameness index: a lightly edited copy is a near-duplicate; a different story is not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from microdrama.assess import assess_project, write_report
from microdrama.assess.sameness import NEAR_DUPLICATE, SIMILAR
from microdrama.assess.text import shingles
from microdrama.errors import ArtifactError

from .conftest import write_hand_made


def _edit(project: Path) -> None:
    """Rename the heroine and rewrite a few lines: what a copycat series changes."""
    for path in sorted(project.glob("script/ep*.fountain")):
        text = path.read_text(encoding="utf-8").replace("NELL", "MAY").replace("Nell", "May")
        lines = text.splitlines()
        for i in range(0, len(lines), 9):
            if lines[i] and not lines[i].isupper():
                lines[i] = "She looks away and says nothing at all."
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_an_edited_copy_is_a_near_duplicate(demo_project: Path, demo_copy: Path) -> None:
    _edit(demo_copy)
    report = assess_project(demo_project, library=demo_copy.parent)
    same = report["originality"]["sameness"]
    assert same["verdict"] == "near-duplicate" and same["index"] >= NEAR_DUPLICATE
    closest = same["closest"][0]
    assert closest["name"] and closest["method"] == "exact" and closest["shared_phrases"]
    assert "family_drama" in closest["shared_tropes"] or closest["shared_tropes"]


def test_a_different_story_is_distinct(demo_project: Path, tmp_path: Path) -> None:
    library = tmp_path / "library"
    write_hand_made(library / "hand")
    report = assess_project(demo_project, library=library)
    same = report["originality"]["sameness"]
    assert same["index"] < SIMILAR and same["verdict"] == "distinct"


def test_a_library_of_reports_compares_by_minhash(demo_project: Path, demo_copy: Path, tmp_path: Path) -> None:
    _edit(demo_copy)
    reports = tmp_path / "reports"
    write_report(demo_copy, assess_project(demo_copy, redact=True), formats=("json",), out=reports)
    (reports / "assess.json").rename(reports / "copy.json")
    report = assess_project(demo_project, library=reports)
    row = report["originality"]["sameness"]["closest"][0]
    assert row["method"] == "minhash" and row["verdict"] == "near-duplicate"
    exact = assess_project(demo_project, library=demo_copy.parent)["originality"]["sameness"]["index"]
    assert row["jaccard"] == pytest.approx(exact, abs=0.15)  # 128 permutations: ±0.09 standard error at worst


def test_a_broken_report_in_the_library_names_the_file(demo_project: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text(json.dumps({"schema": "Plan.1"}))
    with pytest.raises(ArtifactError, match="bad.json"):
        assess_project(demo_project, library=tmp_path)


def test_shingles_words_in_english_characters_in_chinese() -> None:
    assert shingles("The tide came in. The tide went out.") >= {"the tide came", "tide came in", "the tide went"}
    zh = shingles("潮水涨了，潮水退了。")
    assert "潮水涨了" in zh and all(len(s) == 4 and not re.search(r"[，。]", s) for s in zh)
