"""Episode pages: the Fountain editor (preview, findings, stale stages), the review gate, the
storyboard gallery with panel replacement, the animatic, and the cast's voices."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile

from microdrama.engines.speech import speech_engine
from microdrama.engines.speech.espeak import FEMALE, MALE
from microdrama.errors import MicrodramaError
from microdrama.model.media import VoiceBible
from microdrama.pipeline.review import APPROVAL_FILE, COSTLY, make_approval, pending_revisions
from microdrama.project import atomic_write
from microdrama.studio import workspace
from microdrama.studio.db import Review, audit_rows, record
from microdrama.studio.safepath import inside
from microdrama.studio.web import TEMPLATES, check_csrf, guard, page, viewer

router = APIRouter()
MAX_SCRIPT_CHARS = 1_000_000


def _episode(project: Path, episode: int) -> Path:
    path = workspace.script_path(project, episode)
    if not 1 <= episode <= 999 or not path.is_file():
        raise HTTPException(404, f"no episode {episode} in this project")
    return path


def reviews_of(request: Request, name: str) -> dict[int, Review]:
    """Latest review per episode."""
    with request.app.state.db() as db:
        rows = db.scalars(select(Review).where(Review.project == name).order_by(Review.id))
        return {r.episode: r for r in rows}


@router.get("/p/{name}/ep/{episode}")
async def editor(request: Request, name: str, episode: int) -> Response:
    """Script editor with preview and findings, the review box and the animatic."""
    project = guard(request, name, "view")
    _episode(project, episode)
    text, version = workspace.read_script(project, episode)
    findings, script = workspace.draft_findings(project, episode, text)
    review = reviews_of(request, name).get(episode)
    with request.app.state.db() as db:
        history = list(
            db.scalars(
                select(Review).where(Review.project == name, Review.episode == episode).order_by(Review.id.desc())
            )
        )
    animatic = f"cut/ep{episode:03d}.vertical.mp4"
    poster = f"board/ep{episode:03d}/s001.png"
    return page(
        request,
        "episode.html",
        name=name,
        info=workspace.project_info(project),
        episode=episode,
        episodes=workspace.episode_numbers(project),
        text=text,
        version=version,
        findings=findings,
        preview=_preview(script),
        stale=workspace.stale_names(project),
        review=review,
        history=history,
        current_sha=version,
        animatic=animatic if (project / animatic).is_file() else None,
        poster=poster if (project / poster).is_file() else None,
        running=request.app.state.jobs.state(project).running,
        can_edit=viewer(request).may("edit", name),
        can_review=viewer(request).may("review", name),
        can_run=viewer(request).may("run", name),
    )


def _preview(script: Any) -> str:
    return TEMPLATES.get_template("_preview.html").render(script=script)


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError as exc:
        raise HTTPException(400, "the request is not JSON") from exc
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        raise HTTPException(400, 'send {"text": …, "version": …}')
    if len(body["text"]) > MAX_SCRIPT_CHARS:
        raise HTTPException(413, "the script is too long")
    return body


@router.post("/p/{name}/ep/{episode}/preview")
async def preview(request: Request, name: str, episode: int) -> Response:
    """Preview and findings of an unsaved draft (nothing is written)."""
    await check_csrf(request)
    project = guard(request, name, "view")
    _episode(project, episode)
    body = await _json_body(request)
    findings, script = workspace.draft_findings(project, episode, body["text"])
    return JSONResponse({"html": _preview(script), "findings": findings, "parses": script is not None})


@router.post("/p/{name}/ep/{episode}/save")
async def save(request: Request, name: str, episode: int) -> Response:
    """Save the script if nobody saved since the editor loaded it; answer the stages now stale."""
    await check_csrf(request)
    project = guard(request, name, "edit")
    _episode(project, episode)
    body = await _json_body(request)
    if request.app.state.jobs.state(project).running:
        raise HTTPException(
            409, "a run is writing this project; save again when it has finished (your text is still in the editor)"
        )
    try:
        version = workspace.save_script(project, episode, body["text"], str(body.get("version", "")))
    except workspace.ConflictError as exc:
        raise HTTPException(409, str(exc)) from exc
    with request.app.state.db() as db:
        record(db, name, viewer(request).name, "edit", f"script/ep{episode:03d}.fountain {version[:12]}")
        db.commit()
    return JSONResponse({"version": version, "stale": workspace.stale_names(project)})


@router.post("/p/{name}/ep/{episode}/review")
async def review(request: Request, name: str, episode: int) -> Response:
    """Approve or return the episode with a comment; when every episode is approved as it is now,
    the pipeline's review gate (``review/approval.json``) opens, as ``microdrama approve`` does."""

    await check_csrf(request)
    project = guard(request, name, "review")
    path = _episode(project, episode)
    form = await request.form()
    decision = str(form.get("decision", ""))
    if decision not in ("approved", "returned"):
        raise HTTPException(400, "decide 'approved' or 'returned'")
    comment = str(form.get("comment", "")).strip()[:4000]
    if decision == "returned" and not comment:
        raise HTTPException(400, "say why the episode goes back to the writer (a comment is required)")
    sha = workspace.sha256_text(path.read_text(encoding="utf-8"))
    who = viewer(request).name
    with request.app.state.db() as db:
        db.add(Review(project=name, episode=episode, decision=decision, comment=comment, script_sha256=sha, user=who))
        record(db, name, who, decision, f"episode {episode}: {comment}")
        db.commit()
    latest = reviews_of(request, name)
    current = {
        n: workspace.sha256_text(workspace.script_path(project, n).read_text(encoding="utf-8"))
        for n in workspace.episode_numbers(project)
    }
    all_approved = all(
        n in latest and latest[n].decision == "approved" and latest[n].script_sha256 == sha_n
        for n, sha_n in current.items()
    )
    gate = project / APPROVAL_FILE
    if all_approved and not pending_revisions(project):  # a model revision waiting: not yet decided
        atomic_write(gate, make_approval(project).to_bytes(), tmp_dir=project / ".microdrama" / "studio")
    elif decision == "returned":
        gate.unlink(missing_ok=True)
    return RedirectResponse(f"/p/{name}/ep/{episode}#review", status_code=303)


