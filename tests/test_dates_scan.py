"""The time-expression scan skips tokens no shape can start with; skipping must never lose a match."""

from __future__ import annotations

from detente.dates.recognise import Match, _may_start, _Scanner

#: One sentence per shape family, so each ``_at_*`` method has something to find.
SHAPES = """On Sunday, Nov. 20, 2016, Lavrov called Johnson at 3 p.m. GMT; the 20th of November was calm.
Talks stalled last month and two weeks ago, then resumed earlier this week and later that day.
Sanctions date from the 1990s, the mid-1990s, the '90s and the nineties, and from mid-2015.
Output rose in the third quarter of 2016 and in the year-ago quarter, the latest quarter, fiscal 1990.
Ministers meet every Thursday, every two years, weekly, and twice a year; the summit was on 2016-11-20.
Leaders met on 20/11/2016, on 26.10.2017, at Christmas, on New Year's Day and over the weekend.
In the 20th century and in nineteen ninety-six, in spring and in the summer of 2015, things changed.
That year, the same week, the following month and the year 2000 saw talks; relations are now tense.
Recently, currently and at present the current talks continue, today and tonight, until noon.
The past few years, the next decade, a few months later and for years the dispute went on."""


def _any_shape(scanner: _Scanner, i: int) -> Match | None:
    """Some match at i from any shape, tried directly (as the scan did before it skipped tokens)."""
    for name in dir(scanner):
        found = getattr(scanner, name)(i) if name.startswith("_at_") else None
        if found is not None:
            return found
    return None


def test_skipped_tokens_start_no_expression(nlp) -> None:  # type: ignore[no-untyped-def]
    scanner = _Scanner(nlp(SHAPES))
    skipped = starts = 0
    for i in range(scanner.count):
        found = _any_shape(scanner, i)
        if not _may_start(scanner.words[i]):
            assert found is None, (scanner.words[i], found)
            skipped += 1
        starts += found is not None
    assert skipped >= 100 and starts >= 40  # the text exercises both the skipping and the shapes
