"""Runs the stages over articles: ingest → nlp → actors → events → quotes → dates.

Each stage declares what it ``requires`` and ``assigns`` on the per-document state; ``Pipeline`` checks the
order before any document runs (as spaCy's pipe analysis does), so a misconfigured pipeline fails at once.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from detente import nlp as nlp_stage
from detente import registry
from detente.config import Config
from detente.errors import PipelineError
from detente.models import (
    ActorMention,
    Article,
    CodedArticle,
    Event,
    Quote,
    Rejected,
    Sentence,
    TimeRef,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: What the nlp stage gives every document before the registered stages run.
PROVIDED = ("article", "doc", "sentences")


@dataclass(slots=True)
class DocState:
    """The working state of one document while stages run; only the pipeline builds it."""

    article: Article
    doc: Doc
    sentences: tuple[Sentence, ...]
    mentions: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[TimeRef] = field(default_factory=list)

    def freeze(self) -> CodedArticle:
        return CodedArticle(
            article=self.article,
            sentences=self.sentences,
            mentions=tuple(self.mentions),
            events=tuple(self.events),
            quotes=tuple(self.quotes),
            timexes=tuple(self.timexes),
        )


class Stage(Protocol):
    """A pipeline stage: reads the fields it requires, sets the fields it assigns."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, state: DocState) -> None: ...


def _batched(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    batch: list[Article | Rejected] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER: Pipeline | None = None


def _init_worker(config: Config) -> None:
    global _WORKER
    _WORKER = Pipeline(config)


def _work(batch: list[Article | Rejected]) -> list[CodedArticle | Rejected]:
    assert _WORKER is not None, "worker pipeline not initialised"
    return list(_WORKER._run_batch(batch))


def check_order(stages: Iterable[Stage]) -> None:
    """Refuse a pipeline in which a stage runs before what it needs is assigned."""
    available = set(PROVIDED)
    for stage in stages:
        missing = [need for need in stage.requires if need not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                f"put a stage assigning it before {stage.name!r}"
            )
        available.update(stage.assigns)


class Pipeline:
    """The configured stages with a loaded language model. Build once, reuse for many documents."""

    def __init__(self, config: Config | None = None, stages: list[Stage] | None = None) -> None:
        self.config = config or Config()
        if stages is None:
            names = [
                self.config.actors_stage,
                self.config.events_stage,
                self.config.quotes_stage,
                self.config.dates_stage,
            ]
            stages = [registry.make(name, self.config) for name in names]
        check_order(stages)
        self.stages = stages
        self.nlp = nlp_stage.load(self.config.model)

    @property
    def stage_names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def run(
        self, articles: Iterable[Article | Rejected], jobs: int | None = None
    ) -> Iterator[CodedArticle | Rejected]:
        """Code articles in input order; a document that fails becomes a ``Rejected``, the rest go on.

        Articles whose status is not "ok" (skipped for their language, say) pass through uncoded. With
        ``jobs`` > 1 batches are coded in worker processes (each builds its own pipeline once), results
        still come back in input order and at most ``2 * jobs`` batches are in flight.
        """
        jobs = self.config.jobs if jobs is None else jobs
        batches = _batched(articles, self.config.batch_size)
        if jobs <= 1:
            for batch in batches:
                yield from self._run_batch(batch)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(jobs, context, initializer=_init_worker, initargs=(self.config,)) as pool:
            pending: deque[Future[list[CodedArticle | Rejected]]] = deque()
            for batch in batches:
                pending.append(pool.submit(_work, batch))
                if len(pending) >= 2 * jobs:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def code(self, article: Article) -> CodedArticle:
        """Code one article, raising on failure (for library callers who want the exception)."""
        doc = nlp_stage.parse(self.nlp, [article.text])[0]
        return self._apply(article, doc)

    def _run_batch(self, batch: list[Article | Rejected]) -> Iterator[CodedArticle | Rejected]:
        articles = [item for item in batch if isinstance(item, Article) and item.status == "ok"]
        docs = iter(nlp_stage.parse(self.nlp, [article.text for article in articles], self.config.batch_size))
        for item in batch:
            if isinstance(item, Rejected):
                yield item
                continue
            if item.status != "ok":  # e.g. "skipped: language": stored and counted, never coded
                yield CodedArticle(item, (), (), (), (), ())
                continue
            doc = next(docs)
            try:
                yield self._apply(item, doc)
            except Exception as exc:  # one bad document must not stop the batch
                log.exception("coding failed for %s", item.doc_id)
                yield Rejected(
                    item.doc_id,
                    item.input or item.doc_id,
                    f"coding failed ({type(exc).__name__}: {exc}); please report this document",
                )

    def _apply(self, article: Article, doc: Doc) -> CodedArticle:
        state = DocState(article=article, doc=doc, sentences=nlp_stage.sentences(doc))
        for stage in self.stages:
            stage(state)
        return state.freeze()
