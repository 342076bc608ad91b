"""Every path a route touches stays inside its project."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.studio.safepath import UnsafePathError, inside, project_dir


def test_inside_accepts_project_files(tmp_path: Path) -> None:
    (tmp_path / "script").mkdir()
    (tmp_path / "script/ep001.fountain").write_text("x")
    assert inside(tmp_path, "script/ep001.fountain") == (tmp_path / "script/ep001.fountain").resolve()


@pytest.mark.parametrize(
    "rel",
    [
        "../x",
        "script/../../x",
        "/etc/passwd",
        "",
        "a//b",
        "a\\..\\b",
        "nul\x00l",
        ".microdrama/lock.json",
        "script/./../../x",
    ],
)
def test_inside_refuses_escapes(tmp_path: Path, rel: str) -> None:
    with pytest.raises(UnsafePathError):
        inside(tmp_path, rel)


def test_inside_refuses_symlink_out(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (project / "link.txt").symlink_to(tmp_path / "secret.txt")
    (project / "dir").symlink_to(tmp_path)
    for rel in ("link.txt", "dir/secret.txt"):
        with pytest.raises(UnsafePathError):
            inside(project, rel)


@pytest.mark.parametrize("name", ["..", ".", "a/b", "../x", ".hidden", "", "x" * 65, "a b"])
def test_project_dir_refuses_odd_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafePathError):
        project_dir(tmp_path, name)


def test_project_dir_refuses_symlinked_project(tmp_path: Path) -> None:
    (tmp_path / "projects").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "projects/evil").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafePathError):
        project_dir(tmp_path / "projects", "evil")
