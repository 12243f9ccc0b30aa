"""Time expression benchmark on TimeBank + AQUAINT (TBAQ-cleaned TimeML), scored as TempEval-3 scores.

Each document's TEXT is parsed, ``detente.dates.find_timexes`` runs anchored on the document creation time
(DCT), and the result is compared with the gold TIMEX3 tags: recognition P/R/F1 with strict (same extent)
and relaxed (overlapping extent) matching; value and type accuracy over relaxed matches; value F1 =
relaxed F1 × value accuracy (TempEval-3's attribute F1). Week numbers are compared zero-padded
("2000-W7" = "2000-W07"); nothing else is normalised. Prints one JSON summary.

With ``--ctparse`` it also scores the English single-point expressions of ctparse's corpus (chat and
booking messages, each with a reference time): the share whose day we find, and get right.

    .venv/bin/python bench/timex_dev.py [--limit N] [--corpus TimeBank|AQUAINT] [--errors 30] [--classes 15]
        [--ctparse]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = REPO.parent / "shared" / "dev" / "timex" / "tbaq_cleaned"
CTPARSE = REPO.parent / "shared" / "dev" / "timex" / "ctparse_timeparse_corpus" / "timeparse_corpus.json"
_CTPARSE_DAY = re.compile(r"^Time\[\]\{(\d{4})-(\d{2})-(\d{2}) ")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    text: str
    dct: date
    timexes: list[GoldTimex]


def load_doc(path: Path) -> GoldDoc:
    """The TEXT of a TimeML file as plain text, its DCT and the TIMEX3 extents in that text."""
    root = ElementTree.parse(path).getroot()
    dct_value = root.find("DCT/TIMEX3")
    if dct_value is None:
        raise ValueError(f"{path}: no DCT")
    dct = date.fromisoformat((dct_value.get("value") or "")[:10])
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no TEXT")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(element: ElementTree.Element) -> None:
        start = sum(len(piece) for piece in pieces)
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        if element.tag == "TIMEX3":
            end = start + len("".join(element.itertext()))
            text = "".join(element.itertext())
            timexes.append(GoldTimex(start, end, text, element.get("type") or "", element.get("value") or ""))

    walk(body)
    return GoldDoc(path.stem, "".join(pieces), dct, sorted(timexes, key=lambda timex: timex.start))


def load_corpus(root: Path, corpus: str | None, limit: int | None) -> list[GoldDoc]:
    paths = sorted(
        path
        for path in root.glob("*/*.tml")
        if not path.name.startswith("._") and (corpus is None or path.parent.name == corpus)
    )
    if limit:
        paths = paths[:limit]
    return [load_doc(path) for path in paths]


def same_value(system: str, gold: str) -> bool:
    def pad(value: str) -> str:
        return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)

    return pad(system) == pad(gold)


def prf(hits: int, system: int, gold: int) -> dict[str, float]:
    precision = hits / system if system else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(100 * precision, 2),
        "recall": round(100 * recall, 2),
        "f1": round(100 * f1, 2),
    }


def shape(value: str) -> str:
    """A value's form with its digits hidden ("1988-Q3" -> "9999-Q9"): the unit of an error class."""
    return re.sub(r"\d", "9", value)


