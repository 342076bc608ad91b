"""Atomic writes never leave a partial file; the blob store is content-addressed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from microdrama.pipeline.store import FAULT_ENV, BlobStore, atomic_write, sha256_bytes


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    atomic_write(target, b"one", tmp_dir=tmp_path / "tmp")
    atomic_write(target, b"two", tmp_dir=tmp_path / "tmp")
    assert target.read_bytes() == b"two"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_killed_write_leaves_old_content(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    code = (
        "from pathlib import Path; from microdrama.pipeline.store import atomic_write;"
        f"atomic_write(Path({str(target)!r}), b'new' * 1000, tmp_dir=Path({str(tmp_path / 'tmp')!r}))"
    )
    proc = subprocess.run([sys.executable, "-c", code], env={**os.environ, FAULT_ENV: "1"}, check=False)
    assert proc.returncode == -9
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["out.txt"]


def test_blob_store_layout_and_integrity(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store", tmp_path / "tmp")
    oid = store.put(b"hello")
    assert oid == sha256_bytes(b"hello")
    assert store.path_of(oid) == tmp_path / "store" / "sha256" / oid[:2] / oid[2:]
    assert store.get(oid) == b"hello"
    store.path_of(oid).write_bytes(b"tampered")
    assert store.get(oid) is None
    assert store.get("0" * 64) is None
