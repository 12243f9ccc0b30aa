"""The earlier actor a pronoun stands for, searched among a document's actor mentions.

The actors stage resolves pronouns as it finds them (``resolve``); this search is for what it leaves open
and for mentions fixed by hand without it (benchmarks with dictionary actors): the events stage asks it
for an object pronoun no one resolved ("accusing him") and for an unresolved subject pronoun.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.actors.lexicon import party_key
from detente.models import Actor, ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Pronouns that stand for a person or office, never a place or a state.
PERSON_PRONOUNS = frozenset({"him", "her", "he", "she"})
#: Mention kinds that name a place or a state, not a person "him" or "her" could stand for.
PLACE_KINDS = frozenset({"country", "demonym", "metonym", "group"})
#: Dependency labels of a clause subject, active or passive (clausal ones included).
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "nsubjpass", "csubjpass"})


def party_antecedent(
    mentions: Sequence[ActorMention], pronoun: Token, excluded: set[str], window: int = 600
) -> list[Actor]:
    """The earlier actor of another party a pronoun stands for: "Merkel met Putin. She urged him" — him
    is Putin, never a party in ``excluded`` (the source's own side). Among the candidates within
    ``window`` characters, the nearest that was a clause subject (the centre of attention: "Elrond urged
    Bree to chill out and Gondor asked him" → Elrond), else the nearest. ``mentions`` are sorted by span."""
    person = pronoun.lower_ in PERSON_PRONOUNS
    position = bisect.bisect_left([mention.span[0] for mention in mentions], pronoun.idx)
    nearest: Actor | None = None
    for mention in reversed(mentions[:position]):
        if mention.span[0] < pronoun.idx - window:
            break
        if mention.kind == "pronoun" or not mention.actor.code:
            continue
        key = party_key(mention.actor)  # a bare sector ("the general staff": MIL) says nothing of whom
        if key is None or key in excluded or (person and not personal(mention, pronoun.doc)):
            continue
        if _subject(mention, pronoun.doc):
            return [mention.actor]
        nearest = nearest or mention.actor
    return [nearest] if nearest is not None else []


def personal(mention: ActorMention, doc: Doc) -> bool:
    """Whether "him" or "her" can stand for the mention: a person or office, not a place or a state."""
    span = doc.char_span(mention.span[0], mention.span[1], alignment_mode="expand")
    place = span is not None and span.root.ent_type_ in {"GPE", "LOC", "NORP", "FAC"}
    return mention.kind not in PLACE_KINDS and not place


def _subject(mention: ActorMention, doc: Doc) -> bool:
    span = doc.char_span(mention.span[0], mention.span[1], alignment_mode="expand")
    return span is not None and span.root.dep_ in SUBJECT_DEPS
