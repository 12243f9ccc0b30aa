"""Recognising the pieces of actor mentions: lexicon matches and personal or body names.

A *unit* is one recognised piece (a demonym, a role noun, a seat of power, a person's name); ``extract``
groups the units that modify one another into mentions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from detente.actors.kb import ActorKB, normalise
from detente.actors.lexicon import Entry, Matchers, split_code
from detente.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Stock tickers in wire copy ("TEF.MC", "7203.T") are not names.
_TICKER = re.compile(r"^[A-Z0-9]{1,6}\.[A-Z]{1,3}$")
#: Entity types a proper noun in a name run cannot have ("May" the month is not Theresa May).
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: Lower-case words inside names ("Nick Van den Brul", "Bashar al-Assad").
NAME_PARTICLES = frozenset(
    {
        "al",
        "al-",
        "el",
        "bin",
        "ibn",
        "de",
        "den",
        "der",
        "van",
        "von",
        "du",
        "da",
        "dos",
        "das",
        "del",
        "della",
        "la",
        "le",
        "y",
    }
)
HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "madam",
        "majesty",
        "highness",
        "excellency",
        "his",
        "her",
    }
)


@dataclass(slots=True)
class Unit:
    """One recognised piece of a mention, over tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    kind: str  # country demonym capital region seat institution org role person candidate head
    code: str = ""  # full code for places and organisations, sector codes for roles, KB code for names
    name: str | None = None
    role: str | None = None  # the role phrase (lower case) for role units
    said: str | None = None  # a person's name as written here ("Mr Lavrov" -> "Lavrov")
    known: bool = False  # a name the knowledge base resolved
    usual: bool = False  # a seat whose name is most often, not always, that state's ("Foreign Office")
    children: list[Unit] = field(default_factory=list)


def lexicon_units(doc: Doc, matchers: Matchers, kb: ActorKB, on: date | None) -> list[Unit]:
    """Longest non-overlapping lexicon matches; ties prefer organisations, then places, then roles.

    A matched institution the knowledge base knows by name ("Assad") takes its dated role instead."""
    candidates: list[tuple[int, int, int, Entry]] = []
    order = {"org": 0, "seat": 1, "usual": 1, "institution": 1, "country": 2, "demonym": 2, "capital": 2}
    order["role"] = 3
    for start, end in matchers.matches(doc):
        entry = matchers.lexicon.entry(doc[start:end])
        if entry is not None:
            candidates.append((start, end, order.get(entry.kind, 4), entry))
    candidates.sort(key=lambda item: (-(item[1] - item[0]), item[2], item[0]))
    taken: set[int] = set()
    units: list[Unit] = []
    for start, end, _, entry in candidates:
        if any(i in taken for i in range(start, end)):
            continue
        if entry.kind in ("country", "capital", "institution") and _inside_person(doc, start, end):
            continue  # "Feliciano Valencia" is a person, not Spain
        if entry.kind in ("country", "demonym", "capital", "region") and _attitude(doc, start):
            continue  # "pro-Russian separatists" side with Russia; they are not Russian
        taken.update(range(start, end))
        person = entry.kind == "institution" and kb.dated(doc[start:end].text)
        known = kb_actor(kb, doc[start:end].text, on) if person else None
        if entry.kind == "role":
            units.append(Unit(start, end, "role", entry.code, role=entry.phrase.lower()))
        elif known is not None:
            while start > 0 and start - 1 not in taken and _given_name(doc[start - 1], start, end):
                start -= 1  # "Bashr" of "Bashr Al Assad": a misspelt given name the phrase left out
                taken.add(start)
            units.append(
                Unit(start, end, "person", known.code, name=known.name, known=True, said=doc[start:end].text)
            )
        elif person:
            continue  # a person known to the knowledge base but in no role that day: no timeless code
        elif entry.kind == "usual":
            units.append(Unit(start, end, "seat", entry.code, usual=True))
        elif entry.kind == "org":
            units.append(Unit(start, end, "org", entry.code, name=matchers.lexicon.org_names.get(entry.code)))
        else:
            units.append(Unit(start, end, entry.kind, entry.code))
    return units


