"""The REST API and a small dashboard over a store: a thin layer, every route one library call.

Needs the ``web`` extra (FastAPI, uvicorn): ``pip install 'detente[web]'``. Routes return the same JSON
objects as the CLI's lines (``detente.output``), so one schema describes both.

    GET  /api/summary                      counts and the busiest pairs
    GET  /api/events?dyad=GBR-RUS&since=&until=&limit=
    GET  /api/relations/{a}/{b}?freq=day|week|month
    GET  /api/actors?q=lavrov&on=2016-11-21
    POST /api/code      {"text": "...", "published": "2016-11-21", "title": null}
    GET  /                                 the dashboard (relations of the busiest pairs, latest events)

No ``from __future__ import annotations`` here: FastAPI reads the route signatures at run time.
"""

import html
from datetime import date
from typing import TYPE_CHECKING, Any

from detente import jobs, metrics, output
from detente.config import Config
from detente.storage import Store

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(config: Config | None = None) -> "FastAPI":
    """The FastAPI application over the store named by ``config.db``."""
    try:
        from fastapi import FastAPI, HTTPException
        from fastapi.responses import HTMLResponse
        from pydantic import BaseModel
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("the web API needs the web extra: pip install 'detente[web]'") from exc

    config = config or Config()
    app = FastAPI(title="detente", description="Political event data from news.", version="0.1.0")

    class CodeRequest(BaseModel):
        text: str
        published: date | None = None
        title: str | None = None

    def store() -> Store:
        return Store(config.db, read_only=True)

    def parse_dyad(dyad: str | None) -> tuple[str, str] | None:
        if dyad is None:
            return None
        parts = dyad.split("-")
        if len(parts) != 2 or not all(parts):
            raise HTTPException(422, f"dyad {dyad!r} is not a pair; write it as GBR-RUS")
        return parts[0], parts[1]

    @app.get("/api/summary")
    def summary(pairs: int = 5) -> dict[str, Any]:
        with store() as db:
            counts = db.counts()
            busiest = db.busiest_dyads(pairs)
        return {
            "articles": counts.articles,
            "skipped": counts.skipped,
            "duplicates": counts.duplicates,
            "rejected": counts.rejected,
            "events": counts.events,
            "quotes": counts.quotes,
            "pairs": [{"a": a, "b": b, "events": n} for a, b, n in busiest],
        }

    @app.get("/api/events")
    def events(
        dyad: str | None = None, since: date | None = None, until: date | None = None, limit: int = 1000
    ) -> list[dict[str, Any]]:
        with store() as db:
            found = db.events(parse_dyad(dyad), since, until, limit=limit)
            return [output.event_line(event) for event in found]

    @app.get("/api/relations/{a}/{b}")
    def relations(a: str, b: str, freq: str = "day") -> list[dict[str, Any]]:
        if freq not in metrics.FREQUENCIES:
            raise HTTPException(422, f"freq must be one of {', '.join(metrics.FREQUENCIES)}")
        with store() as db:
            return [output.relation_line(point) for point in metrics.relations(db, a, b, freq)]

    @app.get("/api/actors")
    def actors(q: str, on: date | None = None, limit: int = 20) -> list[dict[str, Any]]:
        with store() as db:
            return [output.actor_line(entry) for entry in jobs.find_actors(db, q, on, limit)]

    @app.post("/api/code")
    def code(request: CodeRequest) -> list[dict[str, Any]]:
        from detente import code_text

        coded = code_text(request.text, request.published, request.title, config)
        lines = [output.article_line(coded.article, len(coded.sentences))]
        lines += [output.event_line(event) for event in coded.events]
        lines += [output.quote_line(quote) for quote in coded.quotes]
        return lines

    @app.get("/", response_class=HTMLResponse)
    def dashboard() -> str:
        with store() as db:
            counts = db.counts()
            series = {(a, b): metrics.relations(db, a, b, "month") for a, b, _ in db.busiest_dyads(4)}
            latest = list(db.events(newest_first=True, limit=15))
        return _page(counts.articles, counts.events, counts.quotes, series, latest)

    return app


def _sparkline(values: list[float], width: int = 320, height: int = 80) -> str:
    """An inline SVG of the relationship index (-10..10) with the zero line."""
    if not values:
        return ""
    step = width / max(len(values) - 1, 1)
    points = " ".join(
        f"{i * step:.1f},{height / 2 - value / 10 * (height / 2 - 4):.1f}" for i, value in enumerate(values)
    )
    return (
        f'<svg width="{width}" height="{height}" role="img" aria-label="relationship index">'
        f'<line x1="0" y1="{height / 2}" x2="{width}" y2="{height / 2}" stroke="#bbb"/>'
        f'<polyline fill="none" stroke="#245" stroke-width="2" points="{points}"/></svg>'
    )


def _page(
    articles: int, events: int, quotes: int, series: dict[tuple[str, str], Any], latest: list[Any]
) -> str:
    rows = []
    for (a, b), points in series.items():
        cells = "".join(
            f"<td>{html.escape(p.period)}<br><b>{p.index:+.1f}</b> ({p.events})</td>" for p in points
        )
        spark = _sparkline([p.index for p in points])
        rows.append(f"<tr><th>{a}–{b}</th><td>{spark}</td>{cells}</tr>")
    events_html = "".join(
        f"<tr><td>{e.when.date or ''}</td><td>{html.escape(e.source.code if e.source else '')}</td>"
        f"<td>{e.cameo}</td><td>{html.escape(e.target.code if e.target else '')}</td>"
        f"<td>{html.escape(e.sentence[:160])}</td></tr>"
        for e in latest
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>detente</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#222}}td,th{{padding:.3rem .6rem;
text-align:left;vertical-align:top;border-bottom:1px solid #eee}}table{{border-collapse:collapse}}</style>
</head><body><h1>detente</h1><p>{articles} articles, {events} events, {quotes} quotes.
Index = Goldstein sum / (events + 1), by month.</p>
<h2>Busiest country pairs</h2><table>{"".join(rows)}</table>
<h2>Latest events</h2><table><tr><th>date</th><th>source</th><th>CAMEO</th><th>target</th>
<th>sentence</th></tr>{events_html}</table></body></html>"""