@router.get("/p/{name}/review")
async def review_list(request: Request, name: str) -> Response:
    """Every episode's review state, and the project's audit log."""

    project = guard(request, name, "view")
    latest = reviews_of(request, name)
    rows = []
    for n in workspace.episode_numbers(project):
        sha = workspace.sha256_text(workspace.script_path(project, n).read_text(encoding="utf-8"))
        r = latest.get(n)
        state = (
            "not reviewed" if r is None else (r.decision if r.script_sha256 == sha else f"{r.decision}, edited since")
        )
        rows.append({"number": n, "state": state, "review": r})

    settings = workspace.settings_summary(project)
    paid = [
        f"{key} = {settings.get(key)}"
        for key, free in COSTLY.items()
        if settings is not None and str(settings.get(key)) != free
    ]
    return page(
        request,
        "review.html",
        name=name,
        info=workspace.project_info(project),
        rows=rows,
        paid=paid,
        audit=audit_rows(request.app, name),
        gate=(project / "review/approval.json").is_file(),
    )


@router.get("/p/{name}/board")
async def board_index(request: Request, name: str) -> Response:
    """Episodes with storyboards."""
    project = guard(request, name, "view")
    episodes = workspace.media_episodes(project)
    if episodes:
        return RedirectResponse(f"/p/{name}/board/{episodes[0]}", status_code=303)
    return page(
        request,
        "board.html",
        name=name,
        info=workspace.project_info(project),
        episode=None,
        episodes=[],
        panels=[],
        can_edit=False,
    )


@router.get("/p/{name}/board/{episode}")
async def board(request: Request, name: str, episode: int) -> Response:
    """The storyboard gallery of one episode."""
    project = guard(request, name, "view")
    return page(
        request,
        "board.html",
        name=name,
        info=workspace.project_info(project),
        episode=episode,
        episodes=workspace.media_episodes(project),
        panels=workspace.panels(project, episode),
        can_edit=viewer(request).may("edit", name),
    )


