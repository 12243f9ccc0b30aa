"""Readers: turn one input (file, archive, dataset) into raw documents, streaming, with bounded memory.

A raw document is still undecoded or unextracted; ``detente.ingest.build`` turns it into an ``Article``.
Reads are capped (``Config.max_input_bytes``) so a gzip bomb or a huge file becomes a ``Rejected`` record.
"""

from __future__ import annotations

import csv
import gzip
import importlib
import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, cast

from detente.config import Config
from detente.errors import InputError
from detente.models import Rejected, stable_id

log = logging.getLogger(__name__)

DateParser = Callable[[object], date | None]

DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "uuid", "doc_id", "guid"),
    "title": ("title", "headline"),
    "text": ("text", "content", "body", "article", "maintext", "html"),
    "published": ("published", "date", "publish_date", "published_at", "pubdate", "datetime"),
    "url": ("url", "link", "href"),
    "source": ("source", "site", "site_url", "domain", "publisher"),
    "author": ("author", "authors", "byline"),
}
"""Field -> column names tried in order without a mapping. A text column named ``html`` is extracted."""


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read: ``kind`` is "text" or "html"; ``data`` is bytes while the encoding is unknown."""

    input: str
    kind: str
    data: str | bytes
    doc_id: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    split_title: bool = False


def is_gzip(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed on the fly when it ends in ``.gz``."""
    if is_gzip(path):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def read_capped(handle: IO[bytes], limit: int, where: str) -> bytes:
    """At most ``limit`` bytes; more is an ``InputError`` (a decompression bomb never fills memory)."""
    try:
        data = handle.read(limit + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(where, f"cannot decompress or read ({exc}); check that the file is intact") from exc
    if len(data) > limit:
        raise InputError(
            where, f"larger than {limit} bytes (decompressed); split it or raise max_input_bytes"
        )
    return bytes(data)


def read_file(path: Path, config: Config) -> bytes:
    with open_binary(path) as handle:
        return read_capped(handle, config.max_input_bytes, str(path))


def decode(data: bytes, declared: str | None = None) -> str:
    """Text from bytes: a BOM, then UTF-8, then the declared charset, then detection, then cp1252."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            log.debug("declared charset %r does not decode the document", declared)
    return data.decode(detect_encoding(data), errors="replace")


WEB_ENCODINGS = (
    "cp1252", "cp1251", "gb18030", "shift_jis", "euc_kr", "big5", "cp1256", "koi8_r", "cp1250",
    "iso8859_2", "cp1253", "cp1254", "cp1255", "cp874", "euc_jp", "latin_1",
)  # fmt: skip
"""Encodings by how common they are on news sites: the tie-break when several decode equally well."""


def detect_encoding(data: bytes) -> str:
    """The likeliest legacy encoding; among equally clean candidates the more common one on the web."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return "cp1252"
    floor = min(match.chaos for match in matches) + 0.01
    clean = [match.encoding for match in matches if match.chaos <= floor]
    ranked = sorted(clean, key=lambda enc: WEB_ENCODINGS.index(enc) if enc in WEB_ENCODINGS else 99)
    return ranked[0]


_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def looks_binary(text: str) -> bool:
    """Control characters or replacement marks in more than 2% of the first 10k characters."""
    sample = text[:10_000]
    if not sample:
        return False
    bad = len(_BAD_CHARS.findall(sample))
    return "\x00" in sample or bad / len(sample) > 0.02


# -- datasets ---------------------------------------------------------------------------------------


def _pick(record: dict[str, Any], field: str, columns: dict[str, str] | None) -> tuple[str | None, Any]:
    if columns and field in columns:
        name = columns[field]
        return name, record.get(name)
    for name in DEFAULT_COLUMNS[field]:
        if name in record and record[name] not in (None, ""):
            return name, record[name]
    return None, None


def _string(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return str(value)


def record_document(
    record: Any, where: str, columns: dict[str, str] | None, parse_date: DateParser
) -> RawDocument | Rejected:
    """A raw document from one dataset row (JSONL object, CSV row, Parquet row)."""
    if not isinstance(record, dict):
        return Rejected(stable_id(where), where, "a dataset row must be an object with a text column")
    _, raw_id = _pick(record, "id", columns)
    doc_id = _string(raw_id)
    text_column, text = _pick(record, "text", columns)
    if not isinstance(text, str) or not text.strip():
        wanted = columns.get("text") if columns and "text" in columns else "/".join(DEFAULT_COLUMNS["text"])
        return Rejected(
            doc_id or stable_id(where),
            where,
            f"no text in column {wanted!r}; map it with columns={{'text': ...}}",
        )
    is_html = text_column == "html" or (text_column is not None and text.lstrip()[:1] == "<" and "</" in text)
    return RawDocument(
        input=where,
        kind="html" if is_html else "text",
        data=text,
        doc_id=doc_id,
        title=_string(_pick(record, "title", columns)[1]),
        published=parse_date(_pick(record, "published", columns)[1]),
        url=_string(_pick(record, "url", columns)[1]),
        source=_string(_pick(record, "source", columns)[1]),
        author=_string(_pick(record, "author", columns)[1]),
    )


def _text_lines(path: Path, config: Config) -> Iterator[tuple[int, str]]:
    """Lines of a (gzipped) text file, each capped at ``max_input_bytes``."""
    with open_binary(path) as raw:
        number = 0
        while True:
            try:
                line = raw.readline(config.max_input_bytes + 1)
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                raise InputError(str(path), f"cannot decompress or read ({exc}); check the file") from exc
            if not line:
                return
            number += 1
            if len(line) > config.max_input_bytes:
                raise InputError(
                    f"{path}:{number}", "line longer than max_input_bytes; is this really JSONL?"
                )
            yield number, decode(line)


def read_jsonl(
    path: Path, config: Config, columns: dict[str, str] | None, parse_date: DateParser
) -> Iterator[RawDocument | Rejected]:
    for number, line in _text_lines(path, config):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(stable_id(where), where, f"not valid JSON ({exc.msg}); fix or remove the line")
            continue
        yield record_document(record, where, columns, parse_date)


def read_csv(
    path: Path, config: Config, columns: dict[str, str] | None, parse_date: DateParser
) -> Iterator[RawDocument | Rejected]:
    csv.field_size_limit(max(config.max_input_bytes, 131072))
    with open_binary(path) as raw:
        head = raw.read(65536)
        encoding = "utf-8-sig"
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the buffer's end
                encoding = detect_encoding(head)
    with open_binary(path) as raw:
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel
        sample = stream.read(16384)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            log.debug("%s: delimiter not detected; assuming commas", path)
        stream.seek(0)
        try:
            for number, row in enumerate(csv.DictReader(stream, dialect=dialect), 2):
                yield record_document(row, f"{path}:{number}", columns, parse_date)
        except csv.Error as exc:
            raise InputError(str(path), f"malformed CSV ({exc}); check quoting and the delimiter") from exc


def read_parquet(
    path: Path, config: Config, columns: dict[str, str] | None, parse_date: DateParser
) -> Iterator[RawDocument | Rejected]:
    try:
        pq = importlib.import_module("pyarrow.parquet")
    except ImportError as exc:
        raise InputError(
            str(path),
            "reading Parquet needs pyarrow; install it with `pip install pyarrow` (or convert to JSONL)",
        ) from exc
    try:
        table_file = pq.ParquetFile(str(path))
        batches = table_file.iter_batches(batch_size=256)
        number = 0
        for batch in batches:
            for record in batch.to_pylist():
                number += 1
                yield record_document(record, f"{path}:{number}", columns, parse_date)
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"not a readable Parquet file ({exc}); check the file") from exc


# -- web archives -----------------------------------------------------------------------------------


def read_warc(path: Path, config: Config) -> Iterator[RawDocument | Rejected]:
    """HTML responses of a WARC/ARC file, one record at a time (warcio handles per-record gzip)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as handle:
        head = handle.read(16)
        handle.seek(0)
        if not head.startswith((b"WARC/", b"\x1f\x8b", b"filedesc://")):
            raise InputError(str(path), "not a WARC/ARC file (no WARC header); check the file")
        records = documents = 0
        try:
            for record in ArchiveIterator(handle, arc2warc=True):
                records += 1
                document = _warc_document(record, path, config)
                if document is not None:
                    documents += 1
                    yield document
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
            raise InputError(str(path), f"not a readable WARC/ARC file ({exc}); check the file") from exc
        if not documents:
            log.warning("%s: no HTML response among %d records", path, records)


def _warc_document(record: Any, path: Path, config: Config) -> RawDocument | Rejected | None:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{path}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode()
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        if status != "200" or ("html" not in content_type and content_type):
            return None
    else:
        content_type = (record.rec_headers.get_header("Content-Type") or "").lower()
        if "html" not in content_type:
            return None
    stream = record.content_stream()
    data = stream.read(config.max_input_bytes + 1)
    if len(data) > config.max_input_bytes:
        return Rejected(
            stable_id(where), where, "record larger than max_input_bytes; raise the limit to keep it"
        )
    return RawDocument(input=where, kind="html", data=bytes(data), url=uri or None)
