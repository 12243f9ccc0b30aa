"""The CAMEO 1.1b3 event-code table: names, Goldstein scores, quad classes and PLOVER types.

Every coded event and every stored row looks its code up here, so one table decides what a code means.
The table is ``data/cameo/codes.tsv`` (derived from GDELT's CAMEO lookup and the 2021 CAMEO→PLOVER map).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

log = logging.getLogger(__name__)

#: Roots by GDELT's QuadClass convention: 1 verbal cooperation … 4 material conflict.
QUAD_NAMES = {
    1: "Verbal Cooperation",
    2: "Material Cooperation",
    3: "Verbal Conflict",
    4: "Material Conflict",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code ("040", "0256") with what the outputs need to say about it."""

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def parent(self) -> str | None:
        """The code one level up ("0256" → "025", "025" → "02"), None for a root."""
        return self.code[:-1] if len(self.code) > 2 else None


def quad_class(code: str) -> int:
    """GDELT's QuadClass of a code from its root: 01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


@lru_cache(maxsize=1)
def table() -> dict[str, CameoCode]:
    """All codes, read once from the packaged TSV."""
    text = resources.files("detente").joinpath("data/cameo/codes.tsv").read_text(encoding="utf-8")
    codes: dict[str, CameoCode] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=True))
        code = row["code"]
        codes[code] = CameoCode(
            code=code,
            name=row["name"],
            root=code[:2],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
        )
    log.debug("loaded %d CAMEO codes", len(codes))
    return codes


def is_valid(code: str) -> bool:
    """True for a code of the CAMEO 1.1b3 table (roots "01".."20", 3- and 4-digit codes)."""
    return code in table()


def lookup(code: str) -> CameoCode:
    """The table entry of ``code``; a ``KeyError`` names the bad code (check with ``is_valid`` first)."""
    try:
        return table()[code]
    except KeyError:
        raise KeyError(f"{code!r} is not a CAMEO 1.1b3 event code (e.g. '040', '0256', '19')") from None


def codes() -> list[str]:
    """Every code in table order (roots first within each family)."""
    return list(table())
