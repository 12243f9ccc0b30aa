"""Page furniture: lines of a page that are not the article (view counters, share/print labels, link lists).

Removal is by whole lines, never words inside a sentence. A line is furniture when it is short, does not read
as a sentence, and matches the multilingual lexicon in ``data/furniture/lexicon.tsv`` or a counter pattern;
link-list headings ("Related articles") and bylines count only at the edges of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parents[1] / "data" / "furniture" / "lexicon.tsv"

MAX_LABEL_WORDS = 6
"""A label line with more words than this is text, whatever it starts with."""
MAX_LIST_ITEM_WORDS = 18
MAX_CAPTION_WORDS = 30
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_TRIM = " \t\u00a0:：|•·-–—»›>«<*#/\\()[]{}"
_LINKING = frozenset((
    "on", "via", "in", "to", "at", "with", "в", "на", "во", "en", "auf", "über", "sur", "par", "su", "per",
    "por", "op", "w", "z", "ile"
))  # fmt: skip
"""Words that join a share label to a network name ("Share on Facebook", "Поделиться в ВКонтакте")."""
_NAV_SPLIT = re.compile(r"\s+[|•·»›>/]\s+|\s*\|\s*")
_CONSENT = re.compile(
    r"accept|agree|consent|continu|privacy|policy|settings|akzeptier|zustimm|einverstanden|datenschutz"
    r"|accepte|consentement|acepta|consiente|accetta|consenso|aceita|согла|приня|использу"
)
_NUMBER = r"\d[\d\s.,\u00a0\u202f]*\s?[kKmMкК]?\+?"
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}([./])\d{1,2}\1(?:\d{4}|\d{2})|\d{1,2}\s+[^\W\d]{3,}\.?,?\s+\d{4}|[^\W\d]{3,}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The furniture phrases by kind, lower-cased."""

    labels: frozenset[str]
    headings: frozenset[str]
    social: frozenset[str]
    bylines: tuple[str, ...]
    dated: tuple[str, ...]
    captions: tuple[str, ...]
    counter: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A text without its furniture, the removed lines in order, and an author found in a byline."""

    text: str
    removed: tuple[str, ...]
    author: str | None = None
    published: date | None = None


@lru_cache(maxsize=1)
def lexicon(path: Path = LEXICON) -> Lexicon:
    """Load the lexicon once per process."""
    kinds: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _lang, phrase = raw.split("\t", 2)
        kinds.setdefault(kind, []).append(phrase.strip().lower())
    units = sorted(kinds.get("counter", []), key=len, reverse=True)
    alternatives = "|".join(re.escape(unit) for unit in units)
    counter = re.compile(
        rf"^(?:{_NUMBER}\s*(?:{alternatives})|(?:{alternatives})\s*[:：]?\s*{_NUMBER})$", re.IGNORECASE
    )
    return Lexicon(
        labels=frozenset(_norm(p) for p in kinds.get("label", [])),
        headings=frozenset(_norm(p) for p in kinds.get("heading", [])),
        social=frozenset(kinds.get("social", [])),
        bylines=tuple(sorted(kinds.get("byline", []), key=len, reverse=True)),
        dated=tuple(sorted(kinds.get("dated", []), key=len, reverse=True)),
        captions=tuple(sorted(kinds.get("caption", []), key=len, reverse=True)),
        counter=counter,
    )


def _norm(line: str) -> str:
    return " ".join(line.strip(_TRIM).lower().split())


def is_sentence(line: str) -> bool:
    """A line that reads as prose: several words, sentence-final punctuation. Such lines are never removed."""
    words = line.split()
    return len(words) >= 5 and bool(_SENTENCE_END.search(line.strip()))


def classify(line: str, lex: Lexicon | None = None) -> str | None:
    """The furniture kind of one line anywhere in a document ("counter", "label", "social"), or None."""
    lex = lex or lexicon()
    stripped = line.strip()
    if not stripped or is_sentence(stripped):
        return None
    norm = _norm(stripped)
    if not norm:
        return "label" if len(stripped) <= 3 else None
    if lex.counter.match(norm):
        return "counter"
    words = norm.split()
    if len(words) <= MAX_CAPTION_WORDS and _caption(stripped.lower(), lex):
        return "caption"
    if len(words) > MAX_LABEL_WORDS:
        return None
    if norm in lex.labels:
        return "label"
    tokens = [w.strip(_TRIM + ",;") for w in re.split(r"[\s,;|/•·]+", norm)]
    tokens = [t for t in tokens if t]
    if tokens and all(t in lex.social for t in tokens) and (len(tokens) > 1 or norm in lex.labels):
        return "social"
    # "Share on Facebook", "Поделиться в ВКонтакте", "Read more: <headline>"
    head = _label_prefix(norm, lex.labels)
    if head is None:
        return None
    rest = [t.strip(_TRIM + ",;") for t in words[len(head.split()) :]]
    labelled = re.match(rf"^\W*{re.escape(head)}\s*[:：]", stripped.lower()) is not None
    if labelled or all(t in lex.social or t in _LINKING or not t for t in rest):
        return "label"
    return None


def _caption(lowered: str, lex: Lexicon) -> bool:
    """ "Image copyright AFP", "Photo: Reuters", "(Reporting by ...; Editing by ...)"."""
    lowered = lowered.lstrip(_TRIM)
    for intro in lex.captions:
        if lowered.startswith(intro):
            after = lowered[len(intro) : len(intro) + 1]
            return after == ":" or (after == " " and " " in intro)
    return False


def _label_prefix(norm: str, labels: frozenset[str]) -> str | None:
    words = norm.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        prefix = " ".join(words[:size]).rstrip(":：")
        if prefix in labels and len(prefix) > 3:
            return prefix
    return None


def _navigation(line: str) -> bool:
    """A menu or breadcrumb line: "Home | World | Politics", "News › Europe › Ukraine"."""
    parts = [p.strip() for p in _NAV_SPLIT.split(line.strip())]
    parts = [p for p in parts if p]
    return (
        len(parts) >= 3
        and all(len(p.split()) <= 3 and not _SENTENCE_END.search(p) for p in parts)
        and _NAV_SPLIT.search(line) is not None
    )


def _cookie_notice(line: str) -> bool:
    """A cookie-consent banner; it may read as a sentence, so it is only removed at the document's edges."""
    lowered = line.lower()
    return "cookie" in lowered and len(line.split()) <= 60 and _CONSENT.search(lowered) is not None


