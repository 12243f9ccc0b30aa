"""The ``detente`` command. Each command parses its options, calls one library function, formats the result.

Output contract: ../shared/CONTRACT.md (JSON lines; ``--format table`` for people). Progress and summaries
go to stderr, data to stdout, so ``detente code … > events.jsonl`` stays clean.
"""

from __future__ import annotations

import csv
import logging
import sys
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente import jobs, metrics, output
from detente.config import Config, load_config
from detente.errors import DetenteError
from detente.models import Article, CodedArticle, Rejected
from detente.storage import Store

app = typer.Typer(
    name="detente",
    help="Political event data from news: who did what to whom, who said what, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    jsonl = "jsonl"
    table = "table"
    csv = "csv"


class TextFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


class Freq(StrEnum):
    day = "day"
    week = "week"
    month = "month"


Inputs = Annotated[list[str], typer.Argument(help="Files, directories, feed URLs, or - for stdin.")]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for documents that carry none."),
]
DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB file (default ./detente.duckdb).")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes for coding.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A detente.toml with a [detente] table.")]


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details to stderr.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False)],
    )


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD", param_hint="--published"
        ) from None


def _config(path: Path | None, **overrides: Any) -> Config:
    try:
        return load_config(path, **overrides)
    except DetenteError as exc:
        raise typer.BadParameter(str(exc)) from None


def _default_format(fmt: Format | None) -> Format:
    if fmt is not None:
        return fmt
    return Format.table if sys.stdout.isatty() else Format.jsonl


def _emit(line: dict[str, Any]) -> None:
    sys.stdout.write(output.dumps(line) + "\n")


@app.command()
def code(
    inputs: Inputs,
    published: PublishedOpt = None,
    fmt: Annotated[
        Format | None, typer.Option("--format", help="jsonl (default when piped) or table.")
    ] = None,
    no_quotes: Annotated[bool, typer.Option("--no-quotes", help="Leave quote lines out.")] = False,
    jobs_: JobsOpt = None,
    config_file: ConfigOpt = None,
) -> None:
    """Code documents without storing them: article, event, quote and error lines."""
    config = _config(config_file, quotes=not no_quotes, jobs=jobs_)
    fmt = _default_format(fmt)
    ok = failed = 0
    for result in _guard(jobs.code(inputs, published=_published(published), config=config)):
        if isinstance(result, Rejected):
            failed += 1
            _emit(output.error_line(result))
            continue
        ok += 1
        if fmt is Format.table:
            _print_coded(result, quotes=config.quotes)
            continue
        _emit(output.article_line(result.article, len(result.sentences)))
        for event in result.events:
            _emit(output.event_line(event))
        if config.quotes:
            for quote in result.quotes:
                _emit(output.quote_line(quote))
    if failed and not ok:
        raise typer.Exit(1)


@app.command()
def extract(
    inputs: Inputs,
    published: PublishedOpt = None,
    fmt: Annotated[TextFormat, typer.Option("--format", help="jsonl or text.")] = TextFormat.jsonl,
    jobs_: JobsOpt = None,
    config_file: ConfigOpt = None,
) -> None:
    """Ingest only: one article line per document with its clean text. No NLP."""
    ok = failed = 0
    items = jobs.extract(
        inputs, published=_published(published), config=_config(config_file), jobs=jobs_ or 1
    )
    for item in _guard(items):
        if isinstance(item, Rejected):
            failed += 1
            _emit(output.error_line(item))
        elif fmt is TextFormat.text:
            ok += 1
            sys.stdout.write(f"# {item.title or item.doc_id}\n\n{item.text}\n\n")
        else:
            ok += 1
            _emit(output.article_line(item, with_text=True))
    if failed and not ok:
        raise typer.Exit(1)


