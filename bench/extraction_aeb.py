"""Article-body extraction on the ScrapingHub article-extraction benchmark (../shared/dev/extraction).

Scores detente's HTML ingest (trafilatura + fallback + furniture removal) with the benchmark's own metric:
4-gram shingles over ``\\w+`` tokens, per-document TP/FP/FN normalised to sum 1, precision and recall averaged
over documents, F1 their harmonic mean. Prints a JSON summary (and pages/second).

    .venv/bin/python bench/extraction_aeb.py [--limit N] [--published-output trafilatura]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared" / "dev" / "extraction" / "scrapinghub_aeb"
_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def match(true: str, pred: str) -> Counts:
    """TP/FP/FN over shingles, normalised so that every document weighs the same."""
    gold, guess = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in gold.keys() | guess.keys():
        g, p = gold.get(key, 0), guess.get(key, 0)
        tp += min(g, p)
        fp += max(0, p - g)
        fn += max(0, g - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(counts: list[Counts]) -> dict[str, float]:
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def bootstrap_std(counts: list[Counts], rounds: int = 200, seed: int = 0) -> dict[str, float]:
    rng = random.Random(seed)
    values: dict[str, list[float]] = {}
    for _ in range(rounds):
        sample = [counts[rng.randrange(len(counts))] for _ in counts]
        for key, value in metrics(sample).items():
            values.setdefault(key, []).append(value)
    return {f"{key}_std": statistics.stdev(v) for key, v in values.items()}


def ids(limit: int | None, root: Path = AEB) -> list[str]:
    """Benchmark page ids, sorted; the first ``limit`` of a fixed shuffle when limited (a stable subset)."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    if limit:
        random.Random(13).shuffle(keys)
        keys = sorted(keys[:limit])
    return keys


def extract_all(keys: Iterable[str], root: Path = AEB) -> tuple[dict[str, str], float]:
    """detente's clean text per page id, and the seconds spent (reading + extraction + cleaning)."""
    from detente.config import Config
    from detente.ingest import RawDocument, build
    from detente.models import Rejected

    config = Config()
    bodies: dict[str, str] = {}
    started = time.perf_counter()
    for key in keys:
        data = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        result = build(RawDocument(key, "html", data), config)
        bodies[key] = "" if isinstance(result, Rejected) else result.text
    return bodies, time.perf_counter() - started


def evaluate(limit: int | None = None, root: Path = AEB) -> dict[str, object]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = ids(limit, root)
    bodies, seconds = extract_all(keys, root)
    counts = [match(truth[key].get("articleBody", ""), bodies[key]) for key in keys]
    result: dict[str, object] = {"pages": len(keys), **metrics(counts)}
    result["pages_per_second"] = len(keys) / seconds if seconds else 0.0
    result["empty"] = sum(1 for key in keys if not bodies[key])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score a fixed subset of N pages")
    parser.add_argument("--root", type=Path, default=AEB)
    parser.add_argument("--bootstrap", type=int, default=200, help="bootstrap rounds for the std (0: none)")
    parser.add_argument("--published-output", help="also score a committed output, e.g. trafilatura")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    args = parser.parse_args(argv)
    if not (args.root / "ground-truth.json").exists():
        print(json.dumps({"error": f"benchmark not found at {args.root}"}))
        return 2
    truth = json.loads((args.root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = ids(args.limit, args.root)
    bodies, seconds = extract_all(keys, args.root)
    counts = [match(truth[key].get("articleBody", ""), bodies[key]) for key in keys]
    summary: dict[str, object] = {"system": "detente", "pages": len(keys), **metrics(counts)}
    if args.bootstrap:
        summary.update(bootstrap_std(counts, args.bootstrap))
    summary["pages_per_second"] = round(len(keys) / seconds, 1)
    if args.published_output:
        data = json.loads(
            (args.root / "published_outputs" / f"{args.published_output}.json").read_text("utf-8")
        )
        output = data.get("output", data)
        theirs = [
            match(truth[k].get("articleBody", ""), output.get(k, {}).get("articleBody", "")) for k in keys
        ]
        summary[args.published_output] = metrics(theirs)
    if args.worst:
        scored = sorted(zip(keys, counts, strict=True), key=lambda kc: metrics([kc[1]])["f1"])
        summary["worst"] = [{"id": k, **metrics([c])} for k, c in scored[: args.worst]]
    json.dump(summary, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
