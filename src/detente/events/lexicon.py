"""The event lexicon: predicate lemmas with argument frames → CAMEO codes, read from ``data/lexicon``.

Two layers: detente's own hand-written frames (``verbs.tsv``, ``nouns.tsv``, word sets in
``synsets.tsv``) and frames derived from PETRARCH's CAMEO verb dictionary (``petrarch_verbs.tsv``, MIT).
A frame lists what must be found around the predicate in the dependency parse (an object word, a
preposition and its object, a particle); the most specific matching frame wins, and a hand frame wins a tie.
``lemma_aliases.tsv`` maps the lemmas spaCy gives inflections of verbs it does not know ("cordoned" →
"cordone") back to the lexicon's lemma.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from detente import cameo

log = logging.getLogger(__name__)


#: Verbs whose appeal-shaped frames are demands: PETRARCH files some demand patterns under appeal codes.
DEMAND_VERBS = {"demand", "insist"}


@dataclass(frozen=True, slots=True)
class FrameItem:
    """One requirement of a frame: ``kind`` is obj, prep or word; ``word`` may be an ``@synset``."""

    kind: str
    prep: str | None
    word: str | None


@dataclass(frozen=True, slots=True)
class Frame:
    lemma: str
    code: str
    items: tuple[FrameItem, ...]
    hand: bool
    #: Specificity: weighted requirements (a bare preposition least); hand frames get half a point.
    score: float = 0.0


def make_frame(lemma: str, code: str, items: tuple[FrameItem, ...], hand: bool) -> Frame:
    weights = {"obj": 1.0, "word": 1.0, "prep": 0.75}
    total = sum(weights[item.kind] + (0.5 if item.kind == "prep" and item.word else 0.0) for item in items)
    return Frame(lemma, code, items, hand, total + (0.5 if hand else 0.0))


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Frame, ...]]
    nouns: dict[str, tuple[Frame, ...]]
    adjectives: dict[str, tuple[Frame, ...]]
    synsets: dict[str, frozenset[str]]
    governors: dict[str, str]
    #: "X called Y <word>": the word's judgement code (111 criticism, 051 praise).
    judgements: dict[str, str] = field(default_factory=dict)
    #: Phrases of stories that are not political news (sport, celebrities), by first word:
    #: (words, scope), scope "story" (one is enough) or "sentence" (several make a story).
    discards: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)

    def words(self, name: str) -> frozenset[str]:
        """The members of a synset (``@weapon``) or the word itself."""
        if name.startswith("@"):
            return self.synsets.get(name[1:], frozenset())
        return frozenset((name,))


def parse_item(text: str) -> FrameItem | None:
    kind, _, rest = text.partition(":")
    if kind == "prep":
        prep, _, word = rest.partition(">")
        return FrameItem("prep", prep, word or None)
    if kind in {"obj", "word"} and rest:
        return FrameItem(kind, None, rest)
    return None


def _rows(name: str) -> list[list[str]]:
    text = resources.files("detente").joinpath(f"data/lexicon/{name}").read_text(encoding="utf-8")
    rows: list[list[str]] = []
    header_seen = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append(line.split("\t"))
    return rows


def _frames(name: str, hand: bool, exclusive: set[str]) -> dict[str, list[Frame]]:
    """Frames of one TSV by lemma; lemmas whose hand frame is ``*`` are added to ``exclusive``."""
    frames: dict[str, list[Frame]] = defaultdict(list)
    for row in _rows(name):
        lemma, code = row[0].strip(), row[1].strip()
        if code != "-" and not cameo.is_valid(code):
            log.warning("lexicon %s: %r has unknown CAMEO code %r; skipped", name, lemma, code)
            continue
        raw_items = row[2].split() if len(row) > 2 else []
        if raw_items == ["*"]:  # hand frames only: drop the derived ones for this lemma
            exclusive.add(lemma)
            raw_items = []
        items = tuple(item for item in (parse_item(raw) for raw in raw_items) if item is not None)
        if len(items) != len(raw_items):
            continue
        if lemma in DEMAND_VERBS and code.startswith("02"):
            code = "10" + code[2:]  # CAMEO mirrors appeals (02x) in demands (10x) digit for digit
        frames[lemma].append(make_frame(lemma, code, items, hand))
    return frames


def _by_score(frames: list[Frame]) -> tuple[Frame, ...]:
    """Most specific first (stable: among equals, the first listed), so the first match is the best."""
    return tuple(sorted(frames, key=lambda frame: -frame.score))


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The packaged lexicon, read once per process."""
    verbs: dict[str, list[Frame]] = defaultdict(list)
    exclusive: set[str] = set()
    for source, hand in (("petrarch_verbs.tsv", False), ("verbs.tsv", True)):
        for lemma, frames in _frames(source, hand, exclusive).items():
            verbs[lemma].extend(frames)
    for lemma in exclusive:
        verbs[lemma] = [frame for frame in verbs[lemma] if frame.hand]
    for alias, lemma in (row[:2] for row in _rows("lemma_aliases.tsv")):
        if alias not in verbs and lemma in verbs:  # "cordoned" is lemmatised "cordone": cordon's frames
            verbs[alias] = verbs[lemma]
    nouns = _frames("nouns.tsv", True, set())
    synsets: dict[str, set[str]] = defaultdict(set)
    for source in ("petrarch_synsets.tsv", "synsets.tsv"):  # the derived sets, then detente's own
        for name, word in (row[:2] for row in _rows(source)):
            synsets[name].add(word)
    for words in synsets.values():  # a member "@currency" stands for that set's words
        for nested in [word for word in words if word.startswith("@")]:
            words.discard(nested)
            words |= synsets.get(nested[1:], set())
    governors = {row[0]: row[1] for row in _rows("governors.tsv")}
    log.debug("lexicon: %d verb lemmas, %d event nouns", len(verbs), len(nouns))
    return Lexicon(
        verbs={lemma: _by_score(frames) for lemma, frames in verbs.items()},
        nouns={lemma: _by_score(frames) for lemma, frames in nouns.items()},
        adjectives={
            lemma: _by_score(frames) for lemma, frames in _frames("adjectives.tsv", True, set()).items()
        },
        synsets={name: frozenset(words) for name, words in synsets.items()},
        governors=governors,
        judgements={row[0]: row[1] for row in _rows("judgements.tsv")},
        discards=_discards(),
    )


def _discards() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for phrase, scope in (row[:2] for row in _rows("discards.tsv")):
        words = tuple(word.rstrip("_") for word in phrase.split())
        by_first[words[0]].append((words, scope))
    return {first: tuple(entries) for first, entries in by_first.items()}
