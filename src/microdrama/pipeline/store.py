"""Atomic writes and the content-addressed blob store under ``.microdrama/store``.

Every file microdrama writes goes through :func:`atomic_write`: the bytes land in a temporary file
(outside the visible tree when the caller gives a ``tmp_dir``), are flushed to disk, then renamed over
the target. A crash or ``kill -9`` at any moment leaves either the old file or the new one, never a
half-written one.
"""

from __future__ import annotations

import hashlib
import os
import signal
import tempfile
from pathlib import Path

#: fault injection for tests: SIGKILL this process just before the N-th rename (1-based)
FAULT_ENV = "MICRODRAMA_FAULT_KILL_AFTER_WRITES"
_writes_done = 0


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of ``data``."""
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


class BlobStore:
    """Content-addressed blobs at ``<root>/sha256/ab/cdef…`` (DVC layout), written atomically."""

    def __init__(self, root: Path, tmp_dir: Path) -> None:
        self.root = root
        self.tmp_dir = tmp_dir

    def path_of(self, oid: str) -> Path:
        """Where the blob with hash ``oid`` lives."""
        return self.root / "sha256" / oid[:2] / oid[2:]

    def put(self, data: bytes) -> str:
        """Store ``data`` (once) and return its hash."""
        oid = sha256_bytes(data)
        target = self.path_of(oid)
        if not target.exists():
            atomic_write(target, data, tmp_dir=self.tmp_dir)
        return oid

    def get(self, oid: str) -> bytes | None:
        """The blob's bytes, or None when absent or damaged."""
        target = self.path_of(oid)
        try:
            data = target.read_bytes()
        except FileNotFoundError:
            return None
        return data if sha256_bytes(data) == oid else None
