"""What the pages read from a project folder: its listing, stages, plan, scripts, media and reports.

Everything here calls the library the CLI calls (``stage_status``, ``check``, the Fountain reader);
nothing re-implements a stage.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from microdrama.check.project import EpisodeFile, load_project
from microdrama.check.rules import RULES
from microdrama.errors import ArtifactError, FormatError, MicrodramaError
from microdrama.formats import fountain
from microdrama.formats.fountain import _is_heading
from microdrama.model import ScriptSources
from microdrama.pipeline.runner import stage_status
from microdrama.pipeline.stages import STAGES
from microdrama.project import atomic_write
from microdrama.settings import SETTINGS_FILE, Settings, load_settings
from microdrama.studio.config import STATE_DIR
from microdrama.write.align import attach_sources

EPISODE_FILE = re.compile(r"^ep(\d{3})\.fountain$")

#: reports made by stages on other branches: shown when their files exist
REPORTS = (
    ("check", "Series check", "(live)"),
    ("subtitles", "Subtitle QC", "subs/qc.json"),
    ("shoot", "Shoot plan", "shoot/stripboard.html"),
    ("compliance", "Compliance", "compliance/report.json"),
    ("assessment", "Assessment", "report/assess.html"),
)


class ConflictError(MicrodramaError):
    """A save based on a version of a file that someone else has changed since."""


@dataclass
class ProjectInfo:
    """One row of the projects list."""

    name: str
    title: str
    language: str
    episodes: int
    novel: str


def sha256_text(text: str) -> str:
    """The version id of a text file as the editor saw it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_project(path: Path) -> bool:
    """A folder holding microdrama.toml."""
    return path.is_dir() and not path.is_symlink() and (path / SETTINGS_FILE).is_file()


def list_projects(projects_dir: Path) -> list[ProjectInfo]:
    """Every project directly under ``projects_dir``, by name."""
    rows = []
    if not projects_dir.is_dir():
        return rows
    for path in sorted(projects_dir.iterdir()):
        if path.name == STATE_DIR or path.name.startswith(".") or not is_project(path):
            continue
        rows.append(project_info(path))
    return rows


def project_info(path: Path) -> ProjectInfo:
    """Title, language and episode count of a project (what exists so far)."""
    title, language = path.name, ""
    bible = _json(path / "series/bible.json")
    if bible:
        title, language = bible.get("title") or title, bible.get("language", "")
    try:
        novel = Path(load_settings(path).project.novel).name
    except MicrodramaError:
        novel = ""
    return ProjectInfo(name=path.name, title=title, language=language, episodes=len(episode_numbers(path)), novel=novel)


def _json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def episode_numbers(project: Path) -> list[int]:
    """Numbers of the episode scripts on disk."""
    folder = project / "script"
    if not folder.is_dir():
        return []
    return sorted(int(m.group(1)) for p in folder.iterdir() if (m := EPISODE_FILE.match(p.name)))


def script_path(project: Path, episode: int) -> Path:
    """``script/epNNN.fountain``."""
    return project / "script" / f"ep{episode:03d}.fountain"


def stages(project: Path) -> list[dict[str, str]]:
    """Each stage's state as ``microdrama status`` shows it, with a short state word for styling."""

    descriptions = {s.name: s.description for s in STAGES}
    try:
        settings = load_settings(project)
        rows = stage_status(project, settings)
    except MicrodramaError as exc:
        return [{"name": "project", "state": f"blocked: {exc}", "word": "blocked", "description": ""}]
    out = []
    for name, state in rows:
        word = "ok" if state == "up to date" else state.split(":")[0].split()[0]
        out.append({"name": name, "state": state, "word": word, "description": descriptions.get(name, "")})
    return out


def stale_names(project: Path) -> list[str]:
    """Stages that a run would redo."""
    return [row["name"] for row in stages(project) if row["word"] == "stale"]


# -- the plan -----------------------------------------------------------------------------------


@dataclass
class PlanRow:
    """One episode as the plan page shows it."""

    number: int
    title: str
    hook: str
    cliffhanger: str
    paywall: bool
    target_s: int
    tension: float
    """Closing tension: the highest tension among the episode's last two events (0-1)."""
    beats: list[dict[str, str]] = field(default_factory=list)


def plan_rows(project: Path) -> list[PlanRow]:
    """The series plan with each episode's closing tension from ``story/events.json``."""
    plan = _json(project / "series/plan.json")
    if not plan:
        return []
    events = _json(project / "story/events.json") or {}
    tension = {e.get("id"): float(e.get("tension", 0.0)) for e in events.get("events", [])}
    rows = []
    for ep in plan.get("episodes", []):
        beats = ep.get("beats", [])
        hook = next((b["text"] for b in beats if b.get("kind") == "hook"), "")
        closing = [tension.get(e, 0.0) for e in ep.get("events", [])[-2:]]
        rows.append(
            PlanRow(
                number=ep["number"],
                title=ep.get("title", ""),
                hook=hook,
                cliffhanger=ep.get("cliffhanger", ""),
                paywall=bool(ep.get("paywall")),
                target_s=round(ep.get("target_ms", 0) / 1000),
                tension=max(closing, default=0.0),
                beats=[{"kind": b.get("kind", ""), "text": b.get("text", "")} for b in beats],
            )
        )
    return rows


