"""Dates stage. Needs: doc, sentences, events. Adds: timexes, and a date on every event.

Finds time expressions, normalises them to TimeML values against the publication date, and dates each
event by the expression that governs it, else by the publication date (precision "publication").

Conventions (decided here, relied on by the CLI and the store):

- Extents follow TimeML: "on Sunday" is the expression "Sunday"; the event's ``EventDate.text`` keeps the
  governing preposition ("on Sunday") because that is what a reader looks for in the sentence.
- "two weeks ago" is a week ("2016-W45"), as TimeML writes it; "three years ago" is a year ("2013").
- An event dated by a week gets that week's Monday, by a month its first day, by a year 1 January, by a
  quarter or season 1 January of its year with precision "year".
- An event in the simple past without a date in its sentence takes the story's day: the last day named in
  the four sentences before it ("a phone call on Sunday. … The Foreign Secretary spoke to Lavrov."),
  unless a sentence in the present or future came between; a bare "said" keeps the report's day, and so
  does a verbal reaction (a comment, appeal, praise or rejection: "Ethiopia dismissed the warnings"). A
  past perfect or "would" reported in the past ("said forces had shelled the posts", "said Poland would
  demand reparations") is told as of the story's day. A day named in a relative clause is background
  unless the story names no other ("a truce that took effect on Saturday"). Other events without a date
  get the publication date with precision "publication".
- A clause on a time expression ("last month, when the two countries exchanged ambassadors") takes it, and
  an infinitive completing a noun ("signed an agreement on Thursday to release prisoners") the noun's date.
- Verbs conjoined without their own subject share a date ("imposed tariffs and suspended imports last
  month"); a conjunct with its own subject is a clause of its own.
- "that year", "the same day", "the following month" take the latest date mentioned before them that is
  precise enough (TimeML's reference time), else the publication date; "the year" in "sales for the year"
  is the publication's year, and "the year ended March 31" a duration.
- An act without a date of its own in a clause that a definite act noun "came after", "followed", "came in
  response to" or "was triggered by" ("The spat came after Mr Johnson took the step of calling …") takes
  the date of the latest act of that kind the story dated before, between the same parties, as "on or
  before" it (text "before the spat (last month)"); see ``dates.antecedent``. Otherwise as above.
- An act without a date of its own whose past-tense clause carries "also", "too", "as well" or "in
  addition" continues the occasion of the same actor's nearest earlier dated act ("signed an agreement on
  Thursday … Pakistan also said it would reopen the corridor": Thursday); "meanwhile" and "separately" do
  not. An act in the same speaker's next quote that restates a dated act of the previous one takes its
  date ("Lavrov said Russia was ready to bury the hatchet … He said: '… is ready to reciprocate'"); see
  ``dates.continuation``.
- An expression anchored on another event ("10 months after the unrest began") is a duration in the
  ``times`` output. The events it governs take the anchor's date shifted by the duration, at the coarser of
  the two precisions, when the anchor clause names a date ("… after the uprising began in March 2011" →
  2012-01, month); otherwise they stay undated (publication date).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from detente.config import Config
from detente.dates.antecedent import act_named_after, before, date_before, parties
from detente.dates.continuation import (
    additive_verb,
    continued_occasion,
    occasion_opener,
    opened_occasion,
    same_statement,
)
from detente.dates.lexicon import INVARIANT_PASTS
from detente.dates.normalise import Reading, Tense, event_date, resolve, resolve_anaphor
from detente.dates.recognise import Match, head_token, recognise
from detente.models import Event, EventDate, Quote, Sentence, TimeRef
from detente.nlp import text_of
from detente.pipeline import DocState
from detente.registry import register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["RuleDates", "date_events", "find_timexes", "tense_of"]

log = logging.getLogger(__name__)

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll"})
_FUTURE_FRAMES = frozenset({"plan", "expect", "schedule", "due", "set", "intend", "go"})
#: Words that make the date they govern a time to come ("payable Dec. 1", "effective Feb. 1").
_FUTURE_WORDS = frozenset(
    {"payable", "effective", "due", "deadline", "scheduled", "schedule", "slate", "expire", "expires"}
)
#: Verbs whose "until" sets a time to come: a deadline given, a postponement, an extension.
_DEADLINE_SETTERS = frozenset({"give", "extend", "postpone", "delay", "defer", "adjourn", "grant"})
#: Prepositions that close a span; the span's end may lie either side of the publication date.
_OPEN_PREPOSITIONS = frozenset({"until", "till", "through", "by", "to", "before"})
#: Where a bare past participle reports a finished event ("terms announced Friday", "ended March 31").
_PARTICIPLE_DEPS = frozenset({"acl", "advcl", "relcl", "ROOT"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
#: Prepositions that make an expression a bound of a span rather than the time of the event.
_BOUNDS = frozenset({"since", "until", "till", "by", "before", "after", "through", "between"})
#: Clauses with their own time: an expression inside one does not date an event outside it.
_OTHER_CLAUSES = frozenset({"relcl", "acl", "appos", "advcl", "ccomp", "csubj", "parataxis"})
#: Subordinators an expression can measure from ("two weeks after", "a day before").
_MEASURED_FROM = frozenset({"after", "before", "since", "until", "when"})
#: Dependencies of an expression that modifies a noun ("the 2015 nuclear deal"), not a clause.
_PREMODIFIERS = frozenset({"nummod", "compound", "amod", "poss", "nmod"})
#: Reporting verbs: their time is the report's, not the story's.
_REPORTING = frozenset({"say", "tell", "add", "state", "note", "comment", "explain", "reply", "write"})
#: CAMEO codes of verbal reactions (comment, appeal, praise, rejection): without a date of their own they
#: are reported as of the report, not of the story they react to. Signing (057) narrates the story.
REACTION_CODES = ("01", "02", "051", "12")
#: How many sentences back a past-tense event without a date of its own looks for the story's date.
STORY_SENTENCES = 4
_TEMPORAL_PREPOSITIONS = frozenset(
    {"on", "in", "at", "during", "since", "until", "till", "by", "before", "after", "from", "for", "over"}
)


@dataclass(frozen=True, slots=True)
class _Found:
    """A resolved expression with what event dating needs: its tokens, head and reading."""

    timex: TimeRef
    match: Match
    head: int
    reading: Reading


def tense_of(token: Token) -> Tense:
    """The tense of the verb governing ``token``: "past", "present" (simple), "future", or None (unknown).

    Walks up through prepositions and non-finite verbs ("was shot to death on the night of Oct. 23"). A
    date that modifies a noun ("the Jan. 14 deadline") or closes a span ("until January") takes no tense
    from the clause; an infinitive takes none either, and a modal ("could meet on Friday") looks ahead.
    """
    current = token
    loose = False  # passed a noun or a span's end: the clause's past no longer fixes the date
    for _ in range(10):
        if current.head.i == current.i:
            return None
        below, current = current, current.head
        if _sets_a_time(current, below):
            # "had been due to expire Friday", "tendered by the Tuesday deadline": a time to come as of a
            # past, on either side of today
            past = _past_perfect(current) or (current.pos_ == "NOUN" and _clause_tense(current) == "past")
            return None if past else "future"
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            tense = _verb_tense(current)
            bare = not any(child.dep_ in ("aux", "auxpass") for child in current.children)
            if tense == "nonfinite" and current.tag_ == "VBN" and current.dep_ in _PARTICIPLE_DEPS and bare:
                tense = "past"  # "the deal, announced Friday", "shares issued July 1": done before now
            if tense == "nonfinite":
                continue
            if loose and tense in ("past", "present"):
                return None
            return tense  # type: ignore[return-value]
        if current.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or (
            current.pos_ == "ADP" and current.lower_ in _OPEN_PREPOSITIONS
        ):
            loose = True
    return None


def _sets_a_time(word: Token, below: Token) -> bool:
    """Whether ``word`` makes the date below it a time to come: "payable Dec. 1", "a summit set for
    April", "has set Nov. 10 as the deadline", "planned for early March" (a plan made on a day is not)."""
    lemma = word.lemma_.lower()
    if lemma in _FUTURE_WORDS:
        return True
    if below.lower_ in ("until", "till") and lemma in _DEADLINE_SETTERS:
        return True  # "has given them until 9 a.m. Tuesday", "postponed the hearing until Tuesday"
    if lemma not in ("set", "plan") or word.pos_ != "VERB":
        return False
    if below.lower_ == "for":
        return lemma == "set" or word.dep_ != "acl"  # "a service planned for Saturday" may be over
    # "has set Nov. 10 as the deadline"; a simple past "set Friday as the deadline" may be over
    finite = any(child.dep_ == "aux" and child.lemma_ in ("have", "will") for child in word.children)
    return lemma == "set" and finite and not any(child.dep_ == "prt" for child in word.children)


