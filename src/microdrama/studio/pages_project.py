"""Project-level pages: the list, a new project from a novel, runs with live progress, the plan,
reports, release downloads and the project's files."""

from __future__ import annotations

import asyncio
import io
import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import (
    FileResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.datastructures import UploadFile

from microdrama.check import check_project
from microdrama.errors import IngestError, MicrodramaError
from microdrama.ingest.reader import READERS, read_novel
from microdrama.pipeline.stages import STAGES
from microdrama.project import atomic_write
from microdrama.settings import SETTINGS_FILE, Settings, load_settings
from microdrama.studio import workspace
from microdrama.studio.auth import grant
from microdrama.studio.config import STATE_DIR
from microdrama.studio.db import Audit, User, record
from microdrama.studio.jobs import JobBusyError, read_events
from microdrama.studio.safepath import (
    PROJECT_NAME,
    UnsafePathError,
    inside,
    project_dir,
)
from microdrama.studio.web import check_csrf, guard, human_size, page, viewer

router = APIRouter()

#: what the new-project form may set, with its setting and bounds
SERIES_FIELDS = {"episodes": ("series.episodes", 1, 500), "episode_seconds": ("series.episode_seconds", 15, 900)}
MEDIA_TYPES = {
    ".mp4": "video/mp4",
    ".wav": "audio/wav",
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".srt": "text/plain; charset=utf-8",
    ".vtt": "text/vtt",
    ".fountain": "text/plain; charset=utf-8",
    ".fdx": "application/xml",
    ".otio": "application/json",
    ".xml": "application/xml",
    ".edl": "text/plain; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/")
async def projects(request: Request) -> Response:
    """The projects the viewer may open."""
    who = viewer(request)
    rows = [p for p in workspace.list_projects(request.app.state.config.projects_dir) if who.may("view", p.name)]
    jobs = request.app.state.jobs
    states = {p.name: jobs.state(request.app.state.config.projects_dir / p.name).state for p in rows}
    return page(request, "projects.html", projects=rows, states=states)


@router.get("/new")
async def new_project_page(request: Request) -> Response:
    """The upload form."""
    if not viewer(request).may("create"):
        raise HTTPException(403, "your role may not create projects")
    return page(request, "new.html", error=None, limit=human_size(request.app.state.config.max_novel_bytes))


@router.post("/new")
async def new_project(request: Request) -> Response:
    """Create a project from an uploaded novel: the ingest checks run first, so a bad file leaves nothing."""

    await check_csrf(request)
    who = viewer(request)
    if not who.may("create"):
        raise HTTPException(403, "your role may not create projects")
    config = request.app.state.config
    form = await request.form()
    limit = human_size(config.max_novel_bytes)

    def refuse(message: str, status: int = 400) -> Response:
        return page(request, "new.html", status_code=status, error=message, limit=limit)

    upload = form.get("novel")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return refuse("Choose a novel file to upload.")
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in READERS:
        return refuse(
            f"{upload.filename}: unsupported type {suffix or '(none)'}; the studio reads {', '.join(sorted(READERS))}.",
            415,
        )
    name = (
        str(form.get("name", "")).strip()
        or re.sub(r"[^A-Za-z0-9._-]+", "-", Path(upload.filename).stem).strip("-.")[:64]
    )
    if not PROJECT_NAME.match(name):
        return refuse(
            "A project name is letters, digits, '.', '_' or '-' (64 at most), starting with a letter or digit."
        )
    try:
        project = project_dir(config.projects_dir, name)
    except UnsafePathError as exc:
        return refuse(str(exc))
    if project.exists():
        return refuse(f"A project named {name!r} already exists; choose another name.", 409)
    values: dict[str, Any] = {}
    for field, (key, low, high) in SERIES_FIELDS.items():
        raw = str(form.get(field, "")).strip()
        if raw:
            if not raw.isdigit() or not low <= int(raw) <= high:
                return refuse(f"{field.replace('_', ' ')} must be a whole number from {low} to {high}.")
            values[key] = int(raw)
    animatic = str(form.get("animatic", "")).strip()
    if animatic and not re.fullmatch(r"all|\d+(-\d+)?(,\d+(-\d+)?)*", animatic):
        return refuse("Animatic episodes: 'all', or a list such as 1-3,7.")
    values["media.episodes"] = animatic
    uploads = config.projects_dir / STATE_DIR / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=uploads) as tmp:
        staged = Path(tmp) / f"novel{suffix}"
        size = 0
        with staged.open("wb") as out:
            while chunk := await upload.read(1024 * 1024):
                size += len(chunk)
                if size > config.max_novel_bytes:
                    return refuse(f"{upload.filename} is larger than the limit of {limit}.", 413)
                out.write(chunk)
        try:
            source = read_novel(staged, max_bytes=config.max_novel_bytes)
        except IngestError as exc:
            return refuse(f"{upload.filename}: {str(exc).split(': ', 1)[-1]}", 422)
        project.mkdir()
        try:
            (project / "novel").mkdir()
            novel_name = f"novel/{re.sub(r'[^A-Za-z0-9._-]+', '_', Path(upload.filename).stem)[:60] or 'novel'}{suffix}"
            shutil.copyfile(staged, project / novel_name)
            settings = Settings().with_values({"project.novel": novel_name, **values})
            atomic_write(project / SETTINGS_FILE, settings.to_toml(), tmp_dir=project / ".microdrama" / "tmp")
        except BaseException:
            shutil.rmtree(project, ignore_errors=True)
            raise
    report = (
        f"{upload.filename}: {size} bytes, {source.encoding}, language {source.language}"
        f"{'-' + source.script if source.script else ''}, {len(source.body_chapters())} chapter(s)"
        + (f"; warnings: {'; '.join(source.warnings)}" if source.warnings else "")
    )
    with request.app.state.db() as db:
        user = db.get(User, who.user_id)
        if user is not None:
            grant(db, user, name)
        record(db, name, who.name, "create", report)
        db.commit()
    if form.get("produce"):
        request.app.state.jobs.start(project, until=None, user=who.name)
    return RedirectResponse(f"/p/{name}", status_code=303)


