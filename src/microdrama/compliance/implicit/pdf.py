"""PDF: the label in the document Info dictionary (key ``/AIGC``) and in the XMP metadata stream
(``TC260:AIGC``, IPTC ``DigitalSourceType``, the notice as ``dc:description``), through pypdf.

Both places hold the same JSON: Info is what most PDF viewers show as a custom property, XMP is what
PDF 2.0 keeps and asset managers read (identical values count as one label). The reader also reports
the text lines of the first page as notices, where the visible label of :func:`explicit.label_pdf` sits.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ContentStream, NameObject, StreamObject

from microdrama.compliance.implicit._xmpfields import xmp_fields
from microdrama.compliance.implicit.fields import Field, Payload
from microdrama.compliance.xmp import build_packet

INFO_KEY = "/AIGC"


def write(data: bytes, payload: Payload) -> bytes:
    """The PDF with the label in Info and XMP (an earlier label replaced); pages and other metadata kept."""
    writer = PdfWriter(clone_from=_reader(data))
    writer.add_metadata({INFO_KEY: payload.aigc_json})
    writer.xmp_metadata = build_packet(payload.aigc_json, payload.digital_source_type, payload.notice)
    stream = writer.root_object["/Metadata"].get_object()
    stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def read(data: bytes) -> list[Field]:
    """The Info ``/AIGC`` value, the XMP fields, and the first page's text lines (as notices).

    Raises:
        ValueError: not a readable PDF.
    """
    reader = _reader(data)
    fields: list[Field] = []
    info = reader.metadata or {}
    if INFO_KEY in info:
        fields.append(Field("aigc", "pdf Info /AIGC", str(info[INFO_KEY])))
    metadata = reader.root_object.get("/Metadata")
    if metadata is not None:
        packet = metadata.get_object()
        if isinstance(packet, (StreamObject, ContentStream)):
            fields.extend(xmp_fields(packet.get_data(), "pdf XMP"))
    if len(reader.pages):
        for line in first_page_text(reader).splitlines():
            if line.strip():
                fields.append(Field("notice", "pdf page 1 text", line.strip()))
    return fields


def first_page_text(reader: PdfReader) -> str:
    """The first page's text as extracted (NULs some CID fonts leave between characters dropped)."""
    return reader.pages[0].extract_text().replace("\x00", "")


def _reader(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValueError("encrypted PDF: cannot read or write its metadata (decrypt it first)")
        len(reader.pages)
    except (PdfReadError, OSError) as exc:
        raise ValueError(f"not a readable PDF: {exc}") from exc
    return reader
