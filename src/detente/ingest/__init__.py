"""Ingest stage. Needs: paths, URLs or stdin. Adds: clean ``Article`` records (or ``Rejected`` ones).

Recognises inputs by extension (``.gz`` allowed): .txt/.md, .html/.htm, .jsonl, .csv, .parquet, .warc/.arc,
.rss/.atom/.xml, directories, and http(s) URLs (feeds or pages). Keeps only the article: page furniture is
removed and listed in ``Article.removed``. Readers (``sources``, ``feeds``) yield raw documents; ``build``
turns one into an article, so extraction can run in worker processes (``jobs``).
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from detente.config import Config
from detente.errors import InputError
from detente.ingest import furniture, html, language, sources
from detente.ingest.sources import RawDocument
from detente.models import Article, Rejected, stable_id

if TYPE_CHECKING:
    from detente.ingest.dedup import Deduper
    from detente.ingest.fetch import Fetcher

__all__ = [
    "RawDocument", "article_from_text", "build", "build_safely", "mark_duplicate", "parallel_map",
    "parse_date",
    "read_inputs", "read_raw",
]  # fmt: skip

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".arc")
DATASET_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES + DATASET_SUFFIXES


def parse_date(value: object) -> date | None:
    """A publication date from an ISO string, a datetime or a date; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date()  # RFC 822, as in RSS and HTTP headers
    except (TypeError, ValueError, IndexError):
        return None


