"""RSS/Atom feeds: entries with their full text used directly, others fetched from their link; watching.

``watch`` polls feeds every so often and yields only entries not seen before. It remembers feeds'
ETag/Last-Modified and the URLs it has seen through a ``SeenStore`` (the database's store implements it;
``MemorySeenStore`` keeps them for one process and serialises to JSON).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from detente.config import Config
from detente.errors import InputError
from detente.ingest import html as html_pages
from detente.ingest import sources
from detente.ingest.fetch import Fetcher, Response
from detente.ingest.sources import RawDocument
from detente.models import Article, Rejected, stable_id

log = logging.getLogger(__name__)

FULL_TEXT_MIN_CHARS = 400
"""An entry whose content has at least this much text is taken as the full article (no fetch)."""
_FEED_TYPES = ("rss", "atom", "xml")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item: where it points and what the feed itself says about it."""

    feed: str
    url: str | None
    title: str | None
    published: date | None
    content: str | None = None
    entry_id: str | None = None
    author: str | None = None
    source: str | None = None


class SeenStore(Protocol):
    """Where a watcher keeps what it has already seen (URLs) and each feed's HTTP validators."""

    def is_seen(self, url: str) -> bool: ...

    def mark_seen(self, url: str, feed: str) -> None: ...

    def feed_validators(self, feed: str) -> tuple[str | None, str | None]: ...

    def save_feed_validators(self, feed: str, etag: str | None, last_modified: str | None) -> None: ...


@dataclass
class MemorySeenStore:
    """A ``SeenStore`` in memory; ``to_state``/``from_state`` round-trip it through JSON."""

    seen: dict[str, str] = field(default_factory=dict)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def is_seen(self, url: str) -> bool:
        return url in self.seen

    def mark_seen(self, url: str, feed: str) -> None:
        self.seen.setdefault(url, feed)

    def feed_validators(self, feed: str) -> tuple[str | None, str | None]:
        return self.validators.get(feed, (None, None))

    def save_feed_validators(self, feed: str, etag: str | None, last_modified: str | None) -> None:
        self.validators[feed] = (etag, last_modified)

    def to_state(self) -> dict[str, Any]:
        return {"seen": dict(self.seen), "validators": {k: list(v) for k, v in self.validators.items()}}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> MemorySeenStore:
        validators = {k: (v[0], v[1]) for k, v in state.get("validators", {}).items()}
        return cls(dict(state.get("seen", {})), validators)


def parse_feed(data: bytes, feed: str) -> tuple[list[FeedEntry], str | None]:
    """The entries of a feed document and the feed's title; an unparseable document is an ``InputError``."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "no entries"
        raise InputError(feed, f"not a readable RSS/Atom feed ({problem}); check the URL or file")
    title = _text(parsed.feed.get("title"))
    entries = []
    for entry in parsed.entries:
        content = None
        for part in entry.get("content", []) or []:
            value = part.get("value")
            if isinstance(value, str) and (content is None or len(value) > len(content)):
                content = value
        if content is None and isinstance(entry.get("summary"), str):
            content = entry.get("summary")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        link = _text(entry.get("link"))
        entries.append(
            FeedEntry(
                feed=feed,
                url=link if link and link.startswith(("http://", "https://")) else None,
                title=_text(entry.get("title")),
                published=date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None,
                content=content,
                entry_id=_text(entry.get("id")),
                author=_text(entry.get("author")),
                source=title,
            )
        )
    return entries, title


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def is_full_text(entry: FeedEntry) -> bool:
    """Whether the entry carries the article itself rather than a teaser."""
    if not entry.content:
        return False
    return len(html_pages.fragment_text(entry.content)) >= FULL_TEXT_MIN_CHARS


def entry_documents(
    entries: Iterable[FeedEntry], config: Config, fetcher: Fetcher | None
) -> Iterator[RawDocument | Rejected]:
    """A raw document per entry: its own full text, else its linked page (fetched), else a rejection."""
    for entry in entries:
        where = entry.url or f"{entry.feed}#{entry.entry_id or entry.title}"
        if is_full_text(entry) and entry.content:
            yield RawDocument(
                input=where,
                kind="text",
                data=html_pages.fragment_text(entry.content),
                title=entry.title,
                published=entry.published,
                url=entry.url,
                source=entry.source,
                author=entry.author,
            )
            continue
        if not entry.url or not entry.url.startswith(("http://", "https://")) or fetcher is None:
            reason = "feed entry has no full text and no fetchable link; use a full-text feed"
            yield Rejected(stable_id(where), where, reason)
            continue
        try:
            response = fetcher.get(entry.url)
        except InputError as exc:
            yield Rejected(stable_id(where), where, exc.reason)
            continue
        yield _page_document(response, config, entry)


def _page_document(
    response: Response, config: Config, entry: FeedEntry | None = None
) -> RawDocument | Rejected:
    if len(response.content) > config.max_input_bytes:
        reason = f"larger than {config.max_input_bytes} bytes; raise max_input_bytes"
        return Rejected(stable_id(response.url), response.url, reason)
    kind = "text" if response.content_type.startswith("text/plain") else "html"
    return RawDocument(
        input=response.url,
        kind=kind,
        data=response.content,
        title=entry.title if entry else None,
        published=entry.published if entry else None,
        url=response.url,
        source=entry.source if entry else None,
        author=entry.author if entry else None,
    )


def looks_like_feed(response: Response) -> bool:
    if any(kind in response.content_type for kind in _FEED_TYPES):
        return True
    head = response.content[:500].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")


def read_feed_file(
    path: Path, config: Config, fetcher: Fetcher | None = None
) -> Iterator[RawDocument | Rejected]:
    """Entries of a feed saved as a file; linked pages are fetched only when needed."""
    entries, _title = parse_feed(sources.read_file(path, config), str(path))
    if fetcher is None and not all(is_full_text(entry) for entry in entries):
        with Fetcher(max_bytes=config.max_input_bytes) as own:
            yield from entry_documents(entries, config, own)
        return
    yield from entry_documents(entries, config, fetcher)


def read_url(url: str, config: Config, fetcher: Fetcher | None = None) -> Iterator[RawDocument | Rejected]:
    """A feed's entries or a single page, whichever the URL serves."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(max_bytes=config.max_input_bytes)
    try:
        response = fetcher.get(url)
        if looks_like_feed(response):
            entries, _title = parse_feed(response.content, url)
            yield from entry_documents(entries, config, fetcher)
        else:
            yield _page_document(response, config)
    finally:
        if own:
            fetcher.close()


