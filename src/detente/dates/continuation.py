"""Dating an act without a date of its own by the occasion it continues.

Three ways a story goes on with an occasion it has already dated, without naming its day again:

- A sentence opened by a phrase naming the occasion — "after", "following", "at", "during" or "under" a
  definite act noun (``lexicon.ACT_NOUNS``: "After the talks, the two ministers said they had agreed …",
  "Under the deal, … Pakistan will free 180 Indian fishermen") — is set on the day of that act, when the
  story has dated it (the latest earlier act the noun can name, between at least one of the same parties;
  see ``antecedent.date_of_act``). The opener scopes over the whole sentence, not only the verb the parser
  hangs it on (fronted phrases are often misattached), but not over the noun's own phrase ("the deal,
  signed at …"). "After" dates to the same day: news uses it for what followed at once, and the day is the
  finest grain the story gives. What is to be done "under the deal" is dated by the signing: event data
  (CAMEO, ICEWS, GDELT) code the commitment made that day, not the act it promises (TimeML would give the
  promised act its own, here unknown, time); so does ``_backshifted`` for a reported "would".

- An additive adverb on the clause's verb — "also", "too", "as well", "in addition" — says that the
  same actor did one more thing on the same occasion: "India and Pakistan signed an agreement on Thursday
  … Pakistan also said it would reopen the Kartarpur corridor" (Thursday). The act takes the date of the
  nearest earlier dated act of the same actor (by country, else code) a few sentences back; with no such
  act ("China also called for restraint" after the United States' call on Tuesday) the adverb adds an
  actor, not an occasion, and the act keeps the other rules' date. "Meanwhile" and "separately" are left
  out on purpose: "meanwhile" sets an act beside another in the same period (usually a different actor's),
  and "separately" says it was another occasion, so neither ties the act to an earlier act's day.
- The same speaker's next quote restating the same act: "Mr Lavrov said Russia was ready to bury the
  hatchet if … He said: '[The Russian side] is ready to reciprocate if …'". It is one statement reported
  twice, so the act takes the date the first report got, whatever rule gave it (here the Sunday of the
  call whose readouts the story reports). Leaving the restatement at the publication date would date one
  offer twice, and the day of the statement is the better-founded of the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from detente.dates.antecedent import date_of_act, names_an_act
from detente.models import Event, EventDate, Quote

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["additive_verb", "continued_occasion", "occasion_opener", "opened_occasion", "same_statement"]

#: Adverbs that add one more act of the same actor on the same occasion ("as well", "in addition" are
#: recognised as phrases below).
_ADDITIVES = frozenset({"also", "too"})
#: How many sentences back the continued occasion may lie.
OCCASION_SENTENCES = 4
#: How many sentences may separate a quote from the same speaker's next one that restates it.
STATEMENT_SENTENCES = 2


#: Prepositions of a sentence-opening phrase that sets what follows at an occasion ("After the talks, …").
_OPENERS = frozenset({"after", "following", "at", "during", "under"})


def occasion_opener(trigger: Token) -> Token | None:
    """The definite act noun of the phrase opening the trigger's sentence ("After the talks, …" → talks),
    or None; None too when the trigger sits in that noun's own phrase ("the deal, signed at …")."""
    sentence = trigger.sent
    first = next((token for token in sentence if not token.is_punct), None)
    if first is None or first.lower_ not in _OPENERS or first.dep_ not in ("prep", "advcl", "acl"):
        return None  # "following" may parse as a verb: "Following the meeting, …"
    noun = next((child for child in first.children if child.dep_ in ("pobj", "dobj")), None)
    if noun is None or not names_an_act(noun):
        return None
    if noun.left_edge.i <= trigger.i <= noun.right_edge.i:
        return None
    return noun


