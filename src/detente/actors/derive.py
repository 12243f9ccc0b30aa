"""Rebuild the derived actor tables under ``data/actors/`` from the reference files in ../shared.

Run ``python -m detente.actors.derive [SHARED_DIR]``. The outputs are facts in our own TSV layout (phrase →
code), not copies of the sources; the hand-kept files (``seats.tsv``, ``orgs.tsv``, ``agents_extra.tsv``,
``persons_extra.tsv``) are never touched here.
"""

from __future__ import annotations

import csv
import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from detente.actors.kb import DATA, parse_actors_file

log = logging.getLogger(__name__)

_DEMONYM_END = re.compile(
    r"(an|ans|ian|ians|ese|ish|i|is|ic|ics|ch|ot|ots|on|ons|er|ers|ns|ites?|ene|enes|ard|ards|ek|eks|ik|iks)$"
)
#: Variants that are other things even when capitalised (matching is case-sensitive for names, so "China"
#: and "Turkey" are safe; "Us" at a sentence start, "Man" or "Jersey" are not).
_TOO_AMBIGUOUS = frozenset(
    {
        *("us", "man", "jersey", "scot", "english", "angia", "sinic", "sinica", "amerca", "states", "kong"),
        *("islander", "islanders", "new", "south", "north", "west", "east", "republic", "kingdom", "union"),
        *("federation", "island", "islands", "gulf", "the graveyard of empires", "moonland"),
    }
)


#: A role phrase cannot end in these ("embassy in" is a dictionary fragment, not a role).
_DANGLING = frozenset({"in", "of", "to", "for", "from", "on", "at", "the", "and", "a", "an", "with", "by"})


def _plural(word: str) -> str:
    if word.endswith(("man", "woman")):
        return word[:-3] + "men"
    if word.endswith("person"):
        return word[:-6] + "people"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    return word + "s"


def plural_phrase(phrase: str) -> str:
    """Plural of a role phrase: its last word ("foreign minister" → "foreign ministers")."""
    head, _, last = phrase.rpartition(" ")
    return f"{head} {_plural(last)}".strip() if head else _plural(last)


def _clean(phrase: str) -> str:
    words = phrase.replace("_", " ").split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]  # the article belongs to the noun phrase, not the name
    return " ".join(words)


def _kind_of(phrase: str) -> str:
    last = phrase.lower().rsplit(" ", 1)[-1]
    return "demonym" if _DEMONYM_END.search(last) and last not in ("republic", "union") else "country"


