"""The store: articles, sentences, actor mentions, events, quotes and time expressions in DuckDB.

All of detente's SQL lives in this module. The schema evolves by named, ordered migrations recorded in the
``migrations`` table. Every row keeps its provenance (document, sentence index, character span) and every
event the versioned name of the coder that produced it. Saving is idempotent: an article already stored
with the same content and the same stage versions is left alone.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from detente.errors import StorageError
from detente.models import (
    Actor,
    CodedArticle,
    Event,
    EventDate,
    Quote,
    Rejected,
    stable_id,
)

log = logging.getLogger(__name__)

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            doc_id VARCHAR PRIMARY KEY, input VARCHAR, title VARCHAR, published DATE, url VARCHAR,
            source VARCHAR, author VARCHAR, language VARCHAR, status VARCHAR, chars INTEGER,
            sentences INTEGER, removed VARCHAR, text VARCHAR, content_hash VARCHAR, stages VARCHAR,
            duplicate_of VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE TABLE sentences (
            doc_id VARCHAR, sentence_index INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
            PRIMARY KEY (doc_id, sentence_index)
        );
        CREATE TABLE mentions (
            doc_id VARCHAR, sentence_index INTEGER, start_char INTEGER, end_char INTEGER, head INTEGER,
            kind VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR, text VARCHAR
        );
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, event_date DATE, date_precision VARCHAR,
            date_text VARCHAR,
            source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_name VARCHAR,
            source_text VARCHAR,
            target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_name VARCHAR,
            target_text VARCHAR,
            cameo VARCHAR, root VARCHAR, quad_class INTEGER, goldstein DOUBLE, plover_type VARCHAR,
            plover_mode VARCHAR, flags VARCHAR, trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
            sentence_index INTEGER, sentence VARCHAR, span_start INTEGER, span_end INTEGER,
            confidence DOUBLE, coder VARCHAR
        );
        CREATE TABLE quotes (
            quote_id VARCHAR PRIMARY KEY, doc_id VARCHAR, direct BOOLEAN, text VARCHAR, span_start INTEGER,
            span_end INTEGER, speaker_code VARCHAR, speaker_country VARCHAR, speaker_sector VARCHAR,
            speaker_name VARCHAR, speaker_text VARCHAR, cue VARCHAR, sentence_index INTEGER, event_ids VARCHAR
        );
        CREATE TABLE timexes (
            doc_id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER, type VARCHAR, value VARCHAR,
            sentence_index INTEGER
        );
        CREATE TABLE rejected (
            doc_id VARCHAR, input VARCHAR, reason VARCHAR, rejected_at TIMESTAMP DEFAULT current_timestamp
        );
        """,
    ),
    (
        "0002_feed_state",  # detente.ingest.feeds.watch: seen entry URLs, feeds' HTTP validators
        """
        CREATE TABLE seen_urls (
            url VARCHAR PRIMARY KEY, feed VARCHAR, seen_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE TABLE feed_state (
            feed VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, checked_at TIMESTAMP
        );
        """,
    ),
    (
        "0003_state",  # named JSON state of long-lived components (the ingest deduplicator)
        """
        CREATE TABLE state (name VARCHAR PRIMARY KEY, value JSON, saved_at TIMESTAMP);
        """,
    ),
    (
        "0004_actor_roles",  # the actor knowledge base's additions: user entries and roles learnt from news
        """
        CREATE TABLE actor_roles (
            name VARCHAR, aliases VARCHAR, code VARCHAR, start_date DATE, end_date DATE,
            source VARCHAR, doc_id VARCHAR, evidence VARCHAR, added_at TIMESTAMP DEFAULT current_timestamp
        );
        """,
    ),
    (
        "0005_quote_speakers",  # every actor of a coordination speaking together (Quote.speakers), as JSON
        """
        ALTER TABLE quotes ADD COLUMN speakers VARCHAR DEFAULT '[]';
        """,
    ),
)

_PER_DOC_TABLES = ("sentences", "mentions", "events", "quotes", "timexes")


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """Aggregated events of one dyad in one period, as the store computes them."""

    period: str
    events: int
    quad_counts: dict[str, int]
    goldstein_sum: float


@dataclass(frozen=True, slots=True)
class StoredRole:
    """A dated role of a named actor: ``source`` is "user", "import" or "news" in the store, "bundled" for
    the knowledge base shipped with detente."""

    name: str
    aliases: tuple[str, ...]
    code: str
    start: date | None
    end: date | None
    source: str
    doc_id: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    skipped: int
    duplicates: int
    rejected: int
    events: int
    quotes: int


