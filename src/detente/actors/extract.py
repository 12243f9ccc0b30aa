"""Finding actor mentions in a parsed document: lexicon units, names, and their grouping by the parse.

A *unit* is one recognised piece (a demonym, a role noun, a seat of power, a person's name). Units that
modify one another in the dependency tree (``compound``, ``amod``, ``poss``, ``nmod``, ``appos``, "of"/"from"
phrases) form one mention, whose head is the top unit's head token: "Russian Foreign Minister Sergey Lavrov"
is one mention headed by *Lavrov*, coded from the demonym, the title and the knowledge base together.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from detente.actors.kb import ActorKB, normalise
from detente.actors.lexicon import EXPLICIT_PLACE, Entry, Matchers, split_code
from detente.models import Actor, ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Dependencies by which a unit modifies the noun it belongs to.
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat", "nn", "appos", "npadvmod"})
#: Prepositions whose object still describes the head noun ("the president of Russia", "rebels from Syria").
OF_PREPS = frozenset({"of", "from"})
#: Unit kinds that name an actor by themselves; a description in apposition does not recode them.
NAMED_KINDS = frozenset({"person", "org", "institution", "seat"})
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
#: Ranks and titles whose own sector yields to a qualifying body ("rebel commander", "police general").
GENERIC_TITLES = frozenset({"commander", "commanders", "general", "generals", "officer", "officers", "chief"})
FORMER = frozenset({"former", "ex", "ex-", "retired", "erstwhile", "onetime", "one-time"})
#: Dependencies of a capital that speaks for its government ("Moscow said"; not "visited Moscow").
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "ROOT"})
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
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
REFLEXIVES = {"himself": "he", "herself": "she", "themselves": "they"}
#: Nouns that, with "both" or "two", name a pair of actors already in the text.
GROUP_NOUNS = {
    "side": "side",
    "party": "side",
    "country": "country",
    "nation": "country",
    "government": "country",
    "state": "country",
    "capital": "country",
    "minister": "person",
    "leader": "person",
    "president": "person",
    "man": "person",
    "diplomat": "person",
    "official": "person",
    "envoy": "person",
}


@dataclass(slots=True)
class Unit:
    """One recognised piece of a mention, over tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    kind: str  # country demonym capital seat institution org role person
    code: str = ""  # full code for places and organisations, sector codes for roles, KB code for names
    name: str | None = None
    role: str | None = None  # the role phrase (lower case) for role units
    said: str | None = None  # a person's name as written here ("Mr Lavrov" -> "Lavrov")
    known: bool = False  # a name the knowledge base resolved
    children: list[Unit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Found:
    """A mention with what resolution needs to know about it."""

    mention: ActorMention
    roles: tuple[str, ...]  # role phrases in the mention ("foreign secretary")
    is_subject: bool
    is_plural: bool
    explicit: bool  # has its own country, organisation or name (not a bare role noun)
    person: bool = False  # names (or was resolved to) a person, not a state or a body
    said: str | None = None  # the person's name as written in this mention
    coordination: int | None = None  # char offset of the first conjunct when in "X and Y"
    binder: int | None = None  # for a reflexive ("himself"): char offset of its clause's subject
    pronoun: str | None = None
    group_type: str | None = None  # "country" / "person" for "both sides", "the two ministers"


def lexicon_units(doc: Doc, matchers: Matchers, kb: ActorKB, on: date | None) -> list[Unit]:
    """Longest non-overlapping lexicon matches; ties prefer organisations, then places, then roles.

    A matched institution the knowledge base knows by name ("Assad") takes its dated role instead."""
    candidates: list[tuple[int, int, int, Entry]] = []
    order = {"org": 0, "seat": 1, "institution": 1, "country": 2, "demonym": 2, "capital": 2, "role": 3}
    for _, start, end in matchers.matcher(doc):
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
        elif entry.kind == "org":
            units.append(Unit(start, end, "org", entry.code, name=matchers.lexicon.org_names.get(entry.code)))
        else:
            units.append(Unit(start, end, entry.kind, entry.code))
    return units


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
            or (
                token.tag_ == "HYPH"
                and start is not None
                and token.i + 1 < len(doc)
                and doc[token.i + 1].tag_ == "NNP"
                and not token.whitespace_
            )
            or (
                start is not None
                and token.lower_ in NAME_PARTICLES
                and token.i + 1 < len(doc)
                and doc[token.i + 1].tag_ in ("NNP", "NNPS")
            )
        )
        if token.lower_ in HONORIFICS or token.ent_type_ in NOT_NAMES:
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
    """A capitalised subject the tagger read as a common noun ("Trump urges ...") that the knowledge base
    knows as a person with dated roles."""
    return [
        (token.i, token.i + 1)
        for token in doc
        if token.tag_ == "NN"
        and token.is_title
        and token.dep_ in ("nsubj", "nsubjpass")
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
        if "PERSON" in ent_types:
            found.append(Unit(start, end, "person", "", name=text, said=text))
        elif _titled(span, titles):
            # "spokesman Igor X" is a person; "oil company Pluspetrol" (tagged ORG) is a body
            body = bool(ent_types & {"ORG", "NORP", "FAC", "PRODUCT", "GPE"}) and not _person_title(
                span, units
            )
            found.append(Unit(start, end, "org" if body else "person", "", name=text, said=text))
    return found


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


def group_units(doc: Doc, units: list[Unit]) -> list[Unit]:
    """Attach each unit to the unit it modifies; returns the top units (each with its ``children``)."""
    owner: dict[int, Unit] = {}
    for unit in units:
        for i in range(unit.start, unit.end):
            owner[i] = unit
    parent: dict[int, Unit] = {}
    for unit in units:
        target = _attachment(doc[unit.start : unit.end], owner)
        if target is None or target is unit:
            continue
        if unit.kind == "person" and target.kind == "person":
            continue  # two names are two actors ("Putin ally Donald Trump")
        if (
            unit.kind not in ("role", "person")
            and target.kind not in ("role", "person")
            and (doc[unit.start : unit.end].root.dep_ in ("appos", "conj"))
        ):
            continue  # a list of states ("The United States, India, Israel") is several actors
        if unit.kind in EXPLICIT_PLACE and target.kind in EXPLICIT_PLACE:
            continue  # "Russia-UK talks", "US-China": two states
        parent[id(unit)] = target
    tops: list[Unit] = []
    for unit in units:
        top = unit
        seen = {id(top)}
        while id(top) in parent and id(parent[id(top)]) not in seen:
            top = parent[id(top)]
            seen.add(id(top))
        if top is unit:
            tops.append(unit)
        else:
            top.children.append(unit)
    return _share_heads(doc, tops, owner)


#: Nouns that stand for a body of the actors in their "of" phrase ("a team of police", "dozens of rebels").
COLLECTIVES = frozenset(
    {
        "team",
        "group",
        "unit",
        "units",
        "squad",
        "contingent",
        "delegation",
        "members",
        "member",
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "number",
        "band",
        "column",
        "convoy",
        "crowd",
        "crowds",
        "couple",
    }
)


def _collective_of(root: Token) -> Token | None:
    """The collective noun an "of" phrase belongs to ("a *team* of police"), if any."""
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ in COLLECTIVES:
        return prep.head
    return None


def _share_heads(doc: Doc, tops: list[Unit], owner: dict[int, Unit]) -> list[Unit]:
    """Units that modify the same unrecognised noun form one mention headed by it: in "Syrian government
    missiles" the state and the sector both describe *missiles*, which is what a verb will take as subject."""
    by_head: dict[int, list[Unit]] = {}
    for unit in tops:
        root = doc[unit.start : unit.end].root
        head = root.head
        collective = _collective_of(root)
        if collective is not None and collective.i not in owner:
            by_head.setdefault(collective.i, []).append(unit)
            continue
        modifies = root.dep_ in ("compound", "amod", "nmod")
        if modifies and head.i not in owner and head.pos_ in ("NOUN", "PROPN"):
            by_head.setdefault(head.i, []).append(unit)
    merged: set[int] = set()
    result: list[Unit] = []
    for index, units in by_head.items():
        if len(units) < 2 and _collective_of(doc[units[0].start : units[0].end].root) is None:
            continue
        head_unit = Unit(index, index + 1, "head")
        for unit in units:
            head_unit.children.extend([unit, *unit.children])
            unit.children = []
            merged.add(id(unit))
        result.append(head_unit)
    return [unit for unit in tops if id(unit) not in merged] + result


def _attachment(span: Span, owner: dict[int, Unit]) -> Unit | None:
    root = span.root
    head = root.head
    if head.i == root.i:
        return None
    if head.lower_ == "led" and head.i == root.i + 2 and head.head.i != head.i:
        return owner.get(head.head.i)  # "the Saudi-led coalition" is Saudi Arabia's (not so "US-backed")
    if root.dep_ != "poss" and any(child.dep_ == "case" and child.i > root.i for child in root.children):
        possessed = _possessed(root)  # "Libya ’s government" misparsed: the 's still marks the owner
        if possessed is not None:
            return owner.get(possessed.i)
    if root.dep_ in MODIFIER_DEPS or root.dep_ == "case":
        # Climb through an unrecognised noun of the same phrase ("Ministry of Defence spokesman").
        while head.i not in owner and head.dep_ in ("compound", "nmod") and head.head.i != head.i:
            head = head.head
        return owner.get(head.i)
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in OF_PREPS:
        return owner.get(head.head.i)
    return None


def compose(doc: Doc, top: Unit, sentence_index: int, owner: dict[int, Unit] | None = None) -> Found | None:
    """The mention of a group of units: its span, head, and coded actor.

    A state-less role ("a court", "demonstrators") located "in" a country or capital takes that country."""
    members = sorted([top, *top.children], key=lambda unit: unit.start)
    head = doc[top.start : top.end].root
    start = min(unit.start for unit in members)
    end = max(unit.end for unit in members)
    while start > 0 and _leading_det(doc[start - 1], start, end):
        start -= 1
    if end < len(doc) and doc[end].text == ")" and any(token.text == "(" for token in doc[start:end]):
        end += 1  # "The Nigerian Air Force (NAF)"
    country: str | None = None
    fallback_country: str | None = None
    org_code: str | None = None
    seat_sectors = ""
    org_name: str | None = None
    name: str | None = None
    said: str | None = None
    known_code: str | None = None
    roles: list[str] = []
    sectors = _sectors(doc, top, members)
    for unit in members:
        if unit.kind in EXPLICIT_PLACE:
            country = country or unit.code
        elif unit.kind in ("seat", "institution"):
            unit_country, _ = split_code(unit.code)
            fallback_country = fallback_country or unit_country or unit.code[:3]
            seat_sectors = seat_sectors or unit.code[3:]
        elif unit.kind == "org":
            org_code = org_code or unit.code or None  # an uncoded body ("NAF") only names the group
            org_name = org_name or unit.name
        elif unit.kind == "role":
            roles.append(unit.role or "")
        elif unit.kind == "person" and name is None:
            name = unit.name
            said = unit.said
            known_code = unit.code if unit.known else None
    if country and len(country) > 3:
        # CAMEO sub-national codes (USAASM): the first three letters are the state.
        country = country[:3]
    explicit_country = country
    country = country or fallback_country
    if country is None and org_code is None and name is None and owner:
        roots = [head, *(doc[unit.start : unit.end].root for unit in members)]
        country = next((found for found in (_located_in(root, owner) for root in roots) if found), None)
    sectors = sectors or seat_sectors
    if roles and _former(doc, members):
        sectors = "ELI"  # former office-holders are elites in CAMEO
    elif top.kind == "capital" and not sectors and _subject_like(head):
        sectors = "GOV"  # "Moscow responded": the capital speaks for the government
    if known_code is not None and sectors == "ELI":
        known_country, _ = split_code(known_code)
        known_code = (
            (explicit_country or known_country or "") + "ELI" if (explicit_country or known_country) else None
        )
    if known_code is not None:
        known_country, _ = split_code(known_code)
        international = known_country is None and known_code[:3] in ("IGO", "NGO", "IMG")
        if (
            explicit_country is None
            or known_country == explicit_country
            or (known_country is None and not international)
        ):
            code = known_code
        else:
            code = explicit_country + sectors
    elif org_code is not None and (top.kind == "org" or explicit_country is None):
        code = org_code
    elif org_code is not None:
        code = (explicit_country or "") + sectors  # a body named in passing: "Pakistani pro-Taliban papers"
    else:
        code = (country or "") + sectors
    if not code and name is None:
        return None
    if top.kind == "role" and not top.children and head.pos_ == "ADJ":
        return None  # a bare adjective ("state-owned") describes, it does not act
    person = name is not None
    if name is None and (code == org_code or not org_code):
        name = org_name
    actor_country, sector = split_code(code) if code else (None, None)
    text = doc[start:end].text
    kind = _kind(top, members, name)
    mention = ActorMention(
        actor=Actor(code=code, country=actor_country, sector=sector, name=name, text=text),
        span=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)),
        head=head.idx,
        sentence_index=sentence_index,
        kind=kind,
    )
    return Found(
        mention=mention,
        roles=tuple(roles),
        is_subject=head.dep_ in ("nsubj", "nsubjpass"),
        is_plural=head.tag_ in ("NNS", "NNPS") or (kind == "demonym" and head.lower_.endswith("s")),
        person=person,
        said=said,
        coordination=_coordination(head),
        explicit=person
        or explicit_country is not None
        or org_code is not None
        or fallback_country is not None,
    )


