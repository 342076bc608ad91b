"""Panels: 1080×1920 frames drawn the same way every time, figures keep their look, scale follows shot size."""

from __future__ import annotations

import io

from media_fixtures import bible, cast, script
from PIL import Image

from microdrama.board.annotate import annotate
from microdrama.board.sheet import contact_sheet
from microdrama.board.shots import plan_shots
from microdrama.casting.looks import cast_looks
from microdrama.engines.image.panel import LABEL_TOP, SCALE, PanelEngine, draw_frame, label_y, placements, rgb

LOOKS = {look.id: look for look in cast_looks(bible(), cast()).looks}
SHOTS = plan_shots(script(), bible())


def colour_pixels(image: Image.Image, hex_colour: str) -> int:
    target = rgb(hex_colour)
    return sum(count for count, colour in image.getcolors(1 << 20) if colour == target)


def test_frames_are_full_size_and_deterministic() -> None:
    engine = PanelEngine()
    first = engine.frame(SHOTS.shots[0], LOOKS, "en")
    assert first == engine.frame(SHOTS.shots[0], LOOKS, "en")
    assert Image.open(io.BytesIO(first)).size == (1080, 1920)


def test_looks_are_distinct_and_fixed() -> None:
    looks = cast_looks(bible(), cast()).looks
    assert len({look.colour for look in looks}) == len(looks)
    assert cast_looks(bible(), cast()) == cast_looks(bible(), cast())
    assert (
        looks[0].silhouette in ("dress", "coat", "jacket") and looks[1].silhouette == "suit"
    )  # female heroine, male villain


def test_subject_is_drawn_in_its_colour_and_closer_shots_are_bigger() -> None:
    shot = SHOTS.shots[0].model_copy(update={"subject": ["c001"], "framing": "single"})
    mara = LOOKS["c001"].colour
    faces = {}
    for size in ("WS", "MS", "CU"):
        frame = draw_frame(shot.model_copy(update={"size": size}), LOOKS, "en")
        assert colour_pixels(frame, mara) > 1000
        faces[size] = colour_pixels(frame, LOOKS["c001"].skin)
    assert 0 < faces["WS"] < faces["MS"] < faces["CU"]
    other = draw_frame(shot.model_copy(update={"subject": ["c002"]}), LOOKS, "en")
    assert colour_pixels(other, mara) == 0


def test_faces_sit_in_the_upper_third_from_medium_shots_in() -> None:
    for size in ("MS", "MCU", "CU", "ECU"):
        (place,) = placements(SHOTS.shots[0].model_copy(update={"size": size}), 1)
        eyes = place.y - 0.05 * place.r
        assert eyes <= 1920 / 3 and place.r == SCALE[size][0], size


def test_name_labels_never_cross_the_face_or_leave_the_safe_top() -> None:
    for size in ("WS", "MS", "MCU", "CU", "ECU"):
        (place,) = placements(SHOTS.shots[0].model_copy(update={"size": size}), 1)
        for look in LOOKS.values():
            top = label_y(place, look, 40)
            assert top >= LABEL_TOP and top + 40 < 1250, size  # subtitles start lower
            assert top + 40 <= place.y - place.r or top >= place.y + place.r, size


def test_panel_annotation_and_contact_sheet() -> None:
    frame = draw_frame(SHOTS.shots[1], LOOKS, "en", size=(270, 480))
    panel = annotate(frame, SHOTS.shots[1], "en", "Victor Harrow")
    assert panel.size == (270, 480) and panel.tobytes() != frame.tobytes()
    sheet = contact_sheet([panel] * len(SHOTS.shots), SHOTS, "EP 001")
    assert sheet.width == 5 * 232 + 16 and sheet.height > 480
