"""Throughput of the full pipeline as a ratio against bare spaCy parsing of the same texts, same process.

    python bench/speed.py [--corpus PATH] [--docs 200]

Prints JSON: words, seconds and words/s for bare ``nlp.pipe`` and for ``Pipeline.run``, the ratio
(pipeline time / parse time), and peak RSS. Needs ../shared/corpora (or any JSONL with ``text``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from pathlib import Path

from detente.config import Config
from detente.ingest import article_from_text
from detente.pipeline import Pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared/corpora/reuters_2006_2013_world/articles.jsonl.gz"


def load(path: Path, docs: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) >= docs:
                break
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus {args.corpus} not found (needs ../shared/corpora)")
    texts = load(args.corpus, args.docs)
    articles = [article_from_text(text, doc_id=str(i)) for i, text in enumerate(texts)]
    pipeline = Pipeline(Config())
    words = sum(len(text.split()) for text in texts)
    list(pipeline.nlp.pipe(texts[:5]))  # warm up

    start = time.perf_counter()
    for _ in pipeline.nlp.pipe(texts, batch_size=32):
        pass
    parse = time.perf_counter() - start

    start = time.perf_counter()
    events = quotes = 0
    for coded in pipeline.run(articles):
        events += len(getattr(coded, "events", ()))
        quotes += len(getattr(coded, "quotes", ()))
    full = time.perf_counter() - start

    print(json.dumps({
        "corpus": str(args.corpus), "docs": len(texts), "words": words,
        "parse_seconds": round(parse, 2), "parse_words_per_s": round(words / parse),
        "pipeline_seconds": round(full, 2), "pipeline_words_per_s": round(words / full),
        "pipeline_to_parse_ratio": round(full / parse, 3),
        "events": events, "quotes": quotes,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
