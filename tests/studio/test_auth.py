"""Accounts, sessions, CSRF and per-project permissions (a studio bound to a network address)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from script_lines import first_action

from microdrama.studio.auth import check_password, hash_password

PAGES = [
    "/",
    "/new",
    "/p/tide",
    "/p/tide/plan",
    "/p/tide/ep/1",
    "/p/tide/cast",
    "/p/tide/board",
    "/p/tide/review",
    "/p/tide/reports",
    "/p/tide/release",
    "/p/tide/release.zip",
    "/p/tide/job",
    "/p/tide/events",
    "/p/tide/file/script/ep001.fountain",
    "/p/tide/cast/narrator/sample.wav",
    "/admin",
]


def test_passwords_are_argon2() -> None:
    stored = hash_password("a long password")
    assert stored.startswith("$argon2id$")
    assert check_password(stored, "a long password") and not check_password(stored, "wrong")
    assert not check_password("not a hash", "a long password")


def test_logged_out_user_gets_nothing(team: Callable[[str], TestClient]) -> None:
    client = team("anonymous")
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), url
        assert "Eleanor" not in response.text
    assert client.get("/p/tide/job", headers={"Accept": "application/json"}).status_code == 401
    for url in ("/p/tide/run", "/p/tide/ep/1/save", "/new", "/p/tide/ep/1/review", "/admin/users"):
        assert client.post(url, data={"csrf": "x"}).status_code in (401, 403), url


def test_login_sets_a_safe_cookie_and_logout_ends_it(team: Callable[[str], TestClient]) -> None:
    client = team("anonymous")
    wrong = client.post("/login", data={"name": "writer", "password": "nope nope nope"})
    assert wrong.status_code == 401 and "Wrong user name or password" in wrong.text
    response = client.post(
        "/login", data={"name": "writer", "password": "correct horse battery", "next": "//evil.example/"}
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = client.get("/p/tide")
    assert page.status_code == 200


def test_csrf_is_required_on_every_change(team: Callable[[str], TestClient]) -> None:
    writer = team("writer")
    text = writer.get("/p/tide/file/script/ep001.fountain").text
    version = __import__("hashlib").sha256(text.encode()).hexdigest()
    body = {"text": text + "\nMore.\n", "version": version}
    assert writer.post("/p/tide/ep/1/save", json=body).status_code == 403
    assert writer.post("/p/tide/ep/1/save", json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert writer.post("/p/tide/run", data={"csrf": "forged"}).status_code == 403
    ok = writer.post("/p/tide/ep/1/save", json=body, headers={"X-CSRF-Token": writer.csrf})
    assert ok.status_code == 200, ok.text


def test_roles(team: Callable[[str], TestClient], projects: Path) -> None:
    reviewer, writer, producer = team("reviewer"), team("writer"), team("producer")
    text = reviewer.get("/p/tide/file/script/ep001.fountain").text
    version = __import__("hashlib").sha256(text.encode()).hexdigest()
    body = {"text": text.replace(first_action(text), "Open the door"), "version": version}
    refused = reviewer.post(
        "/p/tide/ep/1/save", json=body, headers={"X-CSRF-Token": reviewer.csrf, "Accept": "application/json"}
    )
    assert refused.status_code == 403 and "reviewer" in refused.json()["error"]
    assert "readonly" in reviewer.get("/p/tide/ep/1").text
    assert reviewer.post("/p/tide/run", data={"csrf": reviewer.csrf}).status_code == 403
    # a writer may not approve; a reviewer may
    assert writer.post("/p/tide/ep/1/review", data={"csrf": writer.csrf, "decision": "approved"}).status_code == 403
    assert reviewer.post("/p/tide/ep/1/review", data={"csrf": reviewer.csrf, "decision": "approved"}).status_code == 303
    # a producer may run but not edit
    assert producer.post("/p/tide/ep/1/save", json=body, headers={"X-CSRF-Token": producer.csrf}).status_code == 403
    assert writer.get("/admin").status_code == 403
    assert (projects / "tide/script/ep001.fountain").read_text() == text


def test_projects_are_per_user(team: Callable[[str], TestClient]) -> None:
    stranger = team("stranger")
    assert "tide" not in stranger.get("/").text
    for url in ("/p/tide", "/p/tide/ep/1", "/p/tide/file/script/ep001.fountain", "/p/tide/release.zip"):
        assert stranger.get(url).status_code == 404, url
    admin = team("admin")
    assert (
        admin.post("/admin/grants", data={"csrf": admin.csrf, "name": "stranger", "project": "tide"}).status_code == 303
    )
    assert stranger.get("/p/tide").status_code == 200


def test_admin_adds_users(team: Callable[[str], TestClient]) -> None:
    admin = team("admin")
    assert (
        admin.post(
            "/admin/users", data={"csrf": admin.csrf, "name": "ann", "role": "reviewer", "password": "short"}
        ).status_code
        == 400
    )
    assert (
        admin.post(
            "/admin/users", data={"csrf": admin.csrf, "name": "ann", "role": "reviewer", "password": "long enough"}
        ).status_code
        == 303
    )
    assert "ann" in admin.get("/admin").text


@pytest.mark.parametrize(
    "url",
    [
        "/p/tide/file/..%2F..%2Fetc%2Fpasswd",
        "/p/tide/file/%2e%2e/%2e%2e/etc/passwd",
        "/p/tide/file/script/../../../etc/passwd",
        "/p/tide/file/.microdrama/lock.json",
        "/p/tide/file/microdrama.toml",
        "/p/..%2F..%2Fetc/file/passwd",
        "/p/%2e%2e/plan",
    ],
)
def test_traversal_is_refused(team: Callable[[str], TestClient], url: str) -> None:
    response = team("admin").get(url)
    assert response.status_code == 404
    assert "root:" not in response.text


def test_symlink_out_of_a_project_is_refused(team: Callable[[str], TestClient], projects: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    (projects / "tide/script/leak.txt").symlink_to(secret)
    (projects / "tide/cut").mkdir(exist_ok=True)
    (projects / "tide/cut/outside").symlink_to(tmp_path)
    admin = team("admin")
    for url in ("/p/tide/file/script/leak.txt", "/p/tide/file/cut/outside/secret.txt"):
        response = admin.get(url)
        assert response.status_code == 404 and "top secret" not in response.text


def test_logout_ends_the_session(team: Callable[[str], TestClient]) -> None:
    writer = team("writer")
    assert writer.post("/logout", data={"csrf": writer.csrf}).status_code == 303
    assert writer.get("/p/tide").status_code == 303
