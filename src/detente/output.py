"""Records → the JSON lines of the contract (../CONTRACT.md). The only place output fields are named.

Every function returns a plain ``dict`` ready for ``json.dumps``; the CLI, the REST API and the store's export
all go through here, so one schema (``schema/output.schema.json``) describes them all.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.storage import StoredRole

from detente.models import Actor, Article, DyadPoint, Event, Quote, Rejected, TimeRef


def actor_dict(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
        "text": actor.text,
    }


def article_line(article: Article, sentences: int | None = None, with_text: bool = False) -> dict[str, Any]:
    line: dict[str, Any] = {
        "kind": "article",
        "doc_id": article.doc_id,
        "input": article.input,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "source": article.source,
        "language": article.language,
        "status": article.status,
        "chars": len(article.text),
        "sentences": sentences,
        "removed": list(article.removed),
    }
    if article.author:
        line["author"] = article.author
    if with_text:
        line["text"] = article.text
    return line


def event_line(event: Event) -> dict[str, Any]:
    return {
        "kind": "event",
        "doc_id": event.doc_id,
        "event_id": event.event_id,
        "date": event.when.date.isoformat() if event.when.date else None,
        "date_precision": event.when.precision,
        "date_text": event.when.text,
        "source": actor_dict(event.source),
        "target": actor_dict(event.target),
        "cameo": event.cameo,
        "root": event.root,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover": {"type": event.plover_type, "mode": event.plover_mode},
        "flags": list(event.flags),
        "trigger": event.trigger,
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        "span": list(event.span),
        "confidence": round(event.confidence, 3),
        "coder": event.coder,
    }


def speakers_of(quote: Quote) -> tuple[Actor, ...]:
    """Every actor speaking: the coordination when several speak together, else the one speaker (or none)."""
    return quote.speakers or ((quote.speaker,) if quote.speaker else ())


def quote_line(quote: Quote) -> dict[str, Any]:
    return {
        "kind": "quote",
        "doc_id": quote.doc_id,
        "quote_id": quote.quote_id,
        "direct": quote.direct,
        "text": quote.text,
        "span": list(quote.span),
        "speaker": actor_dict(quote.speaker),
        "speakers": [actor_dict(actor) for actor in speakers_of(quote)],
        "cue": quote.cue,
        "sentence_index": quote.sentence_index,
        "event_ids": list(quote.event_ids),
    }


def timex_line(doc_id: str, timex: TimeRef) -> dict[str, Any]:
    return {
        "kind": "timex",
        "doc_id": doc_id,
        "text": timex.text,
        "span": list(timex.span),
        "type": timex.type,
        "value": timex.value,
    }


def error_line(rejected: Rejected) -> dict[str, Any]:
    return {"kind": "error", "doc_id": rejected.doc_id, "input": rejected.input, "error": rejected.reason}


def relation_line(point: DyadPoint) -> dict[str, Any]:
    return {
        "kind": "relation",
        "a": point.a,
        "b": point.b,
        "period": point.period,
        "events": point.events,
        "quad_counts": dict(point.quad_counts),
        "goldstein_sum": round(point.goldstein_sum, 2),
        "goldstein_mean": round(point.goldstein_mean, 2),
        "index": round(point.index, 2),
    }


def actor_line(entry: StoredRole) -> dict[str, Any]:
    from detente.actors import describe_code, split_code

    country, sector = split_code(entry.code)
    return {
        "kind": "actor",
        "name": entry.name,
        "aliases": list(entry.aliases),
        "code": entry.code,
        "country": country,
        "sector": sector,
        "description": describe_code(entry.code),
        "start": entry.start.isoformat() if entry.start else None,
        "end": entry.end.isoformat() if entry.end else None,
        "source": entry.source,
    }


def dumps(line: dict[str, Any]) -> str:
    return json.dumps(line, ensure_ascii=False)
