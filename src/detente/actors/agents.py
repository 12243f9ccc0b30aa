"""PETRARCH-format agent dictionaries (``.agents``): role nouns → CAMEO sector codes, imported at run time.

The format, as in Phoenix's ``Phoenix.agents.txt``::

    # comment                          (also after an entry)
    !PERSON! = MAN, MEN, WOMAN, WOMEN  (a substitution set, expanded wherever !PERSON! appears)
    POLICE!PERSON! [~COP]              (a phrase; "_" joins words; "~COP" puts the sector after a state)
    LAWMAN {LAWMEN} [~COP]             (an explicit plural; "{}" means none; absent: the regular plural)

PETRARCH's stems (a phrase without a final "_" matches longer words) are matched as whole words here, and
entries whose code is a prefix of its own (``[IGO~]``: an international body, not a role) are skipped.
"""

from __future__ import annotations

import itertools
import logging
import re

from detente.actors.derive import plural_phrase
from detente.actors.lexicon import Entry

log = logging.getLogger(__name__)

_SET = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")
_ENTRY = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]")
_CODE = re.compile(r"^~([A-Z]{3})+$")
_SET_NAME = re.compile(r"![A-Z0-9_]+!")


def parse_agents(text: str) -> list[Entry]:
    """Every role phrase (and plural) of an agents dictionary, as lexicon entries; earlier phrases win."""
    sets: dict[str, list[str]] = {}
    entries: dict[str, Entry] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        found_set = _SET.match(line)
        if found_set is not None:
            sets[found_set.group(1)] = [
                word.strip() for word in found_set.group(2).split(",") if word.strip()
            ]
            continue
        found = _ENTRY.match(line)
        if found is None:
            log.warning("agents line %d not understood: %r", number, raw)
            continue
        code = found.group("code").strip()
        if not _CODE.match(code):
            continue  # "[IGO~]" and the like name a kind of body, not a sector
        plural = found.group("plural")
        for phrase in _expand(found.group("phrase"), sets):
            forms = [phrase]
            if plural is None:
                forms.append(plural_phrase(phrase))
            elif plural.strip():
                forms.extend(_expand(plural, sets))
            for form in forms:
                entries.setdefault(form, Entry(form, code[1:], "role", False))
    return list(entries.values())


def _expand(pattern: str, sets: dict[str, list[str]]) -> list[str]:
    """A dictionary phrase in plain lower-case words, once per combination of its substitution sets."""
    names = _SET_NAME.findall(pattern)
    choices = [sets.get(name, [name.strip("!")]) for name in names]
    result: list[str] = []
    for combination in itertools.product(*choices):
        phrase = pattern
        for name, word in zip(names, combination, strict=True):
            phrase = phrase.replace(name, word, 1)
        words = phrase.replace("_", " ").lower().split()
        if words:
            result.append(" ".join(words))
    return result
