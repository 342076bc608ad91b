"""Words printed on the stripboard, DOOD and call sheets, in English and Chinese; strip colours; clock format."""

from __future__ import annotations

from microdrama.formats._common import is_chinese
from microdrama.timecode import hm

_EN = {
    "stripboard": "Stripboard",
    "dood": "Day out of days",
    "call_sheet": "Call sheet",
    "day": "Day",
    "end_of_day": "End of day",
    "scene": "Scene",
    "ie": "I/E",
    "location": "Location",
    "dn": "D/N",
    "pages": "Pages",
    "cast": "Cast",
    "synopsis": "Synopsis",
    "time": "Time",
    "call": "Call",
    "crew_call": "Crew call",
    "wrap": "Est. wrap",
    "locations": "Locations",
    "notes": "Notes",
    "conflicts": "Availability conflicts",
    "over_limit": "OVER LIMIT",
    "limits": "Limits not kept",
    "child": "Child performer",
    "turnaround": "Turnaround",
    "moves": "Company moves",
    "conflict": "{name} is unavailable on day {day} but is booked for {scenes}",
    "unavailable": "UNAVAILABLE",
    "work": "Work",
    "hold": "Hold",
    "paid": "Paid",
    "number": "#",
    "character": "Character",
    "held": "held",
    "night": "N",
    "dayshort": "D",
    "cost": "Cost",
    "lower_bound": "Lower bound",
    "gap": "Gap",
    "of": "of",
    "setup": "setup",
    "props": "Props",
    "wardrobe": "Wardrobe",
    "vehicles": "Vehicles",
    "sfx": "Effects",
    "extras": "Extras",
    "legend": "SW start work, W work, H hold, WF work finish, SWF start-work-finish",
}

_ZH = {
    "stripboard": "顺场表",
    "dood": "演员出勤表",
    "call_sheet": "通告单",
    "day": "第{n}天",
    "end_of_day": "第{n}天结束",
    "scene": "场次",
    "ie": "内/外",
    "location": "场景",
    "dn": "日/夜",
    "pages": "页数",
    "cast": "演员",
    "synopsis": "内容",
    "time": "时间",
    "call": "到场",
    "crew_call": "剧组集合",
    "wrap": "预计收工",
    "locations": "场景",
    "notes": "备注",
    "conflicts": "档期冲突",
    "over_limit": "超出限制",
    "limits": "未满足的限制",
    "child": "儿童演员",
    "turnaround": "收工后休息",
    "moves": "转场",
    "conflict": "{name} 第{day}天无档期，但排有 {scenes}",
    "unavailable": "无档期",
    "work": "工作",
    "hold": "待命",
    "paid": "计薪",
    "number": "#",
    "character": "角色",
    "held": "待命",
    "night": "夜",
    "dayshort": "日",
    "cost": "成本",
    "lower_bound": "下界",
    "gap": "差距",
    "of": "/",
    "setup": "转场",
    "props": "道具",
    "wardrobe": "服装",
    "vehicles": "车辆",
    "sfx": "特效",
    "extras": "群演",
    "legend": "SW 开工, W 工作, H 待命, WF 杀青, SWF 当日开工并杀青",
}

#: stripboard colours by (setting, night), the industry's usual convention
STRIP_COLOURS = {
    ("INT", False): "FFFFFF",
    ("EXT", False): "FFF59D",
    ("INT", True): "90CAF9",
    ("EXT", True): "A5D6A7",
}
DAY_BREAK_COLOUR = "212121"


def labels(language: str) -> dict[str, str]:
    """Printed words for ``language``."""
    return _ZH if is_chinese(language) else _EN


def day_title(language: str, n: int) -> str:
    """'Day 3' / '第3天'."""
    words = labels(language)
    return words["day"].format(n=n) if is_chinese(language) else f"{words['day']} {n}"


def end_of_day(language: str, n: int) -> str:
    """'End of day 3' / '第3天结束'."""
    words = labels(language)
    return words["end_of_day"].format(n=n) if is_chinese(language) else f"{words['end_of_day']} {n}"


def strip_colour(setting: str, night: bool) -> str:
    """RGB hex of a scene's strip (INT/EXT counts as EXT)."""
    return STRIP_COLOURS[("INT" if setting == "INT" else "EXT", night)]


def clock(ms: int) -> str:
    """Milliseconds after midnight as HH:MM (past midnight keeps counting: 25:30).

    >>> clock(7 * 3_600_000 + 5 * 60_000)
    '07:05'
    """
    return hm(ms)


def pages(eighths: int) -> str:
    """Page count in eighths as printed on strips: '1 3/8', '5/8', '2'.

    >>> pages(11), pages(5), pages(16)
    ('1 3/8', '5/8', '2')
    """
    whole, rest = divmod(eighths, 8)
    if not rest:
        return str(whole)
    return f"{whole} {rest}/8" if whole else f"{rest}/8"