def _clause_tense(word: Token) -> Tense | str:
    """The tense of the nearest finite verb above ``word`` ("completed it, with holders tendering …")."""
    verbs = (token for token in word.ancestors if token.pos_ in ("VERB", "AUX") and token.dep_ != "aux")
    return next((tense for tense in map(_verb_tense, verbs) if tense != "nonfinite"), None)


def _past_perfect(word: Token) -> bool:
    """Whether the clause of ``word`` is in the past perfect ("had been due to expire", "had been
    scheduled to expire"), walking up through the complements it completes."""
    current = word
    for _ in range(4):
        if any(
            child.dep_ in ("aux", "auxpass") and child.lower_ in ("had", "'d") for child in current.children
        ):
            return True
        if current.dep_ not in ("xcomp", "acomp") or current.head.i == current.i:
            return False
        current = current.head
    return False


def _verb_tense(verb: Token) -> Tense | str:
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_FRAMES:
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP"):
        return "future"  # "is to resume trading Tuesday": an arrangement to come
    if verb.tag_ in ("VB", "VBN") and any(aux.tag_ == "TO" for aux in auxes):
        return None  # "to meet", "to be published": an infinitive has no time of its own
    if "could" in words and any(child.dep_ == "neg" for child in verb.children):
        return "past"  # "could not be reached for comment Wednesday": what was tried and failed
    if any(aux.tag_ == "MD" for aux in auxes):
        return None if "have" in {aux.lemma_ for aux in auxes} else "future"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxes):
        return "past"
    if verb.tag_ == "VBG" and any(aux.lemma_ == "be" and aux.tag_ in ("VBZ", "VBP") for aux in auxes):
        return "future"
    if verb.tag_ == "VBP" and not auxes and verb.lower_ in INVARIANT_PASTS and _singular_subject(verb):
        return "past"  # "Weakness hurt the index": "hurt", "cut", "set" are past forms after a singular noun
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return "present"
    if verb.tag_ in ("VBZ", "VBP") or any(aux.tag_ in ("VBZ", "VBP") for aux in auxes):
        return None
    return "nonfinite"


