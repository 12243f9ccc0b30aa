"""The actor knowledge base: named actors (mostly persons) with dated roles.

A person who appears without a title ("Lavrov said") is coded by the role they held on the article's
publication date. Roles come from our derived table ``data/actors/persons.tsv`` (seeded from the Phoenix
CountryInfo dictionaries) plus the hand-kept ``persons_extra.tsv`` for people who rose after 2014; more can
be added at run time (``ActorKB.add``) or imported from PETRARCH-format ``.actors`` files.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from detente.models import Actor, ActorMention

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "data" / "actors"

#: Lower-case particles kept lower-case when a dictionary name is turned into a display name.
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "di", "van", "von", "der", "la", "le", "du"})
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "mr.", "mrs.", "ms.", "dr."}
)
#: Words that make a dictionary name a body, not a person (no surname index for "... Union Party").
_BODY_WORDS = frozenset(
    {
        *("party", "front", "army", "movement", "union", "council", "ministry", "forces", "force"),
        *("brigade", "brigades", "organization", "organisation", "group", "committee", "government"),
        *("league", "alliance", "association", "agency", "company", "bank", "corporation", "authority"),
        *("commission", "court", "assembly", "parliament", "congress", "police", "guard", "guards"),
        *("corps", "institute", "university", "fund", "federation", "network", "office", "department"),
        *("service", "services", "society", "tigers"),
    }
)
#: Dictionary aliases that are ordinary words ("The Organization" for one group): never looked up.
_GENERIC_ALIASES = _BODY_WORDS | frozenset(
    {"organization", "organisation", "opposition", "resistance", "state", "regime", "movement", "rebels"}
)
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE6 = re.compile(r"^\d{6}$")
_DATE8 = re.compile(r"^\d{8}$")
_SECTOR_CODES_3 = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


@dataclass(frozen=True, slots=True)
class Role:
    """One coded role of a known actor, valid from ``start`` to ``end`` (inclusive; None = open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, on: date | None) -> bool:
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class KBEntry:
    """A named actor: a display name, its aliases and its dated roles."""

    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]

    def role_on(self, on: date | None) -> Role | None:
        """The role valid on the day (the latest-starting of several); after every dated role has ended,
        a former office-holder is an elite of that state (CAMEO ``ELI``); before any began, None."""
        valid = [role for role in self.roles if role.valid_on(on)]
        dated = [role for role in valid if role.start is not None or role.end is not None]
        if dated or valid:
            return max(dated or valid, key=lambda role: role.start or date.min)
        ends = [role for role in self.roles if role.end is not None]
        if on is None or not ends or any(role.end is None or role.end >= on for role in self.roles):
            return None
        last = max(ends, key=lambda role: role.end or date.min)
        country = last.code[:3]
        if country in ("IGO", "NGO", "IMG") or len(last.code) < 3:
            return None
        return Role(country + "ELI", last.end, None)