#: Prefixes by which a place word names a stance, not a nationality ("pro-Russian", "anti-American").
ATTITUDE_PREFIXES = frozenset({"pro", "anti"})


def _attitude(doc: Doc, start: int) -> bool:
    """Is the place word at ``start`` the second half of "pro-X" or "anti-X"?"""
    return (
        start >= 2
        and doc[start - 1].text in ("-", "‑", "–")
        and not doc[start - 1].whitespace_
        and doc[start - 2].lower_ in ATTITUDE_PREFIXES
    )


def _given_name(token: Token, start: int, end: int) -> bool:
    return token.tag_ == "NNP" and token.dep_ in ("compound", "flat") and start <= token.head.i < end


def _inside_person(doc: Doc, start: int, end: int) -> bool:
    """Is the span a later part of a multi-word PERSON entity ("Feliciano *Valencia*")? A place that opens
    the entity is kept: the tagger often swallows a leading nationality ("Sri Lankan Tamil")."""
    first, last = doc[start], doc[end - 1]
    if first.ent_type_ != "PERSON" or last.ent_type_ != "PERSON" or first.ent_iob_ == "B":
        return False
    ent_start = start
    while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
        ent_start -= 1
    ent_end = end
    while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
        ent_end += 1
    return ent_end - ent_start > end - start


