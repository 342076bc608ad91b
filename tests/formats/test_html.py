"""HTML reading copy: language, table of contents and anchors, escaping, no external resources."""

from __future__ import annotations

from html.parser import HTMLParser

from formats.sample_scripts import make_bible, make_en_script, make_zh_script

from microdrama.formats import html
from microdrama.model import Element


class _Collector(HTMLParser):
    """Tags with their attributes, and all text, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def collect(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_page_has_language_contents_and_episode_anchors() -> None:
    page = html.write_series([make_zh_script(2), make_en_script(1)], make_bible("en"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    tags = collect(page).tags
    links = [attrs["href"] for tag, attrs in tags if tag == "a"]
    ids = [attrs["id"] for tag, attrs in tags if tag == "section"]
    assert links == ["#ep001", "#ep002"] and ids == ["ep001", "ep002"]
    assert '<section class="episode" id="ep002" lang="zh-Hans">' in page
    assert "Courier" in page


def test_chinese_page_uses_a_cjk_font_stack() -> None:
    page = html.write_series([make_zh_script()], make_bible("zh-Hans"))
    assert '<html lang="zh-Hans">' in page and '"Noto Sans CJK SC"' in page and "Courier" not in page
    assert '"Noto Sans CJK TC"' in html.write_series([make_zh_script()], make_bible("zh-Hant"))
    collector = collect(page)
    assert "第2集：黛玉进府" in collector.text and "(冷笑)" in collector.text
    assert "此处配乐渐起" not in page  # notes are not printed


def test_text_is_escaped_and_nothing_external_is_loaded() -> None:
    script = make_en_script()
    script.scenes[0].elements.append(Element(kind="action", text='<script>alert("x")</script> & <img src=x>'))
    page = html.write_series([script], make_bible("en"))
    tags = [tag for tag, _ in collect(page).tags]
    assert "script" not in tags and "img" not in tags and "link" not in tags
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x&gt;" in page
    assert "Pride &amp; Prejudice" in page and "&lt;and&gt;" in page
    assert "http" not in page and "url(" not in page


def test_output_is_deterministic() -> None:
    scripts = [make_en_script(1), make_zh_script(2)]
    assert html.write_series(scripts, make_bible("en")) == html.write_series(scripts[::-1], make_bible("en"))
