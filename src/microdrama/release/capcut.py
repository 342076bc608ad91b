"""A CapCut / 剪映 draft folder: ``draft_content.json`` laying the package's episode masters end to end on
one video track, and ``draft_meta_info.json``, the draft's card in the app's draft list (name, id, cover,
duration, the imported materials), written from the documented schema (release.md §4; pyJianYingDraft's
Jianying 5.9 template, ``version`` 360000, ``new_version`` 110.0.0): canvas, fps, tracks → segments →
materials, every time in integer microseconds.

Targets the unencrypted ≤ 5.9 schema; Jianying 6+ and CapCut read the same content JSON renamed to
``draft_info.json`` (both names are not needed: rename on import). Material paths are relative to the
package folder, and ``draft_fold_path``/``draft_root_path`` are left empty (the app fills them when the
folder sits in its drafts folder): copy the folder there, or re-link on first open.
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


#: the material groups of ``draft_meta_info.json`` (0: imported videos and pictures; the rest stay empty)
META_GROUPS = (0, 1, 2, 3, 6, 7, 8)


def meta_info(
    title: str,
    profile: Profile,
    files: list[str],
    durations_us: list[int],
    created_us: int,
    cover: str = "draft_cover.jpg",
) -> bytes:
    """``draft_meta_info.json`` for the draft :func:`draft` writes (same ids, same total duration);
    ``created_us``: creation and modification time in µs since the epoch (fixed, so re-runs match)."""
    w, h = profile.video.width, profile.video.height
    imported = [
        {
            "create_time": created_us // 1_000_000,
            "duration": duration,
            "extra_info": name.rsplit("/", 1)[-1],
            "file_Path": name,
            "height": h,
            "id": _id(title, profile.id, "video", i),
            "import_time": created_us // 1_000_000,
            "import_time_ms": created_us,
            "item_source": 1,
            "md5": "",
            "metetype": "video",
            "roughcut_time_range": {"duration": duration, "start": 0},
            "sub_time_range": {"duration": -1, "start": -1},
            "type": 0,
            "width": w,
        }
        for i, (name, duration) in enumerate(zip(files, durations_us))
    ]
    doc = {
        "cloud_package_completed_time": "",
        "draft_cloud_capcut_purchase_info": "",
        "draft_cloud_last_action_download": False,
        "draft_cloud_materials": [],
        "draft_cloud_purchase_info": "",
        "draft_cloud_template_id": "",
        "draft_cloud_tutorial_info": "",
        "draft_cloud_videocut_purchase_info": "",
        "draft_cover": cover,
        "draft_deeplink_url": "",
        "draft_enterprise_info": {
            "draft_enterprise_extra": "",
            "draft_enterprise_id": "",
            "draft_enterprise_name": "",
            "enterprise_material": [],
        },
        "draft_fold_path": "",
        "draft_id": _id(title, profile.id),
        "draft_is_ai_packaging_used": False,
        "draft_is_ai_shorts": False,
        "draft_is_ai_translate": False,
        "draft_is_article_video_draft": False,
        "draft_is_from_deeplink": "false",
        "draft_is_invisible": False,
        "draft_materials": [{"type": group, "value": imported if group == 0 else []} for group in META_GROUPS],
        "draft_materials_copied_info": [],
        "draft_name": f"{title} · {profile.id}",
        "draft_new_version": NEW_VERSION,
        "draft_removable_storage_device": "",
        "draft_root_path": "",
        "draft_segment_extra_info": [],
        "draft_timeline_materials_size_": 0,
        "draft_type": "",
        "tm_draft_cloud_completed": "",
        "tm_draft_cloud_modified": 0,
        "tm_draft_create": created_us,
        "tm_draft_modified": created_us,
        "tm_draft_removed": 0,
        "tm_duration": sum(durations_us),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
