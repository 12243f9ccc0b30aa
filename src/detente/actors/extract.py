"""Grouping units into actor mentions by the parse, and coding each mention.

Units that modify one another in the dependency tree (``compound``, ``amod``, ``poss``, ``nmod``, ``appos``,
"of"/"from" phrases) form one mention, whose head is the top unit's head token: "Russian Foreign Minister
Sergey Lavrov" is one mention headed by *Lavrov*, coded from the demonym, the title and the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.actors.lexicon import EXPLICIT_PLACE, religion_codes, split_code
from detente.actors.units import HONORIFICS, PERSON_TITLES, Unit
from detente.models import Actor, ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Dependencies by which a unit modifies the noun it belongs to.
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat", "nn", "appos", "npadvmod"})
#: Prepositions whose object still describes the head noun ("the president of Russia", "rebels from Syria").
OF_PREPS = frozenset({"of", "from"})
#: Words of a state's formal name that stand between a title and the state ("the Republic of Korea").
STATE_WORDS = frozenset(
    {"republic", "kingdom", "state", "emirate", "sultanate", "principality", "federation"}
)
#: Unit kinds that name an actor by themselves; a description in apposition does not recode them.
NAMED_KINDS = frozenset({"person", "org", "institution", "seat"})
#: Ranks and titles whose own sector yields to a qualifying body ("rebel commander", "police general").
GENERIC_TITLES = frozenset({"commander", "commanders", "general", "generals", "officer", "officers", "chief"})
#: Nouns for a part of a state that a possessive names ("Kenya's Garissa town", "Syria's Hama province").
PLACE_NOUNS = frozenset(
    {
        *("region", "province", "state", "district", "town", "city", "village", "area", "county"),
        *("capital", "border", "north", "south", "east", "west", "territory", "governorate", "port"),
    }
)
#: Role nouns for bodies often named "X of Y" ("University of St Andrews"): the "of" phrase is a name.
NAMED_BODIES = frozenset({"university", "universities", "college", "colleges", "academy", "school"})
FORMER = frozenset({"former", "ex", "ex-", "retired", "erstwhile", "onetime", "one-time"})
#: Heads that make a believer of a named faith a religious figure ("Muslim cleric", "Jewish community
#: leader" → REL; "Muslim protesters" stay what they are).
RELIGIOUS_HEADS = frozenset(
    {"cleric", "clerics", "leader", "leaders", "elder", "elders", "scholar", "scholars", "figure", "figures"}
)
#: Someone's counterparts are of other sides: where they are says nothing of which ("in Geneva").
COUNTERPARTS = frozenset({"counterpart", "counterparts"})
#: Dependencies of a capital that speaks for its government ("Moscow said"; not "visited Moscow").
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "ROOT"})


@dataclass(frozen=True, slots=True)
class Found:
    """A mention with what resolution needs to know about it."""

    mention: ActorMention
    roles: tuple[str, ...]  # role phrases in the mention ("foreign secretary")
    is_subject: bool
    is_plural: bool
    explicit: bool  # has its own country, organisation or name (not a bare role noun)
    person: bool = False  # names (or was resolved to) a person, not a state or a body
    tentative: bool = False  # an unknown bare name, dropped unless resolution ties it to an actor
    said: str | None = None  # the person's name as written in this mention
    coordination: int | None = None  # char offset of the first conjunct when in "X and Y"
    binder: int | None = None  # for a reflexive ("himself"): char offset of its clause's subject
    pronoun: str | None = None
    group_type: str | None = None  # "country" / "person" for "both sides", "the two ministers"
    place: bool = False  # names a state by its name, nationality or capital (not a body of it)
    usual: bool = False  # the state comes only from an office name most often, not always, that state's
    inferred: str = ""  # which document-context cue gave the state (``context``), "" when the words did
    disjoint: tuple[int, ...] = ()  # for an object pronoun: char offsets of its clause's subjects (not it)


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
        if target.kind == "candidate" and doc[target.end - 1].ent_type_ != "ORG":
            continue  # an unknown capitalised word ("UK Breakthrough" in a headline) heads nothing
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
    if head.lower_ in ("led", "based") and head.i == root.i + 2 and head.head.i != head.i:
        # "the Saudi-led coalition" is Saudi Arabia's, "a Somalia-based group" Somalia's (not so "US-backed")
        return owner.get(head.head.i)
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
        noun = head.head
        if noun.i not in owner and noun.lower_ in STATE_WORDS and noun.dep_ == "pobj":
            # "President Bukele of the Republic of El Salvador": through the state's formal name
            outer = noun.head
            if outer.dep_ == "prep" and outer.lower_ in OF_PREPS:
                noun = outer.head
        return owner.get(noun.i)
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
    usual = False
    org_name: str | None = None
    name: str | None = None
    said: str | None = None
    tentative = False
    known_code: str | None = None
    roles: list[str] = []
    sectors = _sectors(doc, top, members)
    for unit in members:
        if unit.kind in EXPLICIT_PLACE:
            country = country or unit.code
        elif unit.kind in ("seat", "institution"):
            unit_country, _ = split_code(unit.code)
            usual = usual or (fallback_country is None and unit.usual)
            fallback_country = fallback_country or unit_country or unit.code[:3]
            seat_sectors = seat_sectors or unit.code[3:]
        elif unit.kind == "org" or (
            unit.kind == "candidate" and len(members) > 1 and doc[unit.end - 1].ent_type_ == "ORG"
        ):
            org_code = org_code or unit.code or None  # an uncoded body ("NAF") only names the group
            org_name = org_name or unit.name
        elif unit.kind == "role":
            roles.append(unit.role or "")
        elif unit.kind == "person" and unit is not top and doc[unit.start : unit.end].root.dep_ == "poss":
            # "Kim Jong-un's regime", "Putin's government": the body is the actor; its owner gives the state
            owner_country, _ = split_code(unit.code) if unit.code else (None, None)
            fallback_country = fallback_country or owner_country
        elif unit.kind == "candidate" and name is None and len(members) == 1:
            name, said, tentative = unit.name, unit.said, True
        elif unit.kind == "person" and name is None:
            name = unit.name
            said = unit.said
            known_code = unit.code if unit.known else None
    place_sector = ""
    if country and len(country) > 3:
        # CAMEO sub-national codes (USAASM): the first three letters are the state; a sector after them
        # stays ("GEOPRE": Abkhazia, a partially recognised entity in Georgia)
        place_sector = split_code(country)[1] or ""
        country = country[:3]
    explicit_country = country
    country = country or fallback_country
    if country is None and org_code is None and name is None and owner and head.lower_ not in COUNTERPARTS:
        roots = [head, *(doc[unit.start : unit.end].root for unit in members)]
        country = next((found for found in (_located_in(root, owner) for root in roots) if found), None)
    sectors = sectors or seat_sectors or place_sector
    religion = _religion(members)
    if religion and head.lower_ in RELIGIOUS_HEADS and "REL" not in _chunks(sectors):
        sectors = religion + "REL"  # CAMEO: religion in the first slots, then the clergy role
    if _former(doc, members):
        sectors = "ELI"  # former office-holders are elites in CAMEO
    elif top.kind == "capital" and not sectors and _subject_like(head):
        sectors = "GOV"  # "Moscow responded": the capital speaks for the government
    if known_code is not None and sectors == "ELI":
        known_country, _ = split_code(known_code)
        known_code = (
            (explicit_country or known_country or "") + "ELI" if (explicit_country or known_country) else None
        )
    generic = top.kind == "org" and split_code(top.code) == (None, top.code)
    if generic:
        # a body known only by the kind its name ends in ("the Congress Party"): the words before are its
        # name, not bodies of their own
        code = (explicit_country or "") + top.code
        org_name = _name_text(doc, start, end)
    elif known_code is not None:
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
        code = _org_role(org_code, sectors) if top.kind == "role" else org_code
    elif org_code is not None:
        code = (explicit_country or "") + sectors  # a body named in passing: "Pakistani pro-Taliban papers"
    else:
        code = (country or "") + sectors
    if not code and name is None and not any(_held_by_one(role) for role in roles):
        return None  # a spokesperson without a state or body may still take one from the document
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
        tentative=tentative,
        said=said,
        coordination=_coordination(head),
        place=top.kind in EXPLICIT_PLACE,
        usual=usual and explicit_country is None and org_code is None and known_code is None,
        explicit=person
        or explicit_country is not None
        or org_code is not None
        or fallback_country is not None,
    )


def _name_text(doc: Doc, start: int, end: int) -> str:
    """A body's name as written, without the article ("the Congress Party" → "Congress Party")."""
    while start < end - 1 and doc[start].dep_ == "det":
        start += 1
    return doc[start:end].text


