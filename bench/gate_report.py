"""Quality-gate figures for the bundled sample corpus, as JSON: what tests/test_quality_gate.py asserts.

.venv/bin/python bench/gate_report.py              # all figures
.venv/bin/python bench/gate_report.py --floors     # plus the FLOORS dict to paste (measured - 0.02)
.venv/bin/python bench/gate_report.py --details    # plus per-item misses, to read against tests/gold
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

from detente.ingest import read_inputs
from detente.models import CodedArticle
from detente.pipeline import Pipeline
from detente.samples import articles_path
from detente.samples.scoring import (
    Gold,
    load_gold,
    match_quotes,
    match_timexes,
    predictions,
    score,
    speaker_agrees,
)

REPO = Path(__file__).resolve().parents[1]
GATED = (
    "events_precision",
    "events_recall",
    "events_f1",
    "events_relaxed_f1",
    "events_root_accuracy",
    "events_date_accuracy",
    "no_event_docs_clean",
    "quote_recall",
    "quote_speaker_accuracy",
    "timex_found",
    "timex_value_accuracy",
)
MARGIN = 0.02


def floors(figures: dict[str, float]) -> dict[str, float]:
    """Measured minus the margin, rounded down to two places, never below zero."""
    return {name: max(0.0, math.floor((figures[name] - MARGIN) * 100) / 100) for name in GATED}


def details(coded: list[CodedArticle], gold: Gold) -> dict[str, object]:
    """Missed and spurious events by key, and gold quotes and times that were missed or got wrong."""
    events, quotes, timexes = predictions(coded)
    gold_keys = Counter((e.doc_id, e.source, e.target, e.root) for e in gold.events)
    pred_keys = Counter((e.doc_id, e.source, e.target, e.root) for e in events)
    quote_rows = []
    for item, quote in match_quotes(quotes, gold.quotes):
        if quote is None or not speaker_agrees(item.speaker_code, quote.speaker_code):
            got = None if quote is None else [quote.text[:40], quote.speaker_code]
            quote_rows.append([item.doc_id, item.text_start, item.speaker_code, got])
    timex_rows = [
        [item.doc_id, item.text, item.value, None if timex is None else [timex.text, timex.value]]
        for item, timex in match_timexes(timexes, gold.timexes)
        if timex is None or timex.value != item.value
    ]
    return {
        "events_missed": [list(key) for key in sorted((gold_keys - pred_keys).elements(), key=str)],
        "events_spurious": [list(key) for key in sorted((pred_keys - gold_keys).elements(), key=str)],
        "quotes_wrong": quote_rows,
        "timexes_wrong": timex_rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", default=str(articles_path()), help="sample corpus (JSONL)")
    parser.add_argument("--gold", default=str(REPO / "tests" / "gold"), help="gold directory")
    parser.add_argument("--floors", action="store_true", help="also print the FLOORS dict for the gate test")
    parser.add_argument("--details", action="store_true", help="also list misses and wrong values")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    pipeline = Pipeline()
    results = list(pipeline.run(read_inputs([args.articles])))
    coded = [item for item in results if isinstance(item, CodedArticle)]
    gold = load_gold(args.gold)
    report: dict[str, object] = {
        "articles": len(results),
        "rejected": [item.doc_id for item in results if not isinstance(item, CodedArticle)],
        "stages": pipeline.stage_names,
        "seconds": round(time.perf_counter() - started, 2),
        "figures": {name: round(value, 4) for name, value in score(coded, gold).items()},
    }
    if args.floors:
        report["floors"] = floors(score(coded, gold))
    if args.details:
        report["details"] = details(coded, gold)
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
