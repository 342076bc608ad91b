"""A fake OpenAI-compatible server on 127.0.0.1 (real HTTP, stdlib only) with scripted replies.

Script replies with :meth:`FakeServer.push` (consumed in order) or a ``responder`` called with the
request body when the script is empty. Each item is one of:

* ``{"json": obj}`` — a valid completion whose content is ``json.dumps(obj)``
* ``{"content": str, "finish_reason": "stop"}`` — raw content (malformed / truncated replies)
* ``{"status": 429, "headers": {"Retry-After": "0"}}`` — an error status
* ``{"slow": seconds, ...}`` — wait before answering (for timeouts)
* ``{"garbage": True}`` — HTTP 200 whose body is not JSON
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from microdrama.adapt.defects import same_line

Reply = dict[str, Any]


class FakeServer:
    """Holds the script and every request received."""

    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.responder: Callable[[dict[str, Any]], Reply] | None = None
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    def url(self, model: str = "fake-model") -> str:
        """Engine URL for microdrama."""
        return f"openai://127.0.0.1:{self.port}/v1?model={model}"

    def push(self, *replies: Reply) -> None:
        """Queue replies."""
        with self.lock:
            self.script.extend(replies)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, body: dict[str, Any]) -> Reply:
        with self.lock:
            self.requests.append(body)
            if self.script:
                return self.script.popleft()
        if self.responder is not None:
            return self.responder(body)
        return {"status": 500}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake.lock:
                    fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = fake._next(body)
                if "slow" in reply:
                    time.sleep(reply["slow"])
                if "status" in reply:
                    err = {"error": {"message": reply.get("message", "scripted error"), "type": "server_error"}}
                    self._send(reply["status"], json.dumps(err).encode(), reply.get("headers"))
                    return
                if reply.get("garbage"):
                    self._send(200, b"<html>not json</html>")
                    return
                content = json.dumps(reply["json"]) if "json" in reply else reply.get("content", "")
                doc = {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model", ""),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": content},
                            "finish_reason": reply.get("finish_reason", "stop"),
                        }
                    ],
                    "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
                }
                self._send(200, json.dumps(doc).encode())

        return Handler


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    """A started fake server, stopped after the test."""
    server = FakeServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _user(body: dict[str, Any]) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def _schema_name(body: dict[str, Any]) -> str:
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return str(fmt["json_schema"]["name"])
    system = body["messages"][0]["content"]
    for name in (
        "SpeakerReply",
        "SeriesReply",
        "EpisodeReply",
        "WriteReply",
        "TranslateReply",
        "ArcReply",
        "BeatReply",
        "FountainReply",
    ):
        if f'"title": "{name}"' in system:
            return name
    return ""


_FENCED = r"<<<NOVEL_TEXT>>>\n(.*?)\n<<<END_NOVEL_TEXT>>>"


def smart_reply(body: dict[str, Any]) -> Reply:
    """A valid, deterministic answer for each of microdrama's prompts (reads the ids from the prompt)."""

    user = _user(body)
    name = _schema_name(body)
    if name == "SpeakerReply":
        cast_block = user.split("Quotations to attribute")[0]
        keys = re.findall(r"^([^\n:]+): ", cast_block.split("\n", 1)[1], flags=re.MULTILINE)
        ids = re.findall(r"^\[(q\d+)\] quotation:", user, flags=re.MULTILINE)
        return {"json": {"items": [{"id": i, "speaker": keys[0], "confidence": 0.8} for i in ids]}}
    if name in ("ArcReply", "BeatReply", "FountainReply"):
        return room_reply(body, name)
    if name in ("SeriesReply", "EpisodeReply"):
        events = re.findall(r"^(e\d+): ", user, flags=re.MULTILINE)
        if name == "SeriesReply":
            return {
                "json": {
                    "logline": "A keeper of secrets must choose between family and truth.",
                    "synopsis": "A model-written synopsis grounded in the events given.",
                    "events": events[:2],
                }
            }
        number = re.search(r"Episode (\d+) of", user)
        current = re.search(r"^Current cliffhanger: (.{5,}?)$", user, flags=re.MULTILINE)
        return {
            "json": {
                "title": f"Model title {number.group(1) if number else '?'}",
                "hook": "A hook from the events.",
                # a faithful editor keeps the book's cliffhanger line (the writers' room must end on it)
                "cliffhanger": current.group(1).strip() if current else "A door opens on the last second.",
                "events": events[:1],
            }
        }
    if name == "WriteReply":
        items = re.findall(r"^(\d+)\. .*? \[([^\]]+)\] " + _FENCED, user, flags=re.MULTILINE | re.DOTALL)
        lines = []
        for index, quote, text in items:
            words = text.split()
            short = " ".join(words[: max(1, (len(words) * 3 + 3) // 4)])
            lines.append({"index": int(index), "text": short, "source": quote})
        return {"json": {"lines": lines}}
    if name == "TranslateReply":
        items = re.findall(r"^(\d+): " + _FENCED, user, flags=re.MULTILINE | re.DOTALL)
        return {"json": {"lines": [{"index": int(i), "text": f"[zh] {t}"} for i, t in items]}}
    return {"status": 400, "message": f"unknown schema {name!r}"}


_NUMBER_WORDS = "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve".split()
_QUOTED = re.compile(r"[“\"「]([^”\"」\n]{4,90}[.!?。！？])[”\"」]")


def room_episode(body: dict[str, Any]) -> int:
    """The episode number a writers' room request is about."""
    found = re.search(r"^(?:Episode|第) ?(\d+)", _user(body), flags=re.MULTILINE)
    return int(found.group(1)) if found else 0


def fenced_after(user: str, label: str) -> str:
    """The first fenced block after ``label`` in ``user``."""
    at = user.find(label)
    found = re.search(_FENCED, user[at:], flags=re.DOTALL) if at >= 0 else None
    return found.group(1) if found else ""


def room_reply(body: dict[str, Any], name: str) -> Reply:
    """A writers' room that does its job: an arc from the cast listed, a beat sheet keeping one of the
    passage's quotations, and an episode that is its offline draft retitled with the kept line in it."""
    user = _user(body)
    number = room_episode(body)
    zh = "第 " in user or "剧名" in user
    title = f"第{'一二三四五六七八九十'[(number - 1) % 10]}回" if zh else f"Turn {_NUMBER_WORDS[(number - 1) % 12]}"
    if name == "ArcReply":
        label = "人物（名字 — 身份 — 说话方式）：\n" if zh else "Cast (name — role — how they speak):\n"
        block = user.split(label, 1)[1]
        block = re.sub(_FENCED, "", block, flags=re.DOTALL).split("\n\n", 1)[0]
        names = [line.split(" — ")[0].split(" (also")[0] for line in block.splitlines() if " — " in line][:3]
        return {
            "json": {
                "logline": "A daughter wants her father cleared; a powerful man blocks her.",
                "season_arc": "She finds a lie, then a letter, then the man behind both, and pays for the truth.",
                "characters": [{"name": n, "want": "the truth", "change": "learns whom to trust"} for n in names],
            }
        }
    if name == "BeatReply":
        passage = fenced_after(user, "本集对应的原文" if zh else "The book's passage")
        quoted = _QUOTED.findall(passage)
        return {
            "json": {
                "title": title,
                "conflict": "Nell wants the truth, Victor blocks it.",
                "opening_hook": "A hand on a locked door.",
                "beats": ["A threat.", "A lie exposed.", "A door opens."],
                "emotional_curve": "fear to anger to dread",
                "ending_hook": "Who sent the letter?",
                "keep_lines": quoted[:1] or [" ".join(passage.split()[:6])],
                "minor_roles": [],
            }
        }
    draft = fenced_after(user, "本集的离线初稿" if zh else "The offline draft") or fenced_after(
        user, "你的上一稿" if zh else "Your draft"
    )
    keep_label = "一字不差保留的句子：" if zh else "Lines to keep word for word:"
    keep = re.findall(_FENCED, user.split(keep_label, 1)[-1].split("\n\n")[0], re.DOTALL)
    colon = "：" if zh else ": "
    cliff_label = "规划的卡点台词" if zh else "The planned cliffhanger"
    cliffhanger = fenced_after(user, cliff_label) if cliff_label in user else ""
    lines = draft.split("\n")
    lines = [f"# EP{number:02d}{colon}{title}" if line.startswith("# EP") else line for line in lines]
    text = "\n".join(lines)
    for line in keep:
        if " ".join(line.split()) not in " ".join(text.split()):
            # say the kept line in place of the first speech
            for i in range(1, len(lines)):
                cue = lines[i - 1].strip()
                if cue and (cue.startswith("@") or (not zh and cue.upper() == cue)) and lines[i].strip():
                    if not cue.startswith(("INT", "EXT", "#", "=", ">")):
                        lines[i] = line
                        break
            text = "\n".join(lines)
    said = [line for line in lines if line.strip() and not line.startswith((">", "#", "="))]
    if cliffhanger and not any(same_line(cliffhanger, line, "zh-Hans" if zh else "en") for line in said[-3:]):
        # end on the planned cliffhanger: said by the episode's last speaker
        cues = [
            lines[i - 1]
            for i in range(1, len(lines))
            if lines[i - 1].startswith("@")
            or (
                not zh
                and lines[i - 1].strip()
                and lines[i - 1].strip().upper() == lines[i - 1].strip()
                and not lines[i - 1].startswith(("INT", "EXT", "#", "=", ">"))
                and lines[i].strip()
            )
        ]
        end = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].startswith(">")), len(lines))
        if cues:
            last = next((i for i in range(end - 1, -1, -1) if lines[i].strip()), -1)
            start = last
            while start > 0 and lines[start - 1].strip():
                start -= 1
            if last > start and lines[start] == cues[-1]:  # the last speech is theirs: it goes on (no cue twice)
                lines[last] += ("" if zh else " ") + " ".join(cliffhanger.split())
            else:
                lines[end:end] = [cues[-1], " ".join(cliffhanger.split()), ""]
            text = "\n".join(lines)
    return {"json": {"fountain": text}}


def room_only_reply(body: dict[str, Any]) -> Reply:
    """The writers' room answered (:func:`room_reply`); every other request refused, so the stages before
    ``write`` keep their offline results and the room is tested on the book's own plan."""
    name = _schema_name(body)
    if name in ("ArcReply", "BeatReply", "FountainReply"):
        return room_reply(body, name)
    return {"status": 400, "message": "only the writers' room is served here"}
