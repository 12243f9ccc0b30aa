"""The words of English time expressions: month and weekday names, numbers, units, modifiers.

Lexical facts only (our own lists); the recogniser matches them against spaCy tokens' lowercase text.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan", "jan."),
        ("february", "feb", "feb."),
        ("march", "mar", "mar."),
        ("april", "apr", "apr."),
        ("may",),
        ("june", "jun", "jun."),
        ("july", "jul", "jul."),
        ("august", "aug", "aug."),
        ("september", "sep", "sep.", "sept", "sept."),
        ("october", "oct", "oct."),
        ("november", "nov", "nov."),
        ("december", "dec", "dec."),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

#: Month names written out in full.
MONTH_NAMES = frozenset(
    name for name in MONTHS if (len(name) > 3 or name == "may") and not name.endswith(".") and name != "sept"
)

#: Abbreviations that are also ordinary words; they count as months only when capitalised.
AMBIGUOUS_MONTHS = frozenset({"mar", "may", "jan", "jun", "dec", "sept", "aug", "oct"})

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("monday", "mon", "mon."),
        ("tuesday", "tue", "tue.", "tues", "tues."),
        ("wednesday", "wed", "wed."),
        ("thursday", "thu", "thu.", "thur", "thurs", "thurs."),
        ("friday", "fri", "fri."),
        ("saturday", "sat", "sat."),
        ("sunday", "sun", "sun."),
    )
):
    for _name in _names:
        WEEKDAYS[_name] = _number
#: "Sundays" (every Sunday) names a set of days.
WEEKDAY_PLURALS = {name + "s": number for name, number in WEEKDAYS.items() if name.endswith("day")}

#: Short weekday forms that are common words; they count only when capitalised and written out in full.
AMBIGUOUS_WEEKDAYS = frozenset({"mon", "sat", "sun", "wed", "tue", "thu", "fri"})

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "half": 0,
    "couple": 2,
}

#: Quantities without a number: "several weeks" is a duration of unknown length (PXW).
VAGUE_NUMBERS = frozenset({"several", "few", "many", "some", "recent", "coming", "past", "next", "last"})

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}

#: Calendar units and their TimeML duration letters.
UNITS: dict[str, str] = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "FN",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}

#: Singular of each unit word, plural forms included.
UNIT_WORDS: dict[str, str] = {}
for _unit in UNITS:
    UNIT_WORDS[_unit] = _unit
    UNIT_WORDS[_unit + "s"] = _unit
UNIT_WORDS["centuries"] = "century"
UNIT_WORDS["yr"] = "year"
UNIT_WORDS["yrs"] = "year"
UNIT_WORDS["hrs"] = "hour"
UNIT_WORDS["mins"] = "minute"

#: Words that shift a calendar unit or name relative to the anchor ("last week", "next May").
SHIFTS: dict[str, int] = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "this": 0,
    "current": 0,
    "present": 0,
}

#: Relative day words: offset from the anchor day and a TimeML part of day.
DAY_WORDS: dict[str, tuple[int, str | None]] = {
    "today": (0, None),
    "tonight": (0, "NI"),
    "yesterday": (-1, None),
    "tomorrow": (1, None),
}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

#: Holidays by their words: a fixed (month, day), or a name the normaliser computes per year.
HOLIDAYS: dict[tuple[str, ...], tuple[int, int] | str] = {
    ("christmas", "eve"): (12, 24),
    ("christmas", "day"): (12, 25),
    ("christmas",): (12, 25),
    ("boxing", "day"): (12, 26),
    ("new", "year", "'s", "eve"): (12, 31),
    ("new", "year", "'s", "day"): (1, 1),
    ("new", "year"): (1, 1),
    ("valentine", "'s", "day"): (2, 14),
    ("independence", "day"): (7, 4),
    ("bastille", "day"): (7, 14),
    ("halloween",): (10, 31),
    ("armistice", "day"): (11, 11),
    ("veterans", "day"): (11, 11),
    ("thanksgiving", "day"): "thanksgiving",
    ("thanksgiving",): "thanksgiving",
    ("easter", "sunday"): "easter",
    ("easter",): "easter",
}

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}

#: Temporal references without a calendar value (TimeML PAST_REF, PRESENT_REF, FUTURE_REF).
REFERENCE_WORDS: dict[str, str] = {
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
}

#: Multi-word references, matched on lowercase token sequences.
REFERENCE_PHRASES: dict[tuple[str, ...], str] = {
    ("the", "past"): "PAST_REF",
    ("the", "future"): "FUTURE_REF",
    ("the", "present"): "PRESENT_REF",
    ("at", "present"): "PRESENT_REF",
    ("these", "days"): "PRESENT_REF",
    ("right", "now"): "PRESENT_REF",
    ("as", "soon", "as", "possible"): "FUTURE_REF",
    ("the", "near", "future"): "FUTURE_REF",
    ("the", "near", "term"): "FUTURE_REF",
    ("the", "short", "term"): "FUTURE_REF",
}

#: Frequency words (TimeML SET): the period of the repetition.
SET_WORDS: dict[str, str] = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "yearly": "P1Y",
    "annually": "P1Y",
}

#: Frequency words that are a time also as adjectives ("a daily tally"); "a quarterly dividend" is money.
SHORT_SETS = frozenset({"hourly", "daily", "nightly", "weekly"})

#: Modifiers that TimeML keeps inside the expression without changing its value.
APPROXIMATORS = frozenset({"about", "around", "nearly", "almost", "some", "roughly", "approximately"})
EDGE_MODIFIERS = frozenset({"early", "late", "mid", "end", "beginning", "middle"})

#: Verbs whose past tense is spelled as their present: the tagger may read "Weakness hurt the index" as a
#: present, which a singular subject rules out.
INVARIANT_PASTS = frozenset(
    {
        "hurt",
        "cut",
        "put",
        "set",
        "hit",
        "let",
        "cost",
        "shut",
        "spread",
        "quit",
        "cast",
        "split",
        "burst",
        "bet",
        "bid",
        "shed",
        "upset",
        "broadcast",
        "forecast",
        "thrust",
        "rid",
        "read",
    }
)

#: Words after which a bare month name is a month ("in May", "early June"), not a verb or a name.
BEFORE_BARE_MONTH = frozenset(
    {
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "to",
        "through",
        "during",
        "before",
        "after",
        "early",
        "late",
        "mid",
        "-",
        "of",
        "last",
        "next",
        "this",
        "and",
        "or",
        "between",
        "for",
        "that",
        "around",
        "end",
    }
)


#: Every word a recogniser shape can begin with, besides numbers and "mid-1990s": a token outside this set
#: (and without a digit) starts no expression, so the scan skips the nineteen shape tests there.
STARTERS = frozenset(
    {
        "the",
        "a",
        "an",
        "'",
        "fiscal",
        "early",
        "late",
        "mid",
        "earlier",
        "later",
        "this",
        "that",
        "last",
        "next",
        "coming",
        "past",
        "recent",
        "more",
        "every",
        "each",
        "noon",
        "midday",
        "midnight",
        "current",
        "year",
        "nineties",
        "eighties",
        "seventies",
        "sixties",
        "fifties",
        "forties",
        "thirties",
    }
    | MONTHS.keys()
    | WEEKDAYS.keys()
    | NUMBER_WORDS.keys()
    | VAGUE_NUMBERS
    | ORDINALS.keys()
    | UNIT_WORDS.keys()
    | SHIFTS.keys()
    | DAY_WORDS.keys()
    | SEASONS.keys()
    | REFERENCE_WORDS.keys()
    | SET_WORDS.keys()
    | {phrase[0] for phrase in REFERENCE_PHRASES}
    | {words[0] for words in HOLIDAYS}
)

#: Nouns that name an act or a dispute, with the CAMEO code prefixes of the events they can name back
#: ("the spat" is a verbal or material conflict the story told: 10–17; "the talks" a consultation). Used to
#: date an act that a definite one of them "came after" by the date the story gave that one.
_DISPUTE = ("10", "11", "12", "13", "14", "15", "16", "17")
_FIGHTING = ("18", "19", "20")
_TALKS = ("04", "036")
_AGREEMENT = ("03", "057", "08")
ACT_NOUNS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            "spat",
            "row",
            "dispute",
            "quarrel",
            "feud",
            "standoff",
            "stand-off",
            "rift",
            "tension",
            "tensions",
            "crisis",
            "confrontation",
            "disagreement",
            "furore",
            "furor",
            "outcry",
            "controversy",
            "falling-out",
        ),
        _DISPUTE,
    ),
    **dict.fromkeys(("clash", "clashes"), _DISPUTE + _FIGHTING),
    **dict.fromkeys(
        (
            "attack",
            "attacks",
            "assault",
            "strike",
            "strikes",
            "airstrike",
            "airstrikes",
            "bombing",
            "bombardment",
            "shelling",
            "raid",
            "offensive",
            "invasion",
            "incursion",
            "fighting",
            "violence",
            "massacre",
            "killing",
            "killings",
        ),
        _FIGHTING,
    ),
    **dict.fromkeys(
        (
            "talks",
            "meeting",
            "summit",
            "call",
            "negotiations",
            "visit",
            "discussions",
            "consultations",
            "conversation",
        ),
        _TALKS,
    ),
    **dict.fromkeys(("deal", "agreement", "accord", "treaty", "pact", "ceasefire", "truce"), _AGREEMENT),
    **dict.fromkeys(("sanctions", "embargo", "boycott", "expulsion", "expulsions"), ("16",)),
    **dict.fromkeys(("protest", "protests", "demonstration", "demonstrations"), ("14",)),
    **dict.fromkeys(("threat", "threats", "ultimatum"), ("13",)),
    **dict.fromkeys(
        ("accusation", "accusations", "criticism", "condemnation", "denunciation", "rebuke"), ("11",)
    ),
}
