"""Turn an XMP packet found in a container into label fields (shared by the image and audio readers)."""

from __future__ import annotations

from microdrama.compliance.implicit.fields import Field
from microdrama.compliance.xmp import XmpError, read_packet


def xmp_fields(packet: bytes, where: str) -> list[Field]:
    """The TC260 AIGC and IPTC DigitalSourceType in ``packet``; a malformed packet is reported, not raised."""
    try:
        found = read_packet(packet)
    except XmpError as exc:
        return [Field("aigc", f"{where} (malformed XMP)", f"<{exc}>")]
    fields = []
    if found.aigc is not None:
        fields.append(Field("aigc", f"{where} TC260:AIGC", found.aigc))
    if found.digital_source_type is not None:
        fields.append(Field("iptc", f"{where} Iptc4xmpExt:DigitalSourceType", found.digital_source_type))
    return fields