def evaluate(docs: list[GoldDoc], errors: int = 0, classes: int = 0) -> dict[str, object]:
    """Score find_timexes on the documents; ``errors`` > 0 adds that many example mistakes, ``classes`` > 0
    that many value-error classes (system shape -> gold shape, with a count and an example)."""
    from detente import nlp as nlp_stage
    from detente.dates import find_timexes

    nlp = nlp_stage.load()
    began = time.perf_counter()
    parsed = nlp_stage.parse(nlp, [doc.text for doc in docs])
    parse_seconds = time.perf_counter() - began
    began = time.perf_counter()
    system_count = gold_count = strict = relaxed = values = types = 0
    misses: list[dict[str, str]] = []
    by_class: Counter[str] = Counter()
    example: dict[str, str] = {}
    for doc, spacy_doc in zip(docs, parsed, strict=True):
        found = find_timexes(spacy_doc, doc.dct)
        system_count += len(found)
        gold_count += len(doc.timexes)
        used: set[int] = set()
        for gold in doc.timexes:
            match = next(
                (
                    index
                    for index, timex in enumerate(found)
                    if index not in used and timex.span[0] < gold.end and gold.start < timex.span[1]
                ),
                None,
            )
            if match is None:
                if len(misses) < errors:
                    context = doc.text[max(0, gold.start - 50) : gold.end + 30].replace("\n", " ")
                    misses.append(
                        {"doc": doc.name, "miss": gold.text, "gold": gold.value, "context": context}
                    )
                continue
            used.add(match)
            timex = found[match]
            relaxed += 1
            strict += timex.span == (gold.start, gold.end)
            types += timex.type == gold.type
            if same_value(timex.value, gold.value):
                values += 1
                continue
            error_class = f"{shape(timex.value)} -> {shape(gold.value)}"
            by_class[error_class] += 1
            example.setdefault(error_class, f"{timex.text!r} {timex.value} (gold {gold.value}) in {doc.name}")
            if len(misses) < errors:
                misses.append(
                    {
                        "doc": doc.name,
                        "text": timex.text,
                        "gold_text": gold.text,
                        "value": timex.value,
                        "gold": gold.value,
                        "dct": doc.dct.isoformat(),
                    }
                )
        if errors:
            for index, timex in enumerate(found):
                if index not in used and len(misses) < errors:
                    start, end = timex.span
                    context = doc.text[max(0, start - 50) : end + 30].replace("\n", " ")
                    misses.append(
                        {"doc": doc.name, "spurious": timex.text, "value": timex.value, "context": context}
                    )
    dating_seconds = time.perf_counter() - began
    relaxed_scores = prf(relaxed, system_count, gold_count)
    accuracy = values / relaxed if relaxed else 0.0
    summary: dict[str, object] = {
        "documents": len(docs),
        "gold": gold_count,
        "system": system_count,
        "strict": prf(strict, system_count, gold_count),
        "relaxed": relaxed_scores,
        "value_accuracy": round(100 * accuracy, 2),
        "type_accuracy": round(100 * types / relaxed, 2) if relaxed else 0.0,
        "value_f1": round(relaxed_scores["f1"] * accuracy, 2),
        "seconds": {"parse": round(parse_seconds, 2), "timex": round(dating_seconds, 3)},
    }
    if errors:
        summary["errors"] = misses
    if classes:
        summary["value_error_classes"] = [
            {"class": name, "count": count, "example": example[name]}
            for name, count in by_class.most_common(classes)
        ]
    return summary


def evaluate_ctparse(path: Path) -> dict[str, object]:
    """Day accuracy on ctparse's English expressions whose gold is one day (``Time[]{2017-10-05 …}``)."""
    from detente import nlp as nlp_stage
    from detente.dates import find_timexes

    items = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        found = _CTPARSE_DAY.match(record["gold_parse"])
        if record["language"] == "en" and found:
            items.append(
                (record["text"], date.fromisoformat(record["ref_time"][:10]), "-".join(found.groups()))
            )
    nlp = nlp_stage.load()
    docs = nlp_stage.parse(nlp, [text for text, _, _ in items])
    found_count = right = 0
    for (_, anchor, gold), doc in zip(items, docs, strict=True):
        days = [t.value[:10] for t in find_timexes(doc, anchor) if len(t.value) >= 10 and t.value[4] == "-"]
        found_count += bool(days)
        right += gold in days
    total = len(items)
    return {
        "expressions": total,
        "day_found": round(100 * found_count / total, 2) if total else 0.0,
        "day_accuracy": round(100 * right / total, 2) if total else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the tbaq_cleaned folder")
    parser.add_argument("--corpus", choices=("TimeBank", "AQUAINT"), help="one half only")
    parser.add_argument("--limit", type=int, help="first N documents only (sorted by path)")
    parser.add_argument("--errors", type=int, default=0, help="list up to N mistakes")
    parser.add_argument(
        "--classes", type=int, default=0, help="list the N largest value-error classes (shape -> gold shape)"
    )
    parser.add_argument("--ctparse", action="store_true", help="also score ctparse's English expressions")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(json.dumps({"error": f"{args.root} not found; it lives in ../shared/dev/timex"}))
        return 2
    docs = load_corpus(args.root, args.corpus, args.limit)
    summary = evaluate(docs, args.errors, args.classes)
    if args.ctparse and CTPARSE.is_file():
        summary["ctparse_en"] = evaluate_ctparse(CTPARSE)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