@lru_cache(maxsize=1 << 16)  # the same names recur in every story and every lookup re-normalises them
def normalise(name: str) -> str:
    """The key a name is looked up by: accents stripped, lower case, punctuation and honorifics dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.lower().replace("_", " ").replace("’", "'")
    text = re.sub(r"[^\w' -]+", " ", text)
    text = text.replace("-", " ")
    words = [word for word in text.split() if word]
    while words and (words[0] in _HONORIFICS or (words[0] == "the" and len(words) > 1)):
        words = words[1:]
    if words and words[-1] in {"'s", "s'"}:
        words = words[:-1]
    return " ".join(words)


def display_name(dictionary_name: str) -> str:
    """``BASHAR_AL-ASSAD_`` -> ``Bashar al-Assad`` (dictionary entries are upper case with underscores)."""
    words = dictionary_name.replace("_", " ").split()
    shown: list[str] = []
    for index, word in enumerate(words):
        if re.fullmatch(r"[IVX]+", word):
            shown.append(word)  # regnal numbers stay upper case ("Abdullah II")
            continue
        parts = word.lower().split("-")
        cased = [
            part if (part in _PARTICLES and index > 0) else part[:1].upper() + part[1:] for part in parts
        ]
        shown.append("-".join(cased))
    return " ".join(shown)


def actor_from_code(code: str, name: str | None, text: str) -> Actor:
    """Split a CAMEO actor code into country and first sector (IGO/NGO codes have no country)."""
    from detente.actors.lexicon import split_code

    country, sector = split_code(code)
    return Actor(code=code, country=country, sector=sector, name=name, text=text)


class ActorKB:
    """Named actors by normalised alias; ``lookup`` picks the role valid on a given day."""

    def __init__(self, entries: Iterable[KBEntry] = ()) -> None:
        self._entries: list[KBEntry] = []
        self._by_alias: dict[str, list[int]] = {}
        self._by_surname: dict[str, list[int]] = {}
        for entry in entries:
            self._index(entry)

    def __len__(self) -> int:
        return len(self._entries)

    def copy(self) -> ActorKB:
        """An independent copy, to add entries to without changing the shared default."""
        other = ActorKB()
        other._entries = list(self._entries)
        other._by_alias = {key: list(value) for key, value in self._by_alias.items()}
        other._by_surname = {key: list(value) for key, value in self._by_surname.items()}
        return other

    def _index(self, entry: KBEntry) -> None:
        position = len(self._entries)
        self._entries.append(entry)
        for alias in {normalise(alias) for alias in (entry.name, *entry.aliases)}:
            if alias and alias not in _GENERIC_ALIASES:
                self._by_alias.setdefault(alias, []).append(position)
        words = [word for word in normalise(entry.name).split() if not re.fullmatch(r"[ivx]+|jr|sr", word)]
        personal = 1 < len(words) <= 5 and not _BODY_WORDS.intersection(words)
        if personal and any(role.start or role.end for role in entry.roles):
            self._by_surname.setdefault(words[-1], []).append(position)

    def add(
        self,
        name: str,
        code: str,
        start: date | None = None,
        end: date | None = None,
        aliases: Iterable[str] = (),
    ) -> KBEntry:
        """Add a role to a named actor (a new entry, or the existing one with this full name), e.g. from
        a curated list or names learnt from ingested news; it wins over loaded data for this person."""
        role = Role(code, start, end)
        key = normalise(name)
        for position in reversed(self._by_alias.get(key, [])):
            entry = self._entries[position]
            if normalise(entry.name) == key:
                merged = KBEntry(
                    entry.name, tuple(dict.fromkeys((*entry.aliases, *aliases))), (*entry.roles, role)
                )
                self._entries[position] = merged
                for alias in aliases:
                    positions = self._by_alias.setdefault(normalise(alias), [])
                    if position not in positions:
                        positions.append(position)
                return merged
        entry = KBEntry(name=name, aliases=tuple(aliases), roles=(role,))
        self._index(entry)
        return entry

    def entries(self, name: str) -> list[KBEntry]:
        """All entries known under this name or alias, most recently added first."""
        return [self._entries[position] for position in reversed(self._by_alias.get(normalise(name), []))]

    def dated(self, name: str) -> bool:
        """Is this name a person-like entry, with roles that start or end (not a timeless body)?"""
        return any(role.start or role.end for entry in self.entries(name) for role in entry.roles)

    def search(self, query: str, limit: int = 20) -> list[KBEntry]:
        """Entries with an alias containing the query's words in order ("lavrov" → Sergey Lavrov), for
        people browsing the knowledge base (the ``detente actors`` command)."""
        needle = normalise(query)
        found: dict[int, KBEntry] = {}
        for alias, positions in self._by_alias.items():
            if needle and needle in alias:
                for position in positions:
                    found.setdefault(position, self._entries[position])
                    if len(found) >= limit:
                        return list(found.values())
        return list(found.values())

    def knows(self, name: str) -> bool:
        return normalise(name) in self._by_alias

    def lookup(self, name: str, on: date | None = None) -> Actor | None:
        """The actor this name denotes on the day (``text`` is the name as given); None if unknown then.

        Of several entries for one person (same full name), the most recently added one decides."""
        seen: set[str] = set()
        for entry in self.entries(name):
            key = normalise(entry.name)
            if key in seen:
                continue
            seen.add(key)
            role = entry.role_on(on)
            if role is not None:
                return actor_from_code(role.code, entry.name, name)
        if not seen:
            return self._by_surname_on(name, on)
        return None

    def _by_surname_on(self, name: str, on: date | None) -> Actor | None:
        """A bare surname ("Chirac said") names the one known person of that surname in office on the
        day; with several, or none, nobody (ambiguous or unknown)."""
        key = normalise(name)
        if " " in key or on is None:
            return None
        candidates = [self._entries[position] for position in self._by_surname.get(key, [])]
        serving = [
            entry
            for entry in candidates
            if any((role.start or role.end) and role.valid_on(on) for role in entry.roles)
        ]
        if len({normalise(entry.name) for entry in serving}) != 1:
            return None
        role = serving[0].role_on(on)
        return actor_from_code(role.code, serving[0].name, name) if role is not None else None

    def load_tsv(self, path: Path) -> int:
        """Load a table in our format: name, aliases (``|``-separated), code, start, end (ISO or empty)."""
        count = 0
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or not line.strip():
                    continue
                name, aliases, code, start, end = [*line.rstrip("\n").split("\t"), "", "", "", ""][:5]
                if name == "name" and code == "code":
                    continue
                role = Role(
                    code,
                    date.fromisoformat(start) if start else None,
                    date.fromisoformat(end) if end else None,
                )
                self._merge(name, tuple(alias for alias in aliases.split("|") if alias), role)
                count += 1
        return count

    def _merge(self, name: str, aliases: tuple[str, ...], role: Role) -> None:
        # Further roles of one actor follow its first row with the same name and no aliases.
        if self._entries and self._entries[-1].name == name and not aliases:
            last = self._entries[-1]
            self._entries[-1] = KBEntry(last.name, last.aliases, (*last.roles, role))
            return
        self._index(KBEntry(name, aliases, (role,)))

    def import_actors_file(self, path: Path) -> int:
        """Import a PETRARCH/TABARI ``.actors`` dictionary; returns the number of entries added."""
        count = 0
        for entry in parse_actors_file(path.read_text(encoding="utf-8", errors="replace")):
            self._index(entry)
            count += 1
        return count

    def rows(self) -> Iterator[tuple[str, str, str, str, str]]:
        """The knowledge base in our TSV layout (name, aliases, code, start, end), one row per role."""
        for entry in self._entries:
            for index, role in enumerate(entry.roles):
                yield (
                    entry.name,
                    "|".join(entry.aliases) if index == 0 else "",
                    role.code,
                    role.start.isoformat() if role.start else "",
                    role.end.isoformat() if role.end else "",
                )

    def write_tsv(self, path: Path) -> None:
        """Save in the layout ``load_tsv`` reads (e.g. after adding learnt or curated people)."""
        with path.open("w", encoding="utf-8") as handle:
            handle.write("name\taliases\tcode\tstart\tend\n")
            for row in self.rows():
                handle.write("\t".join(row) + "\n")

    @classmethod
    def load_default(cls) -> ActorKB:
        """The bundled knowledge base (shared per process: build it once, it is read-only)."""
        return _default_kb()


@lru_cache(maxsize=1)
def _default_kb() -> ActorKB:
    kb = ActorKB()
    for file in ("persons.tsv", "persons_extra.tsv"):
        path = DATA / file
        if path.is_file():
            kb.load_tsv(path)
    log.info("actor knowledge base: %d entries", len(kb))
    return kb


def parse_date(raw: str, end: bool = False) -> date | None:
    """PETRARCH dates are YYMMDD (19YY from 30 on) or YYYYMMDD; unparseable dates mean 'open'."""
    raw = raw.strip()
    if _DATE6.match(raw):
        year = int(raw[:2])
        raw = f"{1900 + year if year >= 30 else 2000 + year}{raw[2:]}"
    if not _DATE8.match(raw):
        return None
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError:
        month = max(1, min(12, int(raw[4:6]) or 1))
        return date(int(raw[:4]), month, 28 if end else 1)


def parse_role(raw: str) -> Role | None:
    """``RUSGOV >20040309`` / ``SYRGOV 871101-000313`` / ``IGOUNO`` -> a Role; agents (``~GOV``) -> None."""
    parts = raw.split()
    if not parts or parts[0].startswith("~"):
        return None
    code = parts[0].upper()
    if not _SECTOR_CODES_3.match(code):
        return None
    if len(parts) == 1:
        return Role(code)
    span = parts[1]
    if span.startswith(">"):
        return Role(code, parse_date(span[1:]), None)
    if span.startswith("<"):
        return Role(code, None, parse_date(span[1:], end=True))
    if "-" in span:
        first, _, last = span.partition("-")
        return Role(code, parse_date(first), parse_date(last, end=True))
    return Role(code)


def parse_actors_file(text: str) -> Iterator[KBEntry]:
    """Entries of a TABARI/PETRARCH actors dictionary: a head line, ``+`` synonyms, ``[CODE dates]`` lines."""
    name: str | None = None
    aliases: list[str] = []
    roles: list[Role] = []

    def flush() -> Iterator[KBEntry]:
        if name and roles:
            yield KBEntry(display_name(name), tuple(display_name(alias) for alias in aliases), tuple(roles))

    for line in text.splitlines():
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        codes = [role for role in (parse_role(raw) for raw in _CODE.findall(body)) if role is not None]
        words = _CODE.sub(" ", body).strip()
        if line[:1] in " \t":
            roles.extend(codes)
            continue
        if words.startswith("+"):
            aliases.append(words[1:].strip().split("\t")[0])
            roles.extend(codes)
            continue
        yield from flush()
        name, aliases, roles = words.split("\t")[0].strip(), [], codes
    yield from flush()


@dataclass(frozen=True, slots=True)
class Observation:
    """A person seen in a text with a coded title ("Kenyan Foreign Minister Zorbu Makalani" → KENGOV)."""

    name: str
    code: str
    on: date | None
    text: str


def observations(
    mentions: Iterable[ActorMention], published: date | None, kb: ActorKB | None = None
) -> list[Observation]:
    """Roles that a document states outright for people the knowledge base does not (yet) know then.

    Storage can count these across ingested news and feed the frequent ones to ``ActorKB.add``; only
    mentions whose own words gave both a state and a sector (not a surname, pronoun or bare role) count."""
    kb = kb if kb is not None else ActorKB.load_default()
    found: list[Observation] = []
    for mention in mentions:
        actor = mention.actor
        if mention.kind != "name" or not actor.name or not actor.country or not actor.sector:
            continue
        if len(actor.name.split()) < 2 or kb.lookup(actor.name, published) is not None:
            continue
        found.append(Observation(actor.name, actor.code, published, actor.text))
    return found