@app.command()
def times(
    inputs: Inputs,
    published: PublishedOpt = None,
    fmt: Annotated[Format, typer.Option("--format", help="jsonl.")] = Format.jsonl,
    config_file: ConfigOpt = None,
) -> None:
    """Time expressions with TimeML values, normalised against the publication date."""
    ok = failed = 0
    for item in _guard(jobs.times(inputs, published=_published(published), config=_config(config_file))):
        if isinstance(item, Rejected):
            failed += 1
            _emit(output.error_line(item))
            continue
        ok += 1
        doc_id, timexes = item
        for timex in timexes:
            _emit(output.timex_line(doc_id, timex))
    if failed and not ok:
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: Inputs,
    published: PublishedOpt = None,
    db: DbOpt = None,
    jobs_: JobsOpt = None,
    config_file: ConfigOpt = None,
) -> None:
    """Code documents and store them in DuckDB. Ingesting the same input again changes nothing."""
    config = _config(config_file, db=db, jobs=jobs_)
    with Store(config.db) as store, _progress() as progress:
        task = progress.add_task("ingesting", total=None, status="")
        seen: dict[str, int] = {}

        def advance(status: str, doc_id: str) -> None:
            seen[status] = seen.get(status, 0) + 1
            progress.update(task, advance=1, status=" ".join(f"{k} {v}" for k, v in sorted(seen.items())))

        report = jobs.ingest_into(
            store, inputs, published=_published(published), config=config, progress=advance
        )
        totals = store.counts()
    counts = report.counts
    err.print(
        f"documents: ok {counts['ok']}, skipped {counts['skipped']}, duplicate {counts['duplicate']}, "
        f"unchanged {counts['unchanged']}, failed {counts['failed']}; "
        f"new events {report.events}, new quotes {report.quotes}"
    )
    err.print(
        f"store {config.db}: {totals.articles} articles, {totals.events} events, {totals.quotes} quotes, "
        f"{totals.skipped} skipped, {totals.duplicates} duplicates, {totals.rejected} rejected"
    )
    for rejected in report.errors:
        err.print(f"[red]failed[/red] {rejected.input}: {rejected.reason}")
    if counts["failed"] and not (
        counts["ok"] or counts["unchanged"] or counts["duplicate"] or counts["skipped"]
    ):
        raise typer.Exit(1)


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs or files.")],
    every: Annotated[str, typer.Option("--every", help="Polling interval: 15m, 1h, 90s.")] = "15m",
    rounds: Annotated[
        int | None, typer.Option("--rounds", min=1, help="Stop after N polls (default: run on).")
    ] = None,
    db: DbOpt = None,
    config_file: ConfigOpt = None,
) -> None:
    """Poll feeds and ingest only what is new (ETag/Last-Modified, seen URLs kept in the store)."""
    from detente.ingest.feeds import parse_interval

    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    config = _config(config_file, db=db)

    def show(status: str, doc_id: str) -> None:
        err.print(f"{status:9} {doc_id}")

    with Store(config.db) as store:
        try:
            report = jobs.watch_into(store, feeds, seconds, rounds=rounds, config=config, progress=show)
        except KeyboardInterrupt:
            err.print("stopped; what was fetched is stored, and the next run resumes from it")
            return
    counts = report.counts
    err.print(
        f"documents: ok {counts['ok']}, skipped {counts['skipped']}, duplicate {counts['duplicate']}, "
        f"failed {counts['failed']}; new events {report.events}, new quotes {report.quotes}"
    )


@app.command()
def actors(
    query: Annotated[str | None, typer.Argument(help="A name or part of one, e.g. lavrov.")] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Show the role valid on this day (YYYY-MM-DD).")
    ] = None,
    import_: Annotated[
        list[Path] | None,
        typer.Option(
            "--import", help="Add or override roles from a .csv/.tsv/.yaml file or PETRARCH .actors."
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many actors.")] = 20,
    db: DbOpt = None,
    fmt: Annotated[Format | None, typer.Option("--format", help="jsonl, csv or table.")] = None,
) -> None:
    """Search the actor knowledge base (bundled, user-added and learnt from news) or add to it."""
    config = _config(None, db=db)
    day = _date_opt(on, "--on")
    with Store(config.db) as store:
        for path in import_ or []:
            try:
                added = jobs.import_actors(store, path)
            except (DetenteError, OSError, ValueError) as exc:
                err.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2) from None
            err.print(f"{path}: {added} roles added to {config.db}")
        if query is None and import_:
            return
        found = jobs.find_actors(store, query or "", day, limit)
    _write_lines((output.actor_line(entry) for entry in found), _default_format(fmt), _ACTOR_COLUMNS)


@app.command()
def events(
    db: DbOpt = None,
    dyad: Annotated[
        str | None, typer.Option("--dyad", help="A country pair, e.g. GBR-RUS (both directions).")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="First event date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last event date (YYYY-MM-DD).")] = None,
    fmt: Annotated[Format | None, typer.Option("--format", help="jsonl, csv or table.")] = None,
) -> None:
    """Stored events, one event line each, in date order."""
    pair = None
    if dyad is not None:
        parts = dyad.split("-")
        if len(parts) != 2 or not all(parts):
            raise typer.BadParameter(f"{dyad!r} is not a pair; write it as GBR-RUS", param_hint="--dyad")
        pair = (parts[0], parts[1])
    config = _config(None, db=db)
    with _open_existing(config.db) as store:
        lines = (
            output.event_line(event)
            for event in store.events(pair, _date_opt(since, "--since"), _date_opt(until, "--until"))
        )
        _write_lines(lines, _default_format(fmt), _EVENT_COLUMNS)


