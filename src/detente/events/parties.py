"""Who the actors of an event are: tokens mapped to actor mentions, pairs in context, object pronouns.

Split from the events stage (``detente.events``) so that the stage stays about predicates and events; the
rules are written down in docs/event-coding.md §5.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from detente.actors.antecedents import party_antecedent
from detente.actors.lexicon import SECTORS, party_key
from detente.actors.pronouns import OBJECT_PRONOUNS
from detente.events import syntax
from detente.models import Actor, ActorMention, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


#: Nouns that stand for two actors named earlier ("both parties", "the two sides", "both ministers").
PAIR_NOUNS = {
    "party",
    "side",
    "country",
    "minister",
    "leader",
    "government",
    "nation",
    "state",
    "foe",
    "rival",
}


class ActorIndex:
    """Actor mentions of one document, found from a token by head offset or covering span."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.mentions = sorted(mentions, key=lambda mention: mention.span)
        self.by_head: dict[int, list[ActorMention]] = {}
        for mention in mentions:
            self.by_head.setdefault(mention.head, []).append(mention)

    def at(self, token: Token, depth: int = 0) -> list[ActorMention]:
        """The mentions a noun stands for: its own, else one that covers it, else a modifier's."""
        own = self.by_head.get(token.idx)
        if own:
            return own
        covering = [m for m in self.mentions if m.span[0] <= token.idx < m.span[1]]
        if covering:
            return [min(covering, key=lambda m: m.span[1] - m.span[0])]
        if depth < 2:
            for child in token.children:
                if child.dep_ in syntax.MODIFIERS:
                    found = self.at(child, depth + 1)
                    if found:
                        return found
                if child.dep_ == "prep" and belongs(token, child):  # "soldiers from Gondor"
                    for grand in child.children:
                        if grand.dep_ == "pobj":
                            # "the ambassadors of Arnor, Osgiliath and Gondor" → all three
                            found = [
                                m
                                for member in syntax.with_conjuncts(grand)
                                for m in self.at(member, depth + 1)
                            ]
                            if found:
                                return found
        return []

    def group(self, tokens: list[Token]) -> list[Actor]:
        actors: list[Actor] = []
        for token in tokens:
            found = self.at(token)
            if found:  # "the foreign ministers of India and Pakistan": the head's mention names only India
                owners = [
                    m for member in syntax.of_conjuncts(token) for m in self.at(member) if m not in found
                ]
                if owners and all(party_key(m.actor) is None for m in found):
                    found = []  # a bare role ("GOV") gives way to the states it belongs to
                found = found + owners
            for mention in found:
                if mention.actor.code and mention.actor not in actors:  # an unresolved "they" has no code
                    actors.append(mention.actor)
        return actors

    def pair_before(self, offset: int, window: int = 1500) -> list[Actor]:
        """The two countries named most often shortly before ``offset`` ("both sides" → them).

        Ties go to the more recent; each country is represented by its most recent actor.
        """
        counts: dict[str, int] = {}
        latest: dict[str, tuple[int, Actor]] = {}
        for mention in self.mentions:
            if not offset - window <= mention.span[0] < offset or not mention.actor.code:
                continue
            key = mention.actor.country or mention.actor.code
            counts[key] = counts.get(key, 0) + 1
            latest[key] = (mention.span[0], mention.actor)
        ranked = sorted(counts, key=lambda key: (counts[key], latest[key][0]), reverse=True)
        return [latest[key][1] for key in ranked[:2]]


def is_pair_phrase(token: Token) -> bool:
    """ "both parties", "the two sides", "both ministers", "both", "between the two states"."""
    if token.lower_ == "both" and token.pos_ in {"PRON", "DET", "NOUN"}:
        return True
    quantified = any(child.lower_ in {"both", "two", "each"} for child in token.children)
    quantified = quantified or (
        token.dep_ == "pobj" and token.head.lower_ == "between" and token.tag_ == "NNS"
    )
    noun = token.lemma_.lower()
    return quantified and (noun in PAIR_NOUNS or noun.removesuffix("s") in PAIR_NOUNS)