def _singular_subject(verb: Token) -> bool:
    """Whether the verb's subject is a singular noun, with which a present verb would end in -s."""
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ not in ("NN", "NNP"):
        return False
    return not any(child.dep_ == "conj" for child in subject.children)  # "Britain and France meet"


def _sentence_index(sentences: Sequence[Sentence], starts: list[int], char: int) -> int:
    position = bisect.bisect_right(starts, char) - 1
    if position < 0:
        return -1
    return sentences[position].index


def _find(doc: Doc, published: date | None, sentences: Sequence[Sentence]) -> list[_Found]:
    starts = [sentence.start for sentence in sentences]
    found: list[_Found] = []
    references: list[str] = []  # calendar values mentioned so far: the story's reference times
    quarters: list[str] = []  # quarters the story reports: "the quarter", "a year earlier" refer to them
    for match in recognise(doc):
        head = head_token(doc, match)
        tense = (
            tense_of(head)
            if match.reading.kind in ("date", "weekday", "holiday", "weekend", "season", "quarter")
            else None
        )
        if match.reading.kind == "anaphor":
            value = resolve_anaphor(
                match.reading, published, quarters if match.reading.unit == "quarter" else references
            )
            resolved = None if value is None else ("DATE", value)
        else:
            resolved = resolve(match.reading, published, tense)
        if resolved is None:
            log.debug("unresolved time expression %r", doc[match.start : match.end].text)
            continue
        kind, value = resolved
        start = doc[match.start].idx
        end = doc[match.end - 1].idx + len(doc[match.end - 1])
        timex = TimeRef(
            text=doc[match.start : match.end].text,  # doc.text[start:end], without rebuilding doc.text
            span=(start, end),
            type=kind,
            value=value,
            sentence_index=_sentence_index(sentences, starts, start),
        )
        found.append(_Found(timex, match, _attachment(head).i, match.reading))
        if match.reading.kind == "quarter" and (not quarters or _reported(value, tense, published)):
            quarters.append(value)  # the lead's quarter, then any later one the story reports as ended
        reported_quarter = match.reading.kind == "anaphor" and match.reading.unit == "quarter"
        if kind in ("DATE", "TIME") and event_date(value) is not None and not reported_quarter:
            references.append(value)  # a reported quarter refers back; it does not name a new time
    return found