def _chunks(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _religion(members: list[Unit]) -> str:
    """The CAMEO religion code a role unit of the mention opens with ("muslim leaders" → MOS), or ""."""
    for unit in members:
        if unit.kind == "role" and unit.code[:3] in religion_codes():
            return unit.code[:3]
    return ""


def _org_role(org_code: str, sectors: str) -> str:
    """A role held in a named body: the body's code with the role's sector when the body has none of its
    own ("European Union legislators" → IGOEUREECLEG); a former holder is an elite of the body's state
    ("a former CIA official" → USAELI)."""
    state, own_sector = split_code(org_code)
    if sectors == "ELI":
        return (state or org_code) + "ELI"
    if own_sector is None and sectors:
        return org_code + sectors
    return org_code


def _held_by_one(role: str) -> bool:
    """A title one person holds ("spokeswoman", "foreign secretary")."""
    last = role.rsplit(" ", 1)[-1]
    return last in PERSON_TITLES or last.removesuffix("s") in PERSON_TITLES


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
    if (unit.role or "") in NAMED_BODIES:
        return False  # "the University of St Andrews": the body's own name, not a title held in it
    coded = {i for member in members if member.code for i in range(member.start, member.end)}
    for token in doc[unit.start : unit.end]:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "at"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.i not in coded and pobj.ent_type_ in ("ORG", "FAC"):
                        return True
    return False


def _former(doc: Doc, members: list[Unit]) -> bool:
    """Is a title in the mention marked as past ("former president", "ex-minister", "retired general",
    "a former White House official")?"""
    for unit in members:
        if unit.kind != "role" and not (
            unit.kind in ("institution", "seat")
            and any(_held_by_one(token.lower_) for token in doc[unit.start : unit.end])
        ):
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
    """The state a mention is "in" or "at": a place, or a part of one ("in Kenya's Garissa town")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                unit = owner.get(pobj.i)
                if unit is None and pobj.lower_ in PLACE_NOUNS:
                    owners = (owner.get(child.i) for child in pobj.children if child.dep_ == "poss")
                    unit = next((found for found in owners if found is not None), None)
                if unit is not None and unit.kind in EXPLICIT_PLACE:
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
    if top.kind == "candidate":
        return "name"
    return "country" if top.kind == "region" else top.kind  # country | demonym
