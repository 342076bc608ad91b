"""Latency of the web studio's pages and of the editor's live requests, on a produced series.

Run from the repository root::

    .venv/bin/python benchmarks/studio.py [NOVEL] [--episodes 12] [--rounds 20]

NOVEL defaults to the English demo story; it is produced once (no media) into a temporary folder,
then each request is made ``--rounds`` times in process (FastAPI's test client: server time, no
network): the first request (cold caches) is shown apart, the median and 95th percentile are of the
others. Targets (p95): a page under 500 ms, the live preview (re-parse + every ``check`` rule on the
draft) under 300 ms so typing feels live, a save under 300 ms. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGETS_MS = {"page": 500.0, "preview": 300.0, "save": 300.0}


def main() -> int:
    from fastapi.testclient import TestClient

    from microdrama.demo import demo_story_path
    from microdrama.pipeline import Runner
    from microdrama.settings import Settings
    from microdrama.studio.app import create_app
    from microdrama.studio.config import StudioConfig

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("novel", nargs="?", type=Path, default=demo_story_path("en"))
    parser.add_argument("--episodes", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "projects"
        project = root / "bench"
        (project / "novel").mkdir(parents=True)
        shutil.copyfile(args.novel, project / f"novel/novel{args.novel.suffix}")
        started = time.perf_counter()
        Runner(
            project,
            Settings().with_values(
                {
                    "project.novel": f"novel/novel{args.novel.suffix}",
                    "series.episodes": args.episodes,
                    "media.episodes": "",
                }
            ),
        ).run()
        produced = time.perf_counter() - started
        with TestClient(create_app(StudioConfig(projects_dir=root))) as client:
            page = client.get("/").text
            csrf = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
            path = project / "script/ep001.fountain"
            text = path.read_text()
            version = hashlib.sha256(text.encode()).hexdigest()
            rows: list[tuple[str, str, list[float]]] = []

            def timed(kind: str, label: str, call) -> None:  # type: ignore[no-untyped-def]
                samples = []
                for _ in range(args.rounds + 1):
                    t0 = time.perf_counter()
                    response = call()
                    samples.append((time.perf_counter() - t0) * 1000)
                    if response.status_code >= 400:
                        raise SystemExit(f"{label}: HTTP {response.status_code}")
                rows.append((kind, label, samples))

            for url in (
                "/",
                "/p/bench",
                "/p/bench/plan",
                "/p/bench/ep/1",
                "/p/bench/cast",
                "/p/bench/review",
                "/p/bench/reports",
                "/p/bench/release",
            ):
                timed("page", f"GET {url}", lambda url=url: client.get(url))
            headers = {"X-CSRF-Token": csrf}
            timed(
                "preview",
                "POST preview (draft)",
                lambda: client.post("/p/bench/ep/1/preview", json={"text": text + "\nShe waits.\n"}, headers=headers),
            )
            state = {"version": version, "n": 0}

            def save():  # type: ignore[no-untyped-def]
                state["n"] += 1
                response = client.post(
                    "/p/bench/ep/1/save",
                    json={"text": text + f"\nBeat {state['n']}.\n", "version": state["version"]},
                    headers=headers,
                )
                state["version"] = response.json().get("version", state["version"])
                return response

            timed("save", "POST save (+ stale stages)", save)
    print(
        f"{args.novel.name}: {args.episodes} episodes produced in {produced:.1f} s; {args.rounds} rounds per request\n"
    )
    print(f"{'request':<34} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'target':>8}  ok")
    failed = False
    for kind, label, all_samples in rows:
        first, samples = all_samples[0], all_samples[1:]
        p50 = statistics.median(samples)
        p95 = sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]
        ok = p95 <= TARGETS_MS[kind]
        failed |= not ok
        print(f"{label:<34} {first:9.1f} {p50:8.1f} {p95:8.1f} {TARGETS_MS[kind]:8.0f}  {'yes' if ok else 'NO'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
