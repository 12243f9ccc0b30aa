"""Dating an act by the earlier act or dispute it led to: "The spat came after Mr Johnson took the highly
unusual step of calling on members of the public to protest …" has no time expression, but the story has
already dated the spat ("relations plunged last month after Johnson was slammed"), and the call came on or
before it.

The link is syntactic: the act sits in a clause or phrase that a definite noun naming an act
(``lexicon.ACT_NOUNS``: "the spat", "the row", "the attack", "the talks") came after, followed, came in
response to, or was triggered by ("The row followed Britain's decision to expel diplomats", "The dispute
was triggered by Russia's accusation …", "Johnson's call sparked the row"). The antecedent is the latest
event told before it that the noun can name (by CAMEO code) between at least one of the same parties, with
a date of its own, or the time the noun's own phrase gives ("the spat, which erupted last month, came
after …"); the act takes that date and precision, and a text that says "before". This holds for
verbal reactions too (CAMEO 01/02/051/12): they are kept out of story dating because, undated, they are as
of the report; here the text itself places them before a dated act.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.dates.lexicon import ACT_NOUNS
from detente.models import Event, EventDate

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Link", "act_named_after", "before", "date_before", "date_of_act", "names_an_act", "parties"]

#: Subordinators and prepositions of "came after X", "erupted following X".
_AFTER = frozenset({"after", "following"})
#: Verbs whose agent brought about their object: "was triggered by X", "X sparked the row".
_CAUSES = frozenset({"trigger", "spark", "prompt", "provoke", "cause", "ignite", "precipitate", "fuel"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: Acts that are not yet, or not really, done cannot be what a later noun names.
_NOT_DONE = frozenset({"future", "conditional", "hypothetical", "negated", "question"})


def parties(event: Event) -> frozenset[str]:
    """The two sides of an event, by country (else actor code), direction ignored."""
    return frozenset(
        actor.country or actor.code for actor in (event.source, event.target) if actor is not None
    )


@dataclass(frozen=True, slots=True)
class Link:
    """A definite act noun (``noun``: "the spat") and the phrase that came before it (``earlier``: the
    "after" clause, the object of "followed", the agent of "was triggered by")."""

    noun: Token
    earlier: Token

    def phrase(self) -> str:
        """ "the spat", as a reader would name it after "before"."""
        text = self.noun.doc[self.noun.left_edge.i : self.noun.i + 1].text
        return text[:1].lower() + text[1:] if self.noun.left_edge.lower_ in _DEFINITE else text

    def names(self, token: Token) -> bool:
        """Whether ``token`` belongs to the act noun's own phrase ("the spat, which erupted last month")
        and not to the phrase that came before it."""
        noun, earlier = self.noun, self.earlier
        inside = noun.left_edge.i <= token.i <= noun.right_edge.i
        return inside and not earlier.left_edge.i <= token.i <= earlier.right_edge.i


def act_named_after(trigger: Token) -> Link | None:
    """The definite act noun that the phrase holding ``trigger`` came before, or None.

    Walks up from the trigger to the nearest link ("after", "following", "in response to", the object of
    "follow", the agent of a passive "trigger"/"spark", the subject of an active one); the link's other
    side must be a definite noun naming an act ("the spat"), else there is nothing to date by.
    """
    current = trigger
    for _ in range(12):
        head = current.head
        if head.i == current.i:
            return None
        other = _other_side(current, head)
        if other is not None:
            return Link(other, current) if names_an_act(other) else None
        current = head
    return None


def _other_side(current: Token, head: Token) -> Token | None:
    """The noun on the later side of a link between ``current`` (the earlier side) and its head."""
    if current.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _AFTER for c in current.children):
        return _subject(head)  # "The spat came after Johnson took …"
    if current.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and head.lower_ in _AFTER:
        return _subject(head.head)  # "The row erupted after Johnson's call …"
    if current.dep_ in ("pobj", "pcomp") and head.lower_ == "to" and head.head.lower_ == "response":
        response = head.head
        if response.dep_ == "pobj" and response.head.lower_ == "in":
            return _subject(response.head.head)  # "The attack came in response to the shelling …"
    if current.dep_ == "dobj" and head.lemma_ == "follow" and not _passive(head):
        return _subject(head)  # "The row followed Britain's decision to expel diplomats"
    if current.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_ in _CAUSES:
        return _subject(head.head)  # "The dispute was triggered by Russia's accusation …"
    if current.dep_ == "nsubj" and head.lemma_ in _CAUSES and not _passive(head):
        return next((c for c in head.children if c.dep_ == "dobj"), None)  # "Johnson's call sparked the row"
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject; for a relative pronoun, the noun it stands for ("the deal, which came after …")."""
    subject = next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head
    return subject


def _passive(verb: Token) -> bool:
    return any(child.dep_ == "auxpass" for child in verb.children)


def names_an_act(noun: Token) -> bool:
    """ "the spat", "this row", "Britain's dispute with Russia"; not "a spat" (a new one, told here)."""
    if noun.lower_ not in ACT_NOUNS and noun.lemma_.lower() not in ACT_NOUNS:
        return False
    return any(
        (child.dep_ == "det" and child.lower_ in _DEFINITE) or child.dep_ == "poss" for child in noun.children
    )


def date_before(link: Link, event: Event, told: Sequence[tuple[Event, EventDate]]) -> EventDate | None:
    """The date of the latest act told before ``event`` that the link's noun can name, between at least
    one of the same parties, as "on or before" it; None when the story dated no such act."""
    match = date_of_act(link.noun, event, told)
    return None if match is None else before(link, match)


def date_of_act(noun: Token, event: Event, told: Sequence[tuple[Event, EventDate]]) -> EventDate | None:
    """The date of the latest act told before ``event`` (in an earlier sentence) that ``noun`` ("the
    talks") can name by its CAMEO code, done, between at least one of the same parties; else None."""
    codes = ACT_NOUNS.get(noun.lower_) or ACT_NOUNS.get(noun.lemma_.lower(), ())
    sides = parties(event)
    match: EventDate | None = None
    for other, when in told:
        if other.sentence_index >= event.sentence_index or when.precision == "publication":
            continue
        if _NOT_DONE & set(other.flags) or not other.cameo.startswith(codes):
            continue
        if not sides & parties(other):
            continue  # no side in common (or no sides known): nothing ties the two acts together
        match = when
    return match


def before(link: Link, when: EventDate) -> EventDate:
    """``when``, the act noun's date, as that of an act on or before it: "before the spat (last month)"."""
    reference = f" ({when.text})" if when.text else ""
    return EventDate(when.date, when.precision, f"before {link.phrase()}{reference}")