def content_hash(text: str) -> str:
    return stable_id(" ".join(text.split()), length=32)


class Store:
    """A DuckDB database of coded news. ``Store(":memory:")`` for tests."""

    def __init__(self, path: str | Path = "detente.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.db = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StorageError(f"cannot open database {self.path!r}: {exc}") from exc
        if not read_only:
            self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------------------

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied TIMESTAMP)")
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations").fetchall()}
        known = {name for name, _ in MIGRATIONS}
        unknown = done - known
        if unknown:
            raise StorageError(
                f"database {self.path!r} has migrations this detente does not know "
                f"({', '.join(sorted(unknown))}); "
                "upgrade detente"
            )
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            log.info("applying migration %s to %s", name, self.path)
            self.db.execute("BEGIN TRANSACTION")
            try:
                self.db.execute(sql)
                self.db.execute("INSERT INTO migrations VALUES (?, current_timestamp)", [name])
                self.db.execute("COMMIT")
            except duckdb.Error:
                self.db.execute("ROLLBACK")
                raise

    # -- writing --------------------------------------------------------------------------------------

    def is_current(self, doc_id: str, text: str, stages: Sequence[str]) -> bool:
        """True when this article is stored with the same text and the same stage versions."""
        row = self.db.execute(
            "SELECT content_hash, stages FROM articles WHERE doc_id = ?", [doc_id]
        ).fetchone()
        return row is not None and row[0] == content_hash(text) and row[1] == ",".join(stages)

    def save(self, coded: CodedArticle, stages: Sequence[str], duplicate_of: str | None = None) -> None:
        """Store one coded article and everything found in it, replacing an older version atomically."""
        article = coded.article
        self.db.execute("BEGIN TRANSACTION")
        try:
            self._delete_doc(article.doc_id)
            self.db.execute(
                "INSERT INTO articles (doc_id, input, title, published, url, source, author, language,"
                " status,"
                " chars, sentences, removed, text, content_hash, stages, duplicate_of)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    article.doc_id, article.input, article.title, article.published, article.url,
                    article.source, article.author, article.language, article.status, len(article.text),
                    len(coded.sentences), json.dumps(list(article.removed), ensure_ascii=False), article.text,
                    content_hash(article.text), ",".join(stages), duplicate_of,
                ],
            )  # fmt: skip
            doc_id = article.doc_id
            self._insert_many(
                "sentences",
                [(doc_id, s.index, s.start, s.end, s.text) for s in coded.sentences],
            )
            self._insert_many(
                "mentions",
                [
                    (doc_id, m.sentence_index, m.span[0], m.span[1], m.head, m.kind, m.actor.code,
                     m.actor.country, m.actor.sector, m.actor.name, m.actor.text)
                    for m in coded.mentions
                ],
            )  # fmt: skip
            self._insert_many("events", [_event_row(event) for event in coded.events])
            self._insert_many("quotes", [_quote_row(quote) for quote in coded.quotes])
            self._insert_many(
                "timexes",
                [
                    (doc_id, t.text, t.span[0], t.span[1], t.type, t.value, t.sentence_index)
                    for t in coded.timexes
                ],
            )
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise

    def save_rejected(self, rejected: Rejected) -> None:
        self.db.execute(
            "DELETE FROM rejected WHERE doc_id = ? AND input = ?", [rejected.doc_id, rejected.input]
        )
        self.db.execute(
            "INSERT INTO rejected (doc_id, input, reason) VALUES (?, ?, ?)",
            [rejected.doc_id, rejected.input, rejected.reason],
        )

    def _delete_doc(self, doc_id: str) -> None:
        for table in _PER_DOC_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        self.db.execute("DELETE FROM articles WHERE doc_id = ?", [doc_id])
        self.db.execute("DELETE FROM rejected WHERE doc_id = ?", [doc_id])

    def _insert_many(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        marks = ", ".join("?" for _ in rows[0])
        self.db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    # -- reading --------------------------------------------------------------------------------------

    def counts(self) -> Counts:
        row = self.db.execute(
            "SELECT"
            " count(*) FILTER (WHERE status = 'ok' AND duplicate_of IS NULL),"
            " count(*) FILTER (WHERE status LIKE 'skipped%'),"
            " count(*) FILTER (WHERE duplicate_of IS NOT NULL),"
            " (SELECT count(*) FROM rejected), (SELECT count(*) FROM events), (SELECT count(*) FROM quotes)"
            " FROM articles"
        ).fetchone()
        assert row is not None
        return Counts(*(int(value or 0) for value in row))

    def events(
        self,
        dyad: tuple[str, str] | None = None,
        since: date | None = None,
        until: date | None = None,
        doc_id: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> Iterator[Event]:
        """Stored events in date order, optionally of one pair (either direction) and a date range."""
        where, params = _event_filter(dyad, since, until)
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        sql = f"SELECT {', '.join(_EVENT_COLUMNS)} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        order = "DESC" if newest_first else "ASC"
        sql += f" ORDER BY event_date {order} NULLS LAST, doc_id, sentence_index, trigger_start"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        cursor = self.db.execute(sql, params)
        while rows := cursor.fetchmany(1000):
            for row in rows:
                yield _event_from_row(row)

    def quotes(self, doc_id: str | None = None) -> Iterator[Quote]:
        sql = (
            "SELECT quote_id, doc_id, direct, text, span_start, span_end, speaker_code, speaker_country,"
            " speaker_sector, speaker_name, speaker_text, cue, sentence_index, event_ids, speakers"
            " FROM quotes"
        )
        params: list[Any] = []
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        for row in self.db.execute(sql + " ORDER BY doc_id, span_start", params).fetchall():
            speaker = Actor(row[6], row[7], row[8], row[9], row[10]) if row[6] is not None else None
            yield Quote(
                quote_id=row[0], doc_id=row[1], direct=bool(row[2]), text=row[3], span=(row[4], row[5]),
                speaker=speaker, cue=row[11], sentence_index=row[12], event_ids=tuple(json.loads(row[13])),
                speakers=tuple(Actor(*values) for values in json.loads(row[14] or "[]")),
            )  # fmt: skip

    def dyad_periods(self, a: str, b: str, freq: str) -> list[PeriodRow]:
        """Per period: event count, counts per QuadClass and Goldstein sum of the pair, both directions."""
        formats = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m"}
        if freq not in formats:
            raise StorageError(f"unknown frequency {freq!r}; use day, week or month")
        where, params = _event_filter((a, b), None, None)
        where.append("event_date IS NOT NULL")
        sql = (
            f"SELECT strftime(event_date, '{formats[freq]}') AS period, count(*),"
            " count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),"
            " count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),"
            " sum(goldstein) FROM events WHERE " + " AND ".join(where) + " GROUP BY period ORDER BY period"
        )
        return [
            PeriodRow(
                period=row[0],
                events=int(row[1]),
                quad_counts={"1": int(row[2]), "2": int(row[3]), "3": int(row[4]), "4": int(row[5])},
                goldstein_sum=float(row[6] or 0.0),
            )
            for row in self.db.execute(sql, params).fetchall()
        ]

    def busiest_dyads(self, limit: int = 5) -> list[tuple[str, str, int]]:
        """Country pairs with the most events (unordered pairs, two different countries)."""
        rows = self.db.execute(
            "SELECT least(source_country, target_country) AS a,"
            " greatest(source_country, target_country) AS b,"
            " count(*) AS n FROM events"
            " WHERE source_country IS NOT NULL AND target_country IS NOT NULL"
            " AND source_country <> target_country GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?",
            [limit],
        ).fetchall()
        return [(str(a), str(b), int(n)) for a, b, n in rows]

    # -- actor knowledge base additions -------------------------------------------------------------

    def add_actor_role(self, role: StoredRole) -> bool:
        """Store a role unless the same (name, code, source, start) is stored already; True if added."""
        exists = self.db.execute(
            "SELECT 1 FROM actor_roles WHERE lower(name) = lower(?) AND code = ? AND source = ?"
            " AND start_date IS NOT DISTINCT FROM ?",
            [role.name, role.code, role.source, role.start],
        ).fetchone()
        if exists:
            return False
        self.db.execute(
            "INSERT INTO actor_roles (name, aliases, code, start_date, end_date, source, doc_id, evidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [role.name, "|".join(role.aliases), role.code, role.start, role.end, role.source, role.doc_id,
             role.evidence],
        )  # fmt: skip
        return True

    def actor_roles(self, query: str | None = None) -> list[StoredRole]:
        """Stored roles in the order they were added (later ones win), optionally matching a name."""
        sql = "SELECT name, aliases, code, start_date, end_date, source, doc_id, evidence FROM actor_roles"
        params: list[Any] = []
        if query:
            sql += " WHERE contains(lower(name), lower(?)) OR contains(lower(aliases), lower(?))"
            params = [query, query]
        rows = self.db.execute(sql + " ORDER BY added_at, rowid", params).fetchall()
        return [
            StoredRole(row[0], tuple(a for a in (row[1] or "").split("|") if a), row[2], row[3], row[4],
                       row[5], row[6], row[7])
            for row in rows
        ]  # fmt: skip

    # -- named component state ---------------------------------------------------------------------------

    def load_state(self, name: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT value FROM state WHERE name = ?", [name]).fetchone()
        return json.loads(row[0]) if row else None

    def save_state(self, name: str, value: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO state VALUES (?, ?, current_timestamp)", [name, json.dumps(value)]
        )

    # -- feed state (``detente.ingest.feeds.SeenStore``, used by ``watch``) ------------------------------

    def is_seen(self, url: str) -> bool:
        return self.db.execute("SELECT 1 FROM seen_urls WHERE url = ?", [url]).fetchone() is not None

    def mark_seen(self, url: str, feed: str) -> None:
        self.db.execute("INSERT INTO seen_urls (url, feed) VALUES (?, ?) ON CONFLICT DO NOTHING", [url, feed])

    def feed_validators(self, feed: str) -> tuple[str | None, str | None]:
        row = self.db.execute("SELECT etag, last_modified FROM feed_state WHERE feed = ?", [feed]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_feed_validators(self, feed: str, etag: str | None, last_modified: str | None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO feed_state VALUES (?, ?, ?, current_timestamp)",
            [feed, etag, last_modified],
        )


_EVENT_COLUMNS = (
    "event_id", "doc_id", "event_date", "date_precision", "date_text",
    "source_code", "source_country", "source_sector", "source_name", "source_text",
    "target_code", "target_country", "target_sector", "target_name", "target_text",
    "cameo", "quad_class", "goldstein", "plover_type", "plover_mode", "flags", "trigger",
    "trigger_start", "trigger_end", "sentence_index", "sentence", "span_start", "span_end",
    "confidence", "coder",
)  # fmt: skip


def _actor_match(prefix: str, code: str) -> tuple[str, list[Any]]:
    """A country code matches the actor's country; a longer code matches the actor code's prefix."""
    if len(code) == 3:
        return f"{prefix}_country = ?", [code.upper()]
    return f"starts_with({prefix}_code, ?)", [code.upper()]


def _event_filter(
    dyad: tuple[str, str] | None, since: date | None, until: date | None
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if dyad is not None:
        a_src, pa = _actor_match("source", dyad[0])
        b_tgt, pb = _actor_match("target", dyad[1])
        b_src, pb2 = _actor_match("source", dyad[1])
        a_tgt, pa2 = _actor_match("target", dyad[0])
        where.append(f"(({a_src} AND {b_tgt}) OR ({b_src} AND {a_tgt}))")
        params += pa + pb + pb2 + pa2
    if since is not None:
        where.append("event_date >= ?")
        params.append(since)
    if until is not None:
        where.append("event_date <= ?")
        params.append(until)
    return where, params


def _actor_values(actor: Actor | None) -> list[Any]:
    if actor is None:
        return [None] * 5
    return [actor.code, actor.country, actor.sector, actor.name, actor.text]


def _actor_from(values: Sequence[Any]) -> Actor | None:
    if values[0] is None:
        return None
    return Actor(values[0], values[1], values[2], values[3], values[4])


def _event_row(event: Event) -> tuple[Any, ...]:
    return (
        event.event_id, event.doc_id, event.when.date, event.when.precision, event.when.text,
        *_actor_values(event.source), *_actor_values(event.target),
        event.cameo, event.root, event.quad_class, event.goldstein, event.plover_type, event.plover_mode,
        json.dumps(list(event.flags)), event.trigger, event.trigger_span[0], event.trigger_span[1],
        event.sentence_index, event.sentence, event.span[0], event.span[1], event.confidence, event.coder,
    )  # fmt: skip


def _event_from_row(row: Sequence[Any]) -> Event:
    return Event(
        event_id=row[0], doc_id=row[1],
        when=EventDate(row[2], row[3], row[4]),
        source=_actor_from(row[5:10]), target=_actor_from(row[10:15]),
        cameo=row[15], quad_class=row[16], goldstein=row[17], plover_type=row[18], plover_mode=row[19],
        flags=tuple(json.loads(row[20])), trigger=row[21], trigger_span=(row[22], row[23]),
        sentence_index=row[24], sentence=row[25], span=(row[26], row[27]), confidence=row[28], coder=row[29],
    )  # fmt: skip


def _quote_row(quote: Quote) -> tuple[Any, ...]:
    return (
        quote.quote_id, quote.doc_id, quote.direct, quote.text, quote.span[0], quote.span[1],
        *_actor_values(quote.speaker), quote.cue, quote.sentence_index, json.dumps(list(quote.event_ids)),
        json.dumps([_actor_values(actor) for actor in quote.speakers]),
    )  # fmt: skip
