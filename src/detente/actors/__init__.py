"""Actors stage. Needs: doc, sentences. Adds: mentions (``ActorMention``: a resolved ``Actor`` at a span).

Finds who can act in each sentence — countries, demonyms, capitals and seats of power used as metonyms,
institutions, role nouns with their sectors, persons with titles — and resolves later mentions (surnames,
"the minister", pronouns) to them within the document.

Library entry points: ``find_mentions(doc, sentences, published)`` for a parsed ``Doc``;
``ActorKB`` (``detente.actors.kb``) for the dated knowledge base of named actors; ``observations`` for
titled people a document introduces (to learn from news); ``describe_code`` to read a code.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from detente.actors.agents import parse_agents
from detente.actors.context import infer_states
from detente.actors.extract import Found, compose, group_units
from detente.actors.kb import ActorKB, Observation, observations
from detente.actors.lexicon import (
    EXPLICIT_PLACE,
    Entry,
    Lexicon,
    Matchers,
    describe_code,
    matchers_for,
    split_code,
)
from detente.actors.pronouns import pronoun_and_groups
from detente.actors.resolve import resolve
from detente.actors.units import lexicon_units, name_units
from detente.config import Config
from detente.models import ActorMention, Sentence
from detente.nlp import text_of
from detente.pipeline import DocState
from detente.registry import register

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ActorKB",
    "Observation",
    "RuleActors",
    "describe_code",
    "find_mentions",
    "observations",
    "split_code",
]

log = logging.getLogger(__name__)


def find_mentions(
    doc: Doc,
    sentences: Sequence[Sentence],
    published: date | None = None,
    kb: ActorKB | None = None,
    matchers: Matchers | None = None,
) -> list[ActorMention]:
    """Every actor mention in a parsed document, resolved within it, in text order (one per head token).

    Mentions whose words name no state take one from the document's context (``detente.actors.context``)
    before resolution, so later surnames and pronouns inherit it."""
    kb = kb if kb is not None else ActorKB.load_default()
    matchers = matchers if matchers is not None else matchers_for(doc.vocab)
    sentence_of = _sentence_index(doc, sentences)
    units = lexicon_units(doc, matchers, kb, published)
    units.extend(name_units(doc, units, kb, published))
    text = text_of(doc)
    dateline, filed_from = dateline_of(text, matchers.lexicon)
    if dateline:
        units = [unit for unit in units if doc[unit.start].idx >= dateline]
    covered = {i for unit in units for i in range(unit.start, unit.end)}
    found: list[Found] = pronoun_and_groups(doc, covered, sentence_of)
    grouped = {item.mention.head for item in found}
    owner = {i: unit for unit in units for i in range(unit.start, unit.end)}
    for top in group_units(doc, units):
        head = doc[top.start : top.end].root
        item = compose(doc, top, sentence_of.get(head.i, -1), owner)
        if item is not None and item.mention.head not in grouped:
            found.append(item)
    mentions = resolve(infer_states(doc, found, sentences, filed_from, text))
    unique: dict[int, ActorMention] = {}
    for mention in mentions:
        unique.setdefault(mention.head, mention)
    return sorted(unique.values(), key=lambda mention: mention.span[0])


#: A dateline ("LIMA, Peru (Reuters) -", "LONDON, Nov 21 (AFP) —", "NEW DELHI —"): where the story was
#: filed and who filed it, not actors in it.
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.,'’ /-]{0,80}?\([A-Z][\w .-]{1,30}\)"
    r"|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,[^\n—–]{0,40}?)?)\s*[-–—]{1,2}\s"
)


def dateline_of(text: str, lexicon: Lexicon) -> tuple[int, str | None]:
    """Where a dateline ends (0: none) and the state of the place it names, if the lexicon knows it."""
    match = _DATELINE.match(text)
    if match is None:
        return 0, None
    head = re.sub(r"\([^)]*\)", ",", match.group(0)).strip().rstrip("-–—").strip()
    for part in head.split(","):
        key = " ".join(re.findall(r"[\w'’.-]+", part.lower()))
        place = next((entry for entry in lexicon.entries.get(key, ()) if entry.kind in EXPLICIT_PLACE), None)
        if place is not None and place.kind in ("capital", "country"):
            return match.end(), split_code(place.code)[0]
    return match.end(), None


def _sentence_index(doc: Doc, sentences: Sequence[Sentence]) -> dict[int, int]:
    starts = [sentence.start for sentence in sentences]
    result: dict[int, int] = {}
    for token in doc:
        position = bisect.bisect_right(starts, token.idx) - 1
        if position >= 0 and token.idx < sentences[position].end:
            result[token.i] = sentences[position].index
    return result


class RuleActors:
    """The rule-based actor finder: lexicon + parse + knowledge base, then in-document resolution."""

    name: str = "actors.rules.v1"
    requires: tuple[str, ...] = ("doc", "sentences")
    assigns: tuple[str, ...] = ("mentions",)

    def __init__(self, config: Config) -> None:
        self.config = config
        self.kb = ActorKB.load_default()
        self._own_kb = False
        self._agents: list[Entry] = []
        self._matchers: dict[int, Matchers] = {}
        for path in filter(None, (part.strip() for part in config.agents_files.split(","))):
            self.load_agents_file(path)

    def __call__(self, state: DocState) -> None:
        doc = state.doc
        state.mentions = find_mentions(
            doc, state.sentences, state.article.published, self.kb, self._matchers_for(doc)
        )

    def load_agents_file(self, path: str | Path) -> int:
        """Add the role nouns of a PETRARCH-format ``.agents`` dictionary to this stage (they take
        precedence over built-in ones); returns how many phrases were added."""
        entries = parse_agents(Path(path).read_text(encoding="utf-8", errors="replace"))
        self._agents.extend(entries)
        self._matchers.clear()
        log.info("agents: %d phrases from %s", len(entries), path)
        return len(entries)

    def _matchers_for(self, doc: Doc) -> Matchers:
        base = matchers_for(doc.vocab)
        if not self._agents:
            return base
        built = self._matchers.get(id(doc.vocab))
        if built is None:
            built = base.extended(doc.vocab, self._agents)
            self._matchers[id(doc.vocab)] = built
        return built

    def learn(
        self, name: str, code: str, start: date | None, end: date | None, aliases: Sequence[str]
    ) -> None:
        """Add a dated role (from the store: user entries, or roles learnt from news) to this stage's
        knowledge base; the process-wide default stays untouched (copy on first write)."""
        if not self._own_kb:
            self.kb = self.kb.copy()
            self._own_kb = True
        self.kb.add(name, code, start, end, aliases)


@register("actors.rules.v1")
def make_rule_actors(config: Config) -> RuleActors:
    return RuleActors(config)