def poll(
    feeds: Iterable[str], store: SeenStore, config: Config, fetcher: Fetcher
) -> Iterator[RawDocument | Rejected]:
    """One round over the feeds: entries whose URL the store has not seen; unchanged feeds are skipped."""
    for feed in feeds:
        etag, modified = store.feed_validators(feed)
        try:
            response = fetcher.get(feed, etag=etag, last_modified=modified)
        except InputError as exc:
            yield Rejected(stable_id(feed), feed, exc.reason)
            continue
        if response.not_modified:
            log.info("feed %s not modified", feed)
            continue
        try:
            entries, _title = parse_feed(response.content, feed)
        except InputError as exc:
            yield Rejected(stable_id(feed), feed, exc.reason)
            continue
        fresh = [e for e in entries if not store.is_seen(e.url or e.entry_id or "")]
        log.info("feed %s: %d entries, %d new", feed, len(entries), len(fresh))
        for entry, document in zip(fresh, entry_documents(fresh, config, fetcher), strict=True):
            yield document
            transient = isinstance(document, Rejected) and document.reason.startswith("gave up")
            if not transient:  # a page that failed for a while is tried again next round
                store.mark_seen(entry.url or entry.entry_id or "", feed)
        store.save_feed_validators(feed, response.etag, response.last_modified)


def parse_interval(text: str) -> float:
    """Seconds in "15m", "1h", "90s", "2h30m" or a plain number of seconds."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([hms])", text)
    if not parts or "".join(n + u for n, u in parts) != re.sub(r"\s+", "", text):
        raise ValueError(f"interval {text!r} not understood; write it like 15m, 1h or 90s")
    return sum(float(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)


def watch(
    feeds: Iterable[str],
    every: float,
    store: SeenStore | None = None,
    config: Config | None = None,
    *,
    fetcher: Fetcher | None = None,
    rounds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Article | Rejected]:
    """New articles from the feeds, polled every ``every`` seconds; ``rounds`` limits it (tests, cron)."""
    from detente.ingest import build

    config = config or Config()
    store = store if store is not None else MemorySeenStore()
    feeds = list(feeds)
    own = fetcher is None
    fetcher = fetcher or Fetcher(max_bytes=config.max_input_bytes)
    try:
        done = 0
        while rounds is None or done < rounds:
            started = time.monotonic()
            for raw in poll(feeds, store, config, fetcher):
                yield build(raw, config)
            done += 1
            if rounds is None or done < rounds:
                sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        if own:
            fetcher.close()
