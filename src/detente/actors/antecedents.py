"""What a pronoun the actors stage left open stands for: the one home of the searches other stages call.

The actors stage resolves pronouns as it finds them (``resolve``); these searches are for what it leaves
open and for mentions fixed by hand without it (benchmarks with dictionary actors):

* ``party_antecedent`` (events): the earlier coded actor of another party an object pronoun ("accusing
  him") or an unresolved subject pronoun stands for, among the document's mentions;
* ``person_subject`` (quotes): the earlier person a speaking "he"/"she" refers back to, as a token, so
  that a person we cannot code ("a senior analyst at the bank") still counts and blocks one further back.

They differ on purpose (tests pin both): a party must be coded and may be an object, a speaker must be a
person subject and may be uncoded.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.actors.lexicon import party_key
from detente.actors.pronouns import PERSON_PRONOUNS
from detente.models import Actor, ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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


#: How many sentences before the pronoun's own a speaker's antecedent may lie in.
SENTENCES_BACK = 3

#: Nouns that denote a person who may speak (lemmas).
PERSON_NOUNS = frozenset(
    (
        "spokesman", "spokeswoman", "spokesperson", "minister", "official", "analyst", "delegate",
        "diplomat", "president", "secretary", "adviser", "advisor", "ambassador", "envoy", "leader", "chief",
        "executive", "director", "commander", "general", "officer", "lawmaker", "senator", "governor",
        "mayor", "expert", "economist", "trader", "dealer", "negotiator", "lawyer", "attorney", "prosecutor",
        "judge", "witness", "resident", "chairman", "chairwoman", "premier", "chancellor", "king", "queen",
        "prince", "candidate", "activist", "researcher", "professor", "strategist", "manager", "man", "woman",
        "source", "representative", "colonel", "captain", "sergeant", "priest", "cleric", "villager",
        "shopkeeper", "farmer", "student", "doctor", "nurse", "worker", "founder", "owner", "journalist",
        "reporter", "editor", "author", "writer", "economist", "banker", "investor", "consultant",
    )
)  # fmt: skip

_PERSON_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
_GENDERED = {"he": "she", "she": "he"}
#: The pronouns ``person_subject`` answers for.
SPEAKER_PRONOUNS = frozenset(_GENDERED)
_NOT_PERSONS = frozenset(("GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME", "PRODUCT", "EVENT"))


def person_subject(pronoun: Token, quoted: Sequence[tuple[int, int]]) -> Token | None:
    """The subject a speaking "he"/"she" refers back to: the nearest earlier person subject outside the
    ``quoted`` character spans, in its sentence or the few before ("A senior OPEC delegate told Reuters …
    "…," he said."); None when it is not such a pronoun or no person subject comes before it."""
    if pronoun.lower_ not in _GENDERED:
        return None
    doc = pronoun.doc
    first = pronoun.sent.start
    for _ in range(SENTENCES_BACK):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for token in reversed(doc[first : pronoun.i]):
        if token.dep_ not in _PERSON_SUBJECTS or any(a <= token.idx < b for a, b in quoted):
            continue
        if _is_person(token, _GENDERED[pronoun.lower_]):
            return token
    return None


def _is_person(token: Token, other_gender: str) -> bool:
    if token.pos_ == "PRON":
        return token.lower_ in _GENDERED and token.lower_ != other_gender
    if token.ent_type_ == "PERSON":
        return True
    if token.pos_ == "NOUN" and token.tag_ == "NN":  # one person, not "officials"
        return token.lemma_.lower() in PERSON_NOUNS
    return token.pos_ == "PROPN" and token.ent_type_ not in _NOT_PERSONS
