"""Turns a recognised time expression (a ``Reading``) into a TimeML TIMEX3 type and value.

Relative expressions are resolved against an anchor day (the publication date). Where English leaves the
direction open ("on Sunday", "in January"), the tense of the governing verb decides: past tense looks
back, future looks ahead; with no tense, weekdays look back (news reports what happened) and month
names take the nearest occurrence ("takes office in January", written in November, is next January).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

#: "present" is the simple present: scheduled for weekdays ("meet on Tuesday"), open for months.
Tense = Literal["past", "present", "future"] | None


@dataclass(frozen=True, slots=True)
class Reading:
    """What the recogniser understood, before anchoring. Unused fields stay None.

    kind: date (explicit calendar fields, year possibly missing), weekday, relday (today, yesterday),
    relunit (last week, two years ago), season, quarter, decade, duration, ref, set, anaphor (that year,
    the following month: relative to the story's last date, not to the publication).
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    part: str | None = None  # TimeML part of day (MO, AF, EV, NI) or season (SP, SU, FA, WI)
    weekday: int | None = None  # Monday = 0
    unit: str | None = None  # a UNITS key: day, week, month, quarter, year, decade, ...
    offset: int | None = None  # signed number of units from the anchor; None: the tense decides
    value: str | None = None  # ready-made value for duration, ref, set and decade readings
    anchored: bool = False  # "10 months after the unrest began": relative to another event, not to today
    year_offset: int | None = None  # "January this year" (0), "June last year" (-1): the year from the anchor


def resolve(reading: Reading, anchor: date | None, tense: Tense = None) -> tuple[str, str] | None:
    """The TIMEX3 (type, value) of a reading, or None when it cannot be resolved without an anchor."""
    kind = reading.kind
    if kind in ("duration", "ref", "set"):
        return _TYPE[kind], reading.value or ""
    if kind == "decade":
        return "DATE", reading.value or ""
    if kind == "date" and reading.year is not None:
        return _with_time(reading, _calendar_value(reading.year, reading.month, reading.day))
    if anchor is None:
        return None
    if kind == "date" and reading.year_offset is not None:
        year = anchor.year + reading.year_offset
        return _with_time(reading, _calendar_value(year, reading.month, reading.day))
    if kind == "date":
        return _with_time(reading, _month_day(reading, anchor, tense))
    if kind == "weekday":
        return _with_time(reading, _weekday(reading, anchor, tense).isoformat())
    if kind == "relday":
        return _with_time(reading, (anchor + timedelta(days=reading.offset or 0)).isoformat())
    if kind == "relunit":
        return _relunit(reading, anchor)
    if kind == "holiday":
        return "DATE", _holiday(reading, anchor, tense).isoformat()
    if kind == "weekend":
        saturday = _weekday(Reading("weekday", weekday=5), anchor, tense)
        year, week, _ = saturday.isocalendar()
        return "DATE", f"{year:04d}-W{week:02d}-WE"
    if kind == "season":
        return "DATE", f"{_season_year(reading, anchor, tense):04d}-{reading.part}"
    if kind == "quarter":
        year = reading.year if reading.year is not None else anchor.year + (reading.year_offset or 0)
        # Without its number, the quarter is the last one reported before the anchor.
        number = reading.value or str(((anchor.month - 1) // 3 - 1) % 4 + 1)
        if reading.year is None and reading.year_offset is None and tense != "future":
            year -= _quarter_back(int(number), anchor, tense)
        return "DATE", f"{year:04d}-Q{number}"
    return None


_TYPE = {"duration": "DURATION", "ref": "DATE", "set": "SET"}


_PRECISIONS = {"year": 0, "month": 1, "week": 1, "day": 2}
_NEEDED = {"year": 0, "month": 1, "week": 2, "day": 2}


def resolve_anaphor(reading: Reading, anchor: date | None, references: Sequence[str]) -> str | None:
    """The value of "that year", "the same day", "the following month": the unit of the latest date
    mentioned that is at least that precise (TimeML's reference time), else of the anchor."""
    unit = reading.unit or "year"
    if unit == "quarter":
        return _reported_quarter(reading, anchor, references)
    base = anchor
    for value in reversed(references):
        dated = event_date(value)
        if dated is not None and _PRECISIONS[dated[1]] >= _NEEDED[unit]:
            base = dated[0]
            break
    if base is None:
        return None
    offset = reading.offset or 0
    if unit == "year":
        return f"{base.year + offset:04d}"
    if unit == "month":
        year, month = _add_months(base, offset)
        return f"{year:04d}-{month:02d}"
    if unit == "week":
        year, week, _ = (base + timedelta(days=7 * offset)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    return (base + timedelta(days=offset)).isoformat()


_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")


def _reported_quarter(reading: Reading, anchor: date | None, references: Sequence[str]) -> str | None:
    """The quarter an earnings story reports: the last quarter it named, else the last one ended before
    the anchor; shifted by ``offset`` quarters ("a year earlier": -4), or put in ``year`` ("the 1988
    period")."""
    named = next((found for value in reversed(references) if (found := _QUARTER_VALUE.match(value))), None)
    if named is not None:
        year, number = int(named.group(1)), int(named.group(2))
    elif anchor is not None:
        year, month = _add_months(anchor, -3)
        number = (month - 1) // 3 + 1
    else:
        return None
    total = year * 4 + number - 1 + (reading.offset or 0)
    year, number = total // 4, total % 4 + 1
    if reading.year is not None:
        year = reading.year
    return f"{year:04d}-Q{number}"


def _calendar_value(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _with_time(reading: Reading, day_value: str) -> tuple[str, str]:
    if reading.hour is not None and len(day_value) == 10:
        return "TIME", f"{day_value}T{reading.hour:02d}:{reading.minute or 0:02d}"
    if reading.part is not None and len(day_value) == 10:
        return "TIME", f"{day_value}T{reading.part}"
    return "DATE", day_value


def _safe_date(year: int, month: int, day: int) -> date:
    """The date, or the last day of the month when the day overflows (Feb. 30 in a sloppy text)."""
    for candidate in range(day, 27, -1) if day > 28 else (day,):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, 28)


def _month_day(reading: Reading, anchor: date, tense: Tense) -> str:
    """A month (and day) without a year: the occurrence the shift or tense points to."""
    month = reading.month or 1
    day = reading.day
    candidates = [_safe_date(anchor.year + delta, month, day or 1) for delta in (-1, 0, 1)]
    here = date(anchor.year, anchor.month, 1) if day is None else anchor
    shift = reading.offset
    if shift == 0:
        chosen = candidates[1]
    elif shift == -1:
        chosen = max(c for c in candidates if c < here)
    elif shift == 1:
        chosen = min(c for c in candidates if c > here)
    elif tense == "past":
        chosen = max(c for c in candidates if c <= here)
    elif tense == "future":
        chosen = min(c for c in candidates if c >= here)
    else:  # news mostly reports the past: a later date wins only when much nearer
        chosen = min(candidates, key=lambda c: abs((c - here).days) * (FUTURE_WEIGHT if c > here else 1))
    return _calendar_value(chosen.year, month, day if day is None else chosen.day)


#: How much farther a date to come counts than a past one when the tense does not tell.
FUTURE_WEIGHT = 1.5

_SEASON_STARTS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_year(reading: Reading, anchor: date, tense: Tense) -> int:
    """The year of "last summer", "this spring", or a bare "the summer" by tense (past: the latest begun)."""
    if reading.year is not None:
        return reading.year
    if reading.offset is not None:
        return anchor.year + reading.offset
    begun = _SEASON_STARTS.get(reading.part or "", 1) <= anchor.month
    if tense == "past":
        return anchor.year if begun else anchor.year - 1
    if tense == "future" and begun and anchor.month - _SEASON_STARTS.get(reading.part or "", 1) >= 3:
        return anchor.year + 1
    return anchor.year


def _quarter_back(number: int, anchor: date, tense: Tense) -> int:
    """1 when a quarter named without its year is last year's: it has not begun this year and the verb is
    past, or last year's ended nearer than this year's begins ("the fourth quarter", written in January)."""
    begins = date(anchor.year, 3 * number - 2, 1)
    if begins <= anchor:
        return 0
    if tense == "past":
        return 1
    ended = date(anchor.year - 1, 3 * number, 28)
    return 1 if (anchor - ended).days < (begins - anchor).days * FUTURE_WEIGHT else 0


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _holiday_in(name: str, year: int) -> date:
    if name == "easter":
        return _easter(year)
    first = date(year, 11, 1)  # US Thanksgiving: the fourth Thursday of November
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _holiday(reading: Reading, anchor: date, tense: Tense) -> date:
    """A movable holiday in the year the shift or tense points to, as for a month and day."""
    candidates = [_holiday_in(reading.value or "", anchor.year + delta) for delta in (-1, 0, 1)]
    shift = reading.offset
    if shift == 0:
        return candidates[1]
    if shift == -1 or (shift is None and tense == "past"):
        return max(c for c in candidates if c < anchor or (shift is None and c == anchor))
    if shift == 1 or (shift is None and tense == "future"):
        return min(c for c in candidates if c > anchor or (shift is None and c == anchor))
    return min(candidates, key=lambda c: abs((c - anchor).days))


def _weekday(reading: Reading, anchor: date, tense: Tense) -> date:
    """The day named: "last Friday" is before the anchor, "next Friday" after, a bare one by tense."""
    target = reading.weekday or 0
    back = (anchor.weekday() - target) % 7  # days back to the most recent such day, 0 if today
    forward = (target - anchor.weekday()) % 7
    shift = reading.offset
    if shift == -1:
        return anchor - timedelta(days=back or 7)
    if shift == 1:
        return anchor + timedelta(days=forward or 7)
    if shift == 0:
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=target)
    if tense in ("future", "present"):
        return anchor + timedelta(days=forward)
    return anchor - timedelta(days=back)


def _add_months(anchor: date, months: int) -> tuple[int, int]:
    total = anchor.year * 12 + anchor.month - 1 + months
    return total // 12, total % 12 + 1


def _relunit(reading: Reading, anchor: date) -> tuple[str, str] | None:
    """A unit shifted from the anchor, at the unit's own granularity (TimeML: "last week" is a week)."""
    unit = reading.unit
    offset = reading.offset or 0
    if unit == "day":
        return _with_time(reading, (anchor + timedelta(days=offset)).isoformat())
    if unit in ("week", "weekend", "fortnight"):
        days = 14 * offset if unit == "fortnight" else 7 * offset
        year, week, _ = (anchor + timedelta(days=days)).isocalendar()
        suffix = "-WE" if unit == "weekend" else ""
        return "DATE", f"{year:04d}-W{week:02d}{suffix}"
    if unit == "month":
        year, month = _add_months(anchor, offset)
        return "DATE", f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, month = _add_months(anchor, 3 * offset)
        return "DATE", f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "year":
        return "DATE", f"{anchor.year + offset:04d}"
    if unit == "decade":
        return "DATE", f"{(anchor.year + 10 * offset) // 10:03d}"
    if unit == "century":
        return "DATE", f"{(anchor.year + 100 * offset) // 100:02d}"
    if unit == "hour":
        return "TIME", f"{anchor.isoformat()}"
    return None


def duration_value(number: int | None, unit: str) -> str:
    """A TimeML duration: P3Y, P2W, PT5H; an unknown number is X (PXY)."""
    letters = {"decade": ("Y", 10), "century": ("Y", 100), "fortnight": ("W", 2), "weekend": ("D", 2)}
    count = "X" if number is None else str(number)
    if unit in letters:
        letter, factor = letters[unit]
        count = "X" if number is None else str(number * factor)
        if unit == "decade" and number is None:
            return "PXDE"
        return f"P{count}{letter}"
    if unit in ("hour", "minute", "second"):
        return f"PT{count}{unit[0].upper()}"
    if unit == "night":
        unit = "day"
    return f"P{count}{unit[0].upper()}"


def event_date(value: str) -> tuple[date, str] | None:
    """The day and precision an event gets from a TIMEX3 value, or None when it names no calendar period.

    A week is dated by its Monday, a month by its first day, a year by 1 January, a quarter or season by
    1 January of its year (precision "year": the contract has no quarter precision).
    """
    head = value.split("T", 1)[0]
    parts = head.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    year = int(parts[0])
    if len(parts) == 1:
        return date(year, 1, 1), "year"
    second = parts[1]
    if second.startswith("W") and second[1:].isdigit():
        week = int(second[1:])
        if 1 <= week <= date(year, 12, 28).isocalendar().week:
            return date.fromisocalendar(year, week, 1), "week"
        return None
    if not second.isdigit():
        return date(year, 1, 1), "year"
    month = int(second)
    if not 1 <= month <= 12:
        return None
    if len(parts) == 2:
        return date(year, month, 1), "month"
    if parts[2].isdigit():
        return _safe_date(year, month, int(parts[2])), "day"
    return date(year, month, 1), "month"
