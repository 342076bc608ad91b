"""The content-addressed blob store under ``.microdrama/store``.

Every file microdrama writes goes through :func:`microdrama.project.atomic_write` (re-exported here
for the runner): a crash or ``kill -9`` at any moment leaves either the old file or the new one.
"""

from __future__ import annotations

from pathlib import Path

from microdrama.project import FAULT_ENV, atomic_write, sha256_bytes, sha256_file

__all__ = ["FAULT_ENV", "BlobStore", "atomic_write", "sha256_bytes", "sha256_file"]


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