def derive_places(shared: Path) -> list[tuple[str, str, str]]:
    """phrase, code, kind rows: country names and variants, demonyms (and their plurals), capitals."""
    rows: dict[str, tuple[str, str, str]] = {}

    def put(phrase: str, code: str, kind: str) -> None:
        phrase = _clean(phrase)
        if "(" in phrase or "," in phrase:
            return
        key = phrase.lower()
        if not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", code):
            return  # dated or placeholder codes ("---", "KRJUNR 911219-951112") are not for a lexicon
        if len(key) < 2 or (key in _TOO_AMBIGUOUS and not phrase.isupper()) or key in rows:
            return
        rows[key] = (phrase, code, kind)

    countries = shared / "reference" / "countries"
    with (countries / "countryinfo_oeda_countries.tsv").open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle, delimiter="\t"))
    info = [(cameo_code(record["cameo_code"]), record) for record in records]
    with (countries / "ngec_countries_nationality.csv").open(encoding="utf-8") as handle:
        ngec = [record for record in csv.DictReader(handle) if record["CCA3"]]
    # Names first, then the clean nationality lists, then the long variant lists: on a clash the more
    # reliable source wins ("Serbian" is Serbia's, though Montenegro's variants list it too).
    for code, record in info:
        put(record["name"], code, "country")
    for record in ngec:
        put(record["Name"], record["CCA3"], "country")
    for record in ngec:
        for form in record["Nationality"].split(","):
            put(form.strip(), record["CCA3"], _kind_of(form.strip()))
    stems = {record["name"][:4].lower(): code[:3] for code, record in info}
    for code, record in info:
        for form in record["nationality_forms"].split(";"):
            form = form.strip()
            if stems.get(form[:4].lower(), code[:3]) != code[:3]:
                continue  # another state's name stem ("Serb" under Montenegro)
            kind = _kind_of(form)
            put(form, code, kind)
            if kind == "demonym" and not form.endswith("s"):
                put(form + "s", code, "demonym")
        for capital in record["capital_forms"].split(";"):
            put(capital.strip(), code, "capital")
    with (shared / "reference" / "cameo" / "cameo_actor_country.tsv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            # CAMEO's regions ("Middle East" → MEA); its city and territory codes are left to Phoenix
            if record["code_kind"] == "cameo_specific" and record["code"] not in ("WSB", "GZS", "BAG", "WST"):
                put(record["label_gdelt"], record["code"], "region")
    with (shared / "reference" / "phoenix" / "phoenix_country_names.tsv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            kind = "institution" if record["role_code"] else "country"
            phrase = record["phrase"]
            if "(" in phrase or "," in phrase:
                continue
            put(phrase.title() if kind == "country" else phrase, record["code"], kind)
    return sorted(rows.values(), key=lambda row: row[0].lower())


def cameo_code(raw: str) -> str:
    """``[YUGHRV <20910625][HRV >20030101]`` → ``HRV`` (the current code of a dated list); else as is."""
    if raw.startswith("["):
        return raw.rsplit("[", 1)[1].split()[0].rstrip("]")
    return raw


def derive_countries(shared: Path) -> list[tuple[str, str, str]]:
    """code, name, kind rows: every CAMEO country and region code (regions keep CAMEO's own codes)."""
    rows: list[tuple[str, str, str]] = []
    with (shared / "reference" / "cameo" / "cameo_actor_country.tsv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            rows.append((record["code"], record["label_gdelt"], record["code_kind"]))
    return rows


#: Phoenix's own codes for religions that are other things in CAMEO: ``MUS`` (Muslim) is Mauritius and
#: ``MAR`` (Maronite) Morocco there; CAMEO's religion codes are ``MOS`` and ``MRN``.
_RELIGION_CODES = {"MUS": "MOS", "MAR": "MRN"}


def _cameo_agent_code(code: str) -> str:
    """A Phoenix agent code with its religion codes in CAMEO's spelling ("MUSREB" → "MOSREB")."""
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    return "".join(_RELIGION_CODES.get(part, part) for part in parts)


def derive_agents(shared: Path) -> list[tuple[str, str]]:
    """phrase, sectors rows: role nouns and their plurals → CAMEO sector codes (``GOV``, ``GOVMIL``)."""
    rows: dict[str, str] = {}
    with (shared / "reference" / "phoenix" / "phoenix_agents.tsv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            phrase = _clean(record["phrase"]).lower()
            code = _cameo_agent_code(record["agent_code"])
            if not phrase or not code.isalpha() or not phrase.replace(" ", "").replace("-", "").isalpha():
                continue
            if phrase.rsplit(" ", 1)[-1] in _DANGLING or code[:3] in ("PPL", "IGO", "IMG", "NGO"):
                continue
            rows.setdefault(phrase, code)
            plural = record["plural"]
            if plural == "auto":
                rows.setdefault(plural_phrase(phrase), code)
            elif plural and plural != "none":
                rows.setdefault(_clean(plural).lower(), code)
    return sorted(rows.items())


def derive_persons(shared: Path) -> list[tuple[str, str, str, str, str]]:
    """name, aliases, code, start, end rows from the Phoenix actors dictionaries (one row per role)."""
    rows: list[tuple[str, str, str, str, str]] = []
    phoenix = shared / "reference" / "phoenix"
    for file in (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ):
        text = (phoenix / file).read_text(encoding="utf-8", errors="replace")
        for entry in parse_actors_file(text):
            aliases = "|".join(dict.fromkeys(alias for alias in entry.aliases if alias != entry.name))
            roles = [role for role in entry.roles if not role.code.startswith(("KKL", "---"))]
            for index, role in enumerate(roles):
                rows.append(
                    (
                        entry.name,
                        aliases if index == 0 else "",
                        role.code,
                        role.start.isoformat() if role.start else "",
                        role.end.isoformat() if role.end else "",
                    )
                )
    return rows


def derive_groups(shared: Path) -> list[tuple[str, str]]:
    """code, kind rows: CAMEO religion and ethnic codes, which sit in an actor code's first slot but are
    not states (``JEW``, ``MOS``, ``KUR``)."""
    rows: list[tuple[str, str]] = []
    for file, kind in (("cameo_actor_religion.tsv", "religion"), ("cameo_actor_ethnic.tsv", "ethnic")):
        with (shared / "reference" / "cameo" / file).open(encoding="utf-8") as handle:
            rows.extend((record["code"].upper(), kind) for record in csv.DictReader(handle, delimiter="\t"))
    return rows


def write_tsv(path: Path, header: Iterable[str], rows: Iterable[Iterable[str]], source: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# derived by detente.actors.derive from {source}\n")
        handle.write("\t".join(header) + "\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")


def derive_all(shared: Path, out: Path = DATA) -> None:
    """Write every derived table; each file's first line names its sources."""
    out.mkdir(parents=True, exist_ok=True)
    write_tsv(
        out / "places.tsv",
        ("phrase", "code", "kind"),
        derive_places(shared),
        "countryinfo_oeda_countries.tsv, ngec_countries_nationality.csv, phoenix_country_names.tsv",
    )
    write_tsv(
        out / "countries.tsv", ("code", "name", "kind"), derive_countries(shared), "cameo_actor_country.tsv"
    )
    write_tsv(out / "groups.tsv", ("code", "kind"), derive_groups(shared), "cameo_actor_religion/ethnic.tsv")
    write_tsv(out / "agents.tsv", ("phrase", "sectors"), derive_agents(shared), "phoenix_agents.tsv (MIT)")
    write_tsv(
        out / "persons.tsv",
        ("name", "aliases", "code", "start", "end"),
        derive_persons(shared),
        "Phoenix.Countries/International/MilNonState.actors.txt (MIT)",
    )


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    derive_all(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[4] / "shared")
