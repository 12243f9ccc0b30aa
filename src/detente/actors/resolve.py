"""Within-document resolution: later, shorter mentions take the actor of an earlier, fuller one.

"Mr Lavrov" and "Lavrov" → the earlier "Sergey Lavrov"; "the Foreign Secretary" alone → the last person
introduced with that title; "he"/"she" → the most recent person (subjects first); "they" → the most recent
plural or collective actor; "both sides" / "the two ministers" → the last two distinct actors of that type;
"it"/"its" → the state or body the parse names as antecedent (``pronouns``), else nothing. An object pronoun
is never its own clause's subject nor whom that subject stands for ("She urged him"). A counterpart named
with a state ("his Pakistani counterpart") holds the office of the person it is the counterpart of.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from detente.actors.extract import COUNTERPARTS, Found
from detente.actors.kb import normalise
from detente.actors.units import PERSON_TITLES
from detente.models import Actor, ActorMention

NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "de", "da", "di", "van", "von", "der", "la", "le", "jr", "sr"}
)
ROMAN = re.compile(r"[ivx]+")

#: How many sentences back a pronoun or bare role noun may reach.
PRONOUN_WINDOW = 3
ROLE_WINDOW = 12


def name_words(name: str) -> frozenset[str]:
    """The words a person may be called by: no honorifics, particles or regnal numbers."""
    return frozenset(
        word for word in normalise(name).split() if word not in NAME_PARTICLES and not ROMAN.fullmatch(word)
    )


def personal_role(role: str) -> bool:
    """Is this role noun one a single person holds ("foreign secretary", not "kingdom" or "government")?"""
    last = role.rsplit(" ", 1)[-1]
    return last in PERSON_TITLES or last.removesuffix("s") in PERSON_TITLES


def _with(found: Found, actor: Actor, kind: str | None = None, person: bool = True) -> Found:
    mention = found.mention
    resolved = ActorMention(
        actor=actor.with_text(mention.actor.text),
        span=mention.span,
        head=mention.head,
        sentence_index=mention.sentence_index,
        kind=kind or mention.kind,
        members=mention.members,
    )
    return replace(found, mention=resolved, person=person)


def resolve(found: list[Found]) -> list[ActorMention]:
    """Resolve in text order; mentions that stay unresolved and uncoded are dropped."""
    persons: list[tuple[frozenset[str], Actor]] = []  # name words of each fully named person, in order
    bodies: dict[str, Actor] = {}  # names coded once ("Russian oil giant Yukos"), for later bare "Yukos"
    role_holders: list[tuple[str, Actor, int]] = []  # (role phrase, person, sentence)
    history: list[Found] = []
    result: list[ActorMention] = []
    for item in sorted(found, key=lambda item: (item.mention.span[0], item.mention.head)):
        item = _resolve_one(item, persons, role_holders, history)
        item = _counterpart(item, history)
        mention = item.mention
        if mention.actor.name and not mention.actor.code and len(mention.actor.name.split()) == 1:
            known = bodies.get(normalise(mention.actor.name))
            item = _with(item, known, person=item.person) if known is not None else item
            mention = item.mention
        if not mention.actor.code and mention.actor.name is None and not mention.members:
            continue
        if item.tentative and not mention.actor.code and mention.kind == "name":
            continue  # an unknown bare name nothing in the document explains
        actor = mention.actor
        if item.person and actor.name and mention.kind == "name" and len(actor.name.split()) > 1:
            # both the canonical and the written name ("Chekib Khalil" written "Chakib Khelil")
            persons.append((name_words(actor.name) | name_words(item.said or ""), actor))
        if actor.name and actor.code and mention.kind == "name":
            bodies[normalise(actor.name)] = actor
        if item.person and actor.name:
            for role in item.roles:
                if personal_role(role):
                    role_holders.append((role, actor, mention.sentence_index))
        history.append(item)
        result.append(mention)
    return _consolidate(history)


def _consolidate(items: list[Found]) -> list[ActorMention]:
    """A person coded without a state in one place ("President Nayib Bukele") takes the state that a
    fuller mention elsewhere in the document gives ("President Bukele of El Salvador")."""
    best: dict[str, Actor] = {}
    for item in items:
        actor = item.mention.actor
        if item.person and actor.name and actor.country:
            known = best.get(actor.name)
            if known is None or len(actor.code) > len(known.code):
                best[actor.name] = actor
    result: list[ActorMention] = []
    for item in items:
        actor = item.mention.actor
        fuller = best.get(actor.name or "") if item.person and not actor.country else None
        result.append(_with(item, fuller).mention if fuller is not None else item.mention)
    return result


def _resolve_one(
    item: Found,
    persons: list[tuple[frozenset[str], Actor]],
    role_holders: list[tuple[str, Actor, int]],
    history: list[Found],
) -> Found:
    mention = item.mention
    actor = mention.actor
    if item.pronoun is not None:
        return _pronoun(item, history)
    if item.group_type is not None:
        return _group(item, history)
    if item.person and actor.name and mention.kind == "name":
        spoken = name_words(item.said or actor.name)  # "Mr Lavrov" -> {"lavrov"}
        earlier = next(
            (person for words, person in reversed(persons) if spoken <= words),
            None,
        )
        if earlier is None or (actor.country and not earlier.country):
            return item  # unknown, or this mention says more (its state) than the earlier one
        # A shorter form of a person named earlier in the document is that person, whatever the
        # knowledge base would say about the short form alone ("King Abdullah" after "Abdullah II").
        shorter = len(spoken) < len((earlier.name or "").split())
        return _with(item, earlier, "surname" if shorter else None)
    if mention.kind == "role" and item.roles and not item.person and any(map(personal_role, item.roles)):
        holder = _role_holder(item, role_holders)
        if holder is not None:
            return _with(item, holder)
    return item


def _counterpart(item: Found, history: list[Found]) -> Found:
    """A counterpart with a state but no sector holds the office of the person it is the counterpart of:
    the nearest earlier person of another state with a sector, in this sentence or the one before
    ("German Foreign Minister Katrin Vogel ... her Polish counterpart" → POLGOV)."""
    actor = item.mention.actor
    if actor.country is None or actor.sector is not None or not item.roles:
        return item
    if not all(role.rsplit(" ", 1)[-1] in COUNTERPARTS for role in item.roles):
        return item
    for earlier in _recent(history, item.mention.sentence_index, 1):
        other = earlier.mention.actor
        if earlier.person and other.sector and other.country and other.country != actor.country:
            code = actor.country + other.code[len(other.country) :]
            return _with(item, Actor(code, actor.country, other.sector, actor.name, actor.text))
    return item


def _role_holder(item: Found, role_holders: list[tuple[str, Actor, int]]) -> Actor | None:
    """The last person who held this role nearby, when the mention names no other country or body."""
    sentence = item.mention.sentence_index
    for role, person, where in reversed(role_holders):
        if sentence - where > ROLE_WINDOW:
            break
        if not any(role == mine or role.endswith(" " + mine) for mine in item.roles):
            continue
        if item.explicit and item.mention.actor.country not in (None, person.country):
            continue
        return person
    return None


def _pronoun(item: Found, history: list[Found]) -> Found:
    sentence = item.mention.sentence_index
    recent = list(_recent(history, sentence, PRONOUN_WINDOW))  # bounded: documents can be long
    if item.binder is not None:
        bound = next((earlier for earlier in recent if earlier.mention.head == item.binder), None)
        if bound is None or (item.pronoun == "it" and not _thing(bound)):
            return item  # "it" is no person, crowd or pair: the subject it stands for is no actor then
        if bound.mention.members:
            return _grouped(item, bound.mention.members)
        if item.pronoun == "they" and bound.coordination is not None:
            return _conjoined(item, bound, recent)
        return _with(item, bound.mention.actor, person=bound.person)
    plural = item.is_plural
    # binding: an object pronoun is never its own clause's subject, nor whoever that subject stands for
    excluded = [earlier.mention.actor for earlier in recent if earlier.mention.head in item.disjoint]
    candidates = [
        earlier
        for earlier in recent
        if earlier.mention.head < item.mention.head
        and (earlier.mention.actor.code or earlier.person)
        and _agrees(earlier, plural)
        and earlier.mention.head not in item.disjoint
        and not any(_same(earlier.mention.actor, other) for other in excluded)
    ]
    if not candidates:
        return item
    nearest = candidates[0].mention.sentence_index
    closest = [earlier for earlier in candidates if earlier.mention.sentence_index == nearest]
    chosen = next((earlier for earlier in closest if earlier.is_subject), closest[0])
    if plural and chosen.coordination is not None:
        return _conjoined(item, chosen, recent)
    return _with(item, chosen.mention.actor, person=chosen.person)


def _conjoined(item: Found, chosen: Found, recent: list[Found]) -> Found:
    """A plural pronoun standing for a coordination ("Iran and Iraq ... they"): all its conjuncts."""
    conjuncts = [earlier.mention.actor for earlier in recent if earlier.coordination == chosen.coordination]
    members = tuple({actor.code: actor for actor in conjuncts if actor.code}.values())
    if len(members) > 1:
        return _grouped(item, members)
    return _with(item, chosen.mention.actor, person=chosen.person)


def _same(actor: Actor, other: Actor) -> bool:
    """The same actor: the same person by name, else the same code."""
    if actor.name or other.name:
        return actor.name == other.name and actor.code == other.code
    return bool(actor.code) and actor.code == other.code


def _recent(history: list[Found], sentence: int, window: int) -> Iterator[Found]:
    """Earlier mentions from at most ``window`` sentences back, most recent first."""
    for earlier in reversed(history):
        distance = sentence - earlier.mention.sentence_index
        if distance > window:
            return
        if distance >= 0:
            yield earlier


def _thing(earlier: Found) -> bool:
    """Can "it" stand for this actor: a coded state, capital, organisation or body, not a person or crowd?"""
    mention = earlier.mention
    if earlier.pronoun is not None:
        return earlier.pronoun == "it" and bool(mention.actor.code)
    return (
        bool(mention.actor.code)
        and not earlier.person
        and not earlier.is_plural
        and not mention.members
        and earlier.group_type is None
        and mention.kind in ("country", "metonym", "name", "role")
        and not any(personal_role(role) for role in earlier.roles)
    )


def _agrees(earlier: Found, plural: bool) -> bool:
    kind = earlier.mention.kind
    if earlier.pronoun == "it":
        return False  # "he" and "they" are never what an "it" was
    if earlier.pronoun is not None:
        return (earlier.pronoun in ("they", "them")) == plural
    if plural:
        return (
            earlier.is_plural
            or kind in ("country", "metonym")
            or (kind == "name" and not earlier.person)  # organisations are "they"
        )
    return earlier.person and not earlier.is_plural


def _group(item: Found, history: list[Found]) -> Found:
    """Two distinct actors of the group's type, most recent first; a code only when they agree."""
    chosen: list[Actor] = []
    for earlier in _recent(history, item.mention.sentence_index, ROLE_WINDOW):
        actor = earlier.mention.actor
        if not actor.code or earlier.mention.members:
            continue
        if item.group_type == "person" and not earlier.person:
            continue
        if item.group_type == "country" and earlier.mention.kind not in ("country", "metonym", "demonym"):
            continue  # "both countries" are states, not a state's rebels or a person
        if item.group_type == "side" and actor.country is None and actor.code[:3] not in ("IGO", "NGO"):
            continue
        key = actor.name if item.group_type == "person" else actor.country or actor.code
        if any(
            (other.name if item.group_type == "person" else other.country or other.code) == key
            for other in chosen
        ):
            continue
        chosen.append(actor)
        if len(chosen) == 2:
            break
    if len(chosen) < 2:
        return item
    return _grouped(item, (chosen[1], chosen[0]))


def _grouped(item: Found, members: tuple[Actor, ...]) -> Found:
    """A group mention standing for several actors; code, country, sector only where they all agree."""
    first = members[0]
    code = first.code if len({actor.code for actor in members}) == 1 else ""
    country = first.country if len({actor.country for actor in members}) == 1 else None
    sector = first.sector if len({actor.sector for actor in members}) == 1 else None
    mention = item.mention
    grouped = ActorMention(
        actor=Actor(code=code, country=country, sector=sector, name=None, text=mention.actor.text),
        span=mention.span,
        head=mention.head,
        sentence_index=mention.sentence_index,
        kind="group" if item.group_type is not None else mention.kind,
        members=members,
    )
    return replace(item, mention=grouped)
