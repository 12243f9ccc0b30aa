"""Ingest readers: datasets (JSONL, CSV, Parquet), web archives, and hostile or malformed inputs."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from detente.config import Config
from detente.ingest import read_inputs
from detente.models import Article, Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

PAGE = (FIXTURES / "furniture_page.html").read_bytes()


def test_jsonl_gz_with_default_columns(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    rows = [
        {"uuid": "u1", "headline": "Talks", "body": "The ministers agreed to resume talks.\n\n10375 views"},
        {"id": "u2", "text": "Southland freed six sailors on Monday.", "publish_date": "2016-11-21T08:00:00"},
    ]
    path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in rows).encode("utf-8")))
    first, second = read_inputs([str(path)])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.doc_id, first.title, first.removed) == ("u1", "Talks", ("10375 views",))
    assert first.text == "The ministers agreed to resume talks."
    assert (second.doc_id, second.published) == ("u2", date(2016, 11, 21))
    assert second.input == f"{path}:2"


def test_jsonl_bad_lines_are_rejected_and_the_batch_goes_on() -> None:
    results = list(read_inputs([str(FIXTURES / "broken.jsonl")]))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Article", "Rejected", "Rejected", "Rejected", "Article"]
    assert "not valid JSON" in results[1].reason  # type: ignore[union-attr]
    assert results[2].doc_id == "notext" and "text" in results[2].reason  # type: ignore[union-attr]
    last = results[4]
    assert isinstance(last, Article) and last.published == date(2016, 11, 21)


def test_jsonl_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "mapped.jsonl"
    row = {"key": "k9", "story": "Northland recalled its ambassador from Southland.", "when": "2016-10-03"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    columns = {"id": "key", "text": "story", "published": "when"}
    (article,) = read_inputs([str(path)], columns=columns)
    assert isinstance(article, Article)
    assert (article.doc_id, article.published) == ("k9", date(2016, 10, 3))
    (rejected,) = read_inputs([str(path)], columns={"text": "missing"})
    assert isinstance(rejected, Rejected) and "'missing'" in rejected.reason


def test_jsonl_html_column_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"id": "p1", "html": PAGE.decode("utf-8")}) + "\n", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert article.text.startswith("The foreign ministers") and "10375 views" in article.removed


def test_csv_semicolons_multiline_fields_and_empty_text() -> None:
    results = list(read_inputs([str(FIXTURES / "articles.csv")]))
    first, second, third = results
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.doc_id, first.title, first.source) == ("a1", "Talks resume", "Herald")
    assert first.url == "https://example.org/a1"
    assert first.removed == ("Share this",) and first.published == date(2016, 11, 20)
    assert isinstance(third, Rejected) and third.doc_id == "a3"


def test_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "docs.parquet"
    table = pa.table({"id": ["q1"], "text": ["Northland and Southland signed a fishing accord."]})
    pq.write_table(table, path)
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article) and article.doc_id == "q1"


def test_parquet_without_pyarrow_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    path = tmp_path / "docs.parquet"
    path.write_bytes(b"PAR1")
    (rejected,) = read_inputs([str(path)])
    assert isinstance(rejected, Rejected) and "pip install pyarrow" in rejected.reason


def _warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for uri, status, ctype, body in [
            ("https://herald.example.org/a", "200 OK", "text/html; charset=utf-8", PAGE),
            ("https://herald.example.org/logo.png", "200 OK", "image/png", b"\x89PNG..."),
            ("https://herald.example.org/gone", "404 Not Found", "text/html", b"<html>gone</html>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], "HTTP/1.1")
            stream = io.BytesIO(body)
            record = writer.create_warc_record(uri, "response", payload=stream, http_headers=headers)
            writer.write_record(record)
        request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "herald.example.org")], is_http_request=True)
        uri, empty = "https://herald.example.org/a", io.BytesIO(b"")
        writer.write_record(writer.create_warc_record(uri, "request", payload=empty, http_headers=request))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _warc(path, gz=name.endswith(".gz"))
    results = list(read_inputs([str(path)]))
    assert len(results) == 1
    (article,) = results
    assert isinstance(article, Article)
    assert article.url == "https://herald.example.org/world/ministers-agree-to-resume-talks"  # canonical link
    assert article.input == f"{path}#https://herald.example.org/a"
    assert article.text.startswith("The foreign ministers")


def test_warc_garbage_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a web archive\n" * 20)
    (rejected,) = read_inputs([str(path)])
    assert isinstance(rejected, Rejected) and "WARC" in rejected.reason


# -- hostile and malformed inputs -----------------------------------------------------------------


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        chunk = b"\0" * (1 << 20)
        for _ in range(20):
            handle.write(chunk)
    assert path.stat().st_size < 100_000
    (rejected,) = read_inputs([str(path)], Config(max_input_bytes=5_000_000))
    assert isinstance(rejected, Rejected) and "max_input_bytes" in rejected.reason


def test_jsonl_gzip_bomb_line_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(b'{"id": "x", "text": "' + b"a" * 3_000_000 + b'"}\n')
    (rejected,) = read_inputs([str(path)], Config(max_input_bytes=1_000_000))
    assert isinstance(rejected, Rejected) and "max_input_bytes" in rejected.reason


def test_truncated_gzip_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(b"The ministers met in Geneva. " * 200)[:60])
    (rejected,) = read_inputs([str(path)])
    assert isinstance(rejected, Rejected) and "intact" in rejected.reason


def test_binary_junk_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 40)
    (rejected,) = read_inputs([str(path)])
    assert isinstance(rejected, Rejected) and "binary" in rejected.reason


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    (rejected,) = read_inputs([str(path)])
    assert isinstance(rejected, Rejected) and "no text" in rejected.reason


def test_wrong_encodings_are_detected(tmp_path: Path) -> None:
    latin = "Le ministre a déclaré à Genève que les négociations reprendraient bientôt, a précisé l'élu."
    english = "The café owner in Genève said the ministers’ talks — “at last” — would resume. " * 3
    plain = english.translate(str.maketrans("’—“”", '\'-""'))
    (tmp_path / "latin1.txt").write_bytes(plain.encode("latin-1"))
    (tmp_path / "cp1252.txt").write_bytes(english.encode("cp1252"))
    (tmp_path / "fr.txt").write_bytes(latin.encode("latin-1"))
    results = {Path(r.input or "").name: r for r in read_inputs([str(tmp_path)]) if isinstance(r, Article)}
    assert "Genève" in results["latin1.txt"].text
    assert "“at last”" in results["cp1252.txt"].text
    assert "négociations" in results["fr.txt"].text


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    body = "Москва и Лондон договорились продолжить диалог, сообщил представитель министерства. " * 4
    head = '<head><meta charset="windows-1251"><title>Диалог</title></head>'
    html = f"<html>{head}<body><article><p>{body}</p></article></body></html>"
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert "Москва" in article.text
    assert article.language == "ru" and article.status == "skipped: language"


def test_missing_and_unknown_inputs_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Northland and Southland agreed to resume talks on Sunday.", encoding="utf-8")
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK\x03\x04")
    results = list(read_inputs([str(tmp_path / "nope.txt"), str(odd), str(good)]))
    assert [type(r).__name__ for r in results] == ["Rejected", "Rejected", "Article"]
    assert "no such file" in results[0].reason  # type: ignore[union-attr]
    assert "unrecognised input type '.docx'" in results[1].reason  # type: ignore[union-attr]


def test_directory_reads_recognised_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Southland freed six sailors on Monday morning.", encoding="utf-8")
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    names = [Path(r.input or "").name for r in read_inputs([str(tmp_path)])]
    assert names == ["a.html", "b.txt"]


def test_parallel_jobs_keep_order_and_results(tmp_path: Path) -> None:
    inputs = []
    for i in range(6):
        path = tmp_path / f"doc{i}.txt"
        text = f"Story {i}\n\nNorthland and Southland held talks round {i} on Monday.\n\nPrint:"
        path.write_text(text, "utf-8")
        inputs.append(str(path))
    serial = list(read_inputs(inputs, jobs=1))
    parallel = list(read_inputs(inputs, jobs=2))
    assert serial == parallel
    assert [a.title for a in parallel if isinstance(a, Article)] == [f"Story {i}" for i in range(6)]


def test_binary_junk_named_html_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "junk.html"
    path.write_bytes(b"<<<>>><html><<p>>" + b"\x00\x01" * 1000)
    (rejected,) = read_inputs([str(path)])
    assert isinstance(rejected, Rejected) and "binary" in rejected.reason


def test_a_crashing_parser_rejects_one_document_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from detente.ingest import html

    def explode(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "b.txt").write_text("Southland freed six sailors on Monday morning.", encoding="utf-8")
    monkeypatch.setattr(html, "extract_page", explode)
    first, second = read_inputs([str(tmp_path)])
    assert isinstance(first, Rejected) and "RecursionError" in first.reason
    assert isinstance(second, Article)


def test_arc_file(tmp_path: Path) -> None:
    body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE
    version = b"1 0 detente\nURL IP-address Archive-date Content-type Archive-length\n"
    header = b"filedesc://crawl.arc 0.0.0.0 20161121093000 text/plain %d\n" % len(version)
    record = b"http://herald.example.org/a 127.0.0.1 20161121093000 text/html %d\n" % len(body)
    path = tmp_path / "crawl.arc"
    path.write_bytes(header + version + b"\n" + record + body + b"\n")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article) and article.input == f"{path}#http://herald.example.org/a"
    assert article.text.startswith("The foreign ministers")


def test_csv_gz(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv.gz"
    rows = "id,text,date\nz1,Northland recalled its ambassador from Southland on Friday.,2016-10-07\n"
    path.write_bytes(gzip.compress(rows.encode("utf-8")))
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article) and (article.doc_id, article.published) == ("z1", date(2016, 10, 7))
