"""EPUB novels built in the test: spine order, metadata, headings, and hostile or broken archives."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from microdrama.errors import CorruptInputError, InputTooLargeError
from microdrama.ingest import read_novel

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

PARAGRAPH = "The rain had not stopped for three days, and the river was rising past the old stone mill."


def package(spine: list[str], title: str = "The Mill", author: str = "Jane Roe") -> str:
    items = "".join(f'<item id="{n}" href="text/{n}.xhtml" media-type="application/xhtml+xml"/>' for n in spine)
    refs = "".join(f'<itemref idref="{n}"/>' for n in spine)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator></metadata>
  <manifest>{items}<item id="css" href="style.css" media-type="text/css"/></manifest>
  <spine>{refs}</spine>
</package>"""


def xhtml(body: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title><style>p {{ color: red }}</style></head>
<body>{body}</body></html>"""


def build_epub(
    path: Path, documents: dict[str, str], *, spine: list[str] | None = None, extra: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", package(spine or list(documents)))
        archive.writestr("OEBPS/style.css", "p { margin: 0 }")
        for name, body in documents.items():
            archive.writestr(f"OEBPS/text/{name}.xhtml", xhtml(body))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def test_spine_order_metadata_and_chapters(tmp_path: Path) -> None:
    documents = {
        "ch2": f"<h2>Chapter 2. The Flood</h2><p>{PARAGRAPH}</p><p>Second&nbsp;paragraph<br/>with a break.</p>",
        "title": "<h1>The Mill</h1><p>by Jane Roe</p>",
        "ch1": f"<h2>Chapter 1. The Rain</h2><p>{PARAGRAPH}</p><script>alert('x')</script>",
    }
    path = build_epub(tmp_path / "mill.epub", documents, spine=["title", "ch1", "ch2"])
    source = read_novel(path)
    assert (source.file_format, source.title, source.author, source.encoding) == (
        "epub",
        "The Mill",
        "Jane Roe",
        "utf-8",
    )
    assert source.text.index("Chapter 1.") < source.text.index("Chapter 2.")
    assert "alert" not in source.text and "color: red" not in source.text
    assert "Second\u00a0paragraph\nwith a break." in source.text
    assert f"{PARAGRAPH}\n\n" in source.text
    chapters = source.body_chapters()
    assert [(c.number, c.title) for c in chapters] == [(1, "Chapter 1. The Rain"), (2, "Chapter 2. The Flood")]
    for chapter in chapters:
        assert chapter.title in source.text[chapter.start : chapter.body_start]
    assert source.chapters[0].start == 0 and source.chapters[-1].end == len(source.text)


def test_documents_without_headings_become_sections(tmp_path: Path) -> None:
    documents = {f"part{i}": f"<p>{PARAGRAPH} ({i})</p>" for i in range(3)}
    source = read_novel(build_epub(tmp_path / "plain.epub", documents))
    assert len(source.chapters) == 3
    assert [source.text[c.start : c.end].strip() for c in source.chapters] == [f"{PARAGRAPH} ({i})" for i in range(3)]


def test_chinese_epub(tmp_path: Path) -> None:
    documents = {
        "c1": "<h1>第一章　开端</h1><p>　　他说：“我们走吧。”她点点头，跟着他出了门。</p>",
        "c2": "<h1>第二章　结局</h1><p>　　雨下了一整夜，第二天早上，他们终于到了。</p>",
    }
    source = read_novel(build_epub(tmp_path / "zh.epub", documents))
    assert (source.language, source.script) == ("zh", "Hans")
    assert [c.number for c in source.body_chapters()] == [1, 2]


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.epub"
    path.write_bytes(b"this is not an epub at all\n" * 10)
    with pytest.raises(CorruptInputError, match="not a valid epub") as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))


def test_truncated_epub(tmp_path: Path) -> None:
    whole = build_epub(tmp_path / "whole.epub", {"c1": f"<p>{PARAGRAPH * 50}</p>"}).read_bytes()
    path = tmp_path / "cut.epub"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CorruptInputError) as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))


def test_missing_container(tmp_path: Path) -> None:
    path = tmp_path / "nocontainer.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("OEBPS/text/c1.xhtml", xhtml("<p>hi</p>"))
    with pytest.raises(CorruptInputError, match=r"container\.xml is missing"):
        read_novel(path)


def test_broken_package_xml(tmp_path: Path) -> None:
    path = tmp_path / "badopf.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", "<package><unclosed>")
    with pytest.raises(CorruptInputError, match=r"content\.opf"):
        read_novel(path)


def test_entity_expansion_in_package_is_refused(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        "<package>&b;</package>"
    )
    path = tmp_path / "laughs.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", laughs)
    with pytest.raises(CorruptInputError, match="not valid or safe XML"):
        read_novel(path)


@pytest.mark.parametrize("evil", ["../../etc/passwd", "/etc/passwd", "OEBPS/../../escape.xhtml", "C:/windows/x"])
def test_path_traversal_member_is_refused(tmp_path: Path, evil: str) -> None:
    path = build_epub(tmp_path / "evil.epub", {"c1": f"<p>{PARAGRAPH}</p>"}, extra={evil: b"gotcha"})
    with pytest.raises(CorruptInputError, match="unsafe member name") as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))
    assert not (tmp_path.parent / "escape.xhtml").exists()


def test_path_traversal_in_spine_href_is_refused(tmp_path: Path) -> None:
    opf = package(["c1"]).replace('href="text/c1.xhtml"', 'href="../../../etc/passwd"')
    path = tmp_path / "evilhref.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", opf)
    with pytest.raises(CorruptInputError, match="unsafe spine item path"):
        read_novel(path)


def test_zip_bomb_total_size(tmp_path: Path) -> None:
    bomb = xhtml("<p>" + "a" * (4 * 1024 * 1024) + "</p>")  # compresses to a few KB
    path = build_epub(tmp_path / "bomb.epub", {"c1": bomb})
    assert path.stat().st_size < 100_000
    with pytest.raises(InputTooLargeError, match="over the limit") as caught:
        read_novel(path, max_bytes=200_000)
    assert str(caught.value).startswith(str(path))


def test_zip_bomb_compression_ratio(tmp_path: Path) -> None:
    bomb = xhtml("<p>" + "a" * (8 * 1024 * 1024) + "</p>")
    path = build_epub(tmp_path / "ratio.epub", {"c1": bomb})
    with pytest.raises(CorruptInputError, match="zip bomb"):
        read_novel(path)


def test_too_many_members(tmp_path: Path) -> None:
    path = build_epub(
        tmp_path / "many.epub", {"c1": f"<p>{PARAGRAPH}</p>"}, extra={f"junk/{i}": b"" for i in range(10_001)}
    )
    with pytest.raises(InputTooLargeError, match="members"):
        read_novel(path)


def test_empty_epub_text(tmp_path: Path) -> None:
    from microdrama.errors import EmptyInputError

    path = build_epub(tmp_path / "empty.epub", {"c1": "<p>   </p>", "c2": "<div><img src='x.png'/></div>"})
    with pytest.raises(EmptyInputError, match="no text"):
        read_novel(path)
