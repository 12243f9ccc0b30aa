"""Ingest: plain text and HTML, page furniture, metadata, the seed page."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.config import Config
from detente.ingest import article_from_text, parse_date, read_inputs
from detente.ingest.furniture import classify, clean, is_sentence
from detente.models import Article, Rejected
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def only_article(inputs: list[str], **kwargs: object) -> Article:
    results = list(read_inputs(inputs, **kwargs))  # type: ignore[arg-type]
    assert len(results) == 1, results
    assert isinstance(results[0], Article), results[0]
    return results[0]


def test_seed_page_furniture_removed_and_listed() -> None:
    article = only_article([str(shared_path("seed", "russia-uk-breakthrough.txt"))])
    assert article.title == "Russia-UK Breakthrough"
    assert article.removed == ("10375 views", "Поделиться:", "Print:")
    assert article.text.rstrip().endswith("'civil unrest' began.")
    assert "Mr Lavrov said Russia was ready to bury the hatchet" in article.text
    assert article.status == "ok" and article.language == "en"


@pytest.mark.parametrize(
    "line",
    [
        "10375 views",
        "Views: 1,204",
        "2.3k views",
        "12 комментариев",
        "1 234 просмотра",
        "Поделиться:",
        "Print:",
        "Share this",
        "Compartir",
        "Teilen",
        "Follow us",
        "Read more",
        "Advertisement",
        "Facebook Twitter WhatsApp",
        "Share on Facebook",
        "Lire aussi :",
    ],
)
def test_furniture_lines_in_many_languages(line: str) -> None:
    assert classify(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply in Moscow after the announcement.",
        "Print media were banned from the hearing, officials said.",
        "He said: “We will follow us to the end.”",
        "The minister read more than 300 letters from families.",
        "Russia-UK Breakthrough",
        "Boris Johnson",
        "Poderiam compartir informações sobre a fronteira com os vizinhos, disse ele.",
        "Syria",
    ],
)
def test_text_lines_are_kept(line: str) -> None:
    assert classify(line) is None


def test_sentences_are_recognised_as_prose() -> None:
    assert is_sentence("The minister said the talks would continue next week.")
    assert not is_sentence("Related articles")
    assert not is_sentence("10375 views")


def test_clean_removes_related_list_at_the_end_only() -> None:
    body = (
        "Talks resumed on Monday after a long pause between the two governments.\n\n"
        "Related articles\n\nBorder dispute flares again\nFishing crews detained near islands\n"
    )
    cleaned = clean(body)
    assert cleaned.text == "Talks resumed on Monday after a long pause between the two governments."
    items = ("Border dispute flares again", "Fishing crews detained near islands")
    assert cleaned.removed == ("Related articles", *items)


def test_clean_keeps_a_heading_followed_by_prose() -> None:
    body = (
        "The summit opened in Vienna on Monday with a call for calm from the hosts.\n\n"
        "Related\n\n"
        "Delegates said the related issue of sanctions would come up on Tuesday; no deal was expected.\n"
        "The meeting ends on Wednesday with a joint statement, officials said today."
    )
    assert "Delegates said" in clean(body).text


def test_byline_becomes_author() -> None:
    text = "By Jane Alvarez\n\nThe ministers met in Geneva on Monday and agreed to meet again in a month."
    article = article_from_text(text, clean=True)
    assert article.author == "Jane Alvarez"
    assert article.removed == ("By Jane Alvarez",)
    assert article.text.startswith("The ministers met")


def test_article_from_text_without_clean_keeps_everything() -> None:
    text = "Title\n\nThe ministers met in Geneva on Monday.\n\n10375 views"
    article = article_from_text(text, split_title=True)
    assert article.title == "Title"
    assert article.text.endswith("10375 views")
    assert article.removed == ()


def test_title_only_when_followed_by_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "no_title.txt"
    path.write_text("The ministers met in Geneva on Monday.\nThey agreed to meet again.\n", encoding="utf-8")
    article = only_article([str(path)])
    assert article.title is None
    assert article.text.startswith("The ministers met")


def test_html_page_main_text_metadata_and_furniture() -> None:
    article = only_article([str(FIXTURES / "furniture_page.html")])
    assert article.title == "Ministers agree to resume talks"
    assert article.published == date(2016, 11, 21)
    assert article.url == "https://herald.example.org/world/ministers-agree-to-resume-talks"
    assert article.source == "The Borderland Herald"
    assert article.author == "Jane Alvarez"
    assert article.text.startswith("The foreign ministers of Northland and Southland")
    assert "10375 views" in article.removed and "Compartir" in article.removed
    for junk in ("10375 views", "Compartir", "Advertisement", "Related articles", "cookies", "Home"):
        assert junk not in article.text
    # paragraphs are separated by blank lines (the NLP stage ends sentences there)
    assert article.text.count("\n\n") == 4


def test_gzipped_html_and_published_default(tmp_path: Path) -> None:
    page = (FIXTURES / "furniture_page.html").read_text(encoding="utf-8")
    page = page.replace('<meta property="article:published_time" content="2016-11-21T09:30:00Z">', "")
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page.encode("utf-8")))
    article = only_article([str(path)], published=date(2020, 1, 2))
    assert article.text.startswith("The foreign ministers")
    assert article.published == date(2020, 1, 2)  # not a guess from the copyright line


def test_page_without_article_is_rejected_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (result,) = read_inputs([str(path)])
    assert isinstance(result, Rejected)
    assert "no main text" in result.reason and result.input == str(path)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-11-21", date(2016, 11, 21)),
        ("2016-11-21T09:30:00Z", date(2016, 11, 21)),
        ("Mon, 21 Nov 2016 09:30:00 GMT", date(2016, 11, 21)),
        (date(2016, 11, 21), date(2016, 11, 21)),
        ("yesterday-ish", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_config_limits_reject_long_documents(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The ministers met in Geneva on Monday. " * 50, encoding="utf-8")
    (result,) = read_inputs([str(path)], Config(max_doc_chars=100))
    assert isinstance(result, Rejected)
    assert "max_doc_chars" in result.reason


def test_fallback_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    from detente.ingest import html

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    page = html.extract_page((FIXTURES / "furniture_page.html").read_text(encoding="utf-8"))
    assert page.method == "densest"
    assert "\n\nThe foreign ministers of Northland" in page.text
    assert page.text.count("\n\n") >= 4  # paragraphs survive the fallback
    for junk in ("Related articles", "Home", "Privacy policy"):
        assert junk not in page.text


def test_layout_table_cells_lose_their_pipes() -> None:
    from detente.ingest.html import extract_page

    cell = "The ministers of Northland and Southland met in Geneva on Monday and agreed to resume talks. " * 3
    page = extract_page(f"<html><body><table><tr><td>{cell}</td></tr></table></body></html>")
    assert page.text.startswith("The ministers") and not page.text.endswith("|")


def test_scraped_plain_text_with_menus_cookies_and_lists() -> None:
    page = "\n".join(
        [
            "Skip to main content",
            "Home | World | Politics | Business | Sport",
            "We use cookies to give you the best experience. By continuing you agree to our cookie policy.",
            "News › Europe › Ukraine",
            "Published 21 November 2016",
            "",
            "Kyiv and Moscow traded accusations on Monday over the shelling of a power station in the east.",
            "",
            "Monitors said the station was hit three times overnight, cutting power to thousands.",
            "",
            "12 comments",
            "Share on Facebook",
            "Related stories",
            "Ceasefire talks stall in Minsk",
            "Power cuts hit eastern towns",
        ]
    )
    cleaned = clean(page)
    assert cleaned.text.startswith("Kyiv and Moscow traded accusations")
    assert cleaned.text.endswith("cutting power to thousands.")
    assert len(cleaned.removed) == 10 and cleaned.removed[1] == "Home | World | Politics | Business | Sport"


def test_cookie_sentence_inside_the_story_is_kept() -> None:
    body = (
        "Regulators fined the company on Monday.\n\n"
        "They said its cookie banner pushed users to accept tracking without real consent.\n\n"
        "The company said it would appeal the decision in court."
    )
    assert clean(body).removed == ()


def test_a_sentence_with_pipes_is_not_a_menu() -> None:
    assert clean("Prices rose | the minister said | and then fell again later that week.").removed == ()


LINES = st.sampled_from(
    [
        "The ministers met in Geneva on Monday and agreed to talk again.",
        "Officials said the talks would resume next week, according to a statement.",
        "10375 views",
        "Поделиться:",
        "Print:",
        "Share this",
        "Related articles",
        "Border dispute flares again",
        "By Jane Alvarez",
        "",
        "Home | World | Politics",
        "Syria",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=14))
def test_clean_only_drops_whole_lines_and_never_prose(lines: list[str]) -> None:
    text = "\n".join(lines)
    cleaned = clean(text)
    kept = [line for line in cleaned.text.split("\n") if line.strip()]
    original = [line for line in lines if line.strip()]
    # every original line is kept or listed as removed, in order, and nothing else appears
    merged = iter(original)
    assert all(any(line == candidate for candidate in merged) for line in kept)
    assert len(kept) + len(cleaned.removed) == len(original)
    assert not any(is_sentence(line) for line in cleaned.removed)


@given(st.text(max_size=40))
def test_parse_date_never_raises(value: str) -> None:
    result = parse_date(value)
    assert result is None or isinstance(result, date)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Image copyright Getty Images", True),
        ("Image caption Protesters outside the embassy in London", True),
        ("Photo: Reuters", True),
        ("(Reporting by Omar Haddad; Editing by Jane Alvarez)", True),
        ("Photo opportunities were rare at the closed meeting in Minsk, officials said.", False),
        ("Picture perfect: the summit in images", False),
        ("Reporting by state media could not be verified independently, the agency said.", False),
    ],
)
def test_captions_and_credits(line: str, furniture: bool) -> None:
    assert (classify(line) == "caption") is furniture


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published 21 November 2016", date(2016, 11, 21)),
        ("Updated 10:32 GMT, 21 Nov 2016", date(2016, 11, 21)),
        ("Опубликовано 21 ноября 2016", date(2016, 11, 21)),
        ("November 20, 2016", date(2016, 11, 20)),
    ],
)
def test_a_removed_dateline_gives_the_publication_date(line: str, expected: date) -> None:
    text = f"{line}\n\nThe ministers met in Geneva on Monday and agreed to talk again."
    article = article_from_text(text, clean=True)
    assert article.removed == (line,)
    assert article.published == expected


def test_record_date_wins_over_dateline_and_default_comes_last(tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text("Published 21 November 2016\n\nThe ministers met in Geneva on Monday.", encoding="utf-8")
    assert only_article([str(path)], published=date(2020, 1, 1)).published == date(2016, 11, 21)
    path.write_text("The ministers met in Geneva on Monday.", encoding="utf-8")
    assert only_article([str(path)], published=date(2020, 1, 1)).published == date(2020, 1, 1)