def _coordination(head: Token) -> int | None:
    """The first conjunct's offset for a head in a coordination ("Britain and Russia"), else None."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first is head and not any(child.dep_ == "conj" for child in head.children):
        return None
    return first.idx


def _sectors(doc: Doc, top: Unit, members: list[Unit]) -> str:
    """The sector of the role nearest the head ("military intelligence *agency*" → SPY), except that a
    rank or generic title yields to the body that qualifies it ("rebel commander" → REB)."""
    head = doc[top.start : top.end].root.i

    def closeness(unit: Unit) -> tuple[int, int]:
        if unit is top:
            return (0, 0)
        return (1, -unit.start) if unit.start < head else (2, unit.start)

    named_top = top.kind in NAMED_KINDS and (top.known or top.kind != "person")
    ranked = [
        unit
        for unit in sorted(members, key=closeness)
        if unit.kind == "role"
        and unit.code
        and not _of_other_body(doc, unit, members)
        # a description in apposition does not recode a known name ("Mr Assad, an eye surgeon")
        and not (named_top and doc[unit.start : unit.end].root.dep_ == "appos")
    ]
    if not ranked:
        return ""
    if (ranked[0].role or "") in GENERIC_TITLES and len(ranked) > 1:
        return ranked[1].code
    return ranked[0].code


def _of_other_body(doc: Doc, unit: Unit, members: list[Unit]) -> bool:
    """A title held in a body we cannot code ("president of ClearView Economics") says nothing of the
    sector: the president of a firm is not government."""
    inside = {i for member in members for i in range(member.start, member.end)}
    for token in doc[unit.start : unit.end]:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "at"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.i not in inside and pobj.ent_type_ in ("ORG", "FAC"):
                        return True
    return False


def _former(doc: Doc, members: list[Unit]) -> bool:
    """Is a title in the mention marked as past ("former president", "ex-minister", "retired general")?"""
    for unit in members:
        if unit.kind != "role":
            continue
        for token in doc[unit.start : unit.end]:
            if any(child.lower_ in FORMER for child in token.children):
                return True
        if unit.start > 0 and doc[unit.start - 1].lower_ in FORMER:
            return True
    return False


def _subject_like(token: Token) -> bool:
    """A subject, or a conjunct of one ("Washington and Beijing traded barbs")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ARGUMENT_DEPS


