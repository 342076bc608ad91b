"""Compliance: how long labelling takes per file kind, and whether every label reads back.

Run from the repository root::

    .venv/bin/python benchmarks/compliance.py [--seconds 90] [--project DIR]

Makes a 1080×1920 animatic-like video of ``--seconds`` (x264 with the cut stage's settings), a panel,
a voice clip, a script, a ``--pages`` screenplay PDF and an SRT file, labels each (explicit + implicit) and times it. The video is labelled
twice: by splicing a re-encoded opening into the copied stream (what the stage does) and by
re-encoding the whole video (the fallback), so the gain is measured, not assumed. With ``--project``
(a produced project), every labelled file under ``labelled/`` is verified and counted.
Exits 1 when a label does not read back.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from fpdf import FPDF

from microdrama.compliance.explicit import LabelStyle, label_video
from microdrama.compliance.implicit.mp4 import ffmpeg_exe
from microdrama.compliance.implicit.sidecar import SUFFIX as SIDECAR
from microdrama.compliance.labeller import LabelPlan, label_file
from microdrama.compliance.provenance import Made
from microdrama.compliance.splice import X264_ARGS
from microdrama.compliance.verify import verify_bytes, verify_file
from microdrama.formats.fonts import cjk_font
from microdrama.formats.pdf import CREATION_DATE
from microdrama.timecode import hms


def animatic(seconds: float, folder: Path) -> bytes:
    """A 1080×1920 video like the cut's: mostly still pictures that change every 3 s, voice-like audio."""
    out = folder / "v.mp4"
    subprocess.run(
        [
            ffmpeg_exe(),
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size=1080x1920:rate=1/3:duration={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=220:duration={seconds}:sample_rate=48000",
            "-vf",
            "fps=30",
            *X264_ARGS,
            "-force_key_frames",
            "expr:gte(t,n_forced*2)",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-movflags",
            "+faststart",
            "-shortest",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out.read_bytes()


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def screenplay_pdf(pages: int) -> bytes:
    """A screenplay-like PDF of ``pages`` letter pages in the CJK font, as the export stage writes it."""
    face = cjk_font("zh-Hans")
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_creation_date(CREATION_DATE)
    pdf.add_font("screenplay", "", str(face.path), collection_font_number=face.index)
    pdf.set_font("screenplay", size=12)
    for page in range(pages):
        pdf.add_page()
        for line in range(40):
            pdf.cell(0, 14, f"第{page + 1}页 第{line + 1}行：他推门而入，雨声忽然大了。", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument("--pages", type=int, default=120, help="pages of the screenplay PDF")
    parser.add_argument("--project", type=Path)
    args = parser.parse_args()
    rows, failures = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        video = animatic(args.seconds, Path(tmp))
        plan = LabelPlan("zh", filing="(总局)网剧审字(2026)第001号")
        done, seconds = timed(
            lambda: label_file(Made("cut/ep001.vertical.mp4", "cut", {}, "synthesised", ""), video, plan)
        )
        rows.append(
            ("video, spliced opening (stage)", f"{args.seconds:.0f} s 1080x1920", seconds, verify_bytes(done.data).ok)
        )
        with mock.patch("microdrama.compliance.splice.splice_label", return_value=None):
            _, seconds = timed(lambda: label_video(video, "AI合成", LabelStyle(), plan.filing))
        rows.append(("video, whole re-encode (fallback)", f"{args.seconds:.0f} s 1080x1920", seconds, True))
        import io

        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (1080, 1920), (90, 120, 160)).save(buffer, "PNG")
        panel, seconds = timed(
            lambda: label_file(Made("board/ep001/s001.png", "board", {}, "synthesised", ""), buffer.getvalue(), plan)
        )
        rows.append(("panel PNG", "1080x1920", seconds, verify_bytes(panel.data).ok))
        script = ("\n# EP01\n\n" + "INT. SHOP - DAY\n\nMara waits.\n\n" * 200).encode()
        text, seconds = timed(
            lambda: label_file(Made("script/ep001.fountain", "write", {}, "synthesised", ""), script, LabelPlan("en"))
        )
        rows.append(
            ("Fountain script", f"{len(script) // 1024} KiB", seconds, verify_bytes(text.data, "ep001.fountain").ok)
        )
        document = screenplay_pdf(args.pages)
        labelled, seconds = timed(
            lambda: label_file(Made("script/series.pdf", "export", {}, "synthesised", ""), document, plan)
        )
        rows.append(
            ("screenplay PDF (CJK font)", f"{args.pages} pages", seconds, verify_bytes(labelled.data, "series.pdf").ok)
        )
        srt = "".join(
            f"{i}\n{hms(i * 2000).replace('.', ',')} --> {hms(i * 2000 + 1800).replace('.', ',')}\n第{i}句。\n\n"
            for i in range(1, 60)
        ).encode()
        subs, seconds = timed(
            lambda: label_file(Made("subs/ep001.zh.srt", "subtitle", {}, "synthesised", ""), srt, plan)
        )
        rows.append(
            ("SRT + .aigc.json sidecar", "59 cues", seconds, verify_bytes(subs.data, "ep001.zh.srt", subs.sidecar).ok)
        )
    print(f"{'file':36s} {'size':>18s} {'seconds':>8s}  labels read back")
    for name, size, seconds, ok in rows:
        failures += not ok
        print(f"{name:36s} {size:>18s} {seconds:8.2f}  {'yes' if ok else 'NO'}")
    if args.project:
        files = sorted(
            p for p in (args.project / "labelled").rglob("*") if p.is_file() and not p.name.endswith(SIDECAR)
        )
        bad = [p for p in files if not verify_file(p).ok]
        failures += len(bad)
        print(f"\n{args.project}: {len(files) - len(bad)} of {len(files)} labelled files verified")
        for path in bad:
            print(f"  NOT LABELLED: {path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
