"""Document-context states: a country for a person, role or office whose own words name none.

News names a state once and lets context carry it ("Pakistan's foreign office rejected the accusation.
'…,' spokeswoman Ayesha Qureshi said"). Cues are tried from strongest to weakest; the first that points at
exactly one state wins, and a cue that points at two states gives none (the next cue is tried):

1. ``phrase``: the mention's own phrase: "its spokeswoman" (the body "its" stands for, nearby), "a
   spokesman for India's foreign ministry", an apposition to a coded body.
2. ``repeated``: a definite bare personal role ("the ambassador", "the minister"; not "the company")
   whose role word (for envoys: any envoy's title) was used earlier with a state of its own, within
   two sentences: "Russia summoned the British ambassador. The ambassador said" is the British one.
3. ``speaker``: for a bare institution of a state (not a person's title, not a located sector), the state
   of the main clause's subject when the mention is in what that subject says ("An Israeli military
   spokesman said the army will not allow ...") or is whom it addresses ("told parliament"), and for a
   government or legislature that a domestic actor deals with ("Opposition leaders in Islamabad urged the
   government"): speakers and domestic actors talk of their own state's institutions.
4. ``body``: the body the role belongs to, mentioned nearby (same sentence or the two before): a coded
   body of the same sector; a spokesperson (no sector of its own) takes the body's sector as well.
5. ``place``: a place attached to the mention's own clause ("told reporters in New Delhi", "said in
   Nairobi"); places inside the reported content do not count.
6. ``located``: for sectors whose members belong where they are (rebels, separatists, insurgents,
   opposition, protesters, police: ``LOCATED_SECTORS``), the one state the sentence locates things in
   ("concern about the situation in Ukraine and Russian support for the separatists" → UKRREB): places
   after a locative preposition ("in Ukraine", "in eastern Ukraine", "in the Donbas region of Ukraine")
   and states naming a situation ("the Syrian conflict"); when the sentence names no state at all, the
   scene the sentence before sets in the same paragraph ("Clashes erupted in eastern Ukraine on Sunday.
   The separatists said ..."). A state that merely modifies or governs the mention's own phrase
   ("Russian support for", "Russia armed the rebels") says who backs them, not where they are, and is
   never read as a location.
7. ``dateline``: the city the story was filed from ("ISLAMABAD —"), when that state takes part in the
   story (a London desk writing about Iran is no cue) and the sentence's own main subjects name no other
   state ("India sent navy ships to Bangladesh" filed from Dhaka is no Bangladeshi navy).
8. ``office``: a name most often one state's ("Foreign Office") keeps that state (``compose`` coded it).
9. ``paragraph``: the one state among the subjects of the paragraph, else of the whole document; never
   when there are two, nor (for located sectors) when that state backs the mention in its own sentence.

Candidates are mentions with a sector or a personal role but no state (and "usual" offices, for cues 1-7
only). Bodies inside quotation marks are no body of a role outside them ("'We call on the Russian
government ...,' a spokeswoman said"). Evidence is read from the mentions as the text codes them, never
from other inferences (except a spokesperson's body and a speaker whose state an earlier mention's cue
settled), so the order of mentions does not matter. People resolved later (surnames, pronouns) inherit the
state through ``resolve``, which runs after this.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from detente.actors.extract import COUNTERPARTS, Found
from detente.actors.lexicon import SECTORS, split_code
from detente.actors.pronouns import it_antecedent
from detente.actors.resolve import personal_role
from detente.models import Actor, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

#: How many sentences back a body may be for a role to belong to it.
BODY_WINDOW = 2
#: Prepositions by which a role names what it speaks or works for ("spokesman for the embassy").
FOR_PREPS = frozenset({"for", "of", "at", "from", "with"})
#: Prepositions of a clause's place ("said in Nairobi").
PLACE_PREPS = frozenset({"in", "at"})
#: Dependents of a speech verb that carry its place ("told reporters in New Delhi").
CLAUSE_DEPS = frozenset({"dobj", "dative", "npadvmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
#: Roles held abroad: an envoy's place (or a story's dateline) does not tell whose envoy.
DIPLOMATS = frozenset(
    {"ambassador", "ambassadors", "envoy", "envoys", "diplomat", "diplomats", "commissioner", "commissioners"}
)
DIPLOMATS = DIPLOMATS | {"consul", "consuls", "attache", "attaché", "embassy", "embassies", "mission"}
#: Sectors of people who belong to the place they are in, whoever backs or fights them (cue ``located``).
LOCATED_SECTORS = frozenset({"REB", "SEP", "INS", "OPP", "PRM", "UAF", "COP", "RAD"})
#: Words by which one actor backs another ("Russian support for", "Iran armed"): the backer is no home.
BACKING = frozenset(
    {
        *("support", "back", "backing", "arm", "fund", "funding", "finance", "financing", "aid", "help"),
        *("train", "equip", "supply", "sponsor", "sponsorship", "assistance", "assist", "shelter", "harbour"),
        *("harbor", "protect", "protection", "patron", "ally", "alliance", "weapon", "weapons", "arms"),
    }
)
#: Prepositions that put what they govern somewhere.
LOCATIVE_PREPS = frozenset({"in", "inside", "across", "throughout", "within"})
#: Nouns for what happens in a place: a state modifying one says where ("the Syrian conflict").
SITUATIONS = frozenset(
    {
        *("conflict", "crisis", "war", "situation", "fighting", "violence", "unrest", "uprising"),
        *("insurgency", "rebellion", "clashes", "ceasefire", "truce", "hostilities", "turmoil"),
    }
)
#: Nouns for a part of a place ("the Donbas region of Ukraine", "the east of the country").
PLACE_PARTS = frozenset(
    {"region", "regions", "province", "provinces", "part", "parts", "east", "west", "north", "south", "city"}
)
#: Sectors of a state's own institutions, which a speaker or a domestic actor names bare ("the army").
INSTITUTIONS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY"})
#: Verbs whose object is the audience of a speaker ("told parliament", "briefed the army").
ADDRESSING = frozenset({"tell", "brief", "inform", "address", "assure", "update", "reassure"})
#: Sectors of actors that deal with their own state's government ("Opposition leaders urged the government").
DOMESTIC = frozenset({"OPP", "LEG", "JUD", "CVL", "LAB", "EDU", "MED", "BUS", "REL", "PTY", "HRI"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_QUOTE_MARK = re.compile('["“”]')


@dataclass(frozen=True, slots=True)
class _Evidence:
    """The mentions of a document as the text codes them, indexed for the cues."""

    doc: Doc
    ordered: list[Found]
    by_head: dict[int, Found]
    by_sentence: dict[int, list[Found]]
    paragraph_of: dict[int, int]
    sentence_start: dict[int, int]
    dateline: str | None
    text: str
    subject_states: dict[int, set[str]]  # paragraph -> states of its subjects; -1: the whole document
    partner_states: dict[int, set[str]]  # coordination -> states of its conjuncts


def infer_states(
    doc: Doc,
    found: Sequence[Found],
    sentences: Sequence[Sentence],
    dateline: str | None = None,
    text: str | None = None,
) -> list[Found]:
    """``found`` with a state given to each candidate that a cue settles; the rest unchanged."""
    if not any(_candidate(item) for item in found):
        return list(found)  # the common case: every mention names its state, or cannot have one
    ordered = sorted(found, key=lambda item: item.mention.head)
    by_sentence: dict[int, list[Found]] = defaultdict(list)
    text = text if text is not None else doc.text  # spaCy rebuilds doc.text on every access
    paragraph_of = paragraphs(text, sentences)
    subject_states: dict[int, set[str]] = defaultdict(set)
    partner_states: dict[int, set[str]] = defaultdict(set)
    evidence = _Evidence(
        doc=doc,
        text=text,
        ordered=ordered,
        by_head={item.mention.head: item for item in ordered},
        by_sentence=by_sentence,
        paragraph_of=paragraph_of,
        sentence_start={sentence.index: sentence.start for sentence in sentences},
        dateline=dateline if dateline in _document_states(ordered) else None,
        subject_states=subject_states,
        partner_states=partner_states,
    )
    for item in ordered:
        by_sentence[item.mention.sentence_index].append(item)
        country = _state(item)
        if country is not None and _main_subject(item, evidence):
            subject_states[paragraph_of.get(item.mention.sentence_index, -2)].add(country)
            subject_states[-1].add(country)
        if country is not None and item.coordination is not None:
            partner_states[item.coordination].add(country)
    settled: dict[int, Found] = {}  # head -> recoded, for "its" after a body whose state was inferred
    for item in ordered:
        head = _token(doc, item.mention.head)
        inferred = _infer(item, head, evidence, settled) if head is not None and _candidate(item) else None
        if inferred is not None:
            settled[item.mention.head] = _recoded(item, *inferred)
    return [settled.get(item.mention.head, item) for item in found]


def _token(doc: Doc, offset: int) -> Token | None:
    """The token starting at a char offset (a mention's head)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def paragraphs(text: str, sentences: Sequence[Sentence]) -> dict[int, int]:
    """Sentence index → paragraph number (a blank line starts a paragraph)."""
    result: dict[int, int] = {}
    number = 0
    previous_end = 0
    for sentence in sorted(sentences, key=lambda sentence: sentence.start):
        if _PARAGRAPH_BREAK.search(text, previous_end, max(previous_end, sentence.start)):
            number += 1
        result[sentence.index] = number
        previous_end = sentence.end
    return result


def _candidate(item: Found) -> bool:
    if item.pronoun is not None or item.group_type is not None or item.tentative or item.mention.members:
        return False
    if item.usual:
        return True
    if item.roles and all(role.rsplit(" ", 1)[-1] in COUNTERPARTS for role in item.roles):
        return False  # someone's counterpart is of another side: only its own words say which
    actor = item.mention.actor
    if actor.country is not None or (actor.code and actor.code[:3] not in SECTORS):
        return False  # a state, or an international body, region or group: nothing to infer
    if split_code(actor.code)[0] is not None:
        return False
    personal = any(personal_role(role) for role in item.roles)
    return (bool(actor.sector) and (item.person or item.mention.kind == "role")) or personal


def _state(item: Found) -> str | None:
    """The state a mention's own words give it (None for candidates, pronouns and "usual" offices)."""
    if item.pronoun is not None or item.group_type is not None or item.usual or item.mention.members:
        return None
    return item.mention.actor.country


def _is_body(item: Found, sector: str | None, envoy: bool) -> bool:
    """A coded body a role of ``sector`` can belong to ("the foreign office", "the Kremlin"): not a person,
    a crowd or a state's bare name; an embassy only for diplomats ("an embassy spokesperson")."""
    mention = item.mention
    return (
        not item.person
        and not item.place
        and not item.is_plural
        and not any(personal_role(role) for role in item.roles)
        and _state(item) is not None
        and mention.actor.sector is not None
        and (sector is None or mention.actor.sector == sector)
        and mention.kind in ("role", "metonym", "name")
        and (envoy or not _diplomatic(item))
    )


def _infer(
    item: Found, head: Token, evidence: _Evidence, settled: dict[int, Found]
) -> tuple[Actor, str] | None:
    """(actor whose state and sector to take, cue name) from the strongest cue that settles one state."""
    found = _phrase(item, head, evidence, settled)
    if found is not None:
        return found, "phrase"
    found = _repeated(item, evidence)
    if found is not None:
        return found, "repeated"
    country = _speaker(item, head, evidence, settled)
    if country is not None:
        return _state_only(country), "speaker"
    found = _nearby_body(item, evidence, settled)
    if found is not None:
        return found, "body"
    if _diplomatic(item):
        return None  # where an envoy is says nothing of whose envoy they are
    partners = (
        evidence.partner_states.get(item.coordination, set()) if item.coordination is not None else set()
    )
    cue, country = "place", _place(head, evidence)
    if country is None and item.mention.actor.sector in LOCATED_SECTORS:
        cue, country = "located", _located(item, head, evidence)
    if country is None and _dateline_fits(item, evidence):
        cue, country = "dateline", evidence.dateline
    if country is None and not item.usual:
        cue, country = "paragraph", _paragraph_state(item, evidence)
        if country is not None and item.mention.actor.sector in LOCATED_SECTORS:
            country = None if country in _governing_states(item, head, evidence) else country
    if country is None or (partners and country not in partners):
        return None  # no cue, or one that a coordinated state contradicts ("Chinese students and tourists")
    return _state_only(country), cue


def _diplomatic(item: Found) -> bool:
    return any(role.rsplit(" ", 1)[-1] in DIPLOMATS or "high commission" in role for role in item.roles)


def _state_only(country: str) -> Actor:
    return Actor(code=country, country=country, sector=None, name=None, text="")


def _phrase(item: Found, head: Token, evidence: _Evidence, settled: dict[int, Found]) -> Actor | None:
    """The state of the mention's own phrase: "its spokeswoman" (what "its" stands for), "a spokesman for
    X" and appositions (X)."""
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ in ("its", "their"):
            bound = it_antecedent(child) if child.lower_ == "its" else None
            other = evidence.by_head.get(bound.idx) if bound is not None else None
            if other is not None and other is not item and other.pronoun is None:
                other = settled.get(other.mention.head, other)  # "Egypt ... said its officials" → Egypt
                return other.mention.actor if other.mention.actor.country is not None else None
            owner = _owner(item, child.lower_ == "their", evidence, settled)
            if owner is not None:
                return owner
    linked = [child for child in head.children if child.dep_ == "appos"]
    if head.dep_ == "appos":
        linked.append(head.head)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in FOR_PREPS:
            linked.extend(pobj for pobj in prep.children if pobj.dep_ == "pobj")
    for token in linked:
        other = evidence.by_head.get(token.idx)
        if other is not None and other is not item and _state(other) is not None and not other.person:
            return other.mention.actor
    return None


def _owner(item: Found, plural: bool, evidence: _Evidence, settled: dict[int, Found]) -> Actor | None:
    """The state or body a possessive pronoun stands for: the nearest earlier one (its state as the text
    or an earlier inference gives it); None when that one has no state."""
    sentence = item.mention.sentence_index
    for other in reversed(evidence.ordered):
        if other.mention.head >= item.mention.head or other.pronoun is not None or other.person:
            continue
        if sentence - other.mention.sentence_index > BODY_WINDOW:
            return None
        if other.is_plural and not plural:
            continue
        if other.mention.kind not in ("country", "metonym", "role", "name", "demonym"):
            continue
        other = settled.get(other.mention.head, other)
        return other.mention.actor if other.mention.actor.country is not None else None
    return None


def _repeated(item: Found, evidence: _Evidence) -> Actor | None:
    """The nearest earlier mention with the same role word and a state of its own, within the window:
    "Russia summoned the British ambassador. The ambassador said nothing" is the British ambassador."""
    head = _token(evidence.doc, item.mention.head)
    if item.person or head is None or not any(child.lower_ == "the" for child in head.children):
        return None  # only a definite bare role ("the ambassador") points back
    if not any(personal_role(role) for role in item.roles) and not _diplomatic(item):
        return None  # "the company", "the government": too often another body than the last one named
    words = {role.rsplit(" ", 1)[-1] for role in item.roles if role}
    sentence = item.mention.sentence_index
    for other in reversed(evidence.ordered):
        if other.mention.head >= item.mention.head:
            continue
        if sentence - other.mention.sentence_index > BODY_WINDOW:
            return None
        if other.pronoun is None and _same_role(item, other, words):
            return other.mention.actor if _state(other) is not None else None
    return None


def _same_role(item: Found, other: Found, words: set[str]) -> bool:
    """Same role word; any two envoys' titles ("the envoy" after "the deputy high commissioner")."""
    if _diplomatic(item):
        return _diplomatic(other) and other.is_plural == item.is_plural
    return bool(words & {role.rsplit(" ", 1)[-1] for role in other.roles if role})


def _nearby_body(item: Found, evidence: _Evidence, settled: dict[int, Found]) -> Actor | None:
    """The body a role belongs to: a body of its sector in this sentence or the nearest one before that
    has any; failing that, for government roles, a state acting as subject outside quotation marks
    ("Ethiopia dismissed the warnings. Water Minister X said"). Two states in that sentence: none."""
    sector = item.mention.actor.sector
    envoy = _diplomatic(item)
    # a spokesperson may speak for a body whose own state was inferred; a titled role reads the text only
    chain = settled if sector is None else {}
    quoted = _quoted(item, evidence)

    def fits(other: Found) -> bool:
        return _is_body(other, sector, envoy) and (quoted or not _quoted(other, evidence))

    found = _nearest(item, evidence, fits, chain, BODY_WINDOW)
    if found is not None or sector not in (None, "GOV"):
        return found
    if envoy and not _subject(item, evidence):
        return None  # envoys a state acts on are mostly other states' ("Russia expelled diplomats")
    state = _nearest(item, evidence, lambda other: _acting_state(other, evidence), {}, 1)
    return _state_only(state.country) if state is not None and state.country else None


def _nearest(
    item: Found, evidence: _Evidence, fits: Callable[[Found], bool], settled: dict[int, Found], window: int
) -> Actor | None:
    """The one state of the fitting mentions in the nearest sentence (this or up to two before) that has
    any, reading a body whose state an earlier cue settled as settled."""
    sentence = item.mention.sentence_index
    for distance in range(window + 1):
        states: dict[str, Actor] = {}
        for other in evidence.by_sentence.get(sentence - distance, ()):
            other = settled.get(other.mention.head, other)
            if other is not item and other.mention.head != item.mention.head and fits(other):
                states.setdefault(other.mention.actor.country or "", other.mention.actor)
        if len(states) == 1:
            return next(iter(states.values()))
        if states:
            return None
    return None


def _speaker(item: Found, head: Token, evidence: _Evidence, settled: dict[int, Found]) -> str | None:
    """The one state of the main subjects whose words or audience a bare institution is in ("An Israeli
    military spokesman said the army ...", "told parliament that security forces ..."), or of a domestic
    actor dealing with a bare government ("Opposition leaders in Islamabad urged the government")."""
    sector = item.mention.actor.sector
    if item.person or item.mention.kind != "role" or sector not in INSTITUTIONS:
        return None
    if any(personal_role(role) for role in item.roles) or _quoted(item, evidence):
        return None  # "the minister" in Lavrov's words may be the British one
    token = head
    while token.dep_ in ("compound", "conj", "appos", "flat", "amod") and token.head.i != token.i:
        token = token.head
    domestic = False
    verb: Token | None = None
    if token.dep_ in ("dobj", "dative") and token.head.lemma_.lower() in ADDRESSING:
        verb = token.head
    elif token.dep_ in ("dobj", "dative") and sector in ("GOV", "LEG"):
        verb, domestic = token.head, True
    else:
        child = token
        for ancestor in token.ancestors:
            if child.dep_ == "ccomp":
                verb = ancestor
                break
            child = ancestor
    if verb is None:
        return None
    states: set[str] = set()
    for subject in verb.children:
        if subject.dep_ != "nsubj":
            continue
        for member in (subject, *(c for c in subject.children if c.dep_ == "conj")):
            other = evidence.by_head.get(member.idx)
            if other is None or other is item or other.pronoun is not None or _quoted(other, evidence):
                continue
            other = settled.get(other.mention.head, other)
            if domestic and other.mention.actor.sector not in DOMESTIC:
                continue
            if other.mention.actor.country is not None:
                states.add(other.mention.actor.country)
    return next(iter(states)) if len(states) == 1 else None


def _dateline_fits(item: Found, evidence: _Evidence) -> bool:
    """The dateline's state may be the mention's unless its sentence's main subjects name only others."""
    if evidence.dateline is None:
        return False
    subjects = {
        country
        for other in evidence.by_sentence.get(item.mention.sentence_index, ())
        if other is not item and (country := _state(other)) is not None and _main_subject(other, evidence)
    }
    return not subjects or evidence.dateline in subjects


def _subject(item: Found, evidence: _Evidence) -> bool:
    """Is the mention a subject (or a conjunct of one) of its clause?"""
    token = _token(evidence.doc, item.mention.head)
    while token is not None and token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token is not None and token.dep_ in SUBJECT_DEPS


def _acting_state(item: Found, evidence: _Evidence) -> bool:
    """A state named as the subject of a main clause ("Ethiopia dismissed"), not in reported speech."""
    return item.place and _state(item) is not None and _main_subject(item, evidence)


def _main_subject(item: Found, evidence: _Evidence) -> bool:
    """The subject (or a conjunct of it) of a main clause, outside quotation marks: who acts in the
    narrative, not who is reported on ("told X that India was wrong")."""
    token = _token(evidence.doc, item.mention.head)
    if token is None or _quoted(item, evidence):
        return False
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ not in SUBJECT_DEPS:
        return False
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _quoted(item: Found, evidence: _Evidence) -> bool:
    """Is the mention between quotation marks within its sentence (an odd number of marks before it)?"""
    text = evidence.text
    start = evidence.sentence_start.get(item.mention.sentence_index, 0)
    return len(_QUOTE_MARK.findall(text, start, item.mention.span[0])) % 2 == 1


def _place(head: Token, evidence: _Evidence) -> str | None:
    """The one state of the places attached to the mention or to the clause it is the subject of."""
    token = head
    while token.dep_ in ("compound", "appos", "conj", "flat") and token.head.i != token.i:
        token = token.head
    anchors = [head]
    if token.dep_ in SUBJECT_DEPS:
        verb = token.head if token.dep_ != "agent" else token.head.head
        anchors.append(verb)
        anchors.extend(child for child in verb.children if child.dep_ in CLAUSE_DEPS)
    states: set[str] = set()
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.children:
                other = evidence.by_head.get(pobj.idx)
                if other is not None and other.mention.kind in ("country", "metonym"):
                    country = _state(other)
                    if country is not None:
                        states.add(country)
    return next(iter(states)) if len(states) == 1 else None


def _located(item: Found, head: Token, evidence: _Evidence) -> str | None:
    """The one state the mention's sentence locates things in, leaving out states that modify or govern
    the mention's own phrase (its backers or foes: "Russian support for the separatists")."""
    governing = _governing(head)
    sentence = item.mention.sentence_index
    states: set[str] = set()
    for other in evidence.by_sentence.get(sentence, ()):
        country = _state(other)
        if country is None or not other.place or other is item:
            continue
        token = _token(evidence.doc, other.mention.head)
        if token is not None and token.i not in governing and _locates(token, head):
            states.add(country)
    if not states and not any(_state(other) for other in evidence.by_sentence.get(sentence, ())):
        states = _scene(sentence - 1, evidence)  # "Clashes erupted in Ukraine. The rebels said..."
    return next(iter(states)) if len(states) == 1 else None


def _scene(sentence: int, evidence: _Evidence) -> set[str]:
    """The states a sentence of the same paragraph sets its scene in: places after a locative preposition
    on its main verb ("Clashes erupted in Ukraine") or after a situation noun ("the war in Syria")."""
    if evidence.paragraph_of.get(sentence) != evidence.paragraph_of.get(sentence + 1):
        return set()
    states: set[str] = set()
    for other in evidence.by_sentence.get(sentence, ()):
        country = _state(other)
        token = _token(evidence.doc, other.mention.head)
        if country is None or not other.place or token is None:
            continue
        root = token.sent.root
        on_main_verb = token.head.head.i == root.i or token.head.head.lemma_.lower() in SITUATIONS
        situation = token.dep_ in ("amod", "compound") and token.head.lemma_.lower() in SITUATIONS
        if (on_main_verb and _locates(token, root)) or situation:
            states.add(country)
    return states


def _governing(head: Token) -> set[int]:
    """Tokens of the words that govern a mention and their modifiers and subjects: "Russian support for
    X" → {support, Russian}; "Russia armed X" → {armed, Russia}."""
    token = head
    while token.dep_ in ("compound", "appos", "conj", "flat") and token.head.i != token.i:
        token = token.head
    governor = token.head.head if token.dep_ == "pobj" else token.head
    if governor.i == token.i:
        return set()
    result = {governor.i}
    result.update(
        child.i for child in governor.children if child.dep_ in ("amod", "compound", "poss", *SUBJECT_DEPS)
    )
    return result


def _governing_states(item: Found, head: Token, evidence: _Evidence) -> set[str]:
    """States named in their own right that back the mention in its sentence ("Russia armed the rebels",
    "Iranian support for the rebels"), which the paragraph cue must not read as its home. A state acting
    on them otherwise ("Iraq ordered the rebels to leave", "Syrian troops shelled the rebels") is no such
    sign: most dealings with rebels are at home."""
    governing = _governing(head)
    if not any(evidence.doc[i].lemma_.lower() in BACKING for i in governing):
        return set()
    return {
        country
        for other in evidence.by_sentence.get(item.mention.sentence_index, ())
        if other.place
        and (country := _state(other)) is not None
        and (token := _token(evidence.doc, other.mention.head)) is not None
        and token.i in governing
    }


def _locates(token: Token, head: Token) -> bool:
    """Is this place where the mention is: the object of "in" (through "the X region of") in the mention's
    own clause or phrase ("attacked a checkpoint in X", "rebels fighting in X"), or after a situation
    anywhere in the sentence ("the situation in X", "the Syrian conflict")? Not a place in a clause about
    someone else ("Mr Assad, who trained in London, ... terrorists")."""
    while (
        token.dep_ in ("compound", "conj", "appos")
        and token.head.i != token.i
        and token.head.ent_type_ == "GPE"
    ):
        token = token.head
    if token.dep_ in ("amod", "compound") and token.head.lemma_.lower() in SITUATIONS:
        return True
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ == "of" and prep.head.lower_ in PLACE_PARTS and prep.head.dep_ == "pobj":
        prep = prep.head.head
    if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
        return False
    located = prep.head
    if located.lemma_.lower() in SITUATIONS:
        return True
    above = {ancestor.i for ancestor in head.ancestors}
    return (
        located.i in above
        or (located.head.i in above and located.dep_ not in ("relcl", "acl", "advcl", "ccomp", "appos"))
        or located.i in {token.i for token in head.subtree}
    )


def _paragraph_state(item: Found, evidence: _Evidence) -> str | None:
    """The one state the subjects of the paragraph (else of the document) belong to."""
    paragraph = evidence.paragraph_of.get(item.mention.sentence_index, -2)
    local = evidence.subject_states.get(paragraph, set())
    if local:
        return next(iter(local)) if len(local) == 1 else None
    everywhere = evidence.subject_states.get(-1, set())
    return next(iter(everywhere)) if len(everywhere) == 1 else None


def _document_states(ordered: Sequence[Found]) -> set[str]:
    return {country for item in ordered if (country := _state(item)) is not None}


def _recoded(item: Found, source: Actor, cue: str) -> Found:
    """The candidate with the state (and, lacking its own, the sector) that the cue gave."""
    actor = item.mention.actor
    country = source.country or ""
    own = actor.code[3:] if item.usual else actor.code
    code = country + (own or source.code[3:])
    new_country, sector = split_code(code)
    log.debug("state %s for %r from %s", country, actor.text, cue)
    mention = replace(item.mention, actor=Actor(code, new_country, sector, actor.name, actor.text))
    return replace(item, mention=mention, inferred=cue, usual=False)
