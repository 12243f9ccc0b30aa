"""Direct-quote spans and speakers against PolNeAR (../shared/dev/quotes/polnear), printed as JSON.

Gold direct quotes: PolNeAR contents that are wholly quoted (after an optional "that", the content opens with
a quote mark and ends with a closing one); each fragment of a discontinuous content ("X," he said, "Y") is one
gold quote, as detente makes one quote per part. Spans are compared after trimming quote marks, whitespace,
a leading "that" and trailing , . ; : from both sides.

- exact: a prediction matches a gold quote when the trimmed spans are identical.
- overlap: one-to-one matching of predictions and gold quotes that share at least one character
  (largest overlaps first).
- speaker accuracy: over gold quotes matched by overlap that have a gold source, the share whose predicted
  speaker head word lies inside the gold source span (no predicted speaker counts as wrong).
- indirect (informative): non-direct gold contents against detente's indirect quotes, overlap matching.

Usage: python bench/quotes_polnear.py --split dev [--limit N] [--shared PATH] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"

_MARKS = "\u201c\u201d\"\u201e\u00ab\u00bb\u2018\u2019'\u201a\u2039\u203a`"
_OPEN = re.compile(r"^(that\s+)?[\u201c\"\u201e\u00ab\u2018'`]", re.IGNORECASE)
_CLOSE = re.compile(r"[\u201d\"\u00bb\u2019'][\s.,;:!?]*$")


@dataclass
class Gold:
    direct: list[tuple[int, int]] = field(default_factory=list)
    direct_sources: list[list[tuple[int, int]]] = field(default_factory=list)
    indirect: list[tuple[int, int]] = field(default_factory=list)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without quote marks, whitespace, a leading "that" and trailing , . ; : (matching is on words)."""
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in _MARKS):
            start += 1
        if text[start : start + 5].lower() == "that " and start + 5 < end:
            start += 5
        while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS + ",.;:"):
            end -= 1
        if (start, end) == before:
            return start, end


def read_ann(path: Path, text: str) -> Gold:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, offsets = parts[1].split(" ", 1)
            fragments = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
            spans[parts[0]] = (label, fragments)
        elif line.startswith("E"):
            parts = line.split("\t")
            args = dict(arg.split(":", 1) for arg in parts[1].split()) if len(parts) > 1 else {}
            relations.append({re.sub(r"\d+$", "", k): v for k, v in args.items()})
    gold = Gold()
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        if content is None:
            continue
        fragments = content[1]
        source = spans.get(relation.get("Source", ""), ("", []))[1]
        whole = text[fragments[0][0] : fragments[-1][1]]
        if _OPEN.match(whole.lstrip(" :,\u00a0")) and _CLOSE.search(whole):
            for a, b in merge(text, fragments):
                piece = trim(text, a, b)
                if piece[1] - piece[0] >= 2:
                    gold.direct.append(piece)
                    gold.direct_sources.append(source)
        else:
            gold.indirect.append(trim(text, fragments[0][0], fragments[-1][1]))
    return gold


def merge(text: str, fragments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join fragments of one content that only a nested attribution or a sentence split separates.

    PolNeAR cuts a quote around an attribution nested in it ("I believe …"); fragments split by the
    narrator's words (a quote mark in the gap) stay apart.
    """
    merged = [fragments[0]]
    for start, end in fragments[1:]:
        gap = text[merged[-1][1] : start]
        closes = text[merged[-1][0] : merged[-1][1]].rstrip()[-1:] in _MARKS
        opens = text[start:end].lstrip()[:1] in _MARKS
        if closes or opens or any(mark in gap for mark in _MARKS):
            merged.append((start, end))
        else:
            merged[-1] = (merged[-1][0], end)
    return merged


def context(text: str, span: tuple[int, int]) -> str:
    """A span with the words around it, for reading errors."""
    start, end = span
    return f"{text[max(0, start - 90) : start]!r} >> {text[start:end][:80]!r} << {text[end : end + 40]!r}"


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index) of overlapping spans, largest overlaps first."""
    pairs = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((overlap, g, p))
    used_g: set[int] = set()
    used_p: set[int] = set()
    result = []
    for _, g, p in sorted(pairs, reverse=True):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            result.append((g, p))
    return result


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(100 * precision, 1),
        "recall": round(100 * recall, 1),
        "f1": round(100 * f1, 1),
    }


