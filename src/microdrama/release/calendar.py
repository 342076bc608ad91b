"""The launch calendar: one event per episode drop (free or paid, the paywall marked) in the market's time
zone, as iCalendar (RFC 5545, via ``icalendar``) and CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from microdrama.release.profile import Profile

DROP_MINUTES = 30


@dataclass(frozen=True)
class Drop:
    """One episode's release."""

    episode: int
    title: str
    start: datetime
    access: str  # free | paywall | paid


def schedule(profile: Profile, titles: list[str], launch: date) -> list[Drop]:
    """When each episode goes out: all at launch (``episodes_per_day`` 0) or so many a day from ``launch``."""
    cal = profile.calendar
    hour, minute = map(int, cal.release_time.split(":"))
    zone = ZoneInfo(cal.timezone)
    free = len(titles) if cal.free_episodes < 0 else cal.free_episodes
    drops = []
    for i, title in enumerate(titles):
        day = launch + timedelta(days=i // cal.episodes_per_day if cal.episodes_per_day else 0)
        n = i + 1
        access = "free" if n <= free else "paywall" if n == free + 1 else "paid"
        drops.append(Drop(n, title, datetime.combine(day, time(hour, minute), tzinfo=zone), access))
    return drops


def to_ics(profile: Profile, series: str, series_id: str, drops: list[Drop], stamp: datetime) -> bytes:
    """RFC 5545 calendar: VEVENT per drop with UID, DTSTAMP, TZID'd DTSTART, DURATION, CATEGORIES."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//microdrama//release//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{series} · {profile.name}")
    cal.add("x-wr-timezone", profile.calendar.timezone)
    for d in drops:
        event = Event()
        event.add("uid", f"{series_id}-{profile.id}-ep{d.episode:03d}@microdrama")
        event.add("dtstamp", stamp)
        event.add("dtstart", d.start)
        event.add("duration", timedelta(minutes=DROP_MINUTES))
        event.add("summary", d.title)
        event.add("categories", [d.access])
        cal.add_component(event)
    try:
        cal.add_missing_timezones()
    except AttributeError:  # icalendar < 6
        pass
    return cal.to_ical()


def to_csv(profile: Profile, drops: list[Drop]) -> bytes:
    """The same drops as a spreadsheet: episode, title, local date/time, time zone, UTC, access."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["episode", "title", "local_date", "local_time", "timezone", "utc", "access"])
    for d in drops:
        utc = d.start.astimezone(ZoneInfo("UTC"))
        writer.writerow(
            [
                d.episode,
                d.title,
                d.start.date().isoformat(),
                d.start.strftime("%H:%M"),
                profile.calendar.timezone,
                utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                d.access,
            ]
        )
    return out.getvalue().encode("utf-8")