@router.get("/p/{name}")
async def overview(request: Request, name: str) -> Response:
    """Stages with their state, the run controls and live progress, the ingest report."""
    from sqlalchemy import select

    project = guard(request, name, "view")
    source = _source_report(project)
    uploaded = None
    if source is None:
        with request.app.state.db() as db:
            uploaded = db.scalar(
                select(Audit.detail)
                .where(Audit.project == name, Audit.action == "create")
                .order_by(Audit.id.desc())
                .limit(1)
            )
    return page(
        request,
        "project.html",
        name=name,
        info=workspace.project_info(project),
        stages=workspace.stages(project),
        job=request.app.state.jobs.state(project),
        source=source,
        episodes=workspace.episode_numbers(project),
        settings=workspace.settings_summary(project),
        uploaded=uploaded,
    )


def _source_report(project: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((project / "source/source.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {
        "file": data.get("file_name"),
        "size": data.get("size_bytes"),
        "encoding": data.get("encoding"),
        "language": data.get("language"),
        "script": data.get("script"),
        "chapters": sum(1 for c in data.get("chapters", []) if c.get("kind") == "chapter"),
        "warnings": data.get("warnings", []),
    }


@router.post("/p/{name}/settings")
async def change_settings(request: Request, name: str) -> Response:
    """Change the series' shape and the animatic episodes in microdrama.toml (as the CLI options do)."""

    await check_csrf(request)
    project = guard(request, name, "run")
    if request.app.state.jobs.state(project).running:
        raise HTTPException(409, "a run is writing this project; change the settings when it has finished")
    form = await request.form()
    values: dict[str, Any] = {}
    for field, (key, low, high) in SERIES_FIELDS.items():
        raw = str(form.get(field, "")).strip()
        if raw:
            if not raw.isdigit() or not low <= int(raw) <= high:
                raise HTTPException(400, f"{field.replace('_', ' ')} must be a whole number from {low} to {high}")
            values[key] = int(raw)
    animatic = str(form.get("animatic", "")).strip()
    if animatic and not re.fullmatch(r"all|\d+(-\d+)?(,\d+(-\d+)?)*", animatic):
        raise HTTPException(400, "animatic episodes: 'all', or a list such as 1-3,7 (empty: none)")
    values["media.episodes"] = animatic
    settings = load_settings(project).with_values(values)
    atomic_write(project / SETTINGS_FILE, settings.to_toml(), tmp_dir=project / ".microdrama" / "studio")
    _audit(request, name, "settings", ", ".join(f"{k} = {v}" for k, v in values.items()))
    return RedirectResponse(f"/p/{name}#settings", status_code=303)


@router.post("/p/{name}/run")
async def run(request: Request, name: str) -> Response:
    """Start a run up to a stage (all by default)."""

    await check_csrf(request)
    project = guard(request, name, "run")
    form = await request.form()
    until = str(form.get("until", "")) or None
    if until is not None and until not in {s.name for s in STAGES}:
        raise HTTPException(400, f"no stage named {until!r}")
    try:
        request.app.state.jobs.start(project, until=until, user=viewer(request).name, force=bool(form.get("force")))
    except JobBusyError as exc:
        raise HTTPException(409, str(exc)) from exc
    _audit(request, name, "run", until or "all stages")
    return RedirectResponse(f"/p/{name}", status_code=303)


@router.post("/p/{name}/stop")
async def stop(request: Request, name: str) -> Response:
    """Stop the running job (what it finished is kept; the next run resumes)."""
    await check_csrf(request)
    project = guard(request, name, "run")
    stopped = request.app.state.jobs.cancel(project)
    if stopped:
        _audit(request, name, "stop")
    return RedirectResponse(f"/p/{name}", status_code=303)


@router.get("/p/{name}/job")
async def job(request: Request, name: str) -> Response:
    """The latest run's state and the stages' state (JSON)."""
    project = guard(request, name, "view")
    state = request.app.state.jobs.state(project)
    return JSONResponse({**state.to_dict(), "stale": workspace.stale_names(project) if not state.running else []})


@router.get("/p/{name}/events")
async def events(request: Request, name: str) -> Response:
    """Server-sent events of the latest run, replayed from its start (so a reload loses nothing)."""
    project = guard(request, name, "view")
    jobs = request.app.state.jobs

    async def stream():  # type: ignore[no-untyped-def]
        offset = 0
        idle = 0
        while True:
            batch, offset = read_events(project, offset)
            for event in batch:
                yield f"event: progress\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"
            state = jobs.state(project)
            if not state.running and not batch:
                yield f"event: end\ndata: {json.dumps(state.to_dict(), ensure_ascii=False)}\n\n"
                return
            if await request.is_disconnected():
                return
            idle = 0 if batch else idle + 1
            if idle and idle % 50 == 0:
                yield ": keep-alive\n\n"
            await asyncio.sleep(0.25)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


@router.get("/p/{name}/plan")
async def plan(request: Request, name: str) -> Response:
    """Episodes, hooks, cliffhangers, the paywall and a tension chart."""
    project = guard(request, name, "view")
    rows = workspace.plan_rows(project)
    return page(
        request,
        "plan.html",
        name=name,
        info=workspace.project_info(project),
        rows=rows,
        chart=workspace.tension_chart(rows),
    )


@router.get("/p/{name}/reports")
async def reports(request: Request, name: str) -> Response:
    """The series check, subtitles QC, shoot plan, and compliance / assessment when they exist."""

    project = guard(request, name, "view")
    check = None
    if (project / "series/plan.json").is_file():
        try:
            check = check_project(project).to_dict()
        except MicrodramaError as exc:
            check = {"error": str(exc)}
    qc = _read_json(project / "subs/qc.json")
    compliance = _read_json(project / "compliance/report.json")
    return page(
        request,
        "reports.html",
        name=name,
        info=workspace.project_info(project),
        check=check,
        qc=qc,
        compliance=compliance,
        reports=workspace.reports(project),
        shoot=sorted(p.relative_to(project).as_posix() for p in (project / "shoot").glob("*") if p.is_file()),
        callsheets=sorted(p.relative_to(project).as_posix() for p in (project / "shoot/callsheets").glob("*.pdf")),
    )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@router.get("/p/{name}/release")
async def release(request: Request, name: str) -> Response:
    """What can be downloaded."""
    project = guard(request, name, "view")
    kind, files = workspace.release_files(project)
    return page(request, "release.html", name=name, info=workspace.project_info(project), kind=kind, files=files)


@router.get("/p/{name}/release.zip")
async def release_zip(request: Request, name: str) -> Response:
    """A zip of ``release/`` (or, before there is one, of the animatics and exports)."""
    project = guard(request, name, "view")
    kind, files = workspace.release_files(project)
    if not files:
        raise HTTPException(404, "nothing to download yet: run the pipeline first")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel in files:
            path = inside(project, rel)
            archive.write(
                path,
                f"{name}/{rel}",
                compress_type=zipfile.ZIP_STORED if path.suffix in (".mp4", ".png") else zipfile.ZIP_DEFLATED,
            )
    _audit(request, name, "download", f"{kind}: {len(files)} file(s)")
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}-{kind}.zip"'},
    )


@router.get("/p/{name}/file/{rel:path}")
async def project_file(request: Request, name: str, rel: str) -> Response:
    """A file of the project (byte ranges for audio and video); never outside it, never its state."""
    project = guard(request, name, "view")
    try:
        path = inside(project, rel)
    except UnsafePathError as exc:
        raise HTTPException(404, "no such file") from exc
    if not path.is_file():
        raise HTTPException(404, "no such file")
    if path.name == "microdrama.toml":
        raise HTTPException(404, "no such file")
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
    headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if path.suffix.lower() == ".html":
        headers["Content-Security-Policy"] = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return FileResponse(path, media_type=media_type, headers=headers)


def _audit(request: Request, project: str, action: str, detail: str = "") -> None:
    with request.app.state.db() as db:
        record(db, project, viewer(request).name, action, detail)
        db.commit()
