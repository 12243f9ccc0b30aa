"""detente: political event data from news — who did what to whom, who said what, and when.

The library is the product; the CLI and the REST API are thin layers over these functions::

    import detente
    coded = detente.code_text("Britain's foreign secretary spoke to Lavrov on Sunday.", "2016-11-21")
    for event in coded.events:
        print(event.source, event.cameo, event.target, event.when)
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from detente.config import Config, load_config
from detente.jobs import code, extract, ingest_into, times
from detente.metrics import relations
from detente.models import (
    Actor,
    ActorMention,
    Article,
    CodedArticle,
    DyadPoint,
    Event,
    EventDate,
    Quote,
    Rejected,
    Sentence,
    TimeRef,
)
from detente.pipeline import Pipeline
from detente.storage import Store

__version__ = "0.1.0"

__all__ = [
    "Actor", "ActorMention", "Article", "CodedArticle", "Config", "DyadPoint", "Event", "EventDate",
    "Pipeline", "Quote", "Rejected", "Sentence", "Store", "TimeRef", "__version__", "code", "code_text",
    "extract", "ingest_into", "load_config", "relations", "times",
]  # fmt: skip


@lru_cache(maxsize=2)
def _pipeline(config: Config) -> Pipeline:
    return Pipeline(config)


def code_text(
    text: str,
    published: str | date | None = None,
    title: str | None = None,
    config: Config | None = None,
) -> CodedArticle:
    """Code one plain text (the pipeline is built once per configuration and reused)."""
    from detente.ingest import article_from_text, parse_date

    article = article_from_text(text, title=title, published=parse_date(published))
    return _pipeline(config or Config()).code(article)
