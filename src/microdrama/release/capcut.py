"""A CapCut / 剪映 draft (``draft_content.json``) laying the package's episode masters end to end on one
video track, written from the documented schema (release.md §4; pyJianYingDraft's Jianying 5.9 template,
``version`` 360000): canvas, fps, tracks → segments → materials, every time in integer microseconds.

Targets the unencrypted ≤ 5.9 schema; Jianying 6+ and CapCut read the same JSON renamed to
``draft_info.json`` (both names are not needed: rename on import). Material paths are relative to the
package folder: copy the folder into the app's draft folder, or re-link on first open.
"""

from __future__ import annotations

import json
import uuid

from microdrama.release.profile import Profile

SCHEMA_VERSION = 360000
NEW_VERSION = "110.0.0"
APPS = {
    "jianying": {"app_id": 3704, "app_source": "lv", "app_version": "5.9.0"},
    "capcut": {"app_id": 359289, "app_source": "cc", "app_version": "6.7.0"},
}


def _id(*parts: object) -> str:
    """A stable upper-case UUID (drafts use them as ids), so re-runs write the same bytes."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "microdrama:" + "/".join(map(str, parts)))).upper()


def draft(title: str, profile: Profile, files: list[str], durations_us: list[int], app: str = "jianying") -> bytes:
    """The draft JSON for ``files`` (package-relative) of ``durations_us`` each, in order."""
    w, h = profile.video.width, profile.video.height
    videos, speeds, segments = [], [], []
    start = 0
    for i, (name, duration) in enumerate(zip(files, durations_us)):
        material, speed = _id(title, profile.id, "video", i), _id(title, profile.id, "speed", i)
        videos.append(
            {
                "id": material,
                "type": "video",
                "path": name,
                "material_name": name.rsplit("/", 1)[-1],
                "duration": duration,
                "width": w,
                "height": h,
                "has_audio": True,
            }
        )
        speeds.append({"id": speed, "type": "speed", "mode": 0, "speed": 1.0, "curve_speed": None})
        segments.append(
            {
                "id": _id(title, profile.id, "segment", i),
                "material_id": material,
                "target_timerange": {"start": start, "duration": duration},
                "source_timerange": {"start": 0, "duration": duration},
                "speed": 1.0,
                "volume": 1.0,
                "visible": True,
                "render_index": 0,
                "extra_material_refs": [speed],
                "clip": {
                    "alpha": 1.0,
                    "flip": {"horizontal": False, "vertical": False},
                    "rotation": 0.0,
                    "scale": {"x": 1.0, "y": 1.0},
                    "transform": {"x": 0.0, "y": 0.0},
                },
                "common_keyframes": [],
            }
        )
        start += duration
    platform = {**APPS[app], "os": "windows"}
    doc = {
        "id": _id(title, profile.id),
        "name": f"{title} · {profile.id}",
        "canvas_config": {"width": w, "height": h, "ratio": "original"},
        "fps": float(profile.video.fps),
        "duration": start,
        "tracks": [
            {
                "id": _id(title, profile.id, "track"),
                "type": "video",
                "name": "episodes",
                "attribute": 0,
                "flag": 0,
                "segments": segments,
            }
        ],
        "materials": {
            "videos": videos,
            "speeds": speeds,
            "audios": [],
            "texts": [],
            "stickers": [],
            "audio_fades": [],
            "transitions": [],
            "effects": [],
            "canvases": [],
        },
        "keyframes": {"videos": [], "audios": [], "texts": [], "stickers": [], "filters": [], "adjusts": []},
        "config": {"maintrack_adsorb": True},
        "platform": platform,
        "last_modified_platform": platform,
        "version": SCHEMA_VERSION,
        "new_version": NEW_VERSION,
        "create_time": 0,
        "update_time": 0,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