def _reported(quarter: str, tense: Tense, published: date | None) -> bool:
    """Whether a quarter named after the lead's is one the story reports on: ended before the
    publication's quarter and not told as to come ("a charge in the fourth quarter" is an outlook)."""
    if tense == "future" or published is None:
        return tense != "future"
    return (int(quarter[:4]), int(quarter[-1])) < (published.year, (published.month - 1) // 3 + 1)


def _attachment(head: Token) -> Token:
    """Where the expression attaches for dating. "last month after Johnson was slammed" and "10 months after
    the unrest began" measure from a subordinate clause, which the parser makes their head; they date the
    clause that clause modifies."""
    verb = head.head
    measured = any(child.dep_ == "mark" and child.lower_ in _MEASURED_FROM for child in verb.children)
    if head.dep_ == "npadvmod" and verb.dep_ == "advcl" and measured:
        return verb.head
    return head


def find_timexes(doc: Doc, published: date | None) -> list[TimeRef]:
    """The time expressions of a parsed Doc, normalised against ``published``; offsets index ``doc.text``.

    Relative expressions ("last week") are left out when there is no publication date to anchor them.
    """
    from detente import nlp as nlp_stage

    return [item.timex for item in _find(doc, published, nlp_stage.sentences(doc))]


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.trigger_span[0], event.trigger_span[1], alignment_mode="expand")
    if span is not None and len(span) > 0:
        return span.root
    return None


def _ancestors(token: Token) -> list[Token]:
    return [token, *token.ancestors]


def _rank(doc: Doc, trigger: Token, item: _Found) -> tuple[int, int]:
    """(tier, distance): how directly the expression governs the trigger; lower is closer.

    0: inside the trigger's phrase; 1: below the trigger but across a clause; 2: attached to a verb whose
    clause contains the trigger; 3: elsewhere in the sentence.
    """
    head = doc[item.head]
    chain = _ancestors(head)
    if trigger in chain:
        steps = chain.index(trigger)
        crossed = any(_own_clause(token) for token in chain[:steps])
        return (1 if crossed else 0), steps
    attached = next((token for token in chain if token.pos_ in ("VERB", "AUX")), None)
    if attached is not None and attached in _ancestors(trigger):
        return 2, _ancestors(trigger).index(attached)
    return 3, abs(item.head - trigger.i)


def _own_clause(token: Token) -> bool:
    """Whether ``token`` opens a clause with its own time; a verb conjoined without its own subject shares
    its partner's ("Beijing imposed tariffs and suspended imports last month": both last month)."""
    if token.dep_ == "conj":
        return any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children)
    return token.dep_ in _CLAUSE_DEPS


