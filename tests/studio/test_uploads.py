"""New projects from uploaded novels, panel replacement: type and size limits, malformed files."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient
from PIL import Image

from microdrama.demo import demo_story_path


def _new(client: TestClient, filename: str, data: bytes, **fields: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/new",
        data={"csrf": client.csrf, **fields},
        files={"novel": (filename, data, "application/octet-stream")},
        follow_redirects=False,
    )


def _projects(projects: Path) -> set[str]:
    return {p.name for p in projects.iterdir() if not p.name.startswith(".")}


def test_new_project_from_a_novel(local: TestClient, projects: Path) -> None:
    story = demo_story_path("en").read_bytes()
    response = _new(local, "The Tide Clock.txt", story, episodes="3", animatic="1")
    assert response.status_code == 303 and response.headers["location"] == "/p/The-Tide-Clock"
    project = projects / "The-Tide-Clock"
    assert (project / "novel/The_Tide_Clock.txt").read_bytes() == story
    settings = (project / "microdrama.toml").read_text()
    assert 'novel = "novel/The_Tide_Clock.txt"' in settings and "episodes = 3" in settings
    assert (
        "Checked at upload: The Tide Clock.txt: 6182 bytes, utf-8, language en, 5 chapter(s)"
        in local.get("/p/The-Tide-Clock").text
    )  # not produced yet: the upload's own ingest report
    assert _new(local, "The Tide Clock.txt", story).status_code == 409  # the name is taken


def test_gb18030_novel_is_read(local: TestClient, projects: Path) -> None:
    story = demo_story_path("zh").read_text(encoding="utf-8").encode("gb18030")
    assert _new(local, "story.txt", story, name="zh").status_code == 303
    assert "create" in local.get("/p/zh/review").text


def test_bad_novels_leave_nothing(local: TestClient, projects: Path) -> None:
    before = _projects(projects)
    cases = [
        ("novel.exe", b"MZ\x90\x00", 415, "unsupported type"),
        ("novel.txt", b"", 422, "empty"),
        ("novel.txt", bytes(range(256)) * 64, 422, ""),
        ("novel.epub", b"PK\x03\x04 not really a zip", 422, ""),
        ("novel.docx", b"garbage", 422, ""),
    ]
    for name, data, status, words in cases:
        response = _new(local, name, data)
        assert response.status_code == status, (name, response.status_code, response.text[:300])
        assert words in response.text and "Traceback" not in response.text
    assert _new(local, "novel.txt", b"words " * 100, name="../escape").status_code == 400
    assert _new(local, "novel.txt", b"words " * 100, episodes="9999").status_code == 400
    assert _projects(projects) == before
    assert not list((projects / ".studio/uploads").iterdir())


def test_oversized_uploads_are_refused_while_streaming(local: TestClient, projects: Path) -> None:
    before = _projects(projects)
    big = b"word " * (300 * 1024 // 5)  # over the 256 KB cap of the fixture
    refused = _new(local, "big.txt", big)
    assert refused.status_code == 413 and "larger than the limit of 0 MB" not in refused.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap holds while the body streams
        boundary = b"--x\r\n"
        yield boundary + b'Content-Disposition: form-data; name="novel"; filename="big.txt"\r\n\r\n'
        for _ in range(200):  # 1.6 MB: past the body cap (novel limit + 1 MB)
            yield b"w" * 8192
        yield b"\r\n--x--\r\n"

    response = local.post(
        "/new",
        content=chunks(),
        headers={"Content-Type": "multipart/form-data; boundary=x", "X-CSRF-Token": local.csrf},
    )
    assert response.status_code == 413 and "too large" in response.text
    assert _projects(projects) == before


def _png(size: tuple[int, int], colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def test_replace_a_storyboard_panel(local: TestClient, projects: Path) -> None:
    board = projects / "tide/board/ep001"
    (board / "frames").mkdir(parents=True)
    (board / "s001.png").write_bytes(_png((108, 192), "black"))
    (board / "frames/s001.png").write_bytes(_png((108, 192), "black"))
    assert "s001" in local.get("/p/tide/board/1").text
    response = local.post(
        "/p/tide/board/1/s001",
        data={"csrf": local.csrf},
        files={"image": ("mine.jpg", _png((400, 300), "red"), "image/jpeg")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    with Image.open(board / "s001.png") as panel:
        assert panel.size == (108, 192) and panel.getpixel((50, 100))[0] > 200
    assert (board / "frames/s001.png").read_bytes() == (board / "s001.png").read_bytes()
    bad = local.post(
        "/p/tide/board/1/s001", data={"csrf": local.csrf}, files={"image": ("x.png", b"not a png", "image/png")}
    )
    assert bad.status_code == 415
    gif = io.BytesIO()
    Image.new("P", (4, 4)).save(gif, format="GIF")
    assert (
        local.post(
            "/p/tide/board/1/s001", data={"csrf": local.csrf}, files={"image": ("x.gif", gif.getvalue(), "image/gif")}
        ).status_code
        == 415
    )
    assert (
        local.post(
            "/p/tide/board/1/s999",
            data={"csrf": local.csrf},
            files={"image": ("x.png", _png((4, 4), "red"), "image/png")},
        ).status_code
        == 404
    )
    assert (
        local.post(
            "/p/tide/board/1/..%2Fs001",
            data={"csrf": local.csrf},
            files={"image": ("x.png", _png((4, 4), "red"), "image/png")},
        ).status_code
        == 404
    )
    huge = local.post(
        "/p/tide/board/1/s001",
        data={"csrf": local.csrf},
        files={"image": ("x.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024), "image/png")},
    )
    assert huge.status_code == 413
