"""``create_app(config)``: the FastAPI application, its error pages, login and user administration."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select
from starlette.exceptions import HTTPException as StarletteHTTPException

from microdrama.studio import auth, pages_episode, pages_project
from microdrama.studio.config import StudioConfig
from microdrama.studio.db import ROLES, Audit, Grant, User, open_database, record
from microdrama.studio.jobs import Jobs
from microdrama.studio.web import (
    BodyLimit,
    check_csrf,
    page,
    session_middleware,
    set_session_cookie,
    viewer,
    wants_json,
)
from microdrama.studio.workspace import list_projects

MB = 1024 * 1024


def create_app(config: StudioConfig) -> FastAPI:
    """The studio over ``config.projects_dir``."""
    config.projects_dir.mkdir(parents=True, exist_ok=True)
    app = FastAPI(title="microdrama studio", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.config = config
    app.state.db = open_database(config.db_url)
    app.state.jobs = Jobs(config.python)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    app.middleware("http")(session_middleware(config))

    def limit_for(path: str) -> int:
        if path == "/new":
            return config.max_novel_bytes + MB
        if "/board/" in path:
            return config.max_image_bytes + MB
        return 4 * MB

    app.add_middleware(BodyLimit, limit_for=limit_for)
    _errors(app)
    _accounts(app, config)

    app.include_router(pages_project.router)
    app.include_router(pages_episode.router)
    return app


def _errors(app: FastAPI) -> None:
    """Errors are pages (or JSON for scripts), never tracebacks."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 401 and not wants_json(request) and request.method == "GET":
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        if wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", status_code=exc.status_code, status=exc.status_code, message=exc.detail)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        import logging

        logging.getLogger("microdrama.studio").exception("error on %s", request.url.path)
        message = "Something went wrong on the server; the error is in the server's log. Nothing was changed."
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=500)
        return page(request, "error.html", status_code=500, status=500, message=message)


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


def _accounts(app: FastAPI, config: StudioConfig) -> None:
    @app.get("/login")
    async def login_page(request: Request, next: str = "/") -> Response:
        if not config.auth:
            return RedirectResponse("/", status_code=303)
        return page(request, "login.html", next=_safe_next(next), error=None)

    @app.post("/login")
    async def login(request: Request) -> Response:
        if not config.auth:
            return RedirectResponse("/", status_code=303)
        form = await request.form()
        name, password = str(form.get("name", "")), str(form.get("password", ""))
        with app.state.db() as db:
            user = auth.authenticate(db, name, password)
            if user is None:
                return page(
                    request,
                    "login.html",
                    status_code=401,
                    next=_safe_next(str(form.get("next", "/"))),
                    error="Wrong user name or password.",
                )
            token = auth.open_session(db, user)
            db.commit()
        response = RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)
        set_session_cookie(response, token, config)
        return response

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        await check_csrf(request)
        with app.state.db() as db:
            auth.close_session(db, request.cookies.get(auth.COOKIE, ""))
            db.commit()
        response = RedirectResponse("/login" if config.auth else "/", status_code=303)
        response.delete_cookie(auth.COOKIE, path="/")
        return response

    @app.get("/admin")
    async def admin_page(request: Request) -> Response:
        who = viewer(request)
        if not who.may("admin"):
            raise HTTPException(403, "only an admin manages users")

        with app.state.db() as db:
            users = list(db.scalars(select(User).order_by(User.name)))
            grants = {u.id: sorted(db.scalars(select(Grant.project).where(Grant.user_id == u.id))) for u in users}
            audit = list(db.scalars(select(Audit).order_by(Audit.id.desc()).limit(100)))
        return page(
            request,
            "admin.html",
            users=users,
            grants=grants,
            roles=ROLES,
            audit=audit,
            projects=[p.name for p in list_projects(config.projects_dir)],
            error=None,
        )

    @app.post("/admin/users")
    async def add_user(request: Request) -> Response:
        await check_csrf(request)
        who = viewer(request)
        if not who.may("admin"):
            raise HTTPException(403, "only an admin manages users")
        form = await request.form()
        with app.state.db() as db:
            try:
                user = auth.create_user(
                    db, str(form.get("name", "")), str(form.get("role", "")), str(form.get("password", ""))
                )
            except auth.AccountError as exc:
                raise HTTPException(400, str(exc)) from exc
            record(db, "*", who.name, "add-user", f"{user.name} ({user.role})")
            db.commit()
        return RedirectResponse("/admin", status_code=303)

    @app.post("/admin/grants")
    async def add_grant(request: Request) -> Response:
        await check_csrf(request)
        who = viewer(request)
        if not who.may("admin"):
            raise HTTPException(403, "only an admin manages users")
        form = await request.form()
        with app.state.db() as db:
            user = db.scalar(select(User).where(User.name == str(form.get("name", ""))))
            if user is None:
                raise HTTPException(400, "no such user")
            project = str(form.get("project", ""))
            auth.grant(db, user, project)
            record(db, project, who.name, "grant", user.name)
            db.commit()
        return RedirectResponse("/admin", status_code=303)