def _dated(doc: Doc, item: _Found) -> EventDate:
    day, precision = event_date(item.timex.value) or (None, "publication")
    return EventDate(day, precision, _surface(doc, item))  # type: ignore[arg-type]


_PRECISION_ORDER = ("day", "week", "month", "year")
_UNIT_PRECISION = {"D": "day", "W": "week", "M": "month", "Y": "year"}
_DURATION = re.compile(r"^P(\d+)([DWMY])$")


def _anchored(doc: Doc, item: _Found, found: list[_Found]) -> EventDate | None:
    """ "10 months after the unrest began in March 2011": the anchor's date shifted by the duration, at the
    coarser of the two precisions; None when the anchor clause names no date of its own."""
    measure = _DURATION.match(item.timex.value)
    if measure is None or item.match.end >= len(doc):
        return None
    link = doc[item.match.end]
    sign = {"after": 1, "later": 1, "before": -1, "earlier": -1}.get(link.lower_)
    if sign is None:
        return None
    # "after the unrest" (a preposition with its object) or "after the unrest began" (the clause it marks)
    clause = link.head if link.dep_ == "mark" else link
    scope = {token.i for token in clause.subtree} if link.lower_ in ("after", "before") else set()
    anchors = [
        other
        for other in found
        if other is not item
        and not other.reading.anchored
        and (other.head in scope or (not scope and other.timex.sentence_index == item.timex.sentence_index))
        and event_date(other.timex.value)
    ]
    if not anchors:
        return None
    anchor = anchors[0]
    start, precision = event_date(anchor.timex.value)  # type: ignore[misc]
    count, unit = int(measure.group(1)) * sign, measure.group(2)
    if unit == "Y":
        shifted = start.replace(year=start.year + count, day=min(start.day, 28))
    elif unit == "M":
        months = start.year * 12 + start.month - 1 + count
        shifted = date(months // 12, months % 12 + 1, min(start.day, 28))
    else:
        shifted = start + timedelta(days=count * (7 if unit == "W" else 1))
    coarse = max(precision, _UNIT_PRECISION[unit], key=_PRECISION_ORDER.index)
    if coarse == "year":
        shifted = date(shifted.year, 1, 1)
    elif coarse == "month":
        shifted = date(shifted.year, shifted.month, 1)
    elif coarse == "week":
        shifted = shifted - timedelta(days=shifted.weekday())
    end_char = max(item.timex.span[1], anchor.timex.span[1]) if scope else link.idx + len(link)
    text = text_of(doc)[
        doc[item.match.start].idx : end_char
    ]  # "10 months after … March 2011", "3 days later"
    return EventDate(shifted, coarse, text)  # type: ignore[arg-type]


def _content_of_noun(clause: Token) -> bool:
    """An infinitive that completes a noun ("an agreement to release prisoners", "a call to stop"): what
    was agreed or asked, stated when the noun's act was done, not a description with its own time."""
    marked = any(child.tag_ == "TO" for child in clause.children)
    return clause.dep_ == "acl" and clause.tag_ == "VB" and marked


def _describes_time(clause: Token, item: _Found) -> bool:
    """Whether a relative clause tells the time expression itself ("in May, when talks collapsed"); the
    parser often hangs a "when" clause on the noun the time modifies instead."""
    if item.match.start <= clause.head.i < item.match.end:
        return True
    relative_when = any(child.lower_ == "when" for child in clause.children if child.i < clause.i)
    head = clause.doc[item.head]
    return relative_when and head.head.i == clause.head.i and head.i < clause.i


def _is_bound(head: Token) -> bool:
    """Whether the expression is a bound of a span ("since 1994", "by 2015") rather than a time."""
    return head.dep_ == "pobj" and head.head.lower_ in _BOUNDS


def _may_govern(doc: Doc, trigger: Token, item: _Found, published: date | None) -> bool:
    """False for an expression that does not give the event's date: one that bounds a span ("since 1994",
    "by 2015"); one inside a relative clause or apposition that does not contain the trigger ("Trump, who
    takes office in January, has stated …"); one in a clause below the trigger ("said the talks ended on
    Friday" dates the talks, not the saying); or a date to come for a past-tense event."""
    head = doc[item.head]
    if _is_bound(head) and not item.reading.anchored:
        return False
    trigger_line = _ancestors(trigger)
    for token in _ancestors(head):
        if token in trigger_line:
            break
        if token.dep_ in _OTHER_CLAUSES:
            return False
    for token in trigger_line:
        if token in _ancestors(head):
            break
        if token.dep_ in ("relcl", "acl", "appos") and _describes_time(token, item):
            break  # "last month, when the two countries exchanged ambassadors": the clause is that time
        if _content_of_noun(token):
            continue  # "signed an agreement on Thursday to release prisoners": the deal's content
        if token.dep_ in ("relcl", "acl", "appos"):
            return False  # the trigger describes a noun of a clause the expression dates
    if _rank(doc, trigger, item)[0] == 1:
        return False
    dated = event_date(item.timex.value)
    if dated is not None and published is not None and dated[0] > published:
        tense = _verb_tense(trigger) if trigger.pos_ in ("VERB", "AUX") else tense_of(trigger)
        return tense != "past"
    return True


@dataclass(slots=True)
class _Story:
    """What dating the events of one document carries from sentence to sentence."""

    reach: dict[int, int]  # expression head → last sentence it dated as the story's time
    breaks: frozenset[int]  # sentences told in the present or future, which end a story
    quoted: tuple[tuple[int, int], ...] = ()  # direct quotes: a speaker recounting the story

    def in_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)


