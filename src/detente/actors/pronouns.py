"""Pronouns and pairs ("he", "they", "himself", "both sides", "it"): placeholders the resolver fills in.

"it" and "its" stand for a state or a body only where the parse names the antecedent: the nearest
singular subject of a clause that governs it ("Pakistan said it would reopen", "diplomats it accused of
spying" → Norway, "Armenia said Azerbaijani troops attacked its positions" → Armenia), else, for a main
clause, the main subject of the sentence before ("China's embassy said ... . It accused").
That subject must be an actor the resolver knows, or the "it" stays unresolved: most "it"s are things.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from detente.actors.extract import Found
from detente.models import Actor, ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
REFLEXIVES = {"himself": "he", "herself": "she", "themselves": "they"}
#: Verbs whose subject "it" is mostly no actor ("it seems", "it takes time", "it rained").
IMPERSONAL = frozenset(
    {
        *("be", "seem", "appear", "happen", "take", "rain", "snow", "mean", "matter", "remain", "become"),
        *("look", "sound", "turn", "cost", "get", "go", "come", "work", "last", "begin", "start", "end"),
        *("follow", "emerge", "make", "give", "leave", "run", "fall", "rise", "hit"),
    }
)
_QUOTES = frozenset({'"', "“", "”"})
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
        if (lower == "it" and token.dep_ == "nsubj") or (lower == "its" and token.dep_ == "poss"):
            antecedent = it_antecedent(token, covered) if token.i not in covered else None
            if antecedent is not None:
                found.append(_placeholder(token, token, sentence_of, pronoun="it", binder=antecedent.idx))
            continue
        if (
            token.tag_ == "PRP"
            and (lower in PERSON_PRONOUNS or lower in PLURAL_PRONOUNS)
            and token.i not in covered
        ):
            if lower == "her" and token.dep_ == "poss":
                continue
            speakers = _plural_subject(token, covered) if lower == "they" and token.dep_ == "nsubj" else None
            binder = speakers.idx if speakers is not None else None
            item = _placeholder(token, token, sentence_of, pronoun=lower, binder=binder)
            if lower in OBJECT_PRONOUNS:
                item = replace(item, disjoint=tuple(subject.idx for subject in co_arguments(token)))
            found.append(item)
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


def it_antecedent(token: Token, covered: set[int] | None = None) -> Token | None:
    """The subject an "it" subject stands for, if the parse gives one: the subject of the nearest clause
    that governs its own ("Pakistan said it would", "the diplomats it accused"), else, from a main
    clause, the main subject of the sentence before. None for impersonal verbs and quoted words."""
    verb = token.head
    if token.dep_ == "poss":  # "its": the clause its noun is in
        verb = next((up for up in token.ancestors if up.pos_ in ("VERB", "AUX")), verb)
    elif verb.lemma_.lower() in IMPERSONAL:
        return None
    if verb.pos_ not in ("VERB", "AUX") or _in_quotes(token):
        return None
    if any(child.dep_ in ("ccomp", "xcomp") and child.i > verb.i for child in verb.children) and any(
        child.lemma_.lower() == "be" for child in verb.children
    ):
        return None  # "it was said that", "it is likely to"
    for clause in (verb, *verb.ancestors) if token.dep_ == "poss" else verb.ancestors:
        subject = next((child for child in clause.children if child.dep_ == "nsubj"), None)
        if subject is None or subject.i > token.i or subject.i == token.i:
            continue
        if subject.tag_ in ("NNS", "NNPS") or any(child.dep_ == "conj" for child in subject.children):
            continue  # "it" is never a plural: the clause above may hold what it stands for
        return _named(subject, covered)
    if verb.dep_ != "ROOT" or token.sent.start == 0:
        return None
    before = token.doc[token.sent.start - 1].sent
    if "\n\n" in token.doc[before.end - 1 : token.sent.start + 1].text_with_ws:
        return None  # a new paragraph starts a new topic
    return next(
        (child for child in before.root.children if child.dep_ == "nsubj" and not _in_quotes(child)),
        None,
    )


def co_arguments(token: Token) -> list[Token]:
    """The subjects an object pronoun cannot stand for (binding: "She urged him" — him is not her): the
    subject of its own clause, or of the clause that controls a subjectless one ("met Putin and urged
    him", "imposed sanctions, accusing them"), with their conjuncts."""
    if token.dep_ not in ("dobj", "dative", "pobj"):
        return []
    verb = token.head.head if token.dep_ == "pobj" else token.head
    while verb.pos_ in ("VERB", "AUX"):
        subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return [member for subject in subjects for member in (subject, *subject.conjuncts)]
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return []
        verb = verb.head
    return []


def _plural_subject(token: Token, covered: set[int]) -> Token | None:
    """The plural subject of the clause a "they" clause is governed by: "the two ministers said they had
    agreed" → the ministers, "Iran and Iraq said they would" → Iran (and its conjuncts)."""
    for clause in token.head.ancestors:
        subject = next((child for child in clause.children if child.dep_ == "nsubj"), None)
        if subject is None or subject.i > token.i:
            continue
        plural = subject.tag_ in ("NNS", "NNPS") or subject.lower_ == "they"
        if plural or any(child.dep_ == "conj" for child in subject.children):
            return _named(subject, covered)
        return None
    return None


def _named(subject: Token, covered: set[int] | None) -> Token:
    """The subject, or the actor in apposition to a subject that names none ("OSLO — Norway expelled")."""
    if covered is None or subject.i in covered:
        return subject
    return next(
        (child for child in subject.children if child.dep_ == "appos" and child.i in covered), subject
    )


def _in_quotes(token: Token) -> bool:
    """Is the token between quotation marks within its sentence?"""
    return sum(1 for other in token.sent if other.i < token.i and other.text in _QUOTES) % 2 == 1


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
