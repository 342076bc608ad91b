"""Every file a route touches is resolved here: inside its project, no ``..``, no symlink escape."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from microdrama.errors import MicrodramaError

#: project folder names the studio creates and serves
PROJECT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class UnsafePathError(MicrodramaError):
    """A path that would leave its project (or names no project)."""


def project_dir(projects_dir: Path, name: str) -> Path:
    """The folder of project ``name`` under ``projects_dir``; refuses odd names and symlinks out."""
    if not PROJECT_NAME.match(name) or name in (".", ".."):
        raise UnsafePathError(f"{name!r} is not a project name (letters, digits, '.', '_', '-'; 64 at most)")
    root = projects_dir.resolve()
    path = (root / name).resolve()
    if path.parent != root:
        raise UnsafePathError(f"project {name!r} is outside the projects folder")
    return path


def inside(project: Path, relative: str) -> Path:
    """``project/relative`` after checking it stays inside ``project`` once every symlink is resolved."""
    if not relative or "\x00" in relative or "\\" in relative:
        raise UnsafePathError(f"{relative!r} is not a file of this project")
    parts = relative.split("/")
    pure = PurePosixPath(relative)
    if pure.is_absolute() or any(part in ("..", ".", "") for part in parts) or parts[0] == ".microdrama":
        raise UnsafePathError(f"{relative!r} is not a file of this project")
    root = project.resolve()
    path = (root / pure).resolve()
    if not path.is_relative_to(root) or path == root:
        raise UnsafePathError(f"{relative!r} leaves the project")
    return path