def _breaks(doc: Doc, sentences: Sequence[Sentence]) -> frozenset[int]:
    """Sentences whose main verb is in the present or future tense (the present perfect still narrates)."""
    result = set()
    for sentence in sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or span.root.pos_ not in ("VERB", "AUX"):
            continue
        root = span.root
        if any(child.dep_ == "aux" and child.lemma_ == "have" for child in root.children):
            continue
        if _verb_tense(root) in ("present", "future"):
            result.add(sentence.index)
    return frozenset(result)


def _date_one(
    doc: Doc,
    event: Event,
    found: list[_Found],
    published: date | None,
    story: _Story,
    told: Sequence[tuple[Event, EventDate]],
) -> EventDate:
    """The governing expression in the event's sentence; else the date of a dated act it came before
    ("the spat came after …"); else that of the occasion its sentence opens with ("After the talks, …")
    or continues ("also"); else the story's time for a past-tense report. ``told``: the events
    dated so far, in text order."""
    trigger = _trigger_token(doc, event)
    if trigger is None:
        return EventDate(published, "publication", None)
    here = [item for item in found if item.timex.sentence_index == event.sentence_index]
    usable = [
        item
        for item in here
        if (item.reading.anchored or event_date(item.timex.value))
        and _may_govern(doc, trigger, item, published)
    ]
    if usable:
        best = min(usable, key=lambda item: _rank(doc, trigger, item))
        if best.reading.anchored:
            return _anchored(doc, best, found) or EventDate(published, "publication", None)
        return _dated(doc, best)
    link = act_named_after(trigger)
    if link is not None:
        # the act noun's own clause ("the spat, which erupted last month"); a label ("this week's
        # summit") names the noun, and dates the act only as the rules above allow
        named = [
            item
            for item in here
            if event_date(item.timex.value)
            and link.names(doc[item.head])
            and doc[item.head].dep_ not in _PREMODIFIERS
        ]
        linked = before(link, _dated(doc, named[0])) if named else date_before(link, event, told)
        if linked is not None:
            return linked
    opener = occasion_opener(trigger)
    opened = opened_occasion(opener, event, told) if opener is not None else None
    if opened is not None:
        return opened
    occasion = _continued(event, trigger, published, told)
    if occasion is not None:
        return occasion
    story_day = _story_time(event, trigger, found, published, story)
    if story_day is not None:
        story.reach[story_day.head] = event.sentence_index
        return _dated(doc, story_day)
    return EventDate(published, "publication", None)


