"""Finds quoted stretches of text from quote marks alone (a lexical step: regular expressions are right here).

Handles straight, curly, doubled-apostrophe (''…''), low (\u201e…\u201c) and guillemet (\u00ab…\u00bb) double
marks and single marks (\u2018…\u2019, '…'), telling apostrophes from closing single quotes by what flanks
them. A quote that runs over several paragraphs (each paragraph reopens it, only the last closes it) is one
stretch; a single-quoted stretch nested in a double-quoted one is part of it, not a quote of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest glyphs first so that '' is one mark, not two apostrophes.
_MARK = re.compile(r"''|``|[\u201c\u201d\"\u201e\u00ab\u00bb\u2018\u2019'\u201a\u2039\u203a]")

_DOUBLE_OPENERS = frozenset({"\u201c", "\u201e", "\u00ab", "``"})
_DOUBLE_CLOSERS = frozenset({"\u201d", "\u00bb"})
_DOUBLE_EITHER = frozenset({'"', "''"})
_SINGLE_OPENERS = frozenset({"\u2018", "\u201a", "\u2039"})
_SINGLE_CLOSERS = frozenset({"\u2019", "\u203a"})
_SINGLE_EITHER = frozenset({"'"})

ALL_MARKS = (
    _DOUBLE_OPENERS | _DOUBLE_CLOSERS | _DOUBLE_EITHER | _SINGLE_OPENERS | _SINGLE_CLOSERS | _SINGLE_EITHER
)

_BEFORE_OPENER = set("([{\u2014\u2013-/:") | set("\u201c\u201d\"\u201e\u00ab\u2018\u2019'\u201a")
_AFTER_CLOSER = set(".,;:!?)]}\u2014\u2013-\u2026") | set("\u201c\u201d\"\u00bb\u2018\u2019'\u203a")
_SENTENCE_END = set(".!?\u2026")

#: A single-quoted stretch longer than this is an apostrophe mispaired with a later one, not a quote.
MAX_SINGLE_CHARS = 600


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted stretch: ``start``/``end`` bound the words inside the marks; ``outer_*`` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    single: bool
    closed: bool
    paragraphs: int = 1


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    glyph: str
    can_open: bool
    can_close: bool


def find_quoted(text: str) -> list[Quoted]:
    """Every top-level quoted stretch in ``text``, in order."""
    marks = [_mark(text, match.start(), match.end()) for match in _MARK.finditer(text)]
    doubles = _pair_doubles(
        text, [m for m in marks if m.glyph in _DOUBLE_OPENERS | _DOUBLE_CLOSERS | _DOUBLE_EITHER]
    )
    singles = _pair_singles(
        text,
        [m for m in marks if m.glyph in _SINGLE_OPENERS | _SINGLE_CLOSERS | _SINGLE_EITHER],
        doubles,
    )
    return _outermost([q for q in doubles + singles if q.end > q.start])


def _outermost(found: list[Quoted]) -> list[Quoted]:
    """Drop quotes nested in others (British '… "x" …' nests double marks in single ones); where two
    stretches cross, the double-quoted one wins."""
    ordered = sorted(found, key=lambda q: (q.outer_start, -q.outer_end))
    kept: list[Quoted] = []
    for quote in ordered:
        if kept and quote.outer_start < kept[-1].outer_end:
            last = kept[-1]
            if quote.outer_end <= last.outer_end or quote.single:
                continue
            if last.single:
                kept[-1] = quote
            continue
        kept.append(quote)
    return kept


def _mark(text: str, start: int, end: int) -> _Mark:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    # A left curly mark right after a comma opens ('said,“Look'): only straight marks are ambiguous there.
    glued = before == "," and text[start:end] in _DOUBLE_OPENERS | _SINGLE_OPENERS
    can_open = not after.isspace() and (before.isspace() or before in _BEFORE_OPENER or glued)
    can_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSER)
    return _Mark(start, end, text[start:end], can_open, can_close)


def _opens(mark: _Mark, is_open: bool) -> bool | None:
    """True: the mark opens; False: it closes; None: it is neither (stray or an apostrophe)."""
    glyph = mark.glyph
    if glyph in ("\u201e", "\u00ab", "``"):
        return True
    if glyph == "\u00bb":
        return False if is_open else None
    if glyph == "\u201c":
        # A left mark closes only in the low-opened style („…“) or when it plainly ends a word.
        return not (is_open and mark.can_close and not mark.can_open)
    if glyph == "\u201d":
        if is_open and (mark.can_close or not mark.can_open):
            return False
        return True if mark.can_open and not mark.can_close else None
    if is_open:
        return False if mark.can_close else (True if mark.can_open else None)
    return True if mark.can_open else None


def _continues(text: str, opener: _Mark, open_inner: int) -> bool:
    """Whether a reopening mark continues the open quote (a new paragraph or sentence of the same speech)."""
    gap = text[open_inner : opener.start].rstrip()
    return bool(gap) and (gap[-1] in _SENTENCE_END or "\n" in text[open_inner : opener.start])


def _pair_doubles(text: str, marks: list[_Mark]) -> list[Quoted]:
    found: list[Quoted] = []
    opened: _Mark | None = None
    since = 0  # where the open quote was last opened or reopened
    paragraphs = 1
    for mark in marks:
        if opened is not None:
            broken = _paragraph_end(text, since, mark.start)
            if broken is not None and not _reopens(text, broken, mark):
                found.append(_quoted(text, opened, broken, None, single=False, paragraphs=paragraphs))
                opened = None
        role = _opens(mark, opened is not None)
        if role is None:
            continue
        if role:
            if opened is not None and _continues(text, mark, since):
                paragraphs += "\n" in text[since : mark.start]
                since = mark.end
                continue
            opened, since, paragraphs = mark, mark.end, 1
        elif opened is not None:
            found.append(_quoted(text, opened, mark.start, mark, single=False, paragraphs=paragraphs))
            opened = None
    if opened is not None:
        end = _paragraph_end(text, opened.end, len(text))
        found.append(_quoted(text, opened, len(text) if end is None else end, None, single=False))
    return found


def _paragraph_end(text: str, start: int, stop: int) -> int | None:
    """The offset of the first line break between ``start`` and ``stop``, if any."""
    where = text.find("\n", start, stop)
    return None if where < 0 else where


def _reopens(text: str, newline: int, mark: _Mark) -> bool:
    """A quote left open at a paragraph end goes on only if the next paragraph opens with this mark."""
    rest = text[newline : mark.start]
    return not rest.strip() and mark.can_open and mark.glyph not in _DOUBLE_CLOSERS


def _pair_singles(text: str, marks: list[_Mark], doubles: list[Quoted]) -> list[Quoted]:
    found: list[Quoted] = []
    opened: _Mark | None = None
    for mark in marks:
        if any(q.outer_start <= mark.start < q.outer_end for q in doubles):
            continue
        inside_word = _is_letter(text, mark.start - 1) and _is_letter(text, mark.end)
        if inside_word:
            continue
        if opened is not None and "\n" in text[opened.end : mark.start]:
            opened = None
        if mark.glyph in _SINGLE_OPENERS or (mark.glyph in _SINGLE_EITHER and opened is None):
            if mark.can_open and not _is_elision(text, mark.end):
                opened = mark
            continue
        if opened is not None and mark.can_close:
            if mark.start - opened.end <= MAX_SINGLE_CHARS:
                found.append(_quoted(text, opened, mark.start, mark, single=True))
            opened = None
    return found


def _is_letter(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalnum()


def _is_elision(text: str, index: int) -> bool:
    """'90s, 'em, 'til: an apostrophe standing for left-out letters, not an opening mark."""
    word = re.match(r"[A-Za-z0-9]+", text[index : index + 6])
    return (word is not None and word.group().lower() in {"em", "til", "tis", "twas", "cause", "n"}) or bool(
        re.match(r"\d\ds\b", text[index : index + 4])
    )


def _quoted(
    text: str, opener: _Mark, end: int, closer: _Mark | None, *, single: bool, paragraphs: int = 1
) -> Quoted:
    start = opener.end
    while start < end and text[start].isspace():
        start += 1
    inner_end = end
    while inner_end > start and text[inner_end - 1].isspace():
        inner_end -= 1
    return Quoted(
        start=start,
        end=inner_end,
        outer_start=opener.start,
        outer_end=closer.end if closer else inner_end,
        single=single,
        closed=closer is not None,
        paragraphs=paragraphs,
    )
