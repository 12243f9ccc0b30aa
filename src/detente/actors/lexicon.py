"""The actor lexicon: place names, demonyms, seats of power, organisations and role nouns, with one
spaCy ``PhraseMatcher`` over all of them built once per process and vocabulary (the stage runs on every
sentence, so nothing here may be rebuilt per document).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from detente.actors.kb import DATA

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from detente.models import Actor

log = logging.getLogger(__name__)

#: Codes CAMEO puts in the country slot for actors that have no country.
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS", "UNK"})
#: Sector (role/type) codes from CAMEO and PLOVER; the first one after the country is an actor's ``sector``.
SECTORS = frozenset(
    {
        *("COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL"),
        *("DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "PRM", "PTY"),
        *("UNK", "JRN", "PRE", "REL", "SOC", "PKO", "SET"),
    }
)
#: What each sector code means, for people reading codes (CAMEO and PLOVER labels, abridged).
SECTOR_LABELS = {
    "COP": "police",
    "GOV": "government",
    "INS": "insurgents",
    "JUD": "judiciary",
    "MIL": "military",
    "OPP": "opposition",
    "REB": "rebels",
    "SEP": "separatists",
    "SPY": "intelligence",
    "UAF": "unaligned armed forces",
    "AGR": "agriculture",
    "BUS": "business",
    "CRM": "criminals",
    "CVL": "civilians",
    "DEV": "development",
    "EDU": "education",
    "ELI": "elites",
    "ENV": "environment",
    "HLH": "health",
    "HRI": "human rights",
    "LAB": "labour",
    "LEG": "legislature",
    "MED": "media",
    "REF": "refugees",
    "MOD": "moderates",
    "RAD": "radicals",
    "PRM": "paramilitary",
    "PTY": "party",
    "UNK": "unidentified",
    "JRN": "journalists",
    "PRE": "partially recognised entity",
    "REL": "religious",
    "SOC": "civil society",
    "PKO": "peacekeepers",
    "SET": "settlers",
}
#: Lexicon kinds that name a state itself (they set a mention's country explicitly).
EXPLICIT_PLACE = frozenset({"country", "demonym", "capital", "region"})

LABELS = ("PLACE", "ORG", "ROLE")


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon phrase: what it codes to and what kind of phrase it is."""

    phrase: str
    code: str  # a full actor code for places and organisations; sector codes only for roles
    kind: str  # country | demonym | capital | seat | usual | institution | org | role
    cased: bool  # must the text be capitalised (names) or match exactly (acronyms)?


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if row and row[0].strip():
                yield row


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """CAMEO country and region code → name."""
    return {row[0]: row[1] for row in _rows(DATA / "countries.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def region_codes() -> frozenset[str]:
    """CAMEO's own codes for regions and territories (``MEA``, ``EUR``, ``WSB``)."""
    return frozenset(
        row[0] for row in _rows(DATA / "countries.tsv") if len(row) > 2 and row[2] == "cameo_specific"
    )


@lru_cache(maxsize=1)
def group_codes() -> frozenset[str]:
    """CAMEO religion and ethnic codes that are not also state codes."""
    path = DATA / "groups.tsv"
    if not path.is_file():
        return frozenset()
    return frozenset(row[0] for row in _rows(path)) - frozenset(country_names())


@lru_cache(maxsize=1)
def religion_codes() -> frozenset[str]:
    """CAMEO religion codes (``MOS``, ``JEW``, ``CTH``) that are not also state codes."""
    path = DATA / "groups.tsv"
    if not path.is_file():
        return frozenset()
    rows = (row for row in _rows(path) if len(row) > 1 and row[1] == "religion")
    return frozenset(row[0] for row in rows) - frozenset(country_names())


@lru_cache(maxsize=1)
def organisation_names() -> dict[str, str]:
    """Organisation code → its canonical (first-listed) name in ``orgs.tsv``."""
    names: dict[str, str] = {}
    for row in _rows(DATA / "orgs.tsv"):
        names.setdefault(row[1], row[0])
    return names


def split_code(code: str) -> tuple[str | None, str | None]:
    """``RUSGOV`` → (``RUS``, ``GOV``); ``IGOUNO`` → (None, None); ``REB`` → (None, ``REB``)."""
    first = code[:3]
    if not first:
        return None, None
    if first in INTERNATIONAL:
        return None, _first_sector(code[3:])  # IGOUNOJUDICJ → JUD; IGOWSTNAT → None
    if first in region_codes():
        return None, _first_sector(code[3:])  # a region is not a state: no country
    if first in SECTORS and first not in country_names():
        return None, first  # before groups: CAMEO's ethnic COP and REL are far rarer than police, clergy
    if first in group_codes():
        return None, _first_sector(code[3:])
    return first, _first_sector(code[3:])


def _first_sector(rest: str) -> str | None:
    return next((rest[i : i + 3] for i in range(0, len(rest), 3) if rest[i : i + 3] in SECTORS), None)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All phrase tables keyed by their lower-cased token sequence (as the matcher sees them)."""

    entries: dict[str, tuple[Entry, ...]]
    org_names: dict[str, str]  # organisation code -> its canonical (first-listed) name

    def entry(self, span: Span) -> Entry | None:
        """The entry a matched span stands for, or None when casing rules it out (``us`` vs ``US``)."""
        for found in self.entries.get(key_of(span), ()):
            if not found.cased:
                return found
            if found.phrase.isupper() and len(found.phrase) <= 5:
                if span.text.replace(" ", "") == found.phrase.replace(" ", ""):
                    return found
            elif not span[0].is_lower:
                return found
        return None


def key_of(tokens: Span | Doc) -> str:
    return " ".join(token.lower_ for token in tokens)


def _load_entries(make_key: Callable[[str], str]) -> dict[str, tuple[Entry, ...]]:
    """Every table's phrases by matcher key; per key, earlier tables win, and a cased entry that the text
    fails (``Foreign Office`` the seat vs ``foreign office`` the role noun) falls through to the next."""
    entries: dict[str, tuple[Entry, ...]] = {}

    def put(phrase: str, entry: Entry) -> None:
        if phrase.lower().startswith("the ") and len(phrase) > 4:
            return  # the article belongs to the noun phrase; the bare name is in the table too
        key = make_key(phrase)
        if not key:
            return
        known = entries.get(key, ())
        if any(
            other.cased == entry.cased and other.phrase.isupper() == entry.phrase.isupper() for other in known
        ):
            return
        entries[key] = (*known, entry)

    for row in _rows(DATA / "orgs.tsv"):
        put(row[0], Entry(row[0], row[1], "org", True))
    for row in _rows(DATA / "seats.tsv"):
        put(row[0], Entry(row[0], row[1], row[2], True))
    for row in _rows(DATA / "offices.tsv"):
        put(row[0], Entry(row[0], row[1], "seat" if row[2] == "sole" else "usual", True))
    for row in _rows(DATA / "places.tsv"):
        put(row[0], Entry(row[0], row[1], row[2], True))
    for row in _rows(DATA / "agents_extra.tsv"):
        put(row[0], Entry(row[0], row[1] if len(row) > 1 else "", "role", False))
    for row in _rows(DATA / "agents.tsv"):
        put(row[0], Entry(row[0], row[1] if len(row) > 1 else "", "role", False))
    return entries


@dataclass(frozen=True, slots=True)
class Matchers:
    """The lexicon and the phrase matchers over it: the shared base matcher, then any added at run time
    (imported agent dictionaries), whose entries take precedence over the built-in ones."""

    lexicon: Lexicon
    matcher: PhraseMatcher
    extra: tuple[PhraseMatcher, ...] = ()

    def matches(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) of every phrase any matcher finds."""
        found = [(start, end) for _, start, end in self.matcher(doc)]
        for matcher in self.extra:
            found.extend((start, end) for _, start, end in matcher(doc))
        return found

    def extended(self, vocab: Vocab, entries: list[Entry]) -> Matchers:
        """A copy that also knows ``entries`` (role nouns from an agents file); the base stays as it was."""
        from spacy.lang.en import English
        from spacy.matcher import PhraseMatcher

        tokenizer = English(vocab=vocab).tokenizer
        table = dict(self.lexicon.entries)
        matcher = PhraseMatcher(vocab, attr="LOWER")
        for entry in entries:
            key = key_of(tokenizer(entry.phrase))
            if key:
                table[key] = (entry, *(other for other in table.get(key, ()) if other.phrase != entry.phrase))
                matcher.add("ROLE", [tokenizer(entry.phrase)])
        lexicon = Lexicon(table, self.lexicon.org_names)
        return Matchers(lexicon, self.matcher, (*self.extra, matcher))


_CACHE: dict[int, Matchers] = {}


def matchers_for(vocab: Vocab) -> Matchers:
    """The lexicon and its matcher for a pipeline's vocabulary, built on first use (about a second)."""
    cached = _CACHE.get(id(vocab))
    if cached is not None:
        return cached
    from spacy.lang.en import English
    from spacy.matcher import PhraseMatcher

    tokenizer = English(vocab=vocab).tokenizer

    def make_key(phrase: str) -> str:
        return key_of(tokenizer(phrase))

    entries = _load_entries(make_key)
    matcher = PhraseMatcher(vocab, attr="LOWER")
    by_label: dict[str, list[str]] = {label: [] for label in LABELS}
    for options in entries.values():
        entry = options[0]
        label = "ROLE" if entry.kind == "role" else "ORG" if entry.kind == "org" else "PLACE"
        by_label[label].append(entry.phrase)
    for label, phrases in by_label.items():
        matcher.add(label, [tokenizer(phrase) for phrase in phrases])
    built = Matchers(Lexicon(entries, organisation_names()), matcher)
    _CACHE[id(vocab)] = built
    log.info("actor lexicon: %d phrases", len(entries))
    return built


def describe_code(code: str) -> str:
    """A reading of an actor code for people: ``RUSGOV`` → "Russian Federation: government"."""
    if not code:
        return "unknown actor"
    if code in organisation_names():
        return organisation_names()[code]
    country, _ = split_code(code)
    grouped = code[:3] in INTERNATIONAL or code[:3] in group_codes() or code[:3] in region_codes()
    start = 3 if (country or grouped) else 0
    country = country or (code[:3] if code[:3] in region_codes() else None)
    head = country_names().get(country, country) if country else code[:start] or ""
    parts = [SECTOR_LABELS.get(code[i : i + 3], code[i : i + 3]) for i in range(start, len(code), 3)]
    return f"{head}: {', '.join(parts)}" if head and parts else head or ", ".join(parts)


def party_key(actor: Actor | None) -> str | None:
    """Which party an actor stands for in a dyad: its country, else its organisation code (IGOUNO → UNO);
    None for a bare sector ("GOV": some government), an unidentified actor (UIS, UNK) or no actor."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    code = actor.code.removeprefix("IGO")[:3]
    return code if code and code not in SECTORS and code not in ("UIS", "UNK") else None
