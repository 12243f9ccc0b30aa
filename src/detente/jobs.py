"""The library's jobs: code documents, ingest them into a store, list time expressions.

The CLI and the REST API call these and only format what they return. Each job takes inputs (paths, URLs,
``-``), reads them through ``ingest``, and never stops for one bad document.
"""

from __future__ import annotations

import csv
import logging
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from detente import ingest
from detente import nlp as nlp_stage
from detente.actors import RuleActors
from detente.actors.kb import observations
from detente.config import Config
from detente.errors import InputError
from detente.ingest.dedup import Deduper
from detente.ingest.sources import read_file
from detente.models import Article, CodedArticle, Rejected, TimeRef, stable_id
from detente.pipeline import Pipeline
from detente.storage import Store, StoredRole

log = logging.getLogger(__name__)

Progress = Callable[[str, str], None]
"""``progress(status, doc_id)``, once per document; status: ok, skipped, duplicate, unchanged, failed."""

SAMPLES = Path(__file__).parent / "samples" / "articles.jsonl"


@dataclass
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    events: int = 0
    quotes: int = 0
    learned: int = 0
    errors: list[Rejected] = field(default_factory=list)


def code(
    inputs: Iterable[str],
    *,
    published: date | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[CodedArticle | Rejected]:
    """Code documents without storing them, in input order; skipped articles come back uncoded."""
    config = config or Config()
    pipeline = pipeline or Pipeline(config)
    return pipeline.run(ingest.read_inputs(inputs, config, published))


def ingest_into(
    store: Store,
    inputs: Iterable[str],
    *,
    published: date | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Code documents and store them. Idempotent: what is stored unchanged is not coded again.

    Exact and near duplicates of stored articles (across sources and runs) are stored as copies of their
    original (``duplicate_of``) and not coded again.
    """
    config = config or Config()
    deduper = _load_deduper(store)
    try:
        items = ingest.read_inputs(inputs, config, published, deduper=deduper)
        return ingest_articles(store, items, config=config, pipeline=pipeline, progress=progress)
    finally:
        store.save_state(DEDUP_STATE, deduper.to_state())


def watch_into(
    store: Store,
    feeds: Iterable[str],
    every: float,
    *,
    rounds: int | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Poll feeds every ``every`` seconds and ingest what is new; resumes after a restart from the store."""
    from detente.ingest import feeds as feed_reader

    config = replace(config or Config(), batch_size=1)  # store each article as it arrives
    deduper = _load_deduper(store)

    def arrivals() -> Iterator[Article | Rejected]:
        for item in feed_reader.watch(feeds, every, store, config, rounds=rounds):
            yield ingest.mark_duplicate(item, deduper) if isinstance(item, Article) else item
            store.save_state(DEDUP_STATE, deduper.to_state())

    return ingest_articles(store, arrivals(), config=config, pipeline=pipeline, progress=progress)


def ingest_articles(
    store: Store,
    items: Iterable[Article | Rejected],
    *,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Code and store articles from any source; each is committed as soon as it is coded."""
    config = config or Config()
    pipeline = pipeline or Pipeline(config)
    stages = pipeline.stage_names
    report = IngestReport()
    learners = use_store_actors(pipeline, store)

    def note(status: str, doc_id: str) -> None:
        report.counts[status] += 1
        if progress is not None:
            progress(status, doc_id)

    def to_code() -> Iterator[Article | Rejected]:
        for item in items:
            if isinstance(item, Rejected):
                yield item
                continue
            if store.is_current(item.doc_id, item.text, stages):
                note("unchanged", item.doc_id)
                continue
            original = _duplicate_of(item)
            if original is not None:
                store.save(CodedArticle(item, (), (), (), (), ()), stages, duplicate_of=original)
                note("duplicate", item.doc_id)
                continue
            yield item

    for result in pipeline.run(to_code()):
        if isinstance(result, Rejected):
            store.save_rejected(result)
            report.errors.append(result)
            note("failed", result.doc_id)
            continue
        store.save(result, stages)
        if result.article.status != "ok":
            note("skipped", result.article.doc_id)
            continue
        report.events += len(result.events)
        report.quotes += len(result.quotes)
        report.learned += _learn_roles(result, store, learners)
        note("ok", result.article.doc_id)
    return report


def use_store_actors(pipeline: Pipeline, store: Store) -> list[RuleActors]:
    """Give the pipeline's actor stages the roles kept in the store (user entries, roles learnt from news)."""
    learners = [stage for stage in pipeline.stages if isinstance(stage, RuleActors)]
    roles = store.actor_roles() if learners else []
    for stage in learners:
        for role in roles:
            stage.learn(role.name, role.code, role.start, role.end, role.aliases)
    return learners


def _learn_roles(result: CodedArticle, store: Store, learners: list[RuleActors]) -> int:
    """Roles an article states outright for people the knowledge base does not know yet, kept for later
    articles ("Kenyan Foreign Minister Zorbu Makalani" lets a later untitled "Makalani said" resolve)."""
    if not learners:
        return 0
    learned = 0
    published = result.article.published
    for seen in observations(result.mentions, published, learners[0].kb):
        role = StoredRole(seen.name, (), seen.code, published, None, "news", result.article.doc_id, seen.text)
        if store.add_actor_role(role):
            learned += 1
            for stage in learners:
                stage.learn(role.name, role.code, role.start, role.end, role.aliases)
    return learned


DEDUP_STATE = "ingest.dedup"


def _load_deduper(store: Store) -> Deduper:
    state = store.load_state(DEDUP_STATE)
    return Deduper.from_state(state) if state else Deduper()


def _duplicate_of(article: Article) -> str | None:
    """The original's doc_id when ingest marked the article "duplicate: X" or "near-duplicate: X"."""
    kind, _, original = article.status.partition(": ")
    return original if kind in ("duplicate", "near-duplicate") and original else None


def extract(
    inputs: Iterable[str], *, published: date | None = None, config: Config | None = None, jobs: int = 1
) -> Iterator[Article | Rejected]:
    """Ingest only: clean articles, no NLP (``jobs`` worker processes for extraction)."""
    return ingest.read_inputs(inputs, config or Config(), published, jobs=jobs)


def times(
    inputs: Iterable[str], *, published: date | None = None, config: Config | None = None
) -> Iterator[tuple[str, list[TimeRef]] | Rejected]:
    """Time expressions per document. Plain-text files are read exactly as given (offsets in the raw file),
    so they compare with annotations made on the same file."""
    from detente import dates

    config = config or Config()
    nlp = nlp_stage.load(config.model)
    for item in inputs:
        path = Path(item)
        if item == "-" or (path.is_file() and ingest.suffix(path) in ingest.TEXT_SUFFIXES):
            try:
                text = sys.stdin.read() if item == "-" else read_file(path, config).decode("utf-8")
            except InputError as exc:
                yield Rejected(stable_id(item), item, exc.reason)
                continue
            except (OSError, UnicodeError) as exc:
                yield Rejected(stable_id(item), item, f"cannot read as UTF-8 text: {exc}; check the file")
                continue
            yield stable_id(text, length=16), dates.find_timexes(nlp(text), published)
            continue
        for article in ingest.read_inputs([item], config, published):
            if isinstance(article, Rejected):
                yield article
            else:
                yield article.doc_id, dates.find_timexes(nlp(article.text), article.published or published)


def import_actors(store: Store, path: Path) -> int:
    """Add or override actor roles from a user file; returns how many roles were stored.

    ``.csv``/``.tsv``: columns name, code, start, end, aliases (``|`` between them; dates ISO or empty).
    ``.yaml``/``.yml``: a list of mappings with the same keys. ``.actors``/``.txt``: a PETRARCH/TABARI actors
    dictionary. User roles are added after the bundled ones, so they win for the same person and day.
    """
    from detente.actors.kb import parse_actors_file

    suffix = path.suffix.lower()
    records: list[dict[str, Any]]
    if suffix in (".csv", ".tsv"):
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle, delimiter="\t" if suffix == ".tsv" else ","))
        source = "user"
    elif suffix in (".yaml", ".yml"):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
            raise InputError(str(path), "a YAML actors file must be a list of mappings (name, code, ...)")
        records = loaded
        source = "user"
    elif suffix in (".actors", ".txt"):
        records = [
            {"name": entry.name, "aliases": "|".join(entry.aliases), "code": role.code,
             "start": role.start, "end": role.end}
            for entry in parse_actors_file(path.read_text(encoding="utf-8", errors="replace"))
            for role in entry.roles
        ]  # fmt: skip
        source = "import"
    else:
        raise InputError(str(path), "actors files are .csv, .tsv, .yaml, .yml or PETRARCH .actors")
    stored = 0
    for number, record in enumerate(records, 1):
        name, code = str(record.get("name") or "").strip(), str(record.get("code") or "").strip().upper()
        if not name or not re.fullmatch(r"[A-Z]{3}([A-Z]{3})*", code):
            raise InputError(f"{path}:{number}", f"needs a name and a CAMEO code like RUSGOV (got {code!r})")
        aliases = record.get("aliases") or ()
        if isinstance(aliases, str):
            aliases = [alias.strip() for alias in aliases.split("|") if alias.strip()]
        role = StoredRole(
            name, tuple(aliases), code,
            ingest.parse_date(record.get("start")), ingest.parse_date(record.get("end")),
            source, None, str(path),
        )  # fmt: skip
        stored += store.add_actor_role(role)
    return stored


def find_actors(store: Store, query: str, on: date | None = None, limit: int = 20) -> list[StoredRole]:
    """Actors whose name or alias contains the query: roles from the store first (they win), then the
    bundled knowledge base; with ``on``, only the role valid that day."""
    from detente.actors.kb import ActorKB, Role

    found = [
        stored
        for stored in reversed(store.actor_roles(query or None))
        if on is None or Role(stored.code, stored.start, stored.end).valid_on(on)
    ]
    for entry in ActorKB.load_default().search(query, limit=limit) if query else []:
        roles = [entry.role_on(on)] if on else list(entry.roles)
        for role in roles:
            if role is not None:
                found.append(
                    StoredRole(entry.name, entry.aliases, role.code, role.start, role.end, "bundled")
                )
    return found[:limit]
