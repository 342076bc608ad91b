"""``--cast FILE``: the file is checked with clear errors and lands in story/known_cast.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microdrama.analyze.known_cast import KNOWN_CAST, install_cast, read_cast_file
from microdrama.cli import main
from microdrama.errors import SettingsError

CAST = [
    {"id": "nell", "name": "Nell", "aliases": ["Miss Pryce"], "gender": "female"},
    {"id": "owen", "name": "Owen Blake", "aliases": [], "gender": "male"},
]
TINY = 'Chapter 1\n\n"Hello," said Nell. "Is the shop open?"\n\n"It is," Owen replied.\n\nChapter 2\n\n"Good," said Nell.\n'


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_good_file_is_read_and_installed(tmp_path: Path) -> None:
    entries = read_cast_file(_write(tmp_path / "cast.json", [{"id": "x", "name": " X "}]))
    assert entries == [{"id": "x", "name": "X", "aliases": [], "gender": "unknown"}]
    install_cast(tmp_path / "project", entries)
    assert json.loads((tmp_path / "project" / KNOWN_CAST).read_text(encoding="utf-8")) == entries


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"id": "x"}, "non-empty JSON list"),
        ([], "non-empty JSON list"),
        (["Nell"], "entry 1 is not an object"),
        ([{"name": "Nell"}], "entry 1 needs a non-empty string 'id'"),
        ([{"id": "a", "name": "A"}, {"id": "a", "name": "B"}], "entry 2: id 'a' is used twice"),
        ([{"id": "a", "name": ""}], "needs a non-empty string 'name'"),
        ([{"id": "a", "name": "A", "aliases": "Al"}], "'aliases' must be a list of strings"),
        ([{"id": "a", "name": "A", "gender": "M"}], "'gender' must be one of male, female, unknown"),
        ([{"id": "a", "name": "A", "age": 3}], "unknown field(s) age"),
    ],
)
def test_bad_files_name_the_entry(tmp_path: Path, data: object, problem: str) -> None:
    path = _write(tmp_path / "cast.json", data)
    with pytest.raises(SettingsError, match=r".*") as caught:
        read_cast_file(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_not_json_or_missing(tmp_path: Path) -> None:
    (tmp_path / "cast.json").write_text("[{", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid UTF-8 JSON"):
        read_cast_file(tmp_path / "cast.json")
    with pytest.raises(SettingsError, match="cannot read"):
        read_cast_file(tmp_path / "absent.json")


def test_bad_cast_fails_before_a_project_exists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    novel = tmp_path / "tiny.txt"
    novel.write_text(TINY, encoding="utf-8")
    bad = _write(tmp_path / "cast.json", [{"id": "a"}])
    assert main(["produce", str(novel), "-o", str(tmp_path / "p"), "--cast", str(bad)]) == 2
    assert "entry 1 (a) needs a non-empty string 'name'" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()
    good = _write(tmp_path / "good.json", CAST)
    assert main(["produce", str(tmp_path / "absent.txt"), "-o", str(tmp_path / "p"), "--cast", str(good)]) == 2
    assert not (tmp_path / "p").exists()


def test_produce_with_cast_attributes_against_it(tmp_path: Path) -> None:
    novel = tmp_path / "tiny.txt"
    novel.write_text(TINY, encoding="utf-8")
    project = tmp_path / "p"
    cast_file = _write(tmp_path / "cast.json", CAST)
    assert main(["produce", str(novel), "-o", str(project), "--cast", str(cast_file), "--executor", "serial"]) == 0
    assert json.loads((project / KNOWN_CAST).read_text(encoding="utf-8"))[1]["id"] == "owen"
    cast = json.loads((project / "story" / "cast.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in cast["characters"]] == ["nell", "owen"]
    quotes = json.loads((project / "story" / "quotes.json").read_text(encoding="utf-8"))["quotes"]
    assert [q["speaker"] for q in quotes] == ["nell", "owen", "nell"]
    # `microdrama analyze PROJECT --cast` replaces the list and re-runs analysis
    swapped = _write(tmp_path / "swapped.json", [{**CAST[0], "id": "eleanor"}, CAST[1]])
    assert main(["analyze", str(project), "--cast", str(swapped), "--executor", "serial"]) == 0
    quotes = json.loads((project / "story" / "quotes.json").read_text(encoding="utf-8"))["quotes"]
    assert quotes[0]["speaker"] == "eleanor"