def _possessed(owner_token: Token) -> Token | None:
    """The noun a possessive marks as owned: the head of the words after the "'s"."""
    doc = owner_token.doc
    case = next(child for child in owner_token.children if child.dep_ == "case")
    if case.i + 1 >= len(doc):
        return None
    token = doc[case.i + 1]
    for _ in range(6):
        if token.head.i > token.i and token.dep_ in ("amod", "compound", "advmod", "nummod", "nmod"):
            token = token.head
        else:
            break
    return token if token.pos_ in ("NOUN", "PROPN") else None


def _located_in(head: Token, owner: dict[int, Unit]) -> str | None:
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            for pobj in prep.children:
                unit = owner.get(pobj.i)
                if pobj.dep_ == "pobj" and unit is not None and unit.kind in EXPLICIT_PLACE:
                    return unit.code[:3]
    return None


def _leading_det(token: Token, start: int, end: int) -> bool:
    """A determiner or honorific just before the mention that belongs to it ("the", "those", "Mr" — not
    "both")."""
    if token.lower_ in HONORIFICS and token.tag_ == "NNP" and start <= token.head.i < end:
        return True  # "Mr Lavrov"
    return (
        token.dep_ in ("det", "predet", "poss")
        and token.tag_ in ("DT", "PDT", "PRP$")
        and start <= token.head.i < end
        and token.lower_ not in ("both", "all", "no", "his", "her", "its", "their", "my", "our", "your")
    )


