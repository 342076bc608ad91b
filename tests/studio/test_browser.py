"""The studio in a real browser (Debian's Chromium driven by Playwright): the whole journey of a
writer, a reviewer who may not edit, a logged-out visitor, and two browsers editing one episode.

Screenshots of every step are kept in ``build/studio-screens/``.
"""

from __future__ import annotations

import io
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Self

import pytest
from script_lines import first_action

from microdrama.demo import demo_story_path
from microdrama.studio.app import create_app
from microdrama.studio.auth import create_user, grant
from microdrama.studio.config import StudioConfig

SCREENS = Path(__file__).resolve().parents[2] / "build" / "studio-screens"
PASSWORD = "correct horse battery"

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)
if shutil.which("chromium") is None:
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI has it", allow_module_level=True)


class Server:
    """A uvicorn server in a thread, on a free loopback port."""

    def __init__(self, config: StudioConfig) -> None:
        import uvicorn

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.app = create_app(config)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the studio did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        yield launched
        launched.close()


def shot(page: object, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_journey(browser: object, tmp_path: Path) -> None:
    """Upload the demo story → produce with progress → open episode 1 → edit a line → see the stale
    stages → re-run → approve → play the animatic → download a release package."""
    with Server(StudioConfig(projects_dir=tmp_path / "projects")) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
        page.goto(server.url)
        page.click("text=New project from a novel")
        page.set_input_files("input[name=novel]", str(demo_story_path("en")))
        page.fill("input[name=name]", "tide")
        page.fill("input[name=episodes]", "3")
        page.fill("input[name=episode_seconds]", "45")
        page.fill("input[name=animatic]", "1")
        shot(page, "01-new-project")
        page.click("button:has-text('Create project')")
        page.wait_for_url(f"{server.url}/p/tide")
        page.wait_for_selector("#progress li", timeout=60_000)
        shot(page, "02-producing")
        page.wait_for_selector("#job-state.done", timeout=300_000)
        assert page.locator("#stages .pill.stale").count() == 0
        assert "utf-8" in page.inner_text("body")
        shot(page, "03-produced")

        page.click(".episode-links a:has-text('1')")
        page.wait_for_url(f"{server.url}/p/tide/ep/1")
        source = page.locator("#source")
        text = source.input_value()
        line = next(
            ln
            for ln in text.splitlines()
            if ln and not ln.startswith(("#", "=", "INT", "EXT", ">")) and ln.upper() != ln
        )
        source.fill(text.replace(line, "The clocks all stopped at once.", 1))
        page.wait_for_function(
            "document.querySelector('#preview').innerText.includes('The clocks all stopped at once.')"
        )
        assert page.inner_text("#save-state") == "Unsaved changes"
        page.click("#save")
        page.wait_for_selector("#stale:not([hidden])")
        saved = (tmp_path / "projects/tide/script/ep001.fountain").read_text()
        assert saved == text.replace(line, "The clocks all stopped at once.", 1) and saved.startswith("\n# EP01")
        stale = page.inner_text("#stale-list")
        assert "parse" in stale and "cut" in stale
        shot(page, "04-edited-stale")

        page.click("#rerun")
        page.wait_for_url(f"{server.url}/p/tide")
        page.wait_for_selector("#job-state.done", timeout=300_000)
        assert page.locator("#stages .pill.stale").count() == 0
        shot(page, "05-rerun")

        page.goto(f"{server.url}/p/tide/ep/1")
        assert page.locator("#stale").is_hidden()
        page.fill("textarea[name=comment]", "Strong hook.")
        page.click("#approve")
        page.wait_for_selector(".review-state.approved")
        assert "Strong hook." in page.inner_text("#review")

        played = page.evaluate("""() => new Promise((done) => {
            const v = document.querySelector('#animatic'); v.muted = true;
            const go = () => v.play().then(() => setTimeout(() => done({t: v.currentTime, d: v.duration, w: v.videoWidth, h: v.videoHeight}), 1500))
                                  .catch((e) => done({error: String(e)}));
            if (v.readyState >= 1) go(); else { v.addEventListener('loadedmetadata', go); v.addEventListener('error', () => done({error: 'media error ' + (v.error && v.error.code)})); }
        })""")
        assert "error" not in played, played
        assert played["w"] == 1080 and played["h"] == 1920 and played["t"] > 0.3 and played["d"] > 10
        shot(page, "06-approved-playing")

        page.click("nav a:has-text('Release')")
        shot(page, "07-release")
        with page.expect_download() as download:
            page.click("#download")
        names = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())).namelist()
        assert "tide/cut/ep001.vertical.mp4" in names and "tide/script/series.pdf" in names
        page.close()


def _team_server(projects: Path) -> Server:
    server = Server(StudioConfig(projects_dir=projects, auth=True))
    with server.app.state.db() as db:
        for role in ("writer", "reviewer", "admin"):
            grant(db, create_user(db, role, role, PASSWORD), "tide")
        db.commit()
    return server


def _login(browser: object, server: Server, name: str) -> object:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # type: ignore[attr-defined]
    page.goto(f"{server.url}/p/tide/ep/1")
    page.wait_for_url("**/login?next=/p/tide/ep/1")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(f"{server.url}/p/tide/ep/1")
    return page


def test_reviewer_may_not_edit_and_strangers_get_nothing(browser: object, projects: Path) -> None:
    before = (projects / "tide/script/ep001.fountain").read_text()
    with _team_server(projects) as server:
        visitor = browser.new_page()  # type: ignore[attr-defined]
        visitor.goto(f"{server.url}/p/tide/file/script/ep001.fountain")
        assert "/login" in visitor.url and "Log in" in visitor.inner_text("h1")
        assert "NELL" not in visitor.content()
        shot(visitor, "10-logged-out")
        visitor.close()

        reviewer = _login(browser, server, "reviewer")
        assert reviewer.locator("#save").count() == 0
        assert reviewer.locator("#source").get_attribute("readonly") is not None
        assert "read only (reviewer)" in reviewer.inner_text(".pane-head")
        status = reviewer.evaluate("""async () => (await fetch(location.pathname + '/save', {method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content},
            body: JSON.stringify({text: 'vandalised', version: 'x'})})).status""")
        assert status == 403
        assert reviewer.locator("#approve").is_visible()
        shot(reviewer, "11-reviewer-read-only")
        reviewer.context.close()
    assert (projects / "tide/script/ep001.fountain").read_text() == before


def test_two_browsers_editing_one_episode(browser: object, projects: Path) -> None:
    with _team_server(projects) as server:
        first, second = _login(browser, server, "writer"), _login(browser, server, "admin")
        text = first.locator("#source").input_value()
        first.locator("#source").fill(text.replace(first_action(text), "Open the blinds", 1))
        first.click("#save")
        first.wait_for_selector("#save-state:has-text('Saved')")
        second.locator("#source").fill(text.replace(first_action(text), "Bar the door", 1))
        second.click("#save")
        second.wait_for_selector("#save-error:not([hidden])")
        assert "saved by someone else" in second.inner_text("#save-error")
        shot(second, "12-conflict-refused")
        saved = (projects / "tide/script/ep001.fountain").read_text()
        assert "Open the blinds" in saved and "Bar the door" not in saved
        second.reload()
        assert "Open the blinds" in second.locator("#source").input_value()
        first.context.close()
        second.context.close()
