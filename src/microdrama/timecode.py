"""Times as people read them: every clock string microdrama writes is formatted here.

Times are ``int`` milliseconds everywhere (docs/architecture.md); these turn them into the forms the
file formats and printed sheets use.
"""

from __future__ import annotations


def hms(ms: int) -> str:
    """``HH:MM:SS.mmm`` (WebVTT, TTML clock time).

    >>> hms(3_723_004), hms(61_005)
    ('01:02:03.004', '00:01:01.005')
    """
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def ms_clock(ms: int) -> str:
    """``MM:SS.mmm``, minutes counting past the hour (a time inside an episode).

    >>> ms_clock(65_005), ms_clock(3_725_000)
    ('01:05.005', '62:05.000')
    """
    minutes, rest = divmod(ms, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{minutes:02d}:{seconds:02d}.{millis:03d}"


def hm(ms: int) -> str:
    """Milliseconds after midnight as ``HH:MM`` (past midnight keeps counting: 25:30).

    >>> hm(7 * 3_600_000 + 5 * 60_000), hm(25 * 3_600_000 + 30 * 60_000)
    ('07:05', '25:30')
    """
    minutes = ms // 60_000
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
