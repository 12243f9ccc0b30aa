"""Duplicate detection across runs: exact (normalised-text hash) and near duplicates (MinHash + LSH).

Wire copies of one agency story are re-published with a changed headline, byline or closing line; coding
them twice would double-count events. State is plain JSON (``to_state``/``from_state``) so a store can
keep it between runs: ``{"version": 2, "shingle": 5, "exact": {hash: doc_id},
"signatures": {doc_id: [64 ints]}}``; LSH buckets are rebuilt from the signatures when loaded.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from collections import defaultdict
from typing import Any

import numpy as np

from detente.models import Article

log = logging.getLogger(__name__)

PERMUTATIONS = 64
BANDS = 16  # 16 bands x 4 rows: documents with Jaccard similarity >= ~0.5 usually share a bucket
SHINGLE = 5
_PRIME = (1 << 31) - 1
_WORD = re.compile(r"\w+")
_rng = np.random.default_rng(20161121)
_A = _rng.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.int64)
_B = _rng.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.int64)


def normalise(text: str) -> list[str]:
    """Lower-cased word tokens: punctuation, spacing and case never make two copies differ."""
    return _WORD.findall(text.lower())


def text_hash(text: str) -> str:
    return hashlib.sha1(" ".join(normalise(text)).encode("utf-8")).hexdigest()


def signature(words: list[str], shingle: int = SHINGLE) -> tuple[int, ...] | None:
    """MinHash of the word shingles; None when the text is too short for a meaningful one."""
    if len(words) < shingle * 2:
        return None
    grams = {" ".join(words[i : i + shingle]) for i in range(len(words) - shingle + 1)}
    hashes = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.int64, count=len(grams))
    values = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return tuple(int(v) for v in values.min(axis=0))


def similarity(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two documents' shingle sets."""
    return sum(1 for a, b in zip(first, second, strict=True) if a == b) / len(first)


class Deduper:
    """Remembers documents and tells whether a new one repeats one of them.

    ``check(article)`` returns ``("new", None)``, ``("duplicate", original_doc_id)`` (same normalised text)
    or ``("near-duplicate", original_doc_id)`` (estimated Jaccard similarity >= ``threshold``).
    New documents are remembered; duplicates are not.
    """

    def __init__(self, threshold: float = 0.8) -> None:
        self.threshold = threshold
        self.exact: dict[str, str] = {}
        self.signatures: dict[str, tuple[int, ...]] = {}
        self._buckets: dict[tuple[int, int], list[str]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self.exact)

    def check(self, article: Article) -> tuple[str, str | None]:
        words = normalise(article.text)
        digest = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
        original = self.exact.get(digest)
        if original is not None and original != article.doc_id:
            return "duplicate", original
        if original == article.doc_id:
            return "new", None
        sig = signature(words)
        if sig is not None:
            near = self._nearest(sig, article.doc_id)
            if near is not None:
                return "near-duplicate", near
        self._add(article.doc_id, digest, sig)
        return "new", None

    def _nearest(self, sig: tuple[int, ...], doc_id: str) -> str | None:
        candidates: set[str] = set()
        for key in _band_keys(sig):
            candidates.update(self._buckets.get(key, ()))
        candidates.discard(doc_id)
        best, best_score = None, self.threshold
        for candidate in sorted(candidates):
            score = similarity(sig, self.signatures[candidate])
            if score >= best_score:
                best, best_score = candidate, score
        return best

    def _add(self, doc_id: str, digest: str, sig: tuple[int, ...] | None) -> None:
        self.exact[digest] = doc_id
        if sig is None:
            return
        self.signatures[doc_id] = sig
        for key in _band_keys(sig):
            self._buckets[key].append(doc_id)

    def to_state(self) -> dict[str, Any]:
        """JSON-serialisable state (see the module docstring)."""
        return {
            "version": 2,
            "shingle": SHINGLE,
            "threshold": self.threshold,
            "exact": dict(self.exact),
            "signatures": {doc_id: list(sig) for doc_id, sig in self.signatures.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Deduper:
        if state.get("version") != 2 or state.get("shingle") != SHINGLE:
            log.warning("deduplication state of another version; starting afresh")
            return cls()
        deduper = cls(float(state.get("threshold", 0.8)))
        signatures = {
            doc_id: tuple(int(v) for v in sig) for doc_id, sig in state.get("signatures", {}).items()
        }
        for digest, doc_id in state.get("exact", {}).items():
            deduper._add(doc_id, digest, signatures.get(doc_id))
        return deduper


def _band_keys(sig: tuple[int, ...]) -> list[tuple[int, int]]:
    rows = len(sig) // BANDS
    return [(band, hash(sig[band * rows : (band + 1) * rows])) for band in range(BANDS)]
