"""Event-coder benchmarks on ../shared/dev/events, and the derivation of the PETRARCH verb lexicon.

    python bench/events_dev.py conflibert [--limit N]     5-class macro-F1, root accuracy, argument agreement
    python bench/events_dev.py petrarch [--limit N]       structure suites (source/target, compounds, no-event)
    python bench/events_dev.py speed [--docs 200]         parse-only vs full-pipeline time on Reuters articles
    python bench/events_dev.py derive-lexicon             rebuild src/detente/data/lexicon/petrarch_*.tsv

Every command prints one JSON summary. The class of a sentence with several events is the class of its
*main* event: the highest event in the dependency tree that is not a bare statement (01x) wrapping an
embedded event; a sentence whose only events are statements is class 0; no event at all is "none".
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EVENTS_DEV = SHARED / "dev" / "events"
LEXICON = REPO / "src" / "detente" / "data" / "lexicon"

#: ConfliBERT's five classes by CAMEO root (../shared/README.md).
PENTA = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}

# --------------------------------------------------------------------------------------------------------
# derive-lexicon: PETRARCH's CAMEO.2.0.txt (MIT) -> our own frame format
# --------------------------------------------------------------------------------------------------------

PARTICLES = {"off", "up", "out", "down", "forward", "aside", "back", "away", "over", "together", "on", "in"}
_CODE = re.compile(r"\[([^\]]*)\]")


def _first_code(raw: str) -> str | None:
    parts = [part.strip() for part in raw.split(":")]
    for part in parts:
        if part and part != "---" and re.fullmatch(r"\d{2,4}", part):
            return part
    return None


def _items(post: str) -> list[str] | None:
    """PETRARCH post-verb pattern words -> frame items (obj:W, prep:P>W, word:W); None when unusable."""
    tokens = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", post)
    items: list[str] = []
    have_object = False
    for tok in tokens:
        if tok in {"$", "+", "^", "%"} or tok.startswith("$") or tok.startswith("+"):
            continue
        if tok.startswith("("):
            words = [w for w in tok.strip("()").split() if w not in {"$", "+", "^", "%"}]
            if not words:
                continue
            prep = words[0].lower()
            if not prep.isalpha():
                return None
            rest = [w for w in words[1:] if not w.startswith("{")]
            head = _head_word(" ".join(words[1:])) if len(words) > 1 else None
            items.append(f"prep:{prep}>{head}" if head else f"prep:{prep}")
            del rest
            continue
        head = _head_word(tok)
        if head is None:
            return None
        if head in PARTICLES and not have_object:
            items.append(f"word:{head}")
        elif not have_object:
            items.append(f"obj:{head}")
            have_object = True
    return items


def _head_word(text: str) -> str | None:
    words = [w for w in text.strip("{}").split() if w not in {"$", "+", "^", "%"}]
    if not words:
        return None
    word = words[-1]
    if word.startswith("&"):
        return "@" + word[1:].rstrip("_").lower()
    word = word.rstrip("_").lower()
    return word if re.fullmatch(r"[a-z][a-z'-]*", word) else None


def derive_lexicon(source: Path) -> dict[str, int]:
    """Write petrarch_verbs.tsv (lemma, code, frame) and petrarch_synsets.tsv (name, word)."""
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = defaultdict(list)
    entries: set[tuple[str, str, str]] = set()
    in_verbs = False
    current_set: str | None = None
    block_code: str | None = None
    block_verbs: list[tuple[str, str]] = []  # (lemma, fixed frame items from multiword forms)
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        if not line.strip():
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_set = line[1:].strip().rstrip("_").lower()
            elif line.startswith("+") and current_set:
                word = line[1:].strip().rstrip("_").lower()
                if re.fullmatch(r"[a-z][a-z' -]*", word):
                    synsets[current_set].append(word.split()[-1])
            continue
        if line.startswith("---"):
            match = _CODE.search(line)
            block_code = _first_code(match.group(1)) if match else None
            block_verbs = []
            continue
        if line.startswith("-"):
            body = line[1:]
            match = _CODE.search(body)
            if not match or "*" not in body:
                continue
            code = _first_code(match.group(1))
            if code is None:
                continue
            post = body[: match.start()].split("*", 1)[1]
            items = _items(post)
            if not items:
                continue
            for lemma, fixed in block_verbs:
                frame = " ".join(([fixed] if fixed else []) + items)
                entries.add((lemma, code, frame))
            continue
        # a verb line: WORD {forms} [code] or +MULTI_WORD {forms} [code]
        word = line.split()[0]
        match = _CODE.search(line)
        own = _first_code(match.group(1)) if match else None
        if word.startswith("+"):
            parts = word[1:].strip("_").lower().split("_")
            if not parts or not parts[0].isalpha():
                continue
            lemma, fixed = parts[0], " ".join(f"word:{p}" for p in parts[1:] if p.isalpha())
        else:
            lemma, fixed = word.lower(), ""
            if not lemma.isalpha():
                continue
        block_verbs.append((lemma, fixed))
        code = own or block_code
        if code:
            entries.add((lemma, code, fixed))
    LEXICON.mkdir(parents=True, exist_ok=True)
    header = (
        "# Derived from PETRARCH's CAMEO.2.0.txt verb dictionary (Open Event Data Alliance, MIT licence)\n"
        "# by bench/events_dev.py derive-lexicon: verb lemma, CAMEO code, frame items (see docs/event-coding.md).\n"
    )
    with (LEXICON / "petrarch_verbs.tsv").open("w", encoding="utf-8") as out:
        out.write(header + "lemma\tcode\tframe\n")
        for lemma, code, frame in sorted(entries):
            out.write(f"{lemma}\t{code}\t{frame}\n")
    with (LEXICON / "petrarch_synsets.tsv").open("w", encoding="utf-8") as out:
        out.write(header + "synset\tword\n")
        for name, words in sorted(synsets.items()):
            for word in sorted(set(words)):
                out.write(f"{name}\t{word}\n")
    return {"entries": len(entries), "synsets": len(synsets)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("derive-lexicon")
    args = parser.parse_args(argv)
    if args.command == "derive-lexicon":
        summary: dict[str, Any] = derive_lexicon(SHARED / "reference" / "phoenix" / "CAMEO.2.0.txt")
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