def _kind(top: Unit, members: list[Unit], name: str | None) -> str:
    if name is not None or top.kind == "org":
        return "name"
    kinds = {unit.kind for unit in members}
    if "role" in kinds:
        return "role"
    if top.kind == "head":
        rest = [unit for unit in members if unit is not top]
        return _kind(rest[0], rest, name) if rest else "role"
    if top.kind in ("seat", "capital"):
        return "metonym"
    if top.kind in ("org", "institution"):
        return "name"
    return "country" if top.kind == "region" else top.kind  # country | demonym


def pronoun_and_groups(doc: Doc, covered: set[int], sentence_of: dict[int, int]) -> list[Found]:
    """Personal pronouns and "both sides"-style pairs, left for the resolver to fill in."""
    found: list[Found] = []
    for token in doc:
        lower = token.lower_
        if lower in REFLEXIVES and token.i not in covered:
            subject = _clause_subject(token)
            if subject is not None:
                found.append(
                    _placeholder(token, token, sentence_of, pronoun=REFLEXIVES[lower], binder=subject.idx)
                )
            continue
        if (
            token.tag_ == "PRP"
            and (lower in PERSON_PRONOUNS or lower in PLURAL_PRONOUNS)
            and token.i not in covered
        ):
            if lower == "her" and token.dep_ == "poss":
                continue
            found.append(_placeholder(token, token, sentence_of, pronoun=lower))
        elif token.tag_ in ("NNS", "NNPS") and singular(lower) in GROUP_NOUNS:
            quantifier = [
                child
                for child in token.children
                if child.lower_ in ("both", "two")
                and child.dep_ in ("det", "predet", "nummod", "amod", "preconj")
            ]
            if quantifier:
                first = min([quantifier[0].i, *(child.i for child in token.children if child.dep_ == "det")])
                found.append(
                    _placeholder(doc[first], token, sentence_of, group_type=GROUP_NOUNS[singular(lower)])
                )
    return found


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause a reflexive sits in ("Putin liked himself" → Putin)."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)


def singular(word: str) -> str:
    """Plural → singular for the few group nouns ("parties", "sides", "men")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    return word[:-1] if word.endswith("s") else word


def _placeholder(
    first: Token,
    head: Token,
    sentence_of: dict[int, int],
    pronoun: str | None = None,
    group_type: str | None = None,
    binder: int | None = None,
) -> Found:
    text = head.doc[first.i : head.i + 1].text
    mention = ActorMention(
        actor=Actor(code="", country=None, sector=None, name=None, text=text),
        span=(first.idx, head.idx + len(head.text)),
        head=head.idx,
        sentence_index=sentence_of.get(head.i, -1),
        kind="pronoun" if pronoun else "group",
    )
    return Found(
        mention=mention,
        roles=(),
        is_subject=head.dep_ in ("nsubj", "nsubjpass"),
        is_plural=pronoun in PLURAL_PRONOUNS or group_type is not None,
        explicit=False,
        pronoun=pronoun,
        group_type=group_type,
        binder=binder,
    )
