"""Pronouns and pairs ("he", "they", "himself", "both sides"): placeholders the resolver fills in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.actors.extract import Found
from detente.models import Actor, ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