def _name_runs(doc: Doc, covered: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of proper-noun tokens not covered by lexicon units (hyphens inside a run are kept)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for token in doc:
        inside = token.i not in covered and (
            (token.tag_ in ("NNP", "NNPS") and not token.is_lower)
            or (  # "Kim Jong-un": a lower-case syllable after a hyphen inside a name
                start is not None
                and token.i > 0
                and doc[token.i - 1].tag_ == "HYPH"
                and not doc[token.i - 1].whitespace_
                and token.is_alpha
                and token.is_lower
            )
            or (
                token.tag_ == "HYPH"
                and start is not None
                and token.i + 1 < len(doc)
                and doc[token.i + 1].is_alpha
                and not token.whitespace_
            )
            or (  # "Hashim Thaci" with the surname tagged a common noun: the name's own head
                start is not None
                and token.is_title
                and token.tag_ == "NN"
                and doc[token.i - 1].dep_ in ("compound", "flat")
                and doc[token.i - 1].head.i == token.i
            )
            or (
                start is not None
                and token.lower_ in NAME_PARTICLES
                and token.i + 1 < len(doc)
                and doc[token.i + 1].tag_ in ("NNP", "NNPS")
            )
        )
        if token.lower_ in HONORIFICS or token.ent_type_ in NOT_NAMES or _TICKER.match(token.text):
            inside = False
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            runs.append((start, token.i))
            start = None
        if start is not None and token.is_sent_end:
            runs.append((start, token.i + 1))
            start = None
    if start is not None:
        runs.append((start, len(doc)))
    return runs


def _mistagged_subjects(doc: Doc, covered: set[int], kb: ActorKB) -> list[tuple[int, int]]:
    """A capitalised word the tagger read as a common noun ("Trump urges ...", "talks with Trump") that the
    knowledge base knows as a person with dated roles: as a subject, a phrase alone, or inside a sentence
    (where capitals mark names, not the sentence start)."""
    return [
        (token.i, token.i + 1)
        for token in doc
        if token.tag_ == "NN"
        and token.is_title
        and (token.dep_ in ("nsubj", "nsubjpass", "ROOT") or token.i != token.sent.start)
        and token.i not in covered
        and kb.dated(token.text)
    ]


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


def kb_actor(kb: ActorKB, text: str, on: date | None) -> Actor | None:
    """A name looked up in full, else by its trailing words when the leading ones are a close spelling
    ("Bashr Al Assad" → Bashar al-Assad) — never by surname alone when the first names differ."""
    found = kb.lookup(text, on)
    if found is not None:
        return found
    words = normalise(text).split()
    for cut in range(1, len(words)):
        tail = " ".join(words[cut:])
        if len(words) - cut >= 2 and kb.knows(tail):
            # a full name after stray capitalised words ("Furious Theresa May", "IAG chief Willie Walsh")
            found = kb.lookup(tail, on)
            if found is not None:
                return found.with_text(text)
        for entry in kb.entries(tail):
            shown = normalise(entry.name).split()
            if shown and len(shown) > 1 and _similar(shown[0], words[0]):
                role = entry.role_on(on)
                if role is not None:
                    country, sector = split_code(role.code)
                    return Actor(role.code, country, sector, entry.name, text)
    return None


def name_units(doc: Doc, units: list[Unit], kb: ActorKB, on: date | None) -> list[Unit]:
    """Proper-name runs that are persons (by entity type, knowledge base, or a title attached to them)."""
    covered = {i for unit in units for i in range(unit.start, unit.end)}
    titles = {i for unit in units if unit.kind == "role" for i in range(unit.start, unit.end)}
    found: list[Unit] = []
    for start, end in [*_name_runs(doc, covered), *_mistagged_subjects(doc, covered, kb)]:
        span = doc[start:end]
        text = span.text
        ent_types = {token.ent_type_ for token in span}
        known = kb_actor(kb, text, on)
        if known is not None:
            # A knowledge-base name is a person when tagged so or known by dated roles; else a body.
            kind = "person" if "PERSON" in ent_types or kb.dated(text) else "org"
            found.append(
                Unit(start, end, kind, known.code, name=known.name or text, known=kind == "person", said=text)
            )
            continue
        kind_of_body = NAME_HEAD_SECTORS.get(span[-1].lower_)
        if kind_of_body is not None and span[-1].tag_ in ("NNP", "NNPS"):
            found.append(Unit(start, end, "org", kind_of_body, name=text, said=text))
        elif "PERSON" in ent_types:
            found.append(Unit(start, end, "person", "", name=text, said=text))
        elif _titled(span, titles):
            # "spokesman Igor X" is a person; "oil company Pluspetrol" (tagged ORG) is a body
            body = bool(ent_types & {"ORG", "NORP", "FAC", "PRODUCT", "GPE"}) and not _person_title(
                span, units
            )
            found.append(Unit(start, end, "org" if body else "person", "", name=text, said=text))
        elif not ent_types & {"GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}:
            # an unknown name ("Bukele" tagged ORG): kept only if resolution ties it to an actor
            found.append(Unit(start, end, "candidate", "", name=text, said=text))
    return found


#: The last word of an unknown name that says what kind of body it names ("Institutional Revolutionary
#: Party", "the Congress Party"): a party whatever the words before it, which are part of the name.
NAME_HEAD_SECTORS = {"party": "PTY", "parties": "PTY"}


#: Title nouns that only people hold (a run they qualify is a person whatever the tagger thinks).
PERSON_TITLES = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "president",
        "general",
        "secretary",
        "envoy",
        "ambassador",
        "commander",
        "leader",
        "chief",
        "official",
        "senator",
        "lawmaker",
        "premier",
        "king",
        "queen",
        "prince",
        "colonel",
        "major-general",
        "lieutenant",
        "captain",
        "judge",
        "prosecutor",
        "counterpart",
    }
)


def _person_title(span: Span, units: list[Unit]) -> bool:
    for unit in units:
        if unit.kind == "role" and unit.end <= span.start + 1 and span.start - unit.end <= 3:
            last = (unit.role or "").rsplit(" ", 1)[-1].replace("major-general", "general")
            if last in PERSON_TITLES or last.rstrip("s") in PERSON_TITLES:
                return True
    return False


def _titled(span: Span, covered: set[int]) -> bool:
    """A proper-noun run that a role noun modifies ("spokesman Igor X") or that is in apposition to one."""
    root = span.root
    for child in root.children:
        if child.i in covered and child.dep_ in ("compound", "appos", "nmod") and child.i < span.start:
            return True
    if root.dep_ == "appos" and root.head.i in covered:
        return True
    return any(child.dep_ == "appos" and child.i in covered for child in root.children)
