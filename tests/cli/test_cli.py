"""The command line: help everywhere, clear errors and exit codes for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from microdrama.cli import cli, main
from microdrama.pipeline import STAGES


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    names = cli.list_commands(click.Context(cli))
    assert {s.cli_name for s in STAGES} <= set(names)
    assert {"produce", "demo", "status", "schemas"} <= set(names)
    for name in names:
        with pytest.raises(SystemExit) as exit_info:
            cli.main(args=[name, "--help"], prog_name="microdrama")
        assert exit_info.value.code == 0
        assert "Usage: microdrama" in capsys.readouterr().out


def test_a_command_does_not_import_the_others() -> None:
    """`microdrama produce` must not pay at start-up for the studio's web stack or the assessment's charts."""
    code = (
        "import sys; from microdrama.cli import cli; import click;"
        "cli.get_command(click.Context(cli), 'produce');"
        "print(' '.join(m for m in ('microdrama.studio', 'microdrama.assess', 'microdrama.release') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" * 20, "binary"),
        (b"   \n\n\t  \n", "no text"),
    ],
    ids=["empty", "binary", "blank"],
)
def test_bad_input_exits_2_and_leaves_no_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    novel = tmp_path / "novel.txt"
    novel.write_bytes(content)
    project = tmp_path / "project"
    assert main(["produce", str(novel), "-o", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(novel) in err and problem in err.lower()
    assert len(err.strip().splitlines()) == 1
    assert not project.exists()


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["produce", str(tmp_path / "absent.txt"), "-o", str(tmp_path / "p")]) == 2
    assert "absent.txt: no such file" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_ingest_reports_without_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    novel = tmp_path / "story.txt"
    novel.write_bytes("第一章 开端\n\n他说：“你好。”\n\n第二章 结局\n\n她笑道：“再见。”\n".encode("gb18030"))
    assert main(["ingest", str(novel)]) == 0
    out = capsys.readouterr().out
    assert "gb18030" in out and "zh" in out and "开端" in out


def test_schemas_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schemas", "--out", str(tmp_path)]) == 0
    assert main(["schemas", "--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "Source.schema.json").write_text("{}")
    assert main(["schemas", "--out", str(tmp_path), "--check"]) == 2
    assert "Source.schema.json" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("bad.txt", b"hello \xff\xfe\xfa world \x81\x82 and more text after it\n", "undecodable bytes"),
        ("bad.epub", b"PK\x03\x04garbage", "not a valid epub"),
        ("bad.docx", b"PK\x03\x04garbage", "not a valid docx"),
        ("novel.pdf", b"%PDF-1.4", "unsupported format"),
    ],
)
def test_more_bad_input_gets_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, problem: str
) -> None:
    novel = tmp_path / name
    novel.write_bytes(content)
    assert main(["produce", str(novel), "-o", str(tmp_path / "project")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {novel}") and problem in err and "\n" not in err
    assert not (tmp_path / "project").exists()


def test_oversized_input_is_refused_before_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from microdrama.errors import InputTooLargeError
    from microdrama.ingest import read_novel

    novel = tmp_path / "big.txt"
    novel.write_bytes(b"word " * 300_000)
    with pytest.raises(InputTooLargeError, match="big.txt"):
        read_novel(novel, max_bytes=1_000_000)
