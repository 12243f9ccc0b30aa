"""The data model: every record that crosses a stage boundary, and nothing else.

Records are frozen, slotted dataclasses so they hash, compare, pickle (worker processes, Spark executors)
and serialise to JSON and DuckDB the same way. Offsets are character offsets into ``Article.text``.
One variable name per type everywhere: ``article``, ``sentence``, ``actor``, ``mention``, ``event``,
``quote``, ``timex``, ``point``, ``rejected``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Span = tuple[int, int]

FLAGS = ("negated", "conditional", "hypothetical", "future", "reported", "question")
DATE_PRECISIONS = ("day", "week", "month", "year", "publication")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

DatePrecision = Literal["day", "week", "month", "year", "publication"]


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts, stable across runs and machines (ids must reproduce)."""
    digest = hashlib.sha1("\x1f".join(str(part) for part in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One clean document: the text every offset refers to, and where it came from."""

    doc_id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    input: str | None = None
    language: str | None = "en"
    removed: tuple[str, ...] = ()
    author: str | None = None
    status: str = "ok"


@dataclass(frozen=True, slots=True)
class Rejected:
    """A document that could not be used, with the reason a person can act on."""

    doc_id: str
    input: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: CAMEO code = country (or IGO/NGO code) followed by sector codes."""

    code: str
    country: str | None
    sector: str | None
    name: str | None
    text: str

    def with_text(self, text: str) -> Actor:
        return Actor(self.code, self.country, self.sector, self.name, text)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor found at a place in the text; ``head`` is the char offset of the syntactic head token."""

    actor: Actor
    span: Span
    head: int
    sentence_index: int
    kind: str = "name"  # name | country | demonym | metonym | role | pronoun | surname | group
    members: tuple[Actor, ...] = ()  # the actors a group mention ("both sides") stands for


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression, normalised to a TimeML TIMEX3 value against the publication date."""

    text: str
    span: Span
    type: str
    value: str
    sentence_index: int = -1


@dataclass(frozen=True, slots=True)
class EventDate:
    date: date | None
    precision: DatePrecision
    text: str | None


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    doc_id: str
    source: Actor | None
    target: Actor | None
    cameo: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    trigger: str
    trigger_span: Span
    sentence_index: int
    sentence: str
    span: Span
    confidence: float
    coder: str
    flags: tuple[str, ...] = ()
    when: EventDate = field(default_factory=lambda: EventDate(None, "publication", None))

    @property
    def root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class Quote:
    quote_id: str
    doc_id: str
    direct: bool
    text: str
    span: Span
    speaker: Actor | None
    cue: str | None
    sentence_index: int
    event_ids: tuple[str, ...] = ()
    # Every actor speaking when a coordination speaks together ("Both the British Foreign Office and the
    # Russian Foreign Ministry said"), ``speaker`` first; empty when one actor (or none) speaks.
    speakers: tuple[Actor, ...] = ()


@dataclass(frozen=True, slots=True)
class DyadPoint:
    """One period of the relations series of a country pair (both directions)."""

    a: str
    b: str
    period: str
    events: int
    quad_counts: dict[str, int]
    goldstein_sum: float
    goldstein_mean: float
    index: float


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """Everything the pipeline produced for one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[ActorMention, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    timexes: tuple[TimeRef, ...]