def article_from_text(
    text: str,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    published: date | None = None,
    url: str | None = None,
    source: str | None = None,
    input: str | None = None,
    split_title: bool = False,
    clean: bool = False,
    author: str | None = None,
    drop_title: bool = False,
) -> Article:
    """An article from plain text; with ``split_title`` a first line followed by a blank line is the title.

    With ``clean`` page-furniture lines are removed and listed in ``Article.removed`` (a removed dateline
    gives the publication date when none is passed); with ``drop_title``
    also a line repeating the title above the body (used for web pages, whose title is metadata).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if split_title:
        head, sep, rest = text.partition("\n\n")
        furniture_first = clean and furniture.is_furniture_title(head)
        if sep and "\n" not in head.strip() and head.strip() and not furniture_first:
            title = title or head.strip()
            text = rest
    removed: tuple[str, ...] = ()
    if clean:
        cleaned = furniture.clean(text, title if drop_title else None)
        text, removed, author = cleaned.text, cleaned.removed, author or cleaned.author
        published = published or cleaned.published
    text = text.strip("\n")
    return Article(
        doc_id=doc_id or stable_id(text, length=16),
        text=text,
        title=title,
        published=published,
        url=url,
        source=source,
        input=input,
        removed=removed,
        author=author,
    )


def build(raw: RawDocument | Rejected, config: Config, published: date | None = None) -> Article | Rejected:
    """One raw document -> a clean article (or a rejection naming the document and what to do)."""
    if isinstance(raw, Rejected):
        return raw
    where = raw.input
    if raw.kind == "html":
        data = raw.data
        text = data if isinstance(data, str) else sources.decode(data, html.declared_charset(data))
        if sources.looks_binary(text):
            reason = "looks like binary data, not HTML; check the file"
            return Rejected(raw.doc_id or stable_id(where), where, reason)
        page = html.extract_page(text, url=raw.url, min_chars=config.min_text_chars)
        if len(page.text.strip()) < config.min_text_chars:
            return Rejected(
                raw.doc_id or stable_id(where), where, "no main text found in the page; is it an article?"
            )
        article = article_from_text(
            page.text,
            doc_id=raw.doc_id,
            title=raw.title or page.title,
            published=raw.published or page.published,
            url=page.url or raw.url,
            source=raw.source or page.source,
            input=where,
            clean=True,
            author=raw.author or page.author,
            drop_title=True,
        )
    else:
        data = raw.data
        text = data if isinstance(data, str) else sources.decode(data)
        if sources.looks_binary(text):
            return Rejected(
                raw.doc_id or stable_id(where), where, "looks like binary data, not text; check the file"
            )
        article = article_from_text(
            text,
            doc_id=raw.doc_id,
            title=raw.title,
            published=raw.published,
            url=raw.url,
            source=raw.source,
            input=where,
            split_title=raw.split_title,
            clean=True,
            author=raw.author,
        )
    if article.published is None and published is not None:
        article = _replace(article, published=published)
    return _check(article, config)


def build_safely(
    raw: RawDocument | Rejected, config: Config, published: date | None = None
) -> Article | Rejected:
    """``build`` at the batch boundary: a parser failing on one hostile page must not end the batch."""
    try:
        return build(raw, config, published)
    except Exception as exc:  # third-party parsers raise many kinds of error on malformed input
        where = raw.input
        log.warning("extraction of %s failed", where, exc_info=True)
        reason = f"extraction failed ({exc.__class__.__name__}: {exc}); please report it with the file"
        return Rejected(getattr(raw, "doc_id", None) or stable_id(where), where, reason)


def _check(article: Article, config: Config) -> Article | Rejected:
    where = article.input or article.doc_id
    if len(article.text) > config.max_doc_chars:
        return Rejected(
            article.doc_id,
            where,
            f"text longer than {config.max_doc_chars} characters; split it or raise max_doc_chars",
        )
    if not article.text.strip():
        return Rejected(article.doc_id, where, "no text left after removing page furniture; nothing to code")
    detected = language.detect(article.text)
    if detected not in (None, "en"):
        return _replace(article, language=detected, status="skipped: language")
    return article


def _replace(article: Article, **changes: object) -> Article:
    from dataclasses import replace

    return replace(article, **changes)  # type: ignore[arg-type]


def read_inputs(
    inputs: Iterable[str],
    config: Config | None = None,
    published: date | None = None,
    *,
    jobs: int = 1,
    columns: dict[str, str] | None = None,
    deduper: Deduper | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | Rejected]:
    """Every document in the inputs, in order; unreadable ones become ``Rejected`` and the rest go on.

    ``jobs`` > 1 extracts in that many worker processes, keeping input order and a bounded number of
    documents in flight (not ``config.jobs``: the NLP pipeline has its own workers).
    ``columns`` maps dataset fields to column names (``{"text": "body"}``). A ``deduper`` marks duplicates
    (status "duplicate: <doc_id>" or "near-duplicate: <doc_id>") instead of dropping them. A ``fetcher``
    (``detente.ingest.fetch.Fetcher``) is used for URLs and feed links; by default one is made per input.
    """
    config = config or Config()
    raws = read_raw(inputs, config, published, columns=columns, fetcher=fetcher)
    work = partial(build_safely, config=config, published=published)
    if jobs <= 1:
        results: Iterator[Article | Rejected] = map(work, raws)
        yield from _dedup(results, deduper)
        return
    yield from _dedup(parallel_map(work, raws, jobs), deduper)


def parallel_map(
    work: Callable[[RawDocument | Rejected], Article | Rejected],
    raws: Iterable[RawDocument | Rejected],
    jobs: int,
) -> Iterator[Article | Rejected]:
    """``map`` over worker processes, in order, with at most ``4 * jobs`` documents in flight."""
    pending: deque[Future[Article | Rejected]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for raw in raws:
            pending.append(pool.submit(work, raw))
            if len(pending) >= 4 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _dedup(results: Iterable[Article | Rejected], deduper: Deduper | None) -> Iterator[Article | Rejected]:
    for result in results:
        if deduper is None or isinstance(result, Rejected):
            yield result
        else:
            yield mark_duplicate(result, deduper)


def mark_duplicate(article: Article, deduper: Deduper) -> Article:
    """The article, with status "duplicate: <id>" or "near-duplicate: <id>" when it repeats a known one."""
    if article.status != "ok":
        return article
    status, original = deduper.check(article)
    return article if status == "new" else _replace(article, status=f"{status}: {original}")


def read_raw(
    inputs: Iterable[str],
    config: Config,
    published: date | None = None,
    *,
    columns: dict[str, str] | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[RawDocument | Rejected]:
    """Raw documents of every input, streaming; a failing input yields one ``Rejected`` and the rest go on."""
    slot = _FetcherSlot(fetcher, config)
    try:
        yield from _read_many(inputs, config, columns, slot)
    finally:
        slot.close()


class _FetcherSlot:
    """One fetcher for a whole batch, made on first use, so pacing and robots rules hold across inputs."""

    def __init__(self, given: Fetcher | None, config: Config) -> None:
        self.given = given
        self.own: Fetcher | None = None
        self.config = config

    def get(self) -> Fetcher:
        if self.given is not None:
            return self.given
        if self.own is None:
            from detente.ingest.fetch import Fetcher

            self.own = Fetcher(max_bytes=self.config.max_input_bytes)
        return self.own

    def close(self) -> None:
        if self.own is not None:
            self.own.close()


def _read_many(
    inputs: Iterable[str], config: Config, columns: dict[str, str] | None, slot: _FetcherSlot
) -> Iterator[RawDocument | Rejected]:
    for item in inputs:
        try:
            yield from _read_one(item, config, columns, slot)
        except InputError as exc:
            yield Rejected(stable_id(item), exc.source or item, exc.reason)
        except OSError as exc:
            yield Rejected(stable_id(item), item, f"cannot read: {exc.strerror or exc}; check the path")


def _read_one(
    item: str, config: Config, columns: dict[str, str] | None, slot: _FetcherSlot
) -> Iterator[RawDocument | Rejected]:
    if item == "-":
        yield RawDocument("-", "text", sys.stdin.read(), split_title=True)
        return
    if item.startswith(("http://", "https://")):
        from detente.ingest import feeds

        yield from feeds.read_url(item, config, slot.get())
        return
    path = Path(item)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and suffix(p) in SUFFIXES):
            yield from _read_many([str(child)], config, columns, slot)
        return
    if not path.exists():
        raise InputError(item, "no such file; check the path")
    kind = suffix(path)
    if kind in TEXT_SUFFIXES:
        data = sources.read_file(path, config)
        yield RawDocument(item, "text", data, split_title=True)
    elif kind in HTML_SUFFIXES:
        yield RawDocument(item, "html", sources.read_file(path, config))
    elif kind in (".jsonl", ".ndjson"):
        yield from sources.read_jsonl(path, config, columns, parse_date)
    elif kind == ".csv":
        yield from sources.read_csv(path, config, columns, parse_date)
    elif kind == ".parquet":
        yield from sources.read_parquet(path, config, columns, parse_date)
    elif kind in WARC_SUFFIXES:
        yield from sources.read_warc(path, config)
    elif kind in FEED_SUFFIXES:
        from detente.ingest import feeds

        yield from feeds.read_feed_file(path, config, slot.get())
    else:
        raise InputError(item, f"unrecognised input type {kind or path.name!r}; see `detente code --help`")


def suffix(path: Path) -> str:
    """The extension that decides the reader, ignoring a final ``.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""
