"""Every page of a loopback studio over a produced project: content, empty states, error pages."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient


def test_pages_show_the_project(local: TestClient) -> None:
    assert "tide" in local.get("/").text
    overview = local.get("/p/tide").text
    assert "up to date" in overview and "utf-8" in overview
    plan = local.get("/p/tide/plan").text
    assert "<svg" in plan and "Closing tension" in plan
    episode = local.get("/p/tide/ep/1").text
    assert "# EP01" in episode and 'class="screenplay"' in episode
    assert "No animatic of this episode yet" in episode
    cast = local.get("/p/tide/cast").text
    assert "Narrator" in cast and "sample.wav" in cast
    reports = local.get("/p/tide/reports").text
    assert "Series check" in reports and "Open the compliance report" in reports and "No assessment yet" in reports
    assert "Cues passing" in reports and "before fixes" in reports  # subs/qc.json of the subtitle stages
    assert "No storyboard yet" in local.get("/p/tide/board").text
    assert "Nothing recorded yet" in local.get("/p/tide/review").text


def test_reports_of_other_stages_show_when_present(local: TestClient, projects: Path) -> None:
    (projects / "tide/compliance").mkdir(exist_ok=True)
    (projects / "tide/compliance/report.json").write_text(json.dumps({"ok": True, "findings": ["a rule"]}))
    (projects / "tide/report").mkdir(exist_ok=True)
    (projects / "tide/report/assess.html").write_text("<h1>assessment</h1>")
    page = local.get("/p/tide/reports").text
    assert "a rule" in page and "Open the assessment report" in page
    served = local.get("/p/tide/file/report/assess.html")
    assert "sandbox" in served.headers["content-security-policy"]


def test_release_zip_holds_exports_or_the_release_folder(local: TestClient, projects: Path) -> None:
    page = local.get("/p/tide/release").text
    assert "No release package yet" in page
    names = zipfile.ZipFile(io.BytesIO(local.get("/p/tide/release.zip").content)).namelist()
    assert "tide/script/series.pdf" in names and not any(".microdrama" in n for n in names)
    assert "tide/shoot/callsheets/day01.pdf" in names
    (projects / "tide/release/douyin").mkdir(parents=True)
    (projects / "tide/release/douyin/manifest.json").write_text("{}")
    names = zipfile.ZipFile(io.BytesIO(local.get("/p/tide/release.zip").content)).namelist()
    assert names == ["tide/release/douyin/manifest.json"]


def test_media_files_answer_byte_ranges(local: TestClient, projects: Path) -> None:
    (projects / "tide/cut").mkdir()
    (projects / "tide/cut/ep001.vertical.mp4").write_bytes(bytes(range(256)) * 8)
    response = local.get("/p/tide/file/cut/ep001.vertical.mp4", headers={"Range": "bytes=10-19"})
    assert response.status_code == 206
    assert response.content == bytes(range(10, 20))
    assert response.headers["content-range"] == "bytes 10-19/2048"
    assert "<video" in local.get("/p/tide/ep/1").text


def test_voice_sample_and_change(local: TestClient, projects: Path) -> None:
    import shutil

    if shutil.which("espeak-ng"):
        sample = local.get("/p/tide/cast/narrator/sample.wav")
        assert sample.status_code == 200 and sample.content[:4] == b"RIFF"
    assert local.get("/p/tide/cast/nobody/sample.wav").status_code == 404
    bible = json.loads((projects / "tide/voice/bible.json").read_text())
    target = bible["voices"][1]["id"]
    response = local.post(
        f"/p/tide/cast/{target}",
        data={"csrf": local.csrf, "engine_voice": "en-us+f4", "pitch": "61", "rate_wpm": "150"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    changed = next(
        v for v in json.loads((projects / "tide/voice/bible.json").read_text())["voices"] if v["id"] == target
    )
    assert (changed["engine_voice"], changed["pitch"], changed["rate_wpm"]) == ("en-us+f4", 61, 150)
    bad = local.post(f"/p/tide/cast/{target}", data={"csrf": local.csrf, "pitch": "500"})
    assert bad.status_code == 400 and "pitch is 0-99" in bad.text


def test_errors_are_pages_not_tracebacks(local: TestClient) -> None:
    missing = local.get("/p/tide/ep/99")
    assert missing.status_code == 404 and "no episode 99" in missing.text and "<html" in missing.text
    assert local.get("/p/nothing").status_code == 404
    bad = local.post(
        "/p/tide/ep/1/save",
        content=b"not json",
        headers={"X-CSRF-Token": local.csrf, "Content-Type": "application/json"},
    )
    assert bad.status_code == 400 and "Traceback" not in bad.text


def test_no_secret_reaches_a_page(local: TestClient, projects: Path) -> None:
    settings = projects / "tide/microdrama.toml"
    settings.write_text(settings.read_text() + '\n# api_key = "sk-secret-123"\n')
    for url in ("/p/tide", "/p/tide/reports", "/p/tide/release", "/p/tide/file/microdrama.toml"):
        assert "sk-secret-123" not in local.get(url).text


def test_series_settings_are_saved_to_the_project(local: TestClient, projects: Path) -> None:
    response = local.post(
        "/p/tide/settings",
        data={"csrf": local.csrf, "episodes": "4", "episode_seconds": "60", "animatic": "1-2"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    settings = (projects / "tide/microdrama.toml").read_text()
    assert "episodes = 4" in settings and 'episodes = "1-2"' in settings
    assert "stale" in local.get("/p/tide").text
    assert local.post("/p/tide/settings", data={"csrf": local.csrf, "animatic": "rm -rf"}).status_code == 400
    assert local.post("/p/tide/settings", data={"csrf": local.csrf, "episodes": "0"}).status_code == 400


def test_review_page_says_whether_anything_waits(local: TestClient, projects: Path) -> None:
    assert "no stage waits for approval" in local.get("/p/tide/review").text
    settings = projects / "tide/microdrama.toml"
    settings.write_text(settings.read_text().replace('speech = "espeak"', 'speech = "openai-tts://api.example/v1"'))
    page = local.get("/p/tide/review").text
    assert "uses paid engines (engines.speech = openai-tts://api.example/v1)" in page
