"""The ground floor every stage stands on: the stage context, the project's path layout, atomic writes.

A stage is a function ``run_<stage>(ctx: StageContext) -> Outputs`` kept in its own package
(``ingest/stage.py`` … ``subtitle/stage.py``). It reads its inputs through the context and returns
its outputs as bytes; it never writes a file — the pipeline (``microdrama.pipeline``, the floor
above every stage) writes them with :func:`atomic_write`. This module imports nothing of
microdrama but the settings, the artifact base and the errors, so any package may stand on it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from microdrama.model.base import Artifact
from microdrama.settings import Settings

A = TypeVar("A", bound=Artifact)
T = TypeVar("T")
R = TypeVar("R")

#: a stage's result: project-relative path -> complete file content
Outputs = dict[str, bytes]

#: fault injection for tests: SIGKILL this process just before the N-th rename (1-based)
FAULT_ENV = "MICRODRAMA_FAULT_KILL_AFTER_WRITES"
_writes_done = 0


class ProjectLayout:
    """Where every artifact lives, relative to the project folder: the one place paths are spelled.

    >>> paths.fountain(7)
    'script/ep007.fountain'
    >>> paths.episode_of("script/ep012.sources.json")
    12
    >>> paths.vertical(3)
    'cut/ep003.vertical.mp4'
    """

    source = "source/source.json"
    known_cast = "story/known_cast.json"
    cast = "story/cast.json"
    quotes = "story/quotes.json"
    places = "story/places.json"
    events = "story/events.json"
    bible = "series/bible.json"
    plan = "series/plan.json"
    coverage = "series/coverage.json"
    looks = "board/looks.json"
    voice_bible = "voice/bible.json"
    #: the model-refinement report of each refined stage
    refine_reports = {"analyze": "story/refine.json", "adapt": "series/refine.json", "write": "script/refine.json"}

    @staticmethod
    def episode(number: int) -> str:
        """The episode's stem, ``ep007``."""
        return f"ep{number:03d}"

    @staticmethod
    def episode_of(path: str) -> int:
        """The episode number in a path such as ``script/ep012.json`` or ``board/ep012/shots.json``."""
        name = path.rsplit("/", 2)
        for part in reversed(name):
            if part.startswith("ep") and part[2:5].isdigit():
                return int(part[2:5])
        raise ValueError(f"no episode number in {path!r}")

    def script_file(self, number: int, suffix: str) -> str:
        """An episode's script file, e.g. ``script/ep007.fountain`` for suffix ``.fountain``."""
        return f"script/{self.episode(number)}{suffix}"

    def fountain(self, number: int) -> str:
        """The episode's Fountain screenplay (what people edit)."""
        return self.script_file(number, ".fountain")

    def sources(self, number: int) -> str:
        """Which book passage each written line came from."""
        return self.script_file(number, ".sources.json")

    def script(self, number: int) -> str:
        """The structured script parsed back from the Fountain file."""
        return self.script_file(number, ".json")

    def order(self, number: int) -> str:
        """The media order that turns on board, voice and cut for the episode."""
        return f"board/{self.episode(number)}.order.json"

    def board_dir(self, number: int) -> str:
        """The episode's storyboard folder."""
        return f"board/{self.episode(number)}"

    def shots(self, number: int) -> str:
        """The episode's shot list."""
        return f"{self.board_dir(number)}/shots.json"

    def frame(self, number: int, shot: str) -> str:
        """A shot's clean frame (what the cut shows)."""
        return f"{self.board_dir(number)}/frames/{shot}.png"

    def timing(self, number: int) -> str:
        """When each voiced line of the episode is heard."""
        return f"{self.voice_dir(number)}/timing.json"

    def subs_file(self, number: int, suffix: str) -> str:
        """An episode's subtitle file, e.g. ``subs/ep002.en.srt`` for suffix ``.en.srt``."""
        return f"subs/{self.episode(number)}{suffix}"

    def voice_dir(self, number: int) -> str:
        """The episode's voice clips folder."""
        return f"voice/{self.episode(number)}"

    def cut_file(self, number: int, suffix: str) -> str:
        """An episode's animatic file, e.g. ``cut/ep003.otio`` for suffix ``.otio``."""
        return f"cut/{self.episode(number)}{suffix}"

    def vertical(self, number: int) -> str:
        """The 9:16 animatic."""
        return self.cut_file(number, ".vertical.mp4")


#: the project layout (it holds no state: one is enough)
paths = ProjectLayout()


class Executor(Protocol):
    """Runs ``fn`` over ``items`` and returns the results in item order."""

    def map(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        on_done: Callable[[int, R], None] | None = None,
        *,
        keep: bool = True,
    ) -> list[R]:
        """Apply ``fn`` to every item; ``on_done(i, result)`` is called (in this process) as item ``i`` finishes.

        ``keep=False`` drops each result once ``on_done`` has it (the list holds ``None``): a fan-out of 60
        episodes of video then never sits in this process's memory at once.
        """
        ...

    def close(self) -> None:
        """Release workers."""
        ...


class SerialExecutor:
    """Runs everything in this process, in order (debugging, tiny jobs, the default of a context)."""

    def map(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        on_done: Callable[[int, R], None] | None = None,
        *,
        keep: bool = True,
    ) -> list[R]:
        """See :meth:`Executor.map`.

        >>> SerialExecutor().map(lambda x: x * 2, [1, 2, 3])
        [2, 4, 6]
        """
        results: list[Any] = []
        for i, item in enumerate(items):
            result = fn(item)
            if on_done:
                on_done(i, result)
            results.append(result if keep else None)
        return results

    def close(self) -> None:
        """See :meth:`Executor.close`."""


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


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of ``data``.

    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _maybe_inject_fault() -> None:
    global _writes_done
    limit = os.environ.get(FAULT_ENV)
    if not limit:
        return
    _writes_done += 1
    if _writes_done >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


def atomic_write(path: Path, data: bytes, *, tmp_dir: Path | None = None) -> None:
    """Write ``data`` to ``path`` so that readers only ever see the old or the complete new file.

    The bytes land in a temporary file, are flushed to disk, then renamed over the target: a crash
    or ``kill -9`` at any moment leaves either the old file or the new one, never a half-written one.

    Args:
        path: target file; parent folders are created.
        data: the complete content.
        tmp_dir: folder for the temporary file, on the same file system (the project's
            ``.microdrama/tmp``), so no partial file ever appears beside the target.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    where = tmp_dir if tmp_dir is not None else path.parent
    where.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=where)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _maybe_inject_fault()
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
