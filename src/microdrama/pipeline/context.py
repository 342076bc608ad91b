"""What a stage function sees: the project, its settings, the executor, its inputs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from microdrama.model.base import Artifact
from microdrama.pipeline.executors import Executor, SerialExecutor
from microdrama.settings import Settings

A = TypeVar("A", bound=Artifact)

#: a stage's result: project-relative path -> complete file content
Outputs = dict[str, bytes]


@dataclass
class StageContext:
    """Read-only view of the project for one stage run; stages return outputs instead of writing."""

    project: Path
    settings: Settings
    inputs: dict[str, str] = field(default_factory=dict)
    unit: str | None = None
    executor: Executor = field(default_factory=SerialExecutor)
    progress: Callable[[int, int], None] | None = None

    def path(self, relative: str) -> Path:
        """Absolute path of a project-relative file."""
        return self.project / relative

    def load(self, cls: type[A], relative: str) -> A:
        """Load and validate an artifact of the project."""
        return cls.load(self.project / relative)

    def novel_path(self) -> Path:
        """The novel file named in the settings (relative paths are relative to the project)."""
        novel = Path(self.settings.project.novel).expanduser()
        return novel if novel.is_absolute() else self.project / novel

    def parents(self, *prefixes: str) -> dict[str, str]:
        """Input hashes (for provenance), limited to paths starting with one of ``prefixes``."""
        return {p: h for p, h in self.inputs.items() if not prefixes or p.startswith(prefixes)}
