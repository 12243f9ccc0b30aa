"""Feeds and fetching against a local HTTP server (127.0.0.1 only): robots, retries, caps, watching."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from detente.config import Config
from detente.errors import InputError
from detente.ingest import read_inputs
from detente.ingest.feeds import MemorySeenStore, parse_feed, parse_interval, poll, watch
from detente.ingest.fetch import USER_AGENT, Fetcher
from detente.models import Article, Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "furniture_page.html").read_bytes()
LAST_MODIFIED = "Mon, 21 Nov 2016 09:30:00 GMT"


class Site:
    """Routes of the test site and what the server saw."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.fail_next: dict[str, int] = {}
        self.etag = '"v1"'


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, dict(self.headers.items())))
            if site.fail_next.get(self.path, 0) > 0:
                site.fail_next[self.path] -= 1
                self._send(503, "text/plain", b"busy", {"Retry-After": "0"})
                return
            if self.path == "/feed.rss" and self.headers.get("If-None-Match") == site.etag:
                self._send(304, "application/rss+xml", b"", {})
                return
            if self.path == "/dated.rss" and self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self._send(304, "application/rss+xml", b"", {})
                return
            status, ctype, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
            extra = {"ETag": site.etag} if self.path == "/feed.rss" else {}
            if self.path == "/dated.rss":
                extra = {"Last-Modified": LAST_MODIFIED}
            self._send(status, ctype, body, extra)

        def _send(self, status: int, ctype: str, body: bytes, extra: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    feed = (FIXTURES / "feed_template.rss").read_text(encoding="utf-8").replace("{base}", base)
    sailors = PAGE.replace(b"Ministers agree to resume talks", b"Southland frees six sailors")
    state.routes.update(
        {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/feed.rss": (200, "application/rss+xml; charset=utf-8", feed.encode("utf-8")),
            "/dated.rss": (200, "application/rss+xml; charset=utf-8", feed.encode("utf-8")),
            "/world/talks.html": (200, "text/html; charset=utf-8", PAGE),
            "/world/sailors.html": (200, "text/html; charset=utf-8", sailors),
            "/private/briefing.html": (200, "text/html", PAGE),
            "/huge.html": (200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>"),
        }
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state, base
    server.shutdown()
    server.server_close()


def fetcher(**kwargs: object) -> Fetcher:
    options: dict[str, object] = {"per_host_interval": 0.0, "backoff": 0.01, "retries": 2, "timeout": 5.0}
    options.update(kwargs)
    return Fetcher(**options)  # type: ignore[arg-type]


def test_feed_entries_full_text_or_fetched_and_robots_respected(site: tuple[Site, str]) -> None:
    state, base = site
    with fetcher() as client:
        results = list(read_inputs([f"{base}/feed.rss"], Config(), fetcher=client))
    talks, sailors, private = results
    assert isinstance(talks, Article) and isinstance(sailors, Article)
    assert talks.url == "https://herald.example.org/world/ministers-agree-to-resume-talks"
    assert talks.published == date(2016, 11, 21) and talks.source == "Borderland Herald: World"
    assert talks.text.startswith("The foreign ministers") and "10375 views" in talks.removed
    # full text from content:encoded, used without fetching the page
    assert sailors.text.startswith("Southland released six Northland sailors")
    assert sailors.removed == ("Share this",) and sailors.author == "Omar Haddad"
    assert not any(path == "/world/sailors.html" for path, _ in state.requests)
    assert isinstance(private, Rejected) and "robots.txt" in private.reason
    assert not any(path.startswith("/private/") for path, _ in state.requests)
    assert all(headers.get("User-Agent") == USER_AGENT for _, headers in state.requests)
    assert USER_AGENT.startswith("detente/") and "(+https://github.com/detente)" in USER_AGENT


def test_url_of_a_page_is_extracted(site: tuple[Site, str]) -> None:
    _, base = site
    with fetcher() as client:
        (article,) = read_inputs([f"{base}/world/talks.html"], fetcher=client)
    assert isinstance(article, Article) and article.title == "Ministers agree to resume talks"


def test_retries_after_503_then_succeeds(site: tuple[Site, str]) -> None:
    state, base = site
    state.fail_next["/world/talks.html"] = 2
    with fetcher(retries=2) as client:
        response = client.get(f"{base}/world/talks.html")
    assert response.status == 200
    assert [p for p, _ in state.requests].count("/world/talks.html") == 3


def test_gives_up_after_retries_with_a_reason(site: tuple[Site, str]) -> None:
    state, base = site
    state.fail_next["/world/talks.html"] = 10
    with fetcher(retries=1) as client, pytest.raises(InputError, match="gave up after 2 attempts"):
        client.get(f"{base}/world/talks.html")


def test_size_cap_and_http_errors(site: tuple[Site, str]) -> None:
    _, base = site
    with fetcher(max_bytes=50_000) as client:
        with pytest.raises(InputError, match="larger than 50000 bytes"):
            client.get(f"{base}/huge.html")
        with pytest.raises(InputError, match="HTTP 404"):
            client.get(f"{base}/missing.html")


def test_per_host_pacing_waits_between_requests(site: tuple[Site, str]) -> None:
    _, base = site
    waits: list[float] = []
    with fetcher(per_host_interval=5.0, sleep=waits.append) as client:
        client.get(f"{base}/world/talks.html")
        client.get(f"{base}/world/talks.html")
    assert waits and max(waits) > 4.0


def test_poll_yields_only_new_entries_and_uses_etag(site: tuple[Site, str]) -> None:
    state, base = site
    store = MemorySeenStore()
    feed = f"{base}/feed.rss"
    with fetcher() as client:
        first = list(poll([feed], store, Config(), client))
        assert len(first) == 3
        assert store.feed_validators(feed) == ('"v1"', None)
        second = list(poll([feed], store, Config(), client))
        assert second == []  # 304 Not Modified
        feed_requests = [h for p, h in state.requests if p == "/feed.rss"]
        assert feed_requests[-1].get("If-None-Match") == '"v1"'
        state.etag = '"v2"'  # the feed changed but its entries are the same: nothing new
        assert list(poll([feed], store, Config(), client)) == []
    restored = MemorySeenStore.from_state(store.to_state())
    assert restored.is_seen(f"{base}/world/talks.html")


def test_watch_runs_rounds_and_sleeps_between(site: tuple[Site, str]) -> None:
    _, base = site
    naps: list[float] = []
    with fetcher() as client:
        results = list(watch([f"{base}/feed.rss"], 900.0, fetcher=client, rounds=2, sleep=naps.append))
    assert len([r for r in results if isinstance(r, Article)]) == 2
    assert len(naps) == 1 and 0 < naps[0] <= 900.0


def test_atom_file_with_full_text_entries() -> None:
    results = list(read_inputs([str(FIXTURES / "feed.atom")]))
    statement, notice = results
    assert isinstance(statement, Article)
    assert statement.text.startswith("On Sunday the Minister of Foreign Affairs of Southland")
    assert statement.removed == ("Print:",) and statement.published == date(2016, 11, 20)
    assert statement.text.count("\n\n") == 2
    assert isinstance(notice, Rejected) and "full text" in notice.reason


def test_not_a_feed_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "junk.xml"
    path.write_text("<html><body>not a feed</body>", encoding="utf-8")
    (rejected,) = read_inputs([str(path)])
    assert isinstance(rejected, Rejected) and "feed" in rejected.reason
    with pytest.raises(InputError):
        parse_feed(b"\x00\x01binary", "x")


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900.0), ("1h", 3600.0), ("90s", 90.0), ("2h30m", 9000.0)]
)
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


