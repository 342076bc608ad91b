"""XMP packets carrying the TC260 ``AIGC`` property and the IPTC ``DigitalSourceType`` (images, MP3, WAV).

The TC260 practice guides store the Annex E JSON as ``<TC260:AIGC>`` in namespace
``http://www.tc260.org.cn/ns/AIGC/1.0/``; Meta and YouTube read ``Iptc4xmpExt:DigitalSourceType``.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

TC260_NS = "http://www.tc260.org.cn/ns/AIGC/1.0/"
IPTC_EXT_NS = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC_NS = "http://purl.org/dc/elements/1.1/"
XMP_KEYWORD = "XML:com.adobe.xmp"


def build_packet(aigc_json: str | None, digital_source_type: str | None, description: str = "") -> bytes:
    """A complete XMP packet (UTF-8, with the ``<?xpacket?>`` wrapper); ``aigc_json`` None when the
    container already holds the label elsewhere (one implicit label per file)."""
    props = [f"<TC260:AIGC>{escape(aigc_json)}</TC260:AIGC>"] if aigc_json else []
    if digital_source_type:
        props.append(f"<Iptc4xmpExt:DigitalSourceType>{escape(digital_source_type)}</Iptc4xmpExt:DigitalSourceType>")
    if description:
        props.append(
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(description)}</rdf:li></rdf:Alt></dc:description>'
        )
    body = "".join(props)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}">'
        f'<rdf:Description rdf:about="" xmlns:TC260="{TC260_NS}" xmlns:Iptc4xmpExt="{IPTC_EXT_NS}" xmlns:dc="{DC_NS}">'
        f"{body}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


@dataclass(frozen=True)
class XmpFields:
    """What a packet says about AI provenance (None: absent)."""

    aigc: str | None
    digital_source_type: str | None


class XmpError(ValueError):
    """An XMP packet that is not well-formed XML."""


def read_packet(packet: bytes) -> XmpFields:
    """The TC260 ``AIGC`` value and IPTC ``DigitalSourceType`` of a packet (as element or attribute).

    Raises:
        XmpError: the packet is not well-formed.
    """
    start = packet.find(b"<x:xmpmeta")
    end = packet.rfind(b"</x:xmpmeta>")
    xml = packet[start : end + len(b"</x:xmpmeta>")] if start >= 0 and end > start else packet
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml.strip(b"\x00 \r\n\t"), parser)
    except etree.XMLSyntaxError as exc:
        raise XmpError(f"XMP is not well-formed: {exc}") from exc
    return XmpFields(_property(root, TC260_NS, "AIGC"), _property(root, IPTC_EXT_NS, "DigitalSourceType"))


def _property(root: etree._Element, ns: str, name: str) -> str | None:
    for element in root.iter(f"{{{ns}}}{name}"):
        return (element.text or "").strip()
    for description in root.iter(f"{{{RDF_NS}}}Description"):
        value = description.get(f"{{{ns}}}{name}")
        if value is not None:
            return value.strip()
    return None
