"""Pages: article text without boilerplate, and metadata from JSON-LD, meta tags and ``<time>``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.samples import ARTICLE_BODY, eval_path
from verifier.errors import InputError
from verifier.pages import document_from_html


def test_eval_story_html_yields_article_paragraphs_only() -> None:
    html = eval_path("events", "port-city-clashes-html", "story.html").read_text(encoding="utf-8")
    doc = document_from_html(html, url="https://example.com/nch/port-sevrin")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == doc.title  # the headline leads: it carries claims too
    assert paragraphs[1].startswith("The government deployed 1,200 soldiers to Port Sevrin")
    assert (
        paragraphs[-1]
        == "The dockworkers' union said it would decide on Monday whether to call a general strike."
    )
    assert len(paragraphs) == 14
    assert "Officials said between 12 and 15 people had been killed" in doc.text
    for boilerplate in (
        "Most read",
        "Ferry collision",
        "Join 45,000 readers",
        "All rights reserved",
        "Privacy policy",
    ):
        assert boilerplate not in doc.text
    assert doc.title == "Army deployed to Port Sevrin after two nights of deadly clashes"
    assert doc.outlet == "Northern Coast Herald"
    assert doc.published == datetime(2023, 9, 17, 6, 10, tzinfo=UTC)
    assert doc.url == "https://example.com/nch/port-sevrin"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param(
            '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"},'
            ' {"@type": "NewsArticle", "datePublished": "2021-03-04T10:00:00+02:00",'
            ' "publisher": {"name": "Graph Times"}}]}</script>',
            datetime(2021, 3, 4, 8, 0, tzinfo=UTC),
            id="json-ld-graph",
        ),
        pytest.param(
            '<meta property="article:published_time" content="2021-03-04T08:00:00Z">',
            datetime(2021, 3, 4, 8, 0, tzinfo=UTC),
            id="meta-tag",
        ),
        pytest.param("", datetime(2021, 3, 4, 7, 30, tzinfo=UTC), id="time-element"),
    ],
)
def test_html_publication_date_sources(head: str, expected: datetime) -> None:
    html = (
        f"<html><head><title>Storm</title>{head}</head><body><article>"
        f'<time datetime="2021-03-04T07:30:00Z">4 March</time>{ARTICLE_BODY}</article></body></html>'
    )
    doc = document_from_html(html)
    assert doc.published == expected
    assert doc.text.count("\n\n") == 4


def test_html_site_name_and_canonical_url() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="Coast Gazette">'
        '<link rel="canonical" href="https://example.org/storm"><title>Storm</title></head>'
        f"<body><article>{ARTICLE_BODY}</article></body></html>"
    )
    doc = document_from_html(html)
    assert doc.outlet == "Coast Gazette"
    assert doc.url == "https://example.org/storm"
    assert doc.title == "Storm"


def test_html_text_found_outside_the_main_article_is_not_dropped() -> None:
    # trafilatura's precision mode finds nothing here; the fallback still returns the text.
    doc = document_from_html(
        "<html><body><header><p>Five people died in the blast.</p></header></body></html>"
    )
    assert doc.text == "Five people died in the blast."


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        "<html><head><title>T</title><script>var a = 1;</script></head><body> </body></html>",
    ],
)
def test_html_without_text_is_refused(html: str) -> None:
    with pytest.raises(InputError, match="no readable article text"):
        document_from_html(html, origin="page.html")


# Metadata no page should be able to crash intake with (issue 11, items 6 and 7): an out-of-range
# date reads as no date, a JSON-LD block nested too deep to walk is skipped, and the article stays.
HOSTILE_HEADS = [
    pytest.param('<meta property="article:published_time" content="0001-01-01T00:00:00+05:00">', id="date-before-year-1-utc"),
    pytest.param('<meta name="date" content="9999-12-31T23:00:00-05:00">', id="date-after-year-9999-utc"),
    pytest.param(
        '<script type="application/ld+json">{"datePublished": "0001-01-01T00:00:00+05:00"}</script>', id="json-ld-date"
    ),
    pytest.param('<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>", id="json-ld-5000-lists"),
    pytest.param(
        '<script type="application/ld+json">' + '{"@graph": ' * 5000 + "{}" + "}" * 5000 + "</script>",
        id="json-ld-5000-graphs",
    ),
    pytest.param(
        '<script type="application/ld+json">' + '{"@graph": [' * 400 + "{}" + "]}" * 400 + "</script>",
        id="json-ld-400-graphs-parsable",
    ),
]


@pytest.mark.parametrize("head", HOSTILE_HEADS)
def test_hostile_metadata_is_ignored_and_the_article_kept(head: str) -> None:
    html = f"<html><head><title>Storm</title>{head}</head><body><article>{ARTICLE_BODY}</article></body></html>"
    doc = document_from_html(html)
    assert doc.published is None
    assert doc.text.count("\n\n") == 4


@pytest.mark.parametrize(
    ("title", "body", "first"),
    [
        ("28 dead, several hurt as gunmen target tourists", "<p>Gunmen opened fire on tourists on Tuesday, officials said.</p>",
         "28 dead, several hurt as gunmen target tourists"),
        ("Gunmen open fire on tourists", "<p>Gunmen open fire on tourists in a meadow on Tuesday, officials said.</p>",
         "Gunmen open fire on tourists in a meadow on Tuesday, officials said."),
        ("", "<p>Gunmen opened fire on tourists on Tuesday, officials said.</p>", "Gunmen opened fire on tourists on Tuesday, officials said."),
    ],
)
def test_the_headline_leads_the_text_unless_the_text_starts_with_it(title: str, body: str, first: str) -> None:
    html = f"<html><head><title>{title}</title></head><body><article>{body * 3}</article></body></html>"
    assert document_from_html(html).text.split("\n\n")[0] == first
