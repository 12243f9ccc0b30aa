"""Ingest stage. Needs: paths, URLs or stdin. Adds: clean ``Article`` records (or ``Rejected`` ones).

Recognises inputs by extension (``.gz`` allowed): .txt/.md, .html/.htm, .jsonl, .csv, .warc, .rss/.atom/.xml,
and directories. Keeps only the article: page furniture is removed and listed in ``Article.removed``.
"""

from __future__ import annotations

import gzip
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from detente.config import Config
from detente.errors import InputError
from detente.models import Article, Rejected, stable_id

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")


def parse_date(value: object) -> date | None:
    """A publication date from an ISO string, a datetime or a date; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
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
) -> Article:
    """An article from plain text; with ``split_title`` a first line followed by a blank line is the title."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if split_title:
        head, sep, rest = text.partition("\n\n")
        if sep and "\n" not in head.strip() and head.strip():
            title = title or head.strip()
            text = rest
    text = text.strip("\n")
    return Article(
        doc_id=doc_id or stable_id(text, length=16),
        text=text,
        title=title,
        published=published,
        url=url,
        source=source,
        input=input,
    )


def read_inputs(
    inputs: Iterable[str], config: Config | None = None, published: date | None = None
) -> Iterator[Article | Rejected]:
    """Every document in the inputs, in order; unreadable ones become ``Rejected`` and the rest go on."""
    config = config or Config()
    for item in inputs:
        try:
            yield from _read_one(item, config, published)
        except InputError as exc:
            yield Rejected(stable_id(item), item, exc.reason)
        except OSError as exc:
            yield Rejected(stable_id(item), item, f"cannot read: {exc.strerror or exc}; check the path")


def _read_one(item: str, config: Config, published: date | None) -> Iterator[Article | Rejected]:
    if item == "-":
        yield article_from_text(sys.stdin.read(), published=published, input="-", split_title=True)
        return
    path = Path(item)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p)):
            yield from read_inputs([str(child)], config, published)
        return
    if not path.exists():
        raise InputError(item, "no such file; check the path")
    suffix = _suffix(path)
    if suffix in TEXT_SUFFIXES:
        yield article_from_text(_read_text(path, config), published=published, input=item, split_title=True)
    elif suffix == ".jsonl":
        yield from _read_jsonl(path, config, published)
    else:
        raise InputError(item, f"unrecognised input type {suffix or path.name!r}; see `detente code --help`")


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _read_bytes(path: Path, config: Config) -> bytes:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as handle:
        data = handle.read(config.max_input_bytes + 1)
    if len(data) > config.max_input_bytes:
        raise InputError(str(path), f"larger than {config.max_input_bytes} bytes; split it or raise max_input_bytes")
    return bytes(data)


def _read_text(path: Path, config: Config) -> str:
    data = _read_bytes(path, config)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_jsonl(path: Path, config: Config, published: date | None) -> Iterator[Article | Rejected]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Rejected(stable_id(where), where, f"not valid JSON ({exc.msg}); fix or remove the line")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                doc_id = str(record.get("id")) if isinstance(record, dict) and record.get("id") else stable_id(where)
                yield Rejected(doc_id, where, "a JSONL document needs a string 'text' field")
                continue
            yield article_from_text(
                record["text"],
                doc_id=str(record["id"]) if record.get("id") not in (None, "") else None,
                title=record.get("title"),
                published=parse_date(record.get("published")) or published,
                url=record.get("url"),
                source=record.get("source"),
                input=where,
            )
