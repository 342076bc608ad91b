"""EPUB novels: container.xml → OPF package → spine order → XHTML documents → text with paragraph breaks.

The archive is read from memory through :mod:`microdrama.ingest.limits` (no extraction to disk, zip-bomb
and path-traversal checks). Package files are parsed with defusedxml; XHTML documents with lxml's
HTML parser (forgiving about ``&nbsp;`` and sloppy markup, no network, no DTD). Each block element
becomes one paragraph, paragraphs are separated by a blank line, ``<br>`` becomes a newline;
``<h1>``–``<h3>`` become heading hints, and each spine document's start is a section boundary.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree
import lxml.etree
import lxml.html
from defusedxml import DefusedXmlException

from microdrama.errors import CorruptInputError
from microdrama.ingest.extracted import Extracted
from microdrama.ingest.limits import ZipLimits, open_archive, read_member, safe_member_name
from microdrama.text.chapters import HeadingHint

WHAT = "epub"
_CONTAINER = "META-INF/container.xml"
_NS = {
    "container": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_DOCUMENT_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/x-dtbook+xml"})
# fmt: off
_BLOCKS = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "table", "tr", "td", "th", "thead", "tbody", "section", "article", "header", "footer", "aside", "nav",
    "figure", "figcaption", "hr", "address", "center", "body",
))
# fmt: on
_SKIPPED = frozenset({"script", "style", "head", "title", "svg", "math", "noscript"})
_HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 2}
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"'](?P<encoding>[A-Za-z0-9_.\-]+)[\"'][^>]*\?>")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def read(path: Path, raw: bytes, limits: ZipLimits) -> Extracted:
    """Read an ``.epub``: the spine's documents in order, title and author from the OPF metadata.

    Raises:
        CorruptInputError: not a ZIP, no container.xml or OPF, broken XML, an unsafe member name.
        InputTooLargeError: the archive breaks a size limit.
    """
    archive = open_archive(path, raw, limits, what=WHAT)
    with archive:
        stored = {safe_member_name(name): name for name in archive.namelist()}
        package_path = _package_path(archive, path, limits)
        if package_path not in stored:
            raise CorruptInputError(path, f"epub package {package_path!r} named in {_CONTAINER} is missing")
        package = _parse_xml(read_member(archive, stored[package_path], path, limits, what=WHAT), path, package_path)
        title = _first_text(package, "opf:metadata/dc:title")
        author = _first_text(package, "opf:metadata/dc:creator")
        documents = _spine_documents(package, posixpath.dirname(package_path), path)
        if not documents:
            raise CorruptInputError(path, "epub spine lists no XHTML documents")
        builder = _TextBuilder()
        warnings = []
        for name in documents:
            if name not in stored:
                warnings.append(f"spine item {name!r} is missing from the epub; skipped")
                continue
            data = read_member(archive, stored[name], path, limits, what=WHAT)
            builder.add_document(_parse_html(data, path, name))
    return Extracted(
        text=builder.text(),
        encoding="utf-8",
        title=title,
        author=author,
        hints=builder.hints,
        boundaries=builder.boundaries,
        warnings=warnings,
    )


def _package_path(archive: zipfile.ZipFile, path: Path, limits: ZipLimits) -> str:
    if _CONTAINER not in archive.namelist():
        raise CorruptInputError(path, f"not an epub: {_CONTAINER} is missing")
    container = _parse_xml(read_member(archive, _CONTAINER, path, limits, what=WHAT), path, _CONTAINER)
    rootfile = container.find("container:rootfiles/container:rootfile", _NS)
    full_path = rootfile.get("full-path") if rootfile is not None else None
    if not full_path:
        raise CorruptInputError(path, f"{_CONTAINER} names no package (rootfile full-path)")
    name = safe_member_name(unquote(full_path))
    if name is None:
        raise CorruptInputError(path, f"unsafe package path {full_path!r} in {_CONTAINER}")
    return name


def _parse_xml(data: bytes, path: Path, member: str) -> Element:
    try:
        root: Element = defusedxml.ElementTree.fromstring(data)
    except (ParseError, DefusedXmlException) as exc:
        raise CorruptInputError(path, f"{member} in epub is not valid or safe XML ({exc})") from exc
    return root


def _first_text(package: Element, where: str) -> str | None:
    found = package.find(where, _NS)
    text = "".join(found.itertext()).strip() if found is not None else ""
    return text or None


def _spine_documents(package: Element, base: str, path: Path) -> list[str]:
    manifest: dict[str, tuple[str, str]] = {}
    for item in package.findall("opf:manifest/opf:item", _NS):
        item_id, href = item.get("id"), item.get("href")
        if item_id and href:
            manifest[item_id] = (href, item.get("media-type", ""))
    names = []
    for itemref in package.findall("opf:spine/opf:itemref", _NS):
        entry = manifest.get(itemref.get("idref", ""))
        if entry is None or entry[1] not in _DOCUMENT_TYPES:
            continue
        href = unquote(entry[0].split("#", 1)[0])
        name = safe_member_name(posixpath.join(base, href)) if not href.startswith("/") else None
        if name is None:
            raise CorruptInputError(path, f"unsafe spine item path {entry[0]!r} in epub (absolute path or '..')")
        names.append(name)
    return names


def _parse_html(data: bytes, path: Path, member: str) -> lxml.html.HtmlElement:
    declared = _XML_DECLARATION.match(data)
    encoding = declared["encoding"].decode("ascii") if declared else "utf-8"
    try:
        markup = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        markup = data.decode("utf-8", errors="replace")
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    if not markup.strip():
        return lxml.html.fromstring("<html><body></body></html>")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorruptInputError(path, f"{member} in epub is not readable HTML ({exc})") from exc


@dataclass
class _TextBuilder:
    """Collects paragraphs from documents, with heading hints and document starts as offsets."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    hints: list[HeadingHint] = field(default_factory=list)
    boundaries: list[int] = field(default_factory=list)
    _inline: list[str] = field(default_factory=list)
    _heading_level: int | None = None

    def add_document(self, root: lxml.html.HtmlElement) -> None:
        self.boundaries.append(self.length)
        body = root.find("body")
        self._walk(body if body is not None else root)
        self._flush()

    def text(self) -> str:
        return "".join(self.parts)

    def _walk(self, element: lxml.html.HtmlElement) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _SKIPPED:
            return
        block = tag in _BLOCKS
        if block:
            self._flush()
        if tag in _HEADING_LEVELS:
            self._heading_level = _HEADING_LEVELS[tag]
        if tag == "br":
            self._inline.append("\n")
        if element.text and tag:
            self._inline.append(element.text)
        for child in element:
            self._walk(child)
            if child.tail:
                self._inline.append(child.tail)
        if block:
            self._flush()
        if tag in _HEADING_LEVELS:
            self._heading_level = None

    def _flush(self) -> None:
        lines = [_SPACES.sub(" ", line).strip() for line in "".join(self._inline).split("\n")]
        self._inline.clear()
        paragraph = "\n".join(line for line in lines if line)
        if not paragraph:
            return
        if self._heading_level is not None:
            end = self.length + len(paragraph)
            self.hints.append(HeadingHint(self.length, end, paragraph.replace("\n", " "), self._heading_level))
        self.parts.append(paragraph + "\n\n")
        self.length += len(paragraph) + 2