def articles(root: Path, split: str) -> list[tuple[str, Path, Path]]:
    """(name, text, annotation) per article; articles annotated twice use the first annotator's file."""
    chosen: dict[str, Path] = {}
    for ann in sorted((root / split / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    return [(name, root / split / "text" / f"{name}.txt", ann) for name, ann in sorted(chosen.items())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=0, help="first N articles only (0: all)")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N articles")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--errors", type=int, default=0, help="print up to N misses to stderr")
    args = parser.parse_args()
    print(json.dumps(evaluate(args.shared, args.split, args.limit, args.offset, args.errors), indent=2))
    return 0


def evaluate(shared: Path, split: str, limit: int = 0, offset: int = 0, errors: int = 0) -> dict[str, object]:
    """Score detente's quote attribution on a PolNeAR split; the numbers the gate test pins."""
    from detente import nlp as nlp_stage
    from detente.quotes import attribute

    root = shared / "dev" / "quotes" / "polnear"
    items = articles(root, split)[offset:]
    if limit:
        items = items[:limit]
    texts = [path.read_text(encoding="utf-8") for _, path, _ in items]
    nlp = nlp_stage.load()
    began = time.perf_counter()
    docs = nlp_stage.parse(nlp, texts)
    totals = {"gold": 0, "pred": 0, "exact": 0, "overlap": 0, "speaker_n": 0, "speaker_ok": 0}
    indirect = {"gold": 0, "pred": 0, "overlap": 0}
    shown = 0
    for (name, _, ann), text, doc in zip(items, texts, docs, strict=True):
        gold = read_ann(ann, text)
        found = attribute(doc)
        direct = [a for a in found if a.direct]
        pred = [trim(text, *a.span) for a in direct]
        totals["gold"] += len(gold.direct)
        totals["pred"] += len(pred)
        totals["exact"] += len(set(gold.direct) & set(pred))
        pairs = match(gold.direct, pred)
        totals["overlap"] += len(pairs)
        for g, p in pairs:
            sources = gold.direct_sources[g]
            if not sources:
                continue
            totals["speaker_n"] += 1
            head = direct[p].speaker
            ok = head is not None and any(a <= head.idx < b for a, b in sources)
            totals["speaker_ok"] += ok
            if not ok and shown < errors:
                shown += 1
                said = text[sources[0][0] : sources[-1][1]]
                print(
                    f"SPEAKER {name}: gold {said!r} got {head.text if head else None!r} "
                    f"cue {direct[p].cue} :: {text[slice(*pred[p])][:80]!r}",
                    file=sys.stderr,
                )
        if shown < errors:
            matched_g = {g for g, _ in pairs}
            matched_p = {p for _, p in pairs}
            for g, span in enumerate(gold.direct):
                if g not in matched_g and shown < errors:
                    shown += 1
                    print(f"MISS {name}: {context(text, span)}", file=sys.stderr)
            for p, span in enumerate(pred):
                if p not in matched_p and shown < errors:
                    shown += 1
                    print(f"EXTRA {name}: {context(text, span)}", file=sys.stderr)
        reported = [trim(text, *a.span) for a in found if not a.direct]
        indirect["gold"] += len(gold.indirect)
        indirect["pred"] += len(reported)
        indirect["overlap"] += len(match(gold.indirect, reported))
    seconds = time.perf_counter() - began
    return {
        "split": split,
        "articles": len(items),
        "gold_direct": totals["gold"],
        "predicted_direct": totals["pred"],
        "direct_exact": prf(totals["exact"], totals["pred"], totals["gold"]),
        "direct_overlap": prf(totals["overlap"], totals["pred"], totals["gold"]),
        "speaker_accuracy": round(100 * totals["speaker_ok"] / totals["speaker_n"], 1)
        if totals["speaker_n"]
        else 0.0,
        "speaker_pairs": totals["speaker_n"],
        "indirect_overlap": prf(indirect["overlap"], indirect["pred"], indirect["gold"]),
        "seconds": round(seconds, 1),
    }


if __name__ == "__main__":
    sys.exit(main())