@app.command()
def relations(
    a: Annotated[str, typer.Argument(help="First country code, e.g. GBR.")],
    b: Annotated[str, typer.Argument(help="Second country code, e.g. RUS.")],
    db: DbOpt = None,
    freq: Annotated[Freq, typer.Option("--freq", help="Period length.")] = Freq.day,
    fmt: Annotated[Format | None, typer.Option("--format", help="jsonl, csv or table.")] = None,
) -> None:
    """The relations series of a country pair: events, QuadClass counts, Goldstein, index per period."""
    config = _config(None, db=db)
    with _open_existing(config.db) as store:
        points = metrics.relations(store, a, b, freq.value)
    _write_lines((output.relation_line(point) for point in points), _default_format(fmt), _RELATION_COLUMNS)


@app.command()
def summary(
    db: DbOpt = None,
    pairs: Annotated[int, typer.Option("--pairs", help="How many of the busiest pairs to show.")] = 3,
    freq: Annotated[Freq, typer.Option("--freq", help="Period length of the series shown.")] = Freq.month,
) -> None:
    """What the store holds: articles, events, quotes, the busiest country pairs and their series."""
    config = _config(None, db=db)
    with _open_existing(config.db) as store:
        totals = store.counts()
        busiest = store.busiest_dyads(pairs)
        series = {(x, y): metrics.relations(store, x, y, freq.value) for x, y, _ in busiest}
    out.print(
        f"[bold]{config.db}[/bold]: {totals.articles} articles ({totals.skipped} skipped, "
        f"{totals.duplicates} duplicates, {totals.rejected} rejected), {totals.events} events, "
        f"{totals.quotes} quotes"
    )
    table = Table("pair", "events", title="Busiest country pairs")
    for x, y, n in busiest:
        table.add_row(f"{x}–{y}", str(n))
    out.print(table)
    for (x, y), points in series.items():
        _print_table(
            [output.relation_line(point) for point in points], _RELATION_COLUMNS, f"{x}–{y} by {freq.value}"
        )


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """The REST API (/api/...) and a dashboard over the store (needs the web extra)."""
    try:
        import uvicorn

        from detente.api import create_app
    except ImportError:
        err.print("[red]error:[/red] the web API needs the web extra: pip install 'detente[web]'")
        raise typer.Exit(2) from None
    config = _config(None, db=db)
    _open_existing(config.db).close()
    uvicorn.run(create_app(config), host=host, port=port)


# -- formatting ---------------------------------------------------------------------------------------

_EVENT_COLUMNS = (
    "date",
    "source",
    "target",
    "cameo",
    "quad_class",
    "goldstein",
    "flags",
    "trigger",
    "doc_id",
)
_ACTOR_COLUMNS = ("name", "code", "description", "start", "end", "source")
_RELATION_COLUMNS = ("period", "events", "quad_counts", "goldstein_sum", "goldstein_mean", "index")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        if "code" in value:
            return str(value["code"])
        return " ".join(f"{k}:{v}" for k, v in value.items())
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _write_lines(lines: Iterable[dict[str, Any]], fmt: Format, columns: tuple[str, ...]) -> None:
    if fmt is Format.jsonl:
        for line in lines:
            _emit(line)
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for line in lines:
            writer.writerow([_cell(line.get(column)) for column in columns])
    else:
        _print_table(list(lines), columns)


def _print_table(lines: list[dict[str, Any]], columns: tuple[str, ...], title: str | None = None) -> None:
    table = Table(*columns, title=title)
    for line in lines:
        table.add_row(*(_cell(line.get(column)) for column in columns))
    out.print(table)


def _print_coded(result: CodedArticle, quotes: bool) -> None:
    article: Article = result.article
    out.print(
        f"[bold]{article.title or article.doc_id}[/bold] ({article.published or 'undated'}, {article.status})"
    )
    _print_table([output.event_line(event) for event in result.events], _EVENT_COLUMNS[:-1], "events")
    if quotes and result.quotes:
        table = Table("speaker", "direct", "text", title="quotes")
        for quote in result.quotes:
            speaker = (
                quote.speaker.code + " " + (quote.speaker.name or quote.speaker.text)
                if quote.speaker
                else "?"
            )
            table.add_row(speaker, "yes" if quote.direct else "no", quote.text[:120])
        out.print(table)


def _open_existing(path: str) -> Store:
    if path != ":memory:" and not Path(path).exists():
        err.print(f"[red]error:[/red] no database at {path}; run `detente ingest INPUT... --db {path}` first")
        raise typer.Exit(2)
    try:
        return Store(path)
    except DetenteError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _date_opt(value: str | None, hint: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=hint) from None


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    )


def _guard(items: Iterable[Any]) -> Iterable[Any]:
    """Turn a library error (no model, bad config) into a clean message and exit code 2."""
    try:
        yield from items
    except DetenteError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def main() -> None:
    app()