def tension_chart(rows: list[PlanRow], width: int = 720, height: int = 180) -> str:
    """An inline SVG line chart of closing tension per episode, the paywall marked."""
    if not rows:
        return ""
    pad = 28
    step = (width - 2 * pad) / max(len(rows) - 1, 1)
    points = [(pad + i * step, height - pad - r.tension * (height - 2 * pad)) for i, r in enumerate(rows)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="closing tension per episode">',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" class="axis"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" class="axis"/>',
        f'<text x="4" y="{pad + 4}" class="tick">1.0</text><text x="4" y="{height - pad + 4}" class="tick">0</text>',
    ]
    for (x, y), row in zip(points, rows, strict=True):
        if row.paywall:
            parts.append(
                f'<line x1="{x:.1f}" y1="{pad}" x2="{x:.1f}" y2="{height - pad}" class="paywall"/>'
                f'<text x="{x + 4:.1f}" y="{pad + 10}" class="tick">paywall</text>'
            )
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"><title>Ep {row.number}: {row.tension:.2f}</title></circle>'
        )
        if len(rows) <= 30 or row.number % 5 == 0:
            parts.append(f'<text x="{x - 4:.1f}" y="{height - 8}" class="tick">{row.number}</text>')
    parts.append(f'<polyline points="{line}" class="series"/></svg>')
    return "".join(parts)


# -- scripts: preview and findings ----------------------------------------------------------------


def read_script(project: Path, episode: int) -> tuple[str, str]:
    """The episode's Fountain text and its version (sha256)."""
    text = script_path(project, episode).read_text(encoding="utf-8")
    return text, sha256_text(text)


def save_script(project: Path, episode: int, text: str, base_version: str) -> str:
    """Write the episode's script atomically if it is still at ``base_version``; returns the new version.

    Raises:
        ConflictError: the file changed since the editor loaded it (another browser saved first).
    """

    path = script_path(project, episode)
    current = sha256_text(path.read_text(encoding="utf-8"))
    if current != base_version:
        raise ConflictError(
            f"episode {episode} was saved by someone else since you opened it; your text was not saved. "
            "Copy your changes, reload the page to get the latest version, and apply them again."
        )
    text = text.replace("\r\n", "\n")
    atomic_write(path, text.encode("utf-8"), tmp_dir=project / ".microdrama" / "studio")
    return sha256_text(text)


def draft_findings(project: Path, episode: int, text: str) -> tuple[list[dict[str, Any]], Any]:
    """The ``check`` findings of episode ``episode`` as if its script were ``text``, and the parsed
    script (None when it does not parse); nothing is written."""

    try:
        loaded = _loaded_project(project)
    except (ArtifactError, OSError) as exc:
        return [{"rule": "project", "severity": "error", "message": str(exc), "line": None}], None
    rel = f"script/ep{episode:03d}.fountain"
    draft = EpisodeFile(number=episode, path=rel, text=text)
    try:
        parsed = fountain.read_episode(text, language=loaded.bible.language, where=rel)
    except FormatError as exc:
        draft.error = str(exc)
    else:
        sources_path = project / f"script/ep{episode:03d}.sources.json"
        sources = (
            ScriptSources.load(sources_path)
            if sources_path.exists()
            else ScriptSources(episode=episode, lines=[], provenance={"stage": "write"})
        )
        draft.script = attach_sources(parsed, sources, language=loaded.bible.language).model_copy(
            update={"episode": episode}
        )
    loaded = dataclasses.replace(loaded, episodes=[draft if e.number == episode else e for e in loaded.episodes])
    findings = []
    for _rule, check in RULES.values():
        for finding in check(loaded):
            if finding.episode == episode or (finding.file == rel):
                findings.append(
                    {
                        "rule": finding.rule,
                        "severity": finding.severity,
                        "message": finding.message,
                        "line": _line_of(finding.message, text),
                    }
                )
    return findings, draft.script


#: what ``check`` reads of a project, and the project as it read it then (one per project folder)
_CHECKED: dict[Path, tuple[tuple[tuple[str, int, int], ...], Any]] = {}
_CHECK_INPUTS = (
    "script/ep[0-9][0-9][0-9].fountain",
    "script/ep[0-9][0-9][0-9].sources.json",
    "series/plan.json",
    "series/bible.json",
    "story/cast.json",
    "story/events.json",
)