def _continued(
    event: Event, trigger: Token, published: date | None, told: Sequence[tuple[Event, EventDate]]
) -> EventDate | None:
    """ "Pakistan also said it would reopen …": one more act of an actor on an occasion told before, when
    the clause carrying the additive adverb is in the past (see ``dates.continuation``)."""
    verb = additive_verb(trigger)
    if verb is None:
        return None
    top = [token for token in _ancestors(verb) if token.pos_ in ("VERB", "AUX")][-1]
    if _verb_tense(top) != "past":
        return None  # "China also calls for restraint": as of the report
    return continued_occasion(event, told, published)


def _story_time(
    event: Event, trigger: Token, found: list[_Found], published: date | None, story: _Story
) -> _Found | None:
    """The last dated expression in the few sentences before a past-tense event that has none of its own.

    News tells a past event once with its date and goes on in the past tense without repeating it ("a phone
    call on Sunday … The Foreign Secretary spoke to Lavrov"); present and future clauses are not the story.
    The story goes on while sentences narrate in the past (or present perfect); one in the present or
    future ("This week's summit follows …") ends it.
    """
    verb = next((token for token in _ancestors(trigger) if token.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    doc = trigger.doc
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    simple_past = verb.tag_ == "VBD" or any(aux.tag_ == "VBD" and aux.lemma_ == "be" for aux in auxes)
    if not simple_past and not _backshifted(verb, auxes):
        return None  # only the simple past narrates: "has stated" is now, "had ruled out" before the story
    if verb.lemma_.lower() in _REPORTING:
        return None  # a bare "said" in news is the day of the report, not the day of the story
    if event.cameo.startswith(REACTION_CODES) and not story.in_quote(event.trigger_span[0]):
        # "Ethiopia dismissed the warnings", "China also called for restraint": as of the report; but a
        # spokesman recounting a call ("He … urged Russia to use its influence") narrates the story.
        return None
    days = [item for item in _story_window(event, found, story) if _past_day(item, published)]
    told = next((item for item in days if not _aside(doc[item.head], relative=True)), None)
    # A relative clause is background ("two men who were arrested on Wednesday") unless nothing else in
    # the story names a day ("agreed to a ceasefire that took effect on Saturday").
    return told or next((item for item in days if not _aside(doc[item.head], relative=False)), None)


def _story_window(event: Event, found: list[_Found], story: _Story) -> list[_Found]:
    """The expressions before the event, latest first, back to a break or the edge of the story."""
    last_break = max((index for index in story.breaks if index <= event.sentence_index), default=-1)
    earliest = event.sentence_index - STORY_SENTENCES
    window: list[_Found] = []
    for item in reversed(found):
        index = item.timex.sentence_index
        if index >= event.sentence_index or item.reading.anchored:
            continue
        if index < earliest and story.reach.get(item.head, -1) < event.sentence_index - 1:
            break
        if index < last_break:
            break
        window.append(item)
    return window


def _past_day(item: _Found, published: date | None) -> bool:
    """Only a day can be the story's time: "last month" or "in 2015" is too wide; and not one to come."""
    dated = event_date(item.timex.value)
    return dated is not None and dated[1] == "day" and (published is None or dated[0] <= published)


def _aside(head: Token, relative: bool) -> bool:
    """Whether an expression is beside the story: a bound, a noun's modifier, in an apposition or reduced
    clause, and (``relative``) in a relative clause."""
    clauses = ("relcl", "acl", "appos") if relative else ("acl", "appos")
    if _is_bound(head) or head.dep_ in _PREMODIFIERS:
        return True
    return any(token.dep_ in clauses for token in _ancestors(head))


def _backshifted(verb: Token, auxes: list[Token]) -> bool:
    """A past perfect or a "would" reported in the past ("said forces had shelled the posts", "said Poland
    would demand reparations"): indirect speech shifts the tenses back, so the clause is told as of the
    story's day, and an intention is dated by the day it was stated (CAMEO codes the statement)."""
    words = {aux.lower_ for aux in auxes}
    perfect = (verb.tag_ == "VBN" and "had" in words) or (verb.tag_ == "VB" and "would" in words)
    head = verb.head
    reported = verb.dep_ == "ccomp" and head.lemma_.lower() in _REPORTING and head.tag_ == "VBD"
    return perfect and reported


def _surface(doc: Doc, item: _Found) -> str:
    """The expression as a reader finds it in the sentence, with its preposition ("on Sunday")."""
    before = item.match.start - 1
    if before >= 0 and doc[before].lower_ in _TEMPORAL_PREPOSITIONS and doc[item.head].head.i == before:
        return doc[before : item.match.end].text
    return item.timex.text


def date_events(
    doc: Doc,
    events: Sequence[Event],
    published: date | None,
    sentences: Sequence[Sentence],
    quoted: Sequence[tuple[int, int]] = (),
    quotes: Sequence[Quote] = (),
) -> tuple[list[TimeRef], list[Event]]:
    """The document's time expressions, and each event with ``when`` set from the one governing it.

    ``quoted`` are the spans of direct quotes, inside which past-tense reactions narrate the story;
    ``quotes`` (with their speakers and events) let a speaker's restatement take the first report's date."""
    found = _find(doc, published, sentences)
    story = _Story({}, _breaks(doc, sentences), tuple(quoted))
    order = sorted(range(len(events)), key=lambda k: (events[k].sentence_index, events[k].trigger_span))
    when: dict[int, EventDate] = {}
    told: list[tuple[Event, EventDate]] = []
    for k in order:
        when[k] = _date_one(doc, events[k], found, published, story, told)
        told.append((events[k], when[k]))
    _same_act_same_day(events, order, when)
    same_statement(events, quotes, when)
    dated = [replace(event, when=when[k]) for k, event in enumerate(events)]
    return [item.timex for item in found], dated


def _same_act_same_day(events: Sequence[Event], order: list[int], when: dict[int, EventDate]) -> None:
    """An undated act that repeats an earlier dated one — same two parties, same kind of act (CAMEO
    root) — is the same event told again, and takes its date: "relations plunged last month after Johnson
    was slammed … Johnson was later chastised, with Konashenkov slamming the comments". Future, conditional
    and hypothetical acts are not told again, they are new; verbal reactions (``REACTION_CODES``) are as of
    the report, as in story dating."""
    told: dict[tuple[frozenset[str], str], EventDate] = {}
    for k in order:
        event = events[k]
        sides = parties(event)
        if len(sides) != 2:
            continue
        key = (sides, event.root)
        if when[k].precision != "publication":
            told.setdefault(key, when[k])
        elif (
            key in told
            and not event.cameo.startswith(REACTION_CODES)
            and not {"future", "conditional", "hypothetical"} & set(event.flags)
        ):
            when[k] = told[key]


class RuleDates:
    """Rule-based time expressions (TimeML values) and event dating by the dependency parse.

    Also reads ``quotes`` when a quotes stage ran before it (optional: without one, no span is quoted)."""

    name: str = "dates.rules.v1"
    requires: tuple[str, ...] = ("doc", "sentences", "events")
    assigns: tuple[str, ...] = ("timexes", "events")

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, state: DocState) -> None:
        quoted = [quote.span for quote in state.quotes if quote.direct]
        timexes, events = date_events(
            state.doc, state.events, state.article.published, state.sentences, quoted, state.quotes
        )
        state.timexes = timexes
        state.events = events


@register("dates.rules.v1")
def make_rule_dates(config: Config) -> RuleDates:
    return RuleDates(config)
