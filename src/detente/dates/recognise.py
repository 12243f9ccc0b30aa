"""Finds time expressions in a parsed Doc by matching its tokens against the time lexicon.

The small English model misses many expressions and mislabels others, so we scan every token with our own
token-level grammar (words, tags and number shapes, never regexes over the raw text) and take the longest
match at each position; the model's DATE/TIME entities then only extend a match ("the" before a decade).
Extents follow TimeML: a leading preposition ("on Sunday") stays outside the expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from detente.dates import lexicon as lex
from detente.dates.normalise import Reading, duration_value

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, slots=True)
class Match:
    """A time expression: tokens ``start``..``end`` (exclusive) of the Doc and what they mean."""

    start: int
    end: int
    reading: Reading


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?(am|pm|a\.m\.|p\.m\.)?$")
_MID_YEAR = re.compile(r"^mid-((?:19|20)\d\d)$")
_DECADE = re.compile(r"^(?:(\d{2})|')?(\d)0'?s$")
_ORDINAL_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_MERIDIEM = {"am": 0, "a.m.": 0, "a.m": 0, "pm": 12, "p.m.": 12, "p.m": 12}
_ZONES = frozenset({"gmt", "utc", "est", "edt", "et", "pst", "pdt", "cst", "cet", "bst", "msk"})
_SHIFTERS = {"ago": -1, "hence": 1, "earlier": -1, "later": 1}
_RELATIVE_TO_EVENT = frozenset({"before", "after", "since", "prior", "than"})
_NOT_THE_YEAR = frozenset({"-", "'s", "two", "before", "earlier", "after", "later"})
#: "the quarter", "the latest period": the quarter the earnings story reports, which is the last quarter
#: it named (TimeML's reference time), else the last one ended before the publication; "a year earlier"
#: and "the year-ago period" are that quarter a year before.
_REPORTED_QUARTER = Reading("anaphor", unit="quarter", offset=0)
_REPORTED_QUARTER_YEAR_AGO = Reading("anaphor", unit="quarter", offset=-4)


def _may_start(word: str) -> bool:
    """Whether some shape can begin at this word; the regex shapes all need a digit."""
    if word in lex.STARTERS or word.isalpha():  # a plain word: only a listed one can start an expression
        return word in lex.STARTERS
    return word.startswith("mid-") or any(map(str.isdigit, word))


class _Scanner:
    """One pass over a Doc; each ``_at_*`` method tries one expression shape at a token position."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.words = [token.lower_ for token in doc]
        self.count = len(doc)
        self.quarterly: int | None = None  # first token of "quarter" in the document, found when needed

    # -- token tests -----------------------------------------------------------------------------

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.count else ""

    def month(self, i: int) -> int | None:
        word = self.word(i)
        number = lex.MONTHS.get(word)
        if number is None:
            return None
        token = self.doc[i]
        ambiguous = word in lex.AMBIGUOUS_MONTHS or word in ("march", "may")
        if ambiguous and (not token.text[:1].isupper() or token.tag_ == "MD" or token.pos_ == "VERB"):
            return None
        return number

    def weekday(self, i: int) -> int | None:
        word = self.word(i)
        number = lex.WEEKDAYS.get(word)
        if number is None:
            return None
        if word.rstrip(".") in lex.AMBIGUOUS_WEEKDAYS and not self.doc[i].text[:1].isupper():
            return None
        if word in ("sun", "sat", "wed", "mon"):  # common words or names; only with a period
            return None
        return number

    def number(self, i: int) -> int | None:
        """A cardinal written in digits or words ("three", "10", "twenty-four" is two tokens)."""
        word = self.word(i)
        if word.isdigit() and len(word) <= 4:
            return int(word)
        if word in lex.NUMBER_WORDS and word not in ("half", "a", "an"):
            value = lex.NUMBER_WORDS[word]
            if value >= 20 and self.word(i + 1) == "-" and self.word(i + 2) in lex.NUMBER_WORDS:
                return None  # handled by number_span
            return value
        return None

    def number_span(self, i: int) -> tuple[int, int | None] | None:
        """(end, value) of a count at i: "two", "a", "24", "twenty-four", "a few" (value None)."""
        word = self.word(i)
        if word in ("a", "an"):
            if self.word(i + 1) in ("few", "couple"):
                end = i + 3 if self.word(i + 2) == "of" else i + 2
                return end, None if self.word(i + 1) == "few" else 2
            return i + 1, 1
        if word in lex.VAGUE_NUMBERS - {"past", "next", "last", "coming", "recent"}:
            return i + 1, None
        if word in lex.NUMBER_WORDS and lex.NUMBER_WORDS[word] >= 20 and self.word(i + 1) == "-":
            unit = lex.NUMBER_WORDS.get(self.word(i + 2))
            if unit is not None and unit < 10:
                return i + 3, lex.NUMBER_WORDS[word] + unit
        if word in lex.NUMBER_WORDS and lex.NUMBER_WORDS[word] >= 20 and self.word(i + 1) in lex.NUMBER_WORDS:
            unit = lex.NUMBER_WORDS[self.word(i + 1)]
            if 0 < unit < 10:
                return i + 2, lex.NUMBER_WORDS[word] + unit
        value = self.number(i)
        if value is None:
            return None
        return i + 1, value

    def year(self, i: int) -> int | None:
        word = self.word(i)
        if len(word) == 4 and word.isdigit() and 1000 <= int(word) <= 2199:
            return int(word)
        return None

    def day_of_month(self, i: int) -> int | None:
        found = _ORDINAL_DAY.match(self.word(i))
        if found and 1 <= int(found.group(1)) <= 31:
            return int(found.group(1))
        return None

    # -- shapes ------------------------------------------------------------------------------------

    def at(self, i: int) -> Match | None:
        """The longest expression starting at token i."""
        if not _may_start(self.words[i]):
            return None
        best: Match | None = None
        for method in (
            self._at_iso,
            self._at_month_date,
            self._at_day_month,
            self._at_year,
            self._at_decade,
            self._at_relday,
            self._at_weekday,
            self._at_shifted,
            self._at_counted,
            self._at_reference,
            self._at_set,
            self._at_clock,
            self._at_quarter,
            self._at_holiday,
            self._at_weekend,
            self._at_season,
            self._at_year_ago,
            self._at_century,
            self._at_anaphor,
        ):
            found = method(i)
            if found is not None and (best is None or found.end > best.end):
                best = found
        return best

    def _at_iso(self, i: int) -> Match | None:
        word = self.word(i)
        found = _ISO_DATE.match(word)
        if found is None and self.year(i) and self.word(i + 1) == "-" and self.word(i + 3) == "-":
            found = _ISO_DATE.match("".join(self.words[i : i + 5]))
            end = i + 5
        else:
            end = i + 1
        if found is not None:
            year, month, day = (int(group) for group in found.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return Match(i, end, Reading("date", year=year, month=month, day=day))
        slash = _SLASH_DATE.match(word)
        if slash is not None:  # US order, month/day/year, unless the first number cannot be a month
            month, day, year = (int(group) for group in slash.groups())
            year += 1900 if year < 100 and year >= 50 else 2000 if year < 100 else 0
            if month > 12 >= day:
                month, day = day, month
            if 1 <= month <= 12 and 1 <= day <= 31:
                return Match(i, i + 1, Reading("date", year=year, month=month, day=day))
        dotted = _DOTTED_DATE.match(word)
        if dotted is not None:  # European order: 26.10.2017
            day, month, year = (int(group) for group in dotted.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return Match(i, i + 1, Reading("date", year=year, month=month, day=day))
        return None

    def _year_after(self, j: int) -> tuple[int, int | None]:
        """An optional ", 2016" / "2016" / "of 2016" / "nineteen ninety-six" after position j: (end, year)."""
        k = j + 1 if self.word(j) in (",", "of") else j
        year = self.year(k)
        if year is not None and 1800 <= year <= 2100:  # "12 Nov 1115" is a time of day, not a year
            return k + 1, year
        spelled = self.spelled_year(k)
        if spelled is not None:
            return spelled
        return j, None

    def spelled_year(self, i: int) -> tuple[int, int] | None:
        """(end, year) of a year in words, as broadcast transcripts write them: "nineteen ninety-six"."""
        century = lex.NUMBER_WORDS.get(self.word(i), 0)
        if not 11 <= century <= 20 or self.word(i + 1) in lex.UNIT_WORDS:
            return None
        end, rest = self.number_span(i + 1) or (i + 1, None)
        if rest is None or not 10 <= rest <= 99:
            return None
        if self.word(end) in lex.UNIT_WORDS or self.word(end) in ("percent", "%"):
            return None  # "nineteen twenty-year terms": counts
        return end, century * 100 + rest

    def _at_month_date(self, i: int) -> Match | None:
        """Nov. 20, 2016 · November 20 · November 2016 · November · mid-November."""
        month = self.month(i)
        if month is None:
            return None
        end = i + 1
        day = self.day_of_month(end)
        if day is not None and self.year(end) is None and self.word(end + 1) not in lex.UNIT_WORDS:
            end += 1
        else:
            day = None
        end, year = self._year_after(end)
        year_offset = None
        if year is None and self.word(end) in ("this", "last", "next") and self.word(end + 1) == "year":
            year_offset = lex.SHIFTS[self.word(end)]
            end += 2
        if day is None and year is None and year_offset is None and not self._bare_month(i):
            return None  # "Jan Kavan", "the March for Life": a bare month needs a temporal context
        return Match(i, end, Reading("date", year=year, month=month, day=day, year_offset=year_offset))

    def _bare_month(self, i: int) -> bool:
        """A month name alone is a date after a temporal word ("in May") or before a noun ("a June deal")."""
        word = self.word(i)
        if word not in lex.MONTH_NAMES and not word.endswith("."):
            return False  # "Jan", "Mar" alone are names or words
        if self.word(i - 1) in lex.BEFORE_BARE_MONTH:
            return True
        token = self.doc[i]
        return token.dep_ == "compound" and token.head.i > i and token.head.pos_ == "NOUN"

    def _at_day_month(self, i: int) -> Match | None:
        """20 November 2016 · the 20th of November."""
        day = self.day_of_month(i)
        if day is None:
            return None
        j = i + 2 if self.word(i + 1) == "of" else i + 1
        month = self.month(j)
        if month is None:
            return None
        end, year = self._year_after(j + 1)
        start = i - 1 if self.word(i - 1) == "the" and j == i + 2 else i
        return Match(start, end, Reading("date", year=year, month=month, day=day))

    def _at_year(self, i: int) -> Match | None:
        """2016 · fiscal 1990 · the year 2016; not "2016 people", "$2016" or "2016%"."""
        spelled = self._spelled_or_millennium(i)
        if spelled is not None:
            return spelled
        start = i
        if self.word(i) == "fiscal":
            i += 1
        if self.word(i).startswith("mid-") and self.year(i) is None:
            found = _MID_YEAR.match(self.word(i))
            return Match(start, i + 1, Reading("date", year=int(found.group(1)))) if found else None
        year = self.year(i)
        if year is None:
            return None
        token = self.doc[i]
        after = self.word(i + 1)
        if self.word(i - 1) in ("$", "€", "£", "#", "no.", "number") or after in ("%", "percent", "-"):
            return None
        head = token.head
        if (
            token.dep_ == "nummod"
            and head.i == i + 1
            and head.tag_ == "NNS"
            and head.lower_ not in lex.UNIT_WORDS
        ):
            return None  # "2000 people": a count
        if not 1900 <= year <= 2100 and self.word(start - 1) not in ("in", "since", "of", "by", "until"):
            return None
        return Match(start, i + 1, Reading("date", year=year))

    def _spelled_or_millennium(self, i: int) -> Match | None:
        """nineteen ninety-six · the year two thousand (the words say it is a year, not a count)."""
        spelled = self.spelled_year(i)
        if spelled is not None:
            return Match(i, spelled[0], Reading("date", year=spelled[1]))
        words = tuple(self.words[i : i + 4])
        if words == ("the", "year", "two", "thousand") and self.word(i + 4) not in lex.UNIT_WORDS:
            return Match(i, i + 4, Reading("date", year=2000))
        return None

    def _at_century(self, i: int) -> Match | None:
        """the 20th century · the eleventh century: TimeML writes the century's first two digits ("19")."""
        start = i
        if self.word(i) == "the":
            i += 1
        found = _ORDINAL_DAY.match(self.word(i))
        number = lex.ORDINALS.get(self.word(i))
        if number is None and found is not None and not self.word(i).isdigit():
            number = int(found.group(1))
        j = i + 2 if self.word(i + 1) == "-" else i + 1
        if number is None or self.word(j) != "century":
            return None
        return Match(start, j + 1, Reading("decade", value=f"{number - 1:02d}"))

    def _at_anaphor(self, i: int) -> Match | None:
        """that year · later that day · the same week · the following month · the year: times the story
        has already set, resolved against the last date mentioned (TimeML's reference time)."""
        start = i
        if self.word(i) in ("earlier", "later"):
            i += 1
        first, second = self.word(i), self.word(i + 1)
        offset: int | None = None
        unit_at = i + 1
        if first == "that":
            offset = 0
        elif first == "the" and second == "same":
            offset, unit_at = 0, i + 2
        elif first == "the" and second in ("following", "previous", "preceding"):
            offset, unit_at = (1 if second == "following" else -1), i + 2
        elif first == "the" and second == "next" and self.word(i + 2) == "day":
            offset, unit_at = 1, i + 2
        elif first == "the" and second in ("year", "fiscal", "full") and start == i:
            return self._the_year(i)
        unit = self.word(unit_at)
        if offset is None or unit not in ("day", "week", "month", "year"):
            return None
        if self.word(unit_at + 1) in ("-", "'s") or self.doc[unit_at].dep_ == "compound":
            return None  # "that year-end target", "that year's crop"
        return Match(start, unit_at + 1, Reading("anaphor", unit=unit, offset=offset))

    def _the_year(self, i: int) -> Match | None:
        """the year · the fiscal year · the full year: a span ("the year ended March 31"), else in news
        the current year ("sales for the full year")."""
        j = i + 2 if self.word(i + 1) in ("fiscal", "full") else i + 1
        if self.word(j) != "year" or not self.doc[j].text.islower():
            return None  # "Man of the Year": a title
        after = self.word(j + 1)
        if after in _NOT_THE_YEAR or self.doc[j].dep_ == "compound":
            return None  # "the year-ago quarter", "the year before": other expressions
        if after in ("ended", "ending", "ends", "through", "to"):
            return Match(i, j + 1, Reading("duration", value=duration_value(1, "year")))
        return Match(i, j + 1, Reading("relunit", unit="year", offset=0))

    def _at_decade(self, i: int) -> Match | None:
        """1990s · the '90s · the nineties · the mid-1990s · the early 1980s."""
        start = i
        if self.word(i) == "the":
            i += 1
        if self.word(i) in ("early", "late", "mid") or (self.word(i) == "mid" and self.word(i + 1) == "-"):
            i += 2 if self.word(i + 1) == "-" else 1
        word = self.word(i)
        if word.startswith("mid-"):
            word = word[4:]
        if word == "'" and self.word(i + 1).endswith("0s"):
            word = "'" + self.word(i + 1)
            i += 1
        found = _DECADE.match(word)
        if found is not None and found.group(1) is None and self.doc[start - 1].tag_ == "PRP$":
            return None  # "in their 30s": an age
        if found is not None:
            century = found.group(1) or "19"
            value = f"{century}{found.group(2)}"
        elif word in ("nineties", "eighties", "seventies", "sixties", "fifties", "forties", "thirties"):
            tens = {"nineties": 9, "eighties": 8, "seventies": 7, "sixties": 6, "fifties": 5, "forties": 4}
            value = f"19{tens.get(word, 3)}"
        else:
            return None
        return Match(start, i + 1, Reading("decade", value=value))

    def _part_of_day(self, j: int) -> tuple[int, str | None]:
        part = lex.PARTS_OF_DAY.get(self.word(j))
        return (j + 1, part) if part is not None else (j, None)

    def _at_holiday(self, i: int) -> Match | None:
        """Christmas · New Year's Day · Thanksgiving · last Easter (capitalised, as names are)."""
        start = i
        shift = lex.SHIFTS.get(self.word(i)) if self.word(i) in ("last", "next", "this") else None
        if shift is not None:
            i += 1
        if not self.doc[i].text[:1].isupper() if i < self.count else True:
            return None
        for words, when in lex.HOLIDAYS.items():
            if tuple(self.words[i : i + len(words)]) == words:
                end = i + len(words)
                if isinstance(when, tuple):
                    return Match(start, end, Reading("date", month=when[0], day=when[1], offset=shift))
                return Match(start, end, Reading("holiday", value=when, offset=shift))
        return None

    def _at_season(self, i: int) -> Match | None:
        """the summer · summer 2016 · the summer of 2016 · in spring (the year the tense points to)."""
        start = i
        if self.word(i) == "the":
            i += 1
        if self.word(i) in ("early", "late"):
            i += 1
        part = lex.SEASONS.get(self.word(i))
        if part is None or (start == i and self.word(i - 1) not in ("in", "during", "since", "until", "by")):
            return None
        end, year = self._year_after(i + 1)
        return Match(start, end, Reading("season", part=part, year=year))

    def _at_year_ago(self, i: int) -> Match | None:
        """year-earlier · year-ago: a year before, or in an earnings story the same quarter a year before."""
        if self.word(i) != "year" or self.word(i + 1) != "-" or self.word(i + 2) not in ("earlier", "ago"):
            return None
        if self._about_quarters(i):
            return Match(i, i + 3, _REPORTED_QUARTER_YEAR_AGO)
        return Match(i, i + 3, Reading("relunit", unit="year", offset=-1))

    def _at_weekend(self, i: int) -> Match | None:
        """the weekend (the one the tense points to); "last weekend" and "this weekend" are shifted units."""
        if self.word(i) == "the" and self.word(i + 1) == "weekend":
            return Match(i, i + 2, Reading("weekend"))
        return None

    def _at_relday(self, i: int) -> Match | None:
        """today · yesterday morning · tonight · last night · this morning · later this afternoon."""
        start = i
        if self.word(i) in ("earlier", "later", "late", "early"):
            i += 1
        word = self.word(i)
        if word in lex.DAY_WORDS:
            if word == "today" and self.word(i + 1) == "'s":
                return None  # "today's youth": the present in general
            offset, part = lex.DAY_WORDS[word]
            end, later_part = self._part_of_day(i + 1)
            return Match(start, end, Reading("relday", offset=offset, part=later_part or part))
        if word in ("this", "last") and self.word(i + 1) in lex.PARTS_OF_DAY:
            part = lex.PARTS_OF_DAY[self.word(i + 1)]
            if word == "last" and part != "NI":
                return None
            return Match(start, i + 2, Reading("relday", offset=-1 if word == "last" else 0, part=part))
        return None

    def _at_weekday(self, i: int) -> Match | None:
        """Sunday · last Friday · next Tuesday morning · Friday, Oct. 23 (dated by the date)."""
        start = i
        shift = lex.SHIFTS.get(self.word(i))
        if shift is not None and self.word(i) in ("last", "next", "this", "coming"):
            i += 1
        else:
            shift = None
        weekday = self.weekday(i)
        if weekday is None:
            return None
        end, part = self._part_of_day(i + 1)
        k = end + 1 if self.word(end) == "," else end
        dated = self._at_month_date(k) or self._at_day_month(k) or self._at_iso(k)
        if dated is not None and dated.reading.day is not None:
            return Match(start, dated.end, dated.reading)
        return Match(start, end, Reading("weekday", weekday=weekday, offset=shift, part=part))

    def _at_shifted(self, i: int) -> Match | None:
        """last week · this year · next month · last May · this summer · earlier this week · the past week."""
        start = i
        if self.word(i) in ("earlier", "later") and self.word(i + 1) in ("this", "that"):
            i += 1
        if self.word(i) in ("the", "this") and self.word(i + 1) in (
            "past",
            "last",
            "previous",
            "coming",
            "next",
        ):
            i += 1
        shift = lex.SHIFTS.get(self.word(i))
        if shift is None or self.word(i) in ("following", "preceding", "previous"):
            return None  # "the following year": relative to the story, not to the publication
        j = i + 1
        if self.word(j) == "fiscal":
            j += 1
        unit = self.word(j)
        if unit in ("week", "month", "year", "weekend", "quarter", "decade", "century", "fortnight"):
            if self.word(start) == "the" and unit == "decade":
                return Match(start, j + 1, Reading("duration", value="P10Y"))
            if unit == "year" and shift == -1 and start == i and self._names_a_period(start, j):
                return Match(start, j + 1, _REPORTED_QUARTER_YEAR_AGO)
            return Match(start, j + 1, Reading("relunit", unit=unit, offset=shift))
        month = self.month(j)
        if month is not None and self.day_of_month(j + 1) is None:
            return Match(start, j + 1, Reading("date", month=month, offset=shift))
        if unit in lex.SEASONS:
            # "last spring" is last year's; "this past spring" the latest begun, as the tense tells
            offset = None if self.word(i) == "past" else shift
            return Match(start, j + 1, Reading("season", part=lex.SEASONS[unit], offset=offset))
        return None

    def _unit_after(self, j: int) -> tuple[int, str] | None:
        """A unit word at j, allowing a hyphen before it ("five-year")."""
        if self.word(j) == "-" and self.word(j + 1) in lex.UNIT_WORDS:
            return j + 2, lex.UNIT_WORDS[self.word(j + 1)]
        if self.word(j) in lex.UNIT_WORDS:
            return j + 1, lex.UNIT_WORDS[self.word(j)]
        return None

    def _at_counted(self, i: int) -> Match | None:
        """Counted units: two weeks ago (a date) · for three years / the past two weeks (durations)."""
        start = i
        if self.word(i) == "the" and self.word(i + 1) in (
            "past",
            "last",
            "next",
            "coming",
            "first",
            "latest",
        ):
            i += 2
        elif self.word(i) in ("past", "recent", "coming"):
            i += 1
        elif self.word(i) == "more" and self.word(i + 1) == "than":
            i += 2
        counted = self.number_span(i)
        if counted is not None and counted[1] is not None and counted[1] >= 1000:
            return None  # "1988 quarter": a year, not a count
        if counted is None:
            plural = self.word(i) in lex.UNIT_WORDS and self.word(i).endswith("s")
            bare = i == start and self.word(i - 1) in ("for", "within") and self.word(i + 1) != "of"
            bare = bare and lex.UNIT_WORDS.get(self.word(i)) not in ("second", "minute", "hour")
            if not plural or (i == start and not bare):
                return None  # a bare "years" is a time only as a span: "for years", "within weeks"
            end, number = i, None  # "recent years", "the past months"
        else:
            end, number = counted
        unit_end = self._unit_after(end)
        if unit_end is None:
            return None
        end, unit = unit_end
        if unit == "second" and self.word(i) in ("a", "an") and self.doc[end - 1].pos_ != "NOUN":
            return None  # "a second filling": an ordinal
        if unit == "quarter" and number is not None and self.word(end) == "of" and self.year(end + 1) is None:
            return None  # "three-quarters of its food": a fraction
        if _story_later(self, end, number):
            return Match(start, end, Reading("duration", value=duration_value(number, unit), anchored=True))
        if (self.word(end) == "-" and self.word(end + 1) == "old") or self.word(end) == "old":
            return None  # "a 6-year-old boy", "52 years old": an age
        after = self.word(end)
        if counted is not None and self.word(i) in ("a", "an") and start == i and after not in _SHIFTERS:
            before = self.doc[max(0, i - 4) : i]
            if self.word(i - 1) in ("once", "twice", "times", "per"):
                return None  # "twice a year": a frequency
            if any(token.like_num or token.tag_ == "$" for token in before):
                # "40 billion euros ($58.5 billion) a year": a rate, every year (TimeML SET)
                return Match(i, end, Reading("set", value=duration_value(1, unit)))
        if after in _SHIFTERS and self.word(end + 1) not in _RELATIVE_TO_EVENT:
            if number is None:
                reading = Reading("ref", value="PAST_REF" if _SHIFTERS[after] < 0 else "FUTURE_REF")
            elif unit == "year" and number == 1 and after != "later" and self._about_quarters(i):
                # Earnings reports: "up from $10 million a year ago" is the same quarter a year before.
                reading = _REPORTED_QUARTER_YEAR_AGO
            elif unit in ("decade", "century"):
                years = number * (10 if unit == "decade" else 100)
                reading = Reading("relunit", unit="year", offset=_SHIFTERS[after] * years)
            else:
                reading = Reading("relunit", unit=unit, offset=_SHIFTERS[after] * number)
            return Match(start, end + 1, reading)
        if after in ("from",) and self.word(end + 1) == "now" and number is not None:
            return Match(start, end + 2, Reading("relunit", unit=unit, offset=number))
        anchored = after in _RELATIVE_TO_EVENT or after in _SHIFTERS
        return Match(start, end, Reading("duration", value=duration_value(number, unit), anchored=anchored))

    def _at_reference(self, i: int) -> Match | None:
        """recently · now · currently · the past · the future · at present."""
        for phrase, value in lex.REFERENCE_PHRASES.items():
            if tuple(self.words[i : i + len(phrase)]) == phrase:
                if (
                    phrase[-1] in ("past", "future", "present")
                    and self.word(i + len(phrase)) in lex.UNIT_WORDS
                ):
                    return None
                return Match(i, i + len(phrase), Reading("ref", value=value))
        word = self.word(i)
        if word in lex.REFERENCE_WORDS and self.doc[i].pos_ in ("ADV", "ADJ"):
            return Match(i, i + 1, Reading("ref", value=lex.REFERENCE_WORDS[word]))
        token = self.doc[i]
        noun = token.head
        if word == "current" and token.dep_ == "amod" and noun.i > i and _present_noun(noun):
            return Match(i, i + 1, Reading("ref", value="PRESENT_REF"))  # "current market conditions"
        return None

    def _at_set(self, i: int) -> Match | None:
        """weekly · every week · each Thursday · every two years."""
        word = self.word(i)
        if word in lex.SET_WORDS:
            token = self.doc[i]
            adjective = token.pos_ == "ADJ" and word in lex.SHORT_SETS and token.text.islower()
            named = i + 1 < self.count and self.doc[i + 1].pos_ == "PROPN"
            if (token.pos_ != "ADV" and not adjective) or named:
                return None  # "a quarterly dividend", "the Daily Express", "the party daily Granma"
            return Match(i, i + 1, Reading("set", value=lex.SET_WORDS[word]))
        if word not in ("every", "each"):
            return None
        counted = self.number_span(i + 1)
        j, number = (
            (counted[0], counted[1]) if counted and self.word(i + 1) not in ("a", "an") else (i + 1, 1)
        )
        unit_end = self._unit_after(j)
        if unit_end is not None:
            return Match(i, unit_end[0], Reading("set", value=duration_value(number, unit_end[1])))
        weekday = lex.WEEKDAYS.get(self.word(i + 1))
        if weekday is not None:
            return Match(i, i + 2, Reading("set", value=f"XXXX-WXX-{weekday + 1}"))
        month = self.month(i + 1)
        if month is not None:
            return Match(i, i + 2, Reading("set", value=f"XXXX-{month:02d}"))
        return None

    def _at_clock(self, i: int) -> Match | None:
        """3 p.m. · 10:30 am · 15:00 GMT · noon · midnight; a following day or date joins in."""
        word = self.word(i)
        hour: int | None = None
        minute = 0
        end = i + 1
        if word in ("noon", "midday", "midnight"):
            hour = 12 if word != "midnight" else 0
        else:
            found = _CLOCK.match(word)
            if found is None:
                return None
            hour, minute = int(found.group(1)), int(found.group(2) or 0)
            meridiem = found.group(3) or self.word(end)
            if meridiem in _MERIDIEM:
                if found.group(3) is None:
                    end += 1
                hour = hour % 12 + _MERIDIEM[meridiem]
            elif found.group(2) is None:
                return None  # a bare number is not a time
            if not (0 <= hour <= 23 and 0 <= minute <= 59):
                return None
        if self.word(end) in _ZONES:
            end += 1
        elif self.word(end) == "local" and self.word(end + 1) == "time":
            end += 2
        k = end + 1 if self.word(end) in (",", "on") else end
        aside = self._parenthetical(end)  # "10:35 a.m. (0735 GMT) Friday": the day is Friday's, the
        k = aside if aside is not None else k  # expression stays "10:35 a.m." as TimeML marks it
        day = self._at_relday(k) or self._at_weekday(k) or self._at_month_date(k) or self._at_iso(k)
        if day is not None and day.reading.kind in ("relday", "weekday", "date") and day.start == k:
            clocked = replace(day.reading, hour=hour, minute=minute, part=None)
            return Match(i, end if aside is not None else day.end, clocked)
        return Match(i, end, Reading("relday", offset=0, hour=hour, minute=minute))

    def _parenthetical(self, i: int) -> int | None:
        """The token after a short parenthesis opening at i ("(0735 GMT)"), else None."""
        if self.word(i) != "(":
            return None
        close = next((j for j in range(i + 1, min(i + 6, self.count)) if self.word(j) == ")"), None)
        return None if close is None else close + 1

    def _names_a_period(self, start: int, end: int) -> bool:
        """ "the same period last year", "last year's quarter": in an earnings story, the reported quarter
        a year before, not the year."""
        after = self.word(end + 1) == "'s" and self.word(end + 2) in ("quarter", "period")
        return (after or self.word(start - 1) in ("quarter", "period")) and self._about_quarters(start)

    def _about_quarters(self, i: int) -> bool:
        """Whether the text up to token i reports quarterly results (an earnings story)."""
        if self.quarterly is None:
            self.quarterly = next(
                (k for k, word in enumerate(self.words) if word in ("quarter", "quarterly")), self.count
            )
        return self.quarterly <= self.doc[i].sent.end

    def _at_quarter(self, i: int) -> Match | None:
        """the third quarter (of 1990) · first-quarter · the fiscal second quarter."""
        start = i
        if self.word(i) == "the":
            i += 1
        year = self.year(i)
        year_offset = None
        if year is not None:
            i += 1
        elif (
            self.word(i) in ("this", "last", "next")
            and self.word(i + 1) == "year"
            and self.word(i + 2) == "'s"
        ):
            year_offset = lex.SHIFTS[self.word(i)]
            i += 3
        elif self.word(i) == "year" and self.word(i + 1) == "-" and self.word(i + 2) in ("earlier", "ago"):
            year_offset = -1
            i += 3
        if self.word(i) == "fiscal":
            i += 1
        if start < i and self.word(i) in ("quarter", "period") and self.word(start) == "the":
            # "the quarter", "the latest quarter", "the year-ago period": the last reported quarter.
            if year_offset == -1:
                return Match(start, i + 1, _REPORTED_QUARTER_YEAR_AGO)
            if self.word(i) == "quarter" and year is None:
                return Match(start, i + 1, _REPORTED_QUARTER)
            if year is not None and self._about_quarters(i):
                # "the 1988 period": the reported quarter of that year
                return Match(start, i + 1, replace(_REPORTED_QUARTER, year=year))
        if self.word(start) == "the" and self.word(i) in ("latest", "most") and self._about_quarters(i):
            j = i + 2 if self.word(i) == "most" else i + 1
            if self.word(j) in ("quarter", "period"):
                return Match(start, j + 1, _REPORTED_QUARTER)
        ordinal = lex.ORDINALS.get(self.word(i))
        if ordinal is None and _ORDINAL_DAY.match(self.word(i)) and not self.word(i).isdigit():
            ordinal = int(_ORDINAL_DAY.match(self.word(i)).group(1))  # type: ignore[union-attr]
        if ordinal is None or not 1 <= ordinal <= 4:
            return None
        j = i + 2 if self.word(i + 1) == "-" else i + 1
        if self.word(j) != "quarter":
            return None
        end, year_after = self._year_after(j + 1)
        reading = Reading("quarter", value=str(ordinal), year=year or year_after, year_offset=year_offset)
        return Match(start, end, reading)


def _present_noun(noun: Token) -> bool:
    """Whether "current" before this noun means "now" ("current conditions"), not a unit or an account."""
    return noun.lower_ not in lex.UNIT_WORDS and noun.lemma_ not in ("account", "asset")


def _story_later(scanner: _Scanner, end: int, number: int | None) -> bool:
    """ "Three days later" counts from the story's last event, not from today: TimeML marks the duration
    ("Three days") and leaves "later" out; "later this week" and "three days from now" are other shapes."""
    return scanner.word(end) == "later" and scanner.word(end + 1) not in ("this", "that", "today")


def _extend(scanner: _Scanner, match: Match) -> Match:
    """Take in modifiers TimeML keeps inside the expression: "about", "early", "mid-", "the end of"."""
    start = match.start
    kind = match.reading.kind
    while True:
        word = scanner.word(start - 1)
        if word == "-" and scanner.word(start - 2) == "mid":
            start -= 2
        elif (word in ("early", "late", "mid") and kind in ("date", "relunit", "season")) or (
            word in lex.APPROXIMATORS and kind == "relunit"
        ):
            start -= 1
        elif (
            word == "the"
            and kind == "duration"
            and start == match.start
            and scanner.doc[start].like_num
            and "-" not in scanner.words[match.start : match.end]
        ):
            start -= 1  # "the nine months" keeps its article; "the five-year war" is the war's
        elif word == "than" and scanner.word(start - 2) in ("more", "less") and kind == "relunit":
            start -= 2
        elif word == "of" and scanner.word(start - 2) in ("end", "beginning", "middle", "start"):
            start -= 2
            if scanner.word(start - 1) == "the":
                start -= 1
        elif (
            word == "the"
            and match.reading.kind == "date"
            and match.reading.day is None
            and start < match.start
        ):
            start -= 1
        else:
            break
    return replace(match, start=start) if start != match.start else match


def recognise(doc: Doc) -> list[Match]:
    """Every time expression in the Doc, left to right, not overlapping."""
    scanner = _Scanner(doc)
    matches: list[Match] = []
    i = 0
    while i < scanner.count:
        found = scanner.at(i)
        if found is None:
            i += 1
            continue
        extended = _extend(scanner, found)
        floor = matches[-1].end if matches else 0
        matches.append(replace(extended, start=max(extended.start, floor)))
        i = found.end
    return matches


def head_token(doc: Doc, match: Match) -> Token:
    """The syntactic head of the expression: the token whose head lies outside it."""
    span = doc[match.start : match.end]
    return span.root
