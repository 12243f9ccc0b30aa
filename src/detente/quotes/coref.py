"""Who a speaking "he" or "she" is: the nearest earlier person the narration makes a subject.

A light coreference rule of our own on the parse (no coreference model: those download weights at run
time). Journalistic text introduces a speaker as the subject of a clause and then refers back to them with
a pronoun ("A senior OPEC delegate told Reuters … "…," he said."); the nearest person-denoting subject
outside quoted words, in the pronoun's sentence or the few before it, is that speaker. An antecedent we
cannot code ("a senior analyst at the bank") still counts: the pronoun then has no code rather than the
code of a person further back. The speakers stage asks only about pronouns the actors stage left
unresolved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.nlp import text_of
from detente.quotes.marks import find_quoted

if TYPE_CHECKING:
    from spacy.tokens import Token

#: How many sentences before the pronoun's own the antecedent may lie in.
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

_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
_GENDERED = {"he": "she", "she": "he"}
_NOT_PERSONS = frozenset(("GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME", "PRODUCT", "EVENT"))


def antecedent(pronoun: Token) -> Token | None:
    """The subject a speaking "he"/"she" refers back to, or None when it is not such a pronoun or no
    person subject comes before it."""
    if pronoun.lower_ not in _GENDERED:
        return None
    doc = pronoun.doc
    first = pronoun.sent.start
    for _ in range(SENTENCES_BACK):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    quoted = [(q.outer_start, q.outer_end) for q in find_quoted(text_of(doc))]
    for token in reversed(doc[first : pronoun.i]):
        if token.dep_ not in _SUBJECTS or any(a <= token.idx < b for a, b in quoted):
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