def _heading(line: str, lex: Lexicon) -> bool:
    norm = _norm(line)
    return (
        bool(norm)
        and len(norm.split()) <= MAX_LABEL_WORDS
        and not is_sentence(line)
        and (
            norm in lex.headings or any(norm.startswith(h + " ") for h in lex.headings if len(h.split()) > 1)
        )
    )


def _byline(line: str, lex: Lexicon) -> str | None:
    """The author named in a byline ("By Jane Doe, Reuters"), or None."""
    stripped = line.strip()
    words = stripped.split()
    if not 2 <= len(words) <= 10 or is_sentence(stripped):
        return None
    lowered = stripped.lower()
    for intro in lex.bylines:
        if lowered.startswith(intro + " ") or lowered.startswith(intro + ":"):
            name = stripped[len(intro) :].strip(_TRIM + " ")
            name = re.split(r"\s*[|,•·]\s*|\s+(?:and|und|et|y|и)\s+(?=[A-Z])", name)[0] if name else ""
            tokens = name.split()
            if 1 <= len(tokens) <= 4 and all(t[:1].isupper() for t in tokens if t.isalpha()):
                return name
    return None


def _dateline(line: str, lex: Lexicon) -> bool:
    """A line that only states when the page was published or updated."""
    stripped = line.strip().strip(_TRIM)
    if not stripped or len(stripped.split()) > 12 or is_sentence(stripped):
        return False
    lowered = stripped.lower()
    for intro in lex.dated:
        if lowered.startswith(intro) and re.search(r"\d", lowered):
            return True
    return bool(_DATE_ONLY.match(stripped))


def is_furniture_title(line: str) -> bool:
    """A would-be title line that is furniture ("Published 21 November 2016", "Share this")."""
    lex = lexicon()
    return classify(line, lex) is not None or _dateline(line, lex)


def dateline_date(line: str, lex: Lexicon | None = None) -> date | None:
    """The day a dateline states ("Published 21 November 2016", "Опубликовано 21 ноября 2016"), if whole."""
    lex = lex or lexicon()
    stripped = line.strip().strip(_TRIM)
    lowered = stripped.lower()
    for intro in lex.dated:
        if lowered.startswith(intro):
            stripped = stripped[len(intro) :].strip(_TRIM + " ")
            break
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    try:
        found = dateparser.parse(stripped, settings=settings)
    except (ValueError, OverflowError):
        return None
    return found.date() if found is not None else None


def clean(text: str, title: str | None = None) -> Cleaned:
    """Remove furniture lines; the head (before the first sentence) and tail (after the last) get more.

    With a ``title``, a line repeating it before the first sentence goes too (pages print their headline
    above the body; the title is kept as metadata).
    """
    lex = lexicon()
    lines = text.split("\n")
    wanted = _norm(title) if title else None
    prose = [i for i, line in enumerate(lines) if is_sentence(line) and not _cookie_notice(line)]
    first = prose[0] if prose else len(lines)
    last = prose[-1] if prose else -1
    drop: set[int] = set()
    author: str | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        edge = i < first or i > last
        repeats_title = i < first and wanted is not None and _norm(line) == wanted
        at_edge = edge and (_dateline(line, lex) or _navigation(line) or _cookie_notice(line))
        if classify(line, lex) or repeats_title or at_edge:
            drop.add(i)
        elif i < first and (name := _byline(line, lex)):
            drop.add(i)
            author = author or name
    drop |= _tail_lists(lines, last, lex)
    kept = [line for i, line in enumerate(lines) if i not in drop]
    removed = tuple(lines[i].strip() for i in sorted(drop))
    cleaned = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", "\n".join(kept)).strip("\n")
    return Cleaned(cleaned, removed, author, _stated_date(lines, drop, first, lex))


def _stated_date(lines: list[str], drop: set[int], first: int, lex: Lexicon) -> date | None:
    """The date of the first removed dateline above the body, else of the last one below it."""
    head = [i for i in sorted(drop) if i < first]
    tail = [i for i in sorted(drop, reverse=True) if i >= first]
    for i in head + tail:
        if _dateline(lines[i], lex) and (found := dateline_date(lines[i], lex)) is not None:
            return found
    return None


def _tail_lists(lines: list[str], last: int, lex: Lexicon) -> set[int]:
    """A "Related articles"-style heading after the body and the short link lines under it."""
    for i in range(last + 1, len(lines)):
        if _heading(lines[i], lex):
            following = [j for j in range(i + 1, len(lines)) if lines[j].strip()]
            if all(len(lines[j].split()) <= MAX_LIST_ITEM_WORDS for j in following):
                return {i, *following}
            return {i}
    return set()