def test_parse_interval_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="15m"):
        parse_interval("soon")


def test_watch_with_the_database_store_survives_a_restart(site: tuple[Site, str], tmp_path: Path) -> None:
    from detente.storage import Store

    _, base = site
    feed, db = f"{base}/feed.rss", tmp_path / "watch.duckdb"
    with Store(db) as store, fetcher() as client:
        first = list(watch([feed], 60.0, store, fetcher=client, rounds=1))
    assert len(first) == 3
    with Store(db) as store, fetcher() as client:
        assert store.is_seen(f"{base}/world/talks.html")
        assert store.feed_validators(feed)[0] == '"v1"'
        assert list(watch([feed], 60.0, store, fetcher=client, rounds=1)) == []


def test_atom_entry_without_a_web_link_is_traced_to_the_feed() -> None:
    path = FIXTURES / "feed.atom"
    statement, notice = read_inputs([str(path)])
    assert isinstance(statement, Article) and statement.url is None
    assert statement.input == f"{path}#urn:uuid:5b3c6a1e-0000-4000-8000-000000000002"
    assert isinstance(notice, Rejected) and notice.input.startswith(f"{path}#urn:uuid:")


def test_poll_uses_last_modified_when_there_is_no_etag(site: tuple[Site, str]) -> None:
    state, base = site
    store, feed = MemorySeenStore(), f"{base}/dated.rss"
    with fetcher() as client:
        assert len(list(poll([feed], store, Config(), client))) == 3
        assert store.feed_validators(feed) == (None, LAST_MODIFIED)
        assert list(poll([feed], store, Config(), client)) == []
    sent = [h for p, h in state.requests if p == "/dated.rss"]
    assert "If-Modified-Since" not in sent[0] and sent[1]["If-Modified-Since"] == LAST_MODIFIED