def _loaded_project(root: Path) -> Any:
    """``check``'s view of the project, parsed again only when one of its files changed: typing in one
    episode must not re-parse the other 59 on every keystroke."""

    stamp = []
    for pattern in _CHECK_INPUTS:
        for path in sorted(root.glob(pattern)):
            info = path.stat()
            stamp.append((path.relative_to(root).as_posix(), info.st_mtime_ns, info.st_size))
    key = tuple(stamp)
    cached = _CHECKED.get(root)
    if cached is not None and cached[0] == key:
        return cached[1]
    loaded = load_project(root)
    if len(_CHECKED) > 16:
        _CHECKED.clear()
    _CHECKED[root] = (key, loaded)
    return loaded


_QUOTED = re.compile(r"[\"“「'‘]([^\"”」'’]{4,})[\"”」'’]")
_LINE_NO = re.compile(r"\bline (\d+)\b")
_CUE = re.compile(r"\bcue (.+?) (?:\(scene|is another)")
_SCENE = re.compile(r"\bscene (\d+)\b")


def _line_of(message: str, text: str) -> int | None:
    """The 1-based line a finding is about, so the editor can mark it: a 'line N' in the message, else
    the cue or quoted fragment it names (inside its scene when it names one), else its scene's heading."""

    found = _LINE_NO.search(message)
    if found:
        return int(found.group(1))
    lines = text.splitlines()
    headings = [i for i, line in enumerate(lines) if _is_heading(line)]
    scene = _SCENE.search(message)
    start, end = 0, len(lines)
    if scene and 1 <= int(scene.group(1)) <= len(headings):
        number = int(scene.group(1))
        start = headings[number - 1]
        end = headings[number] if number < len(headings) else len(lines)
    cue = _CUE.search(message)
    if cue:
        for i in range(start, end):
            if lines[i].strip().split(" (")[0].lstrip("@") == cue.group(1):
                return i + 1
    for quoted in _QUOTED.findall(message):
        fragment = quoted.strip(" .…")[:30]
        for i in range(start, end):
            if fragment and fragment in lines[i]:
                return i + 1
    return start + 1 if scene and headings else None


# -- media, reports, downloads --------------------------------------------------------------------


def panels(project: Path, episode: int) -> list[dict[str, Any]]:
    """The episode's storyboard panels with their shot descriptions."""
    folder = project / "board" / f"ep{episode:03d}"
    shots = (_json(folder / "shots.json") or {}).get("shots", [])
    by_id = {s.get("id"): s for s in shots}
    rows = []
    for path in sorted(folder.glob("s[0-9][0-9][0-9].png")):
        number = int(path.stem[1:])
        shot = by_id.get(path.stem, {})
        rows.append(
            {
                "file": f"board/ep{episode:03d}/{path.name}",
                "number": number,
                "size": shot.get("size", ""),
                "text": shot.get("caption") or shot.get("action") or "",
                "frame": f"board/ep{episode:03d}/frames/{path.name}",
            }
        )
    return rows


def media_episodes(project: Path) -> list[int]:
    """Episodes with a storyboard or an animatic."""
    numbers = set()
    for pattern in ("board/ep[0-9][0-9][0-9]", "cut/ep[0-9][0-9][0-9].vertical.mp4"):
        for path in project.glob(pattern):
            numbers.add(int(path.name[2:5]))
    return sorted(numbers)


def voices(project: Path) -> list[dict[str, Any]]:
    """The voice bible's voices."""
    return (_json(project / "voice/bible.json") or {}).get("voices", [])


def reports(project: Path) -> list[dict[str, str]]:
    """Which reports exist."""
    return [
        {"id": rid, "title": title, "file": rel, "exists": rel == "(live)" or (project / rel).is_file()}
        for rid, title, rel in REPORTS
    ]


def release_files(project: Path) -> tuple[str, list[str]]:
    """What the release download holds: everything under ``release/`` when that folder exists, else
    the animatics, edit files, script exports and subtitles made so far. Returns (kind, files)."""
    release = project / "release"
    if release.is_dir():
        files = [p for p in release.rglob("*") if p.is_file() and not p.is_symlink()]
        return "release", sorted(p.relative_to(project).as_posix() for p in files)
    patterns = (
        "cut/ep[0-9][0-9][0-9].*",
        "script/series.*",
        "subs/ep[0-9][0-9][0-9].*",
        "shoot/*.xlsx",
        "shoot/callsheets/*.pdf",
    )
    files = {
        p.relative_to(project).as_posix()
        for pattern in patterns
        for p in project.glob(pattern)
        if p.is_file() and not p.is_symlink()
    }
    return "exports", sorted(files)


def settings_summary(project: Path) -> Settings | None:
    """The project's settings, or None when they cannot be read."""
    try:
        return load_settings(project)
    except MicrodramaError:
        return None