@router.post("/p/{name}/board/{episode}/{shot}")
async def replace_panel(request: Request, name: str, episode: int, shot: str) -> Response:
    """Replace a panel with an uploaded picture (PNG/JPEG/WebP), fitted to the panel's size.

    The panel and its clean frame are written; the runner sees a hand edit and re-cuts the animatic
    with it (the board stage keeps the picture unless it must redraw the episode, and then backs it up).
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    await check_csrf(request)
    project = guard(request, name, "edit")
    if not (len(shot) == 4 and shot[0] == "s" and shot[1:].isdigit()):
        raise HTTPException(404, "no such panel")
    panel = inside(project, f"board/ep{episode:03d}/{shot}.png")
    frame = inside(project, f"board/ep{episode:03d}/frames/{shot}.png")
    if not panel.is_file():
        raise HTTPException(404, "no such panel")
    if request.app.state.jobs.state(project).running:
        raise HTTPException(409, "a run is writing this project; replace the panel when it has finished")
    form = await request.form()
    upload = form.get("image")
    if not isinstance(upload, UploadFile):
        raise HTTPException(400, "choose an image to upload")
    data = await upload.read(request.app.state.config.max_image_bytes + 1)
    if len(data) > request.app.state.config.max_image_bytes:
        raise HTTPException(413, "the image is too large")
    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.format not in ("PNG", "JPEG", "WEBP"):
                raise HTTPException(415, f"{upload.filename}: a panel is a PNG, JPEG or WebP picture")
            if picture.width * picture.height > 40_000_000:
                raise HTTPException(413, "the picture has too many pixels")
            picture.load()
            with Image.open(panel) as old:
                size = old.size
            fitted = ImageOps.fit(picture.convert("RGB"), size, method=Image.Resampling.LANCZOS)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise HTTPException(415, f"{upload.filename}: not a picture the studio can read") from exc
    out = io.BytesIO()
    fitted.save(out, format="PNG")
    tmp = project / ".microdrama" / "studio"
    tmp.mkdir(parents=True, exist_ok=True)
    atomic_write(panel, out.getvalue(), tmp_dir=tmp)
    if frame.parent.is_dir():
        atomic_write(frame, out.getvalue(), tmp_dir=tmp)
    with request.app.state.db() as db:
        record(db, name, viewer(request).name, "replace-panel", f"episode {episode} {shot} from {upload.filename}")
        db.commit()
    return RedirectResponse(f"/p/{name}/board/{episode}#{shot}", status_code=303)


@router.get("/p/{name}/cast")
async def cast(request: Request, name: str) -> Response:
    """The cast with their voices."""

    project = guard(request, name, "view")
    voices = workspace.voices(project)
    variants = [f"{base}+{v}" for base in ("en-us", "cmn") for v in (*FEMALE, *MALE)]
    bible = workspace._json(project / "series/bible.json") or {}
    return page(
        request,
        "cast.html",
        name=name,
        info=workspace.project_info(project),
        voices=voices,
        characters=bible.get("characters", []),
        variants=variants,
        can_edit=viewer(request).may("edit", name),
    )


@router.get("/p/{name}/cast/{voice_id}/sample.wav")
async def voice_sample(request: Request, name: str, voice_id: str) -> Response:
    """A few seconds of the voice: the first line it speaks in an episode, else (free engine only)
    a short line synthesised now."""
    import json

    project = guard(request, name, "view")
    try:
        bible = VoiceBible.load(project / "voice/bible.json")
    except MicrodramaError as exc:
        raise HTTPException(404, "no voices yet: run the casting stage") from exc
    voice = next((v for v in bible.voices if v.id == voice_id), None)
    if voice is None:
        raise HTTPException(404, "no such voice")
    if bible.engine == "espeak":
        line = f"I am {voice.name}." if not bible.language.startswith("zh") else f"我是{voice.name}。"
        try:
            return Response(speech_engine(bible.engine).synthesize(line, voice, bible.language), media_type="audio/wav")
        except MicrodramaError as exc:
            raise HTTPException(503, str(exc)) from exc
    for timing in sorted(project.glob("voice/ep[0-9][0-9][0-9]/timing.json")):
        for entry in json.loads(timing.read_text(encoding="utf-8")).get("lines", []):
            if entry.get("voice") == voice_id and entry.get("clip"):
                return Response(inside(project, entry["clip"]).read_bytes(), media_type="audio/wav")
    raise HTTPException(404, "this voice has no line yet (a sample from a paid engine is made only by a run)")


@router.post("/p/{name}/cast/{voice_id}")
async def change_voice(request: Request, name: str, voice_id: str) -> Response:
    """Change a character's voice, pitch or rate in ``voice/bible.json`` (the voices re-record at the next run)."""
    from pydantic import ValidationError

    await check_csrf(request)
    project = guard(request, name, "edit")
    if request.app.state.jobs.state(project).running:
        raise HTTPException(409, "a run is writing this project; change the voice when it has finished")
    try:
        bible = VoiceBible.load(project / "voice/bible.json")
    except MicrodramaError as exc:
        raise HTTPException(404, "no voices yet: run the casting stage") from exc
    form = await request.form()
    voices = []
    found = False
    for voice in bible.voices:
        if voice.id == voice_id:
            found = True
            try:
                voice = voice.model_validate(
                    {
                        **voice.model_dump(),
                        "engine_voice": str(form.get("engine_voice") or voice.engine_voice),
                        "pitch": int(str(form.get("pitch") or voice.pitch)),
                        "rate_wpm": int(str(form.get("rate_wpm") or voice.rate_wpm)),
                    }
                )
            except (ValidationError, ValueError) as exc:
                raise HTTPException(400, "pitch is 0-99 and rate 80-450 words a minute") from exc
        voices.append(voice)
    if not found:
        raise HTTPException(404, "no such voice")
    updated = bible.model_copy(update={"voices": voices})
    atomic_write(project / "voice/bible.json", updated.to_bytes(), tmp_dir=project / ".microdrama" / "studio")
    with request.app.state.db() as db:
        record(
            db,
            name,
            viewer(request).name,
            "change-voice",
            f"{voice_id}: {form.get('engine_voice')} pitch {form.get('pitch')}",
        )
        db.commit()
    return RedirectResponse(f"/p/{name}/cast#{voice_id}", status_code=303)
