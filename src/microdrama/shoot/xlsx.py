"""Repeatable XLSX bytes from openpyxl: fixed document dates and fixed zip entry timestamps.

openpyxl stamps ``docProps/core.xml`` with the current time and the zip entries with the clock, so
two saves of the same workbook differ; :func:`workbook_bytes` rewrites both.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook

#: the date written into every workbook (no clock reading: outputs must repeat)
FIXED_DATE = datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_W3CDTF = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook saved to bytes that are the same on every run."""
    workbook.properties.created = FIXED_DATE
    workbook.properties.modified = FIXED_DATE
    workbook.properties.creator = "microdrama"
    workbook.properties.lastModifiedBy = None
    raw = io.BytesIO()
    workbook.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: _order(i.filename)):
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _W3CDTF.sub(rb"\g<1>2000-01-01T00:00:00Z\g<3>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data, compresslevel=6)
    return out.getvalue()


def _order(name: str) -> tuple[int, str]:
    # [Content_Types].xml first, as Excel expects
    return (0 if name == "[Content_Types].xml" else 1, name)