def pair_in_context(offset: int, index: ActorIndex, history: list[Event], window: int = 1500) -> list[Actor]:
    """The two parties "both sides" stands for: the dyad coded most often shortly before ``offset`` (ties
    to the more recent), else the two countries named most often there."""
    counts: dict[frozenset[str], int] = {}
    latest: dict[frozenset[str], tuple[int, Event]] = {}
    for position in range(len(history) - 1, -1, -1):  # newest first: long documents stay linear
        event = history[position]
        if event.span[0] < offset - window:
            break
        if event.target is None or event.span[0] >= offset:
            continue
        keys = {party_key(event.source), party_key(event.target)}
        if None in keys or len(keys) != 2:
            continue
        dyad = frozenset(key for key in keys if key is not None)
        counts[dyad] = counts.get(dyad, 0) + 1
        latest.setdefault(dyad, (position, event))
    if counts:
        best = max(counts, key=lambda dyad: (counts[dyad], latest[dyad][0]))
        event = latest[best][1]
        if event.source is not None and event.target is not None:
            return [event.source, event.target]
    found = index.pair_before(offset, window)
    return found if len(found) == 2 else []


def group_actors(group: list[Token], index: ActorIndex, own_keys: set[str]) -> list[Actor]:
    """The actors of a target group; an object pronoun the actors stage left unresolved stands for the
    nearest earlier actor of another party (its binding — never its own clause's subject — is the actors
    stage's: ``actors.pronouns.co_arguments``)."""
    pronouns = [t for t in group if t.lower_ in OBJECT_PRONOUNS and t.dep_ in {"dobj", "pobj", "dative"}]
    found = index.group([t for t in group if t not in pronouns]) if len(pronouns) < len(group) else []
    for pronoun in pronouns:
        resolved = index.group([pronoun]) or party_antecedent(index.mentions, pronoun, own_keys)
        found += [actor for actor in resolved if actor not in found]
    return found


def through(group: list[Token], index: ActorIndex) -> list[Actor]:
    """The actors coordinated nouns that name none are about, each through its own prepositions ("the
    situation in Ukraine, and Russian support" → Ukraine for *situation*)."""
    found: list[Actor] = []
    for member in group:
        if index.at(member):
            continue
        for inner in syntax.nested_pobjs(member, 2):
            actors = index.group(syntax.with_conjuncts(inner))
            if actors:
                found += actors
                break
    return found


def audience(actor: Actor, sources: list[Actor]) -> bool:
    """Whom a statement is told to without being addressed to them: the press ("told reporters") or the
    speaker's own side ("told parliament"); a statement's target is another party."""
    return actor.sector == "MED" or any(party_key(actor) == party_key(source) for source in sources)


def distinct(actors: list[Actor]) -> list[Actor]:
    """One actor per country or organisation ("LAHORE — Pakistan" twice is one Pakistan); keeps order."""
    seen: set[str | None] = set()
    kept: list[Actor] = []
    for actor in actors:
        key = party_key(actor) or actor.code
        if key not in seen:
            seen.add(key)
            kept.append(actor)
    return kept


#: Prepositions that say whom a noun belongs to or stands for ("soldiers from Gondor", "partners like
#: Saudi Arabia"); "in" only for a plural group ("lawmakers in Arnor"), not a place of events.
MEMBER_PREPS = {"of", "from", "like", "including"}


#: Groups who are in a place without standing for it ("refugees in Germany", "troops in Syria").
OUTSIDERS = {
    "refugee", "migrant", "immigrant", "foreigner", "tourist", "visitor", "expatriate", "troop", "soldier",
    "force", "peacekeeper", "diplomat", "journalist", "reporter", "correspondent", "observer", "inspector",
    "statement", "report", "document", "letter",
}  # fmt: skip


def belongs(noun: Token, prep: Token) -> bool:
    word = prep.lower_
    if word in MEMBER_PREPS:
        return True
    plural = noun.tag_ in {"NNS", "NNPS"} and noun.pos_ == "NOUN"
    return word == "in" and plural and noun.lemma_.lower() not in OUTSIDERS


def hand_mentions(doc: Doc, phrases: dict[str, str]) -> list[ActorMention]:
    """Mentions for the given phrases (phrase → CAMEO actor code), headed at each match's syntactic root.

    For tests and benchmarks that fix the actors by hand (fictional PETRARCH actors, gold spans) so that
    the coder is measured on its own; longer phrases win where matches overlap.
    """
    taken: list[tuple[int, int]] = []
    mentions: list[ActorMention] = []
    sentence_starts = [sent.start_char for sent in doc.sents]
    for phrase in sorted(phrases, key=len, reverse=True):
        pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(doc.text):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            taken.append((start, end))
            code = phrases[phrase]
            bare_sector = code[:3] in SECTORS  # "GOV": some government, no country
            country = code[:3] if len(code) >= 3 and not bare_sector else None
            sector = (code[:3] if bare_sector else code[3:6]) or None
            actor = Actor(code, country, sector, phrase, match.group(0))
            sentence_index = sum(1 for s in sentence_starts if s <= start) - 1
            mentions.append(ActorMention(actor, (start, end), span.root.idx, sentence_index))
    return mentions
