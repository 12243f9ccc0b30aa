"""Speaker actors for attributed quotes: the actor at the speaker's words, repaired with the article's thread.

The actors stage resolves every mention on its own; a speaker needs more. A bare "it said", a surname or
"X, an adviser to Azerbaijan's president" names no state in its head, and a role noun ("a spokeswoman")
whose state the actors stage took from context may have taken it from the very words being quoted. The
rules here read the speaker's own phrase first, then the article's earlier speakers, and never an actor
that only the quote itself names.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.actors.antecedents import SPEAKER_PRONOUNS, person_subject
from detente.models import Actor, ActorMention
from detente.nlp import text_of
from detente.quotes.cues import speaker_span
from detente.quotes.marks import find_quoted

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

#: Role nouns whose bearer speaks for the actor named beside them.
SPOKESPEOPLE = frozenset(
    (
        "spokesman", "spokeswoman", "spokesperson", "official", "minister", "aide", "adviser", "advisor",
        "envoy", "ambassador", "representative", "diplomat", "source", "statement", "secretary",
        "office", "ministry", "department", "agency", "commander", "general",
    )
)  # fmt: skip

#: Role nouns that speak for a government when nothing names another sector ("officials said").
_OFFICIALS = frozenset(("official", "spokesman", "spokeswoman", "spokesperson", "diplomat", "source"))

#: Mention kinds that name a state itself ("Pakistan said", "Beijing said").
_STATES = frozenset(("country", "metonym"))

_PRONOUNS = frozenset(("it", "he", "she", "they", "we", "i"))

#: How far (characters) an earlier speaker still carries to a pronoun or a role noun with no state.
_THREAD = 600


def speaker_mention(head: Token | None, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The mention at the speaker's head word; a role noun with none speaks for the actor beside it."""
    if head is None:
        return None
    start, end = speaker_span(head)
    at_head = [m for m in mentions if m.span[0] <= head.idx < m.span[1]]
    if not at_head and head.lemma_.lower() in SPOKESPEOPLE:
        at_head = [m for m in mentions if start <= m.span[0] and m.span[1] <= end]
    if not at_head:  # "Russia's FSB security service": the body the compound names speaks
        names = [c.idx for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        at_head = [m for m in mentions if any(m.span[0] <= i < m.span[1] for i in names)]
    if not at_head:
        return None
    return min(at_head, key=lambda m: (m.head != head.idx, m.span[0]))


def speaker_actor(
    head: Token | None,
    quote: tuple[int, int],
    mentions: Sequence[ActorMention],
    earlier: Sequence[tuple[int, Actor]],
) -> Actor | None:
    """The speaker of the quote at ``quote`` as an actor, or None when nothing names one.

    ``earlier`` holds the article's previous speakers as (end of their quote, actor), oldest first.
    """
    if head is None:
        return None
    start, end = speaker_span(head)
    words = text_of(head.doc)[start:end]
    mention = speaker_mention(head, mentions)
    person = None
    if (mention is None or not mention.actor.code) and head.lower_ in SPEAKER_PRONOUNS:
        quoted = [(q.outer_start, q.outer_end) for q in find_quoted(text_of(head.doc))]
        person = person_subject(head, quoted)
    if person is not None:  # a "he" the actors stage left unresolved: the person last made a subject
        actor = speaker_actor(person, quote, mentions, earlier)
        return actor.with_text(words) if actor is not None else None
    actor = mention.actor if mention is not None else None
    introduced = _introduction(head, mentions)
    if introduced is not None and (actor is None or introduced.country != actor.country):
        log.debug("speaker %r: the article's introduction outranks a name lookup", words)
        actor = introduced  # "his Pakistani counterpart, Imran Siddiqui", then "Siddiqui said"
    elif actor is None or not actor.country:
        found = (
            _own_phrase(head, mentions)
            or _same_name(head, mentions)
            or _previous_subject(head, mentions)
            or _place_of_speech(head, mentions)
            or _thread(head, quote, earlier)
        )
        own = actor if actor is not None and actor.sector else _own_sector(head, mentions)
        actor = _merged(found, own) if found is not None else actor
    elif (
        mention is not None
        and mention.kind == "role"
        and not _named_by_speaker(head.doc, start, end, mentions)
        and _only_quoted(actor, quote, head, mentions)
    ):
        log.debug("speaker %r took its state from the quote; using the article's thread", words)
        actor = _thread(head, quote, earlier, avoid=actor.country)
    if actor is None:
        return None
    if _is_state_voice(_antecedent(head) or head, actor, mention):
        actor = Actor(actor.code + "GOV", actor.country, "GOV", actor.name, actor.text)
    return actor.with_text(words)


def joint_speakers(
    head: Token | None, quote: tuple[int, int], mentions: Sequence[ActorMention], first: Actor | None
) -> tuple[Actor, ...]:
    """Every actor of a coordinated speaker ("Both the British Foreign Office and the Russian Foreign
    Ministry said"), ``first`` (the head's own) first; empty when only one actor speaks."""
    if head is None or first is None or not any(c.dep_ == "cc" and c.lower_ == "and" for c in head.children):
        return ()
    found = [first]
    for token in head.conjuncts:
        if token.pos_ not in ("PROPN", "NOUN") or token.i < head.i:
            continue
        actor = speaker_actor(token, quote, mentions, ())
        if actor is None or actor.code in ("", actor.sector):
            continue  # a conjunct we cannot code ("Western diplomats") adds no speaker
        if all(actor.code != other.code for other in found):
            found.append(actor)
    return tuple(found) if len(found) > 1 else ()


def _merged(state: Actor, own: Actor | None) -> Actor:
    """The state found in context joined to the sector the speaker's own words give ("police" → COP)."""
    if own is None or own.country or not own.sector or state.sector or not state.country:
        return state
    return Actor(state.country + own.code, state.country, own.sector, own.name or state.name, own.text)


def _own_sector(head: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """The sector a speaker's own title or appositive gives when no state does ("Principal Secretary
    Grace Wanjiku"; "Nadia Farooq, an adviser to the prime minister"): a role with no state of its own."""
    for token in head.lefts:
        sector = _TITLES.get(token.lemma_.lower()) if token.dep_ == "compound" else None
        if sector is not None:
            return _sector_only(sector)
    for part in (c for c in head.children if c.dep_ == "appos"):
        low, high = part.left_edge.idx, part.right_edge.idx + len(part.right_edge.text)
        roles = [m for m in mentions if low <= m.span[0] and m.span[1] <= high and m.actor.sector]
        if roles and roles[0].actor.sector:
            return _sector_only(roles[0].actor.sector)
        if part.lemma_.lower() in _TITLES:
            return _sector_only(_TITLES[part.lemma_.lower()])
    return None


def _sector_only(sector: str) -> Actor:
    return Actor(sector, None, sector, None, "")


#: Titles that give their bearer's sector when the state comes from elsewhere.
_TITLES = {
    "secretary": "GOV", "minister": "GOV", "spokesman": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV",
    "ambassador": "GOV", "envoy": "GOV", "diplomat": "GOV", "official": "GOV", "adviser": "GOV",
    "advisor": "GOV", "president": "GOV", "premier": "GOV", "chancellor": "GOV", "general": "MIL",
    "colonel": "MIL", "commander": "MIL",
}  # fmt: skip

#: Heads of a state's own bodies: "Britain's National Cyber Security Centre said" speaks for its government.
_BODIES = frozenset(
    ("centre", "center", "agency", "office", "ministry", "department", "council", "commission", "authority",
     "directorate", "bureau", "service", "government", "cabinet", "presidency")
)  # fmt: skip


def _antecedent(head: Token) -> Token | None:
    """The subject of the sentence before that a bare "it" or "he" opening a sentence stands for."""
    if head.lower_ not in ("it", "he", "she", "they") or head.sent.start == 0:
        return None
    before = head.doc[head.sent.start - 1].sent
    return next((t for t in before.root.children if t.dep_ == "nsubj"), None)


def _is_state_voice(head: Token, actor: Actor, mention: ActorMention | None) -> bool:
    """A state that speaks ("Pakistan said", "officials in Bogota said") speaks through its government."""
    if actor.sector is not None or not actor.country or actor.code != actor.country:
        return False
    named_state = mention is not None and actor is mention.actor and mention.kind in _STATES
    lemma = head.lemma_.lower()
    return named_state or lemma in _OFFICIALS or (lemma in _BODIES and _owned_by_state(head))


def _owned_by_state(head: Token) -> bool:
    """A body named as a state's own ("Britain's National Cyber Security Centre", "the Kenyan agency")."""
    return any(
        (c.dep_ == "poss" and c.ent_type_ == "GPE") or (c.dep_ == "amod" and c.ent_type_ == "NORP")
        for c in head.lefts
    )


def _own_phrase(head: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """A state named in the speaker's appositive or modifiers ("Mammadli, an adviser to Azerbaijan's
    president"; "officials in Bogota")."""
    parts = [c for c in head.children if c.dep_ in ("appos", "prep", "acl") or _body_owner(c)]
    for part in parts:
        low, high = part.left_edge.idx, part.right_edge.idx + len(part.right_edge.text)
        inside = [m for m in mentions if low <= m.span[0] and m.span[1] <= high and m.actor.country]
        if inside:
            best = min(inside, key=lambda m: (m.actor.sector is None, m.span[0]))
            place = None if _states_itself(head.doc, best) else _place_of_speech(head, mentions)
            if place is not None and place.country != best.actor.country:
                return place  # the speaker's own sentence outranks a state a bare role took from context
            return best.actor
    return None


def _states_itself(doc: Doc, mention: ActorMention) -> bool:
    """Whether a mention's own words name its state: a bare role ("the prime minister") took its state
    from context, which the speaker's own sentence may contradict ("In Islamabad, …, an adviser to the
    prime minister, said")."""
    return mention.kind != "role" or _named_by_speaker(doc, mention.span[0], mention.span[1], ())


def _body_owner(token: Token) -> bool:
    """A body owning the speaker speaks through it ("the military's media wing"); a person does not
    ("Obama's daughter", "Hirsch's lawyer")."""
    return token.dep_ == "poss" and token.pos_ != "PRON" and token.ent_type_ != "PERSON"


def _same_name(head: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """A surname that an earlier, fuller mention resolved ("Kapoor" after "… Minister Sunil Kapoor")."""
    if head.pos_ != "PROPN":
        return None
    name = head.text
    for mention in sorted(mentions, key=lambda m: -m.span[0]):
        if mention.span[0] >= head.idx or not mention.actor.country:
            continue
        text = text_of(head.doc)[mention.span[0] : mention.span[1]]
        if name in text.split() and text != name:
            return mention.actor
    return None


def _introduction(head: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """The state of an earlier apposition that introduced this name ("her Polish counterpart, Tomasz
    Nowicki"): the article's own word on who the speaker is."""
    if head.pos_ != "PROPN":
        return None
    for token in head.doc[: head.i]:
        if token.text == head.text and token.pos_ == "PROPN":
            named = _introduced(token, mentions)
            if named is not None:
                return named
    return None


def _introduced(token: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """The state of the noun a name stands in apposition to: "his South Korean counterpart, Lee Soo-jin"."""
    name = token
    while name.dep_ in ("compound", "flat") and name.head.i > name.i:
        name = name.head
    holder = name.head if name.dep_ == "appos" else None
    if holder is None:
        return None
    low = holder.left_edge.idx
    high = max(holder.idx + len(holder.text), name.idx + len(name.text))
    inside = [m for m in mentions if low <= m.span[0] and m.span[1] <= high and m.actor.country]
    if not inside:
        return None
    actor = inside[0].actor
    if actor.sector is None and holder.lemma_.lower() == "counterpart":
        return _counterpart(holder, actor, mentions)
    return actor


def _counterpart(holder: Token, state: Actor, mentions: Sequence[ActorMention]) -> Actor:
    """A counterpart holds the office of the one it meets ("German Foreign Minister Vogel met her Polish
    counterpart"): the state from its own words, the sector from the sentence's subject."""
    root = holder.sent.root
    for subject in (c for c in root.children if c.dep_ == "nsubj"):
        for mention in mentions:
            if mention.span[0] <= subject.idx < mention.span[1] and mention.actor.sector:
                sector = mention.actor.sector
                return Actor(f"{state.country}{sector}", state.country, sector, None, state.text)
    return state


def _place_of_speech(head: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """Where the cue says the words were spoken ("… said in Nairobi on Wednesday", "In Islamabad, Nadia
    Farooq, an adviser, said"): the speaker's state when nothing else names one."""
    verb = head.head
    if head.dep_ == "conj" and verb.dep_ == "pobj" and verb.head.lower_ == "in":
        verb = verb.head.head  # the speaker parsed as coordinated with the place of the scene
    elif head.dep_ != "nsubj":
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for place in prep.children:
            if place.dep_ == "pobj" and place.ent_type_ == "GPE":
                at = [m for m in mentions if m.span[0] <= place.idx < m.span[1] and m.actor.country]
                if at:
                    return _state_only(at[0].actor)
    return None


def _state_only(actor: Actor) -> Actor:
    country = actor.country or actor.code[:3]
    return Actor(country, country, None, None, actor.text)


def _previous_subject(head: Token, mentions: Sequence[ActorMention]) -> Actor | None:
    """What a bare "it said" opening a sentence points back to: the subject of the sentence before
    ("Pakistan's military gave a different account. It said …")."""
    if head.lower_ not in ("it", "he", "she", "they") or head.sent.start == 0:
        return None
    before = head.doc[head.sent.start - 1].sent
    subjects = [t for t in before.root.children if t.dep_ == "nsubj"]
    for subject in subjects:
        at = [m for m in mentions if m.span[0] <= subject.idx < m.span[1] and m.actor.country]
        if at:
            return at[0].actor
    return None


def _thread(
    head: Token, quote: tuple[int, int], earlier: Sequence[tuple[int, Actor]], avoid: str | None = None
) -> Actor | None:
    """The nearest earlier speaker for a pronoun or a role noun: the article's thread of speakers."""
    if head.lower_ not in _PRONOUNS and head.lemma_.lower() not in SPOKESPEOPLE:
        return None  # a new name or group ("analysts") is a new speaker, not the last one again
    if any(c.dep_ == "nummod" or c.lower_ in ("both", "all") for c in head.children):
        return None  # "the two ministers" speak together, not as the last speaker did
    for end, actor in reversed(earlier):
        if quote[0] - end > _THREAD:
            return None
        if actor.country and actor.country != avoid:
            return actor
    return None


def _named_by_speaker(doc: Doc, start: int, end: int, mentions: Sequence[ActorMention]) -> bool:
    """Whether the speaker's own words name a state or a name (so its state was not borrowed from context):
    "Azerbaijan's defence ministry" does, "a spokeswoman" does not."""
    return any(m.kind in ("name", *_STATES) for m in mentions if start <= m.span[0] < end) or any(
        t.pos_ == "PROPN" or t.ent_type_ in _NAMING
        for t in doc.char_span(start, end, alignment_mode="expand") or ()
    )


_NAMING = frozenset(("GPE", "NORP", "ORG", "PERSON", "LOC"))


def _only_quoted(actor: Actor, quote: tuple[int, int], head: Token, mentions: Sequence[ActorMention]) -> bool:
    """Whether, in the speaker's sentence and the one before, only the quoted words name the actor's state."""
    sentence = head.sent
    low, high = sentence.start_char, sentence.end_char
    if sentence.start > 0:
        low = head.doc[sentence.start - 1].sent.start_char
    same = [m for m in mentions if m.actor.country == actor.country and low <= m.span[0] < high]
    inside = [m for m in same if quote[0] <= m.span[0] < quote[1]]
    outside = [
        m for m in same if not quote[0] <= m.span[0] < quote[1] and not m.span[0] <= head.idx < m.span[1]
    ]
    return bool(inside) and not outside
