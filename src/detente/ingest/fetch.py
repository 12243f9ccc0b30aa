"""Polite HTTP fetching for feeds and pages: robots.txt, a per-host pace, retries with backoff, a size cap.

Every request names detente in its User-Agent. A page that cannot be had is an ``InputError`` whose reason
says what happened and what to do; the ingest loop turns it into a ``Rejected`` record and goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from detente.errors import InputError

log = logging.getLogger(__name__)


def _version() -> str:
    try:
        return version("detente")
    except PackageNotFoundError:
        return "0"


USER_AGENT = f"detente/{_version()} (+https://github.com/detente)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched resource; ``not_modified`` when the server answered 304 to a conditional request."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """A reusable, polite HTTP client. Use one per run (it keeps connections, robots rules and pacing)."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_bytes: int = 10_000_000,
        retries: int = 3,
        backoff: float = 1.0,
        per_host_interval: float = 1.0,
        respect_robots: bool = True,
        user_agent: str = USER_AGENT,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.per_host_interval = per_host_interval
        self.respect_robots = respect_robots
        self.user_agent = user_agent
        self.sleep = sleep
        self.client = client or httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=True, headers={"User-Agent": user_agent}
        )
        self._robots: dict[str, RobotFileParser | None] = {}
        self._last: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET with robots check, pacing, retries on 429/5xx and network errors, and the size cap."""
        if not self.allowed(url):
            raise InputError(
                url, "robots.txt of the site disallows fetching this page; skip it or ask the site"
            )
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        problem = "no attempt made"
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._pace(url)
            try:
                response = self._get_once(url, headers)
            except httpx.TransportError as exc:
                problem = f"network error: {exc.__class__.__name__}"
                log.info("GET %s failed (%s), attempt %d", url, problem, attempt + 1)
                continue
            if response.status in RETRY_STATUSES:
                problem = f"HTTP {response.status}"
                continue
            if response.status >= 400:
                raise InputError(url, f"HTTP {response.status}; check the URL")
            return response
        raise InputError(url, f"gave up after {self.retries + 1} attempts ({problem}); try again later")

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        with self.client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise InputError(
                    url, f"larger than {self.max_bytes} bytes; raise the fetch size limit to keep it"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise InputError(url, f"larger than {self.max_bytes} bytes; raise the fetch size limit")
                chunks.append(chunk)
            if response.status_code in RETRY_STATUSES:
                self._respect_retry_after(response.headers.get("Retry-After"))
            return Response(
                url=str(response.url),
                status=response.status_code,
                content=b"".join(chunks),
                content_type=response.headers.get("Content-Type", "").lower(),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )

    def _respect_retry_after(self, value: str | None) -> None:
        """Wait what the server asked for (seconds or an HTTP date), at most a minute."""
        if not value:
            return
        wait: float | None = None
        if value.strip().isdigit():
            wait = float(value.strip())
        else:
            try:
                wait = parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError):
                wait = None
        if wait and wait > 0:
            self.sleep(min(wait, 60.0))

    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        now = time.monotonic()
        if last is not None and now - last < self.per_host_interval:
            self.sleep(self.per_host_interval - (now - last))
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets detente fetch the URL (an unreachable robots.txt allows everything)."""
        if not self.respect_robots:
            return True
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        rules = self._robots[root]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def _load_robots(self, root: str) -> RobotFileParser | None:
        try:
            self._pace(root)
            response = self.client.get(f"{root}/robots.txt")
        except httpx.HTTPError as exc:
            log.info("robots.txt of %s unreachable (%s); treating as allowed", root, exc.__class__.__name__)
            return None
        if response.status_code in (401, 403):
            rules = RobotFileParser()
            rules.parse(["User-agent: *", "Disallow: /"])
            return rules
        if response.status_code >= 400:
            return None
        rules = RobotFileParser()
        rules.parse(response.text[:500_000].splitlines())
        return rules