def opened_occasion(noun: Token, event: Event, told: Sequence[tuple[Event, EventDate]]) -> EventDate | None:
    """The date of the act the opener names ("the talks", met on Tuesday), as the event's date, or None
    when the story dated no such act. ``told``: the events dated so far, in text order."""
    when = date_of_act(noun, event, told)
    if when is None:
        return None
    opener = noun.doc[noun.left_edge.i - 1 : noun.i + 1].text if noun.left_edge.i > 0 else noun.text
    opener = opener[:1].lower() + opener[1:]
    reference = f" ({when.text})" if when.text else ""
    return EventDate(when.date, when.precision, f"{opener}{reference}")


def additive_verb(trigger: Token) -> Token | None:
    """The verb on the trigger's line up to the sentence root that carries an additive adverb, or None.

    "Pakistan also said it would reopen the corridor": "also" hangs on "said", above the trigger "reopen".
    """
    for token in (trigger, *trigger.ancestors):
        if token.pos_ in ("VERB", "AUX") and any(_is_additive(child) for child in token.children):
            return token
    return None


def _is_additive(child: Token) -> bool:
    """ "also", "too", "as well" (not the coordinator "as well as"), "in addition" (to …)."""
    doc = child.doc
    if child.dep_ == "advmod" and child.lower_ in _ADDITIVES:
        return True
    if child.dep_ == "advmod" and child.lower_ == "well":
        after = doc[child.i + 1].lower_ if child.i + 1 < len(doc) else ""
        return child.i > 0 and doc[child.i - 1].lower_ == "as" and after != "as"
    if child.dep_ == "prep" and child.lower_ == "in":
        return any(grand.dep_ == "pobj" and grand.lower_ == "addition" for grand in child.children)
    return False


def _side(event: Event) -> str | None:
    """The acting side of an event, by country, else actor code."""
    source = event.source
    return None if source is None else source.country or source.code


def continued_occasion(
    event: Event, told: Sequence[tuple[Event, EventDate]], published: date | None
) -> EventDate | None:
    """The date of the nearest earlier dated act of the same actor, a few sentences back, or None.

    Only for an event whose clause carries an additive adverb (the caller checks, with the tense).
    ``told``: the events dated so far, in text order.
    """
    side = _side(event)
    if side is None:
        return None
    earliest = event.sentence_index - OCCASION_SENTENCES
    for other, when in reversed(told):
        if not earliest <= other.sentence_index < event.sentence_index:
            continue
        if when.precision == "publication" or _side(other) != side:
            continue
        if published is not None and when.date is not None and when.date > published:
            continue  # a date set for an act to come is not an occasion already told
        return when
    return None


def _same_speaker(first: Quote, second: Quote) -> bool:
    """By name when both quotes name their speaker, else by actor code."""
    if first.speaker is None or second.speaker is None:
        return False
    if first.speaker.name and second.speaker.name:
        return first.speaker.name == second.speaker.name
    return first.speaker.code == second.speaker.code


def same_statement(events: Sequence[Event], quotes: Sequence[Quote], when: dict[int, EventDate]) -> None:
    """An undated act in a quote that follows the same speaker's quote (no one else quoted between, at
    most ``STATEMENT_SENTENCES`` on) and restates a dated act of it — same acting side, same CAMEO root —
    takes that act's date. ``when`` maps event positions to their dates and is updated in place."""
    position = {event.event_id: k for k, event in enumerate(events)}
    ordered = sorted(quotes, key=lambda quote: quote.span[0])
    for first, second in pairwise(ordered):
        if not _same_speaker(first, second):
            continue
        if second.sentence_index - first.sentence_index > STATEMENT_SENTENCES:
            continue
        earlier = [position[i] for i in first.event_ids if i in position]
        for k in (position[i] for i in second.event_ids if i in position):
            if when[k].precision != "publication":
                continue
            event = events[k]
            match = next(
                (
                    j
                    for j in earlier
                    if when[j].precision != "publication"
                    and events[j].root == event.root
                    and _side(events[j]) == _side(event)
                ),
                None,
            )
            if match is not None:
                when[k] = when[match]
