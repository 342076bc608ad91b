"""The app's plumbing: body size caps, sessions, CSRF, project guards and error pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from microdrama.studio import auth
from microdrama.studio.config import StudioConfig
from microdrama.studio.safepath import UnsafePathError, project_dir
from microdrama.studio.workspace import is_project

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


class BodyTooLargeError(Exception):
    """The request body passed its cap while being read."""


class BodyLimit:
    """ASGI middleware: refuse request bodies over a cap, by header first, else while streaming."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLargeError
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLargeError:
            if not started:
                await _too_large(send, limit)
        except BaseExceptionGroup as group:  # raised through a task group (Starlette's http middleware)
            rest = group.subgroup(lambda e: not isinstance(e, (BodyTooLargeError, BaseExceptionGroup)))
            if rest is not None or started:
                raise
            await _too_large(send, limit)


def human_size(n: int) -> str:
    """``16 MB``, ``256 KB``: a limit as people say it."""
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB"


async def _too_large(send: Send, limit: int) -> None:
    body = f"The upload is too large: the limit is {human_size(limit)}.".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def session_middleware(
    config: StudioConfig,
) -> Callable[[Request, Callable[[Request], Awaitable[Any]]], Awaitable[Any]]:
    """Find the viewer behind each request; a loopback studio opens a session for its local user."""

    async def middleware(request: Request, call_next: Callable[[Request], Awaitable[Any]]) -> Any:
        database = request.app.state.db
        token = request.cookies.get(auth.COOKIE)
        new_token = None
        with database() as db:
            viewer = auth.viewer_for(db, token)
            if viewer is None and not config.auth:
                new_token = auth.open_session(db, auth.local_user(db))
                db.commit()
                viewer = auth.viewer_for(db, new_token)
        request.state.viewer = viewer
        response = await call_next(request)
        if new_token:
            set_session_cookie(response, new_token, config)
        return response

    return middleware


def set_session_cookie(response: Any, token: str, config: StudioConfig) -> None:
    """The session cookie: HttpOnly, SameSite=Strict, Secure behind HTTPS."""
    response.set_cookie(
        auth.COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=config.secure_cookies,
        path="/",
        max_age=auth.SESSION_DAYS * 86400,
    )


def viewer(request: Request) -> auth.Viewer:
    """The logged-in viewer, or 401 (turned into a redirect to the login page for pages)."""
    found: auth.Viewer | None = getattr(request.state, "viewer", None)
    if found is None:
        raise HTTPException(401, "log in first")
    return found


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request without this session's CSRF token (form field or header)."""
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = (await request.form()).get("csrf")  # type: ignore[assignment]
    if not auth.csrf_ok(getattr(request.state, "viewer", None), sent if isinstance(sent, str) else None):
        raise HTTPException(403, "the form's security token is missing or out of date; reload the page and try again")


def guard(request: Request, name: str, action: str) -> Path:
    """The project folder ``name`` if the viewer may do ``action`` in it.

    Unknown projects and projects the viewer is not granted answer the same 404, so a name cannot be
    probed; a granted project the viewer's role may not change answers 403.
    """
    who = viewer(request)
    try:
        project = project_dir(request.app.state.config.projects_dir, name)
    except UnsafePathError as exc:
        raise HTTPException(404, "no such project") from exc
    if not is_project(project) or not who.may("view", name):
        raise HTTPException(404, "no such project")
    if not who.may(action, name):
        raise HTTPException(403, f"your role ({who.role}) may not {action} in this project")
    return project


def wants_json(request: Request) -> bool:
    """Whether the caller is a script (fetch) rather than a page load."""
    return "application/json" in request.headers.get("accept", "") or request.headers.get("x-requested-with") == "fetch"


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> Any:
    """Render a page with the viewer and CSRF token in its context."""
    who = getattr(request.state, "viewer", None)
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {"viewer": who, "csrf": who.csrf if who else "", "auth": request.app.state.config.auth, **context},
        status_code=status_code,
    )
