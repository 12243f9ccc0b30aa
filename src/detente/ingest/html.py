"""Main text and metadata of a web page: trafilatura first, a baseline extraction when it finds too little.

Settings were chosen on the ScrapingHub article-extraction benchmark (bench/extraction_aeb.py):
``favor_precision`` without comments measured best. Paragraphs come back separated by blank lines, because
the NLP stage ends sentences at paragraph breaks.
"""

from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

log = logging.getLogger(__name__)

EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "deduplicate": False,
    # only dates the page states (meta tags, JSON-LD, <time>, URL): a guess from "© 2016" is worse than none
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
SHORT_CHARS = 400
"""Below this, trafilatura's text is compared with the fallbacks' (it sometimes keeps a notice only)."""
_TABLE_EDGES = re.compile(r"^\|\s*|\s*\|$")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Page:
    """What a page yields before furniture cleaning: main text and whatever metadata it declares."""

    text: str
    title: str | None = None
    published: date | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    method: str = "trafilatura"


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KB."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def paragraphs(text: str) -> str:
    """One paragraph per non-empty line, separated by blank lines; table rows lose their outer pipes."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n\n".join(_TABLE_EDGES.sub("", line) for line in lines if line.strip("| "))


def extract_page(html: str, url: str | None = None, min_chars: int = 40) -> Page:
    """Extract the main text and metadata; an empty ``Page.text`` means nothing usable was found."""
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    raw_text = getattr(document, "text", None) if document is not None else None
    text = paragraphs(raw_text if isinstance(raw_text, str) else "")
    method = "trafilatura"
    for name, fallback in (("densest", _densest_block), ("baseline", _baseline)):
        if len(text) >= max(min_chars, SHORT_CHARS):
            break
        found = fallback(html)
        # a short result is replaced only by a much longer one (a notice picked instead of the story)
        if len(found) > (2 * len(text) if len(text) >= min_chars else len(text)):
            log.debug("trafilatura found %d chars; %s found %d", len(text), name, len(found))
            text, method = found, name
    if document is None:
        return Page(text=text, method=method, url=url)
    return Page(
        text=text,
        title=_field(document, "title"),
        published=_date(_field(document, "date")),
        author=_field(document, "author"),
        source=_field(document, "sitename"),
        url=_field(document, "url") or url,
        language=_field(document, "language"),
        method=method,
    )


BLOCK_TAGS = frozenset((
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section", "article",
    "header", "footer", "ul", "ol", "table", "dd", "dt", "figcaption"
))  # fmt: skip


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    etree = importlib.import_module("lxml.etree")
    lxml_html = importlib.import_module("lxml.html")
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return paragraphs(fragment)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "br":
            node.tail = "\n" + (node.tail or "")
        elif node.tag in BLOCK_TAGS:
            node.text = "\n" + (node.text or "")
            node.tail = "\n" + (node.tail or "")
    return paragraphs(root.text_content())


def _field(document: object, name: str) -> str | None:
    """A metadata string of trafilatura's result (a ``Document``, or a dict in older versions)."""
    value = document.get(name) if isinstance(document, dict) else getattr(document, name, None)
    return _clean(value)


_NOISE = "//script|//style|//noscript|//nav|//header|//footer|//aside|//form|//iframe|//button|//select"
_LEAF_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd")


def _densest_block(html: str) -> str:
    """A readability-style fallback: the element whose paragraphs hold the most text, block by block."""
    lxml_html = importlib.import_module("lxml.html")
    etree = importlib.import_module("lxml.etree")
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for node in root.xpath(_NOISE):
        node.drop_tree()
    scores: dict[Any, float] = {}
    for block in root.iter("p", "pre", "td", "blockquote"):
        size = len(" ".join(block.text_content().split()))
        parent = block.getparent()
        if size < 25 or parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + size
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + size / 2
    if not scores:
        return ""
    best = max(scores, key=lambda node: scores[node])
    leaves = [
        el for el in best.iter(*_LEAF_BLOCKS) if not any(True for _ in el.iterdescendants(*_LEAF_BLOCKS))
    ]
    return paragraphs("\n".join(el.text_content() for el in leaves) or best.text_content())


def _baseline(html: str) -> str:
    """trafilatura's baseline: article/paragraph elements of the page, else its whole visible text."""
    from trafilatura import baseline

    tree, text, _length = baseline(html)
    blocks = ["".join(child.itertext()) for child in tree] if tree is not None and len(tree) else []
    return paragraphs("\n".join(blocks) if any(b.strip() for b in blocks) else text or "")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
