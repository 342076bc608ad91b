"""Sameness index: how much of this series' plan and scripts another series in a library shares.

Each series becomes a set of shingles (:func:`microdrama.assess.text.shingles`) and a MinHash
signature (``datasketch``, 128 permutations, fixed seed), stored in the report so a library may hold
reports as well as project folders. Two series are compared by Jaccard similarity — exact when both
shingle sets are at hand, else estimated from the signatures — and by the cosine of their trope
profiles; the closest matches say what they share (tropes and, for projects, common phrases).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datasketch import MinHash

from microdrama.assess.tropes import PRESENT_DENSITY
from microdrama.errors import ArtifactError

NUM_PERM = 128
SEED = 1
#: datasketch's permutation scheme, fixed so stored signatures stay comparable across versions
SCHEME = "affine32"
#: Jaccard at or above which two series are near-duplicates, and "similar"
NEAR_DUPLICATE, SIMILAR = 0.5, 0.15
#: closest matches listed
CLOSEST = 5
#: common phrases listed per match
SHARED_PHRASES = 5


@dataclass
class Entry:
    """One series in a comparison: its name, shingles (when a project), signature and trope densities."""

    name: str
    path: str
    signature: MinHash
    tropes: dict[str, float]
    shingles: set[str] | None = None


def signature(shingles: set[str]) -> MinHash:
    """The MinHash signature of a shingle set."""
    sig = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    sig.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return sig


def signature_json(sig: MinHash) -> dict[str, Any]:
    """The signature as it is stored in the report."""
    return {"num_perm": NUM_PERM, "seed": SEED, "scheme": SCHEME, "hashvalues": [int(v) for v in sig.hashvalues]}


def signature_from_json(data: dict[str, Any], where: str) -> MinHash:
    """A stored signature back; a different permutation count or seed cannot be compared."""
    if (data.get("num_perm"), data.get("seed"), data.get("scheme")) != (NUM_PERM, SEED, SCHEME) or len(
        data.get("hashvalues", [])
    ) != NUM_PERM:
        raise ArtifactError(
            where,
            f"minhash made with other settings (need num_perm={NUM_PERM}, seed={SEED}, "
            f"scheme={SCHEME}); assess the project again",
        )
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=data["hashvalues"])


def jaccard(a: Entry, b: Entry) -> tuple[float, str]:
    """Jaccard similarity of two series, and how it was computed ('exact' or 'minhash')."""
    if a.shingles is not None and b.shingles is not None:
        union = len(a.shingles | b.shingles)
        return (len(a.shingles & b.shingles) / union if union else 0.0), "exact"
    return float(a.signature.jaccard(b.signature)), "minhash"


def trope_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two trope-density profiles."""
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def verdict(score: float) -> str:
    """near-duplicate / similar / distinct."""
    return "near-duplicate" if score >= NEAR_DUPLICATE else "similar" if score >= SIMILAR else "distinct"


def compare(this: Entry, library: list[Entry], redact: bool = False) -> dict[str, Any]:
    """Sameness of ``this`` against every library entry, closest first."""
    rows = []
    for other in library:
        score, method = jaccard(this, other)
        shared = sorted(
            k
            for k in this.tropes.keys() & other.tropes.keys()
            if min(this.tropes[k], other.tropes[k]) >= PRESENT_DENSITY
        )
        row: dict[str, Any] = {
            "name": other.name,
            "path": other.path,
            "jaccard": round(score, 3),
            "method": method,
            "verdict": verdict(score),
            "trope_cosine": round(trope_cosine(this.tropes, other.tropes), 3),
            "shared_tropes": shared,
        }
        if this.shingles is not None and other.shingles is not None:
            common = this.shingles & other.shingles
            row["shared_shingles"] = len(common)
            if not redact:
                row["shared_phrases"] = sorted(common, key=lambda s: (-len(s), s))[:SHARED_PHRASES]
        rows.append(row)
    rows.sort(key=lambda r: (-r["jaccard"], -r["trope_cosine"], r["name"]))
    top = rows[0]["jaccard"] if rows else 0.0
    return {
        "method": f"Jaccard over shingles (3 words / 4 汉字) of plan and scripts; MinHash {NUM_PERM} perms seed {SEED}",
        "thresholds": {"near_duplicate": NEAR_DUPLICATE, "similar": SIMILAR},
        "library_size": len(rows),
        "index": round(top, 3),
        "originality": round(1.0 - top, 3),
        "verdict": verdict(top) if rows else "no library",
        "closest": rows[:CLOSEST],
    }


def report_entry(path: Path) -> Entry:
    """A library entry from a stored ``assess.json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ArtifactError(path, f"not a readable assess report ({exc})") from exc
    originality = data.get("originality", {})
    if "minhash" not in originality:
        raise ArtifactError(path, "no originality.minhash (not an assess report?)")
    tropes = {t["id"]: t["per_10k"] for t in originality.get("tropes", {}).get("tropes", [])}
    name = data.get("series", {}).get("title") or path.stem
    return Entry(
        name=name, path=str(path), signature=signature_from_json(originality["minhash"], str(path)), tropes=tropes
    )
