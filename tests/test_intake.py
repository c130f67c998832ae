"""Intake: stories from files, standard input and URLs; header blocks; reference files and JSONL.

Decoding, page extraction, dates and the guarded fetcher have their own test modules
(``test_decode``, ``test_pages``, ``test_dates``, ``test_fetch``); these tests cover what intake
decides on top of them: which reader an input goes to, and how reference files become reports.
"""

from __future__ import annotations

import codecs
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.samples import ARTICLE_BODY, PAGE, PNG_MAGIC, eval_path, local
from verifier.dates import DateOrder
from verifier.errors import BlockedURLError, InputError, SourceFormatError
from verifier.intake import (
    document_from_bytes,
    document_from_text,
    iter_report_paths,
    parse_report_file,
    read_story,
    split_header,
)
from verifier.settings import Settings

# ------------------------------------------------------------------------------ text and headers


HEADED = (
    "Outlet: Reuters\nPublished: 2020-11-21T08:15:00Z\nURL: https://example.org/kabul\n"
    "Title: Rockets hit Kabul\n\nKABUL - Rockets killed eight people.\n\nSecond paragraph.\n"
)


def test_header_block_becomes_metadata_and_leaves_the_text() -> None:
    doc = document_from_bytes(HEADED.encode(), name="report.txt")
    assert doc.outlet == "Reuters"
    assert doc.published == datetime(2020, 11, 21, 8, 15, tzinfo=UTC)
    assert doc.url == "https://example.org/kabul"
    assert doc.title == "Rockets hit Kabul"
    assert doc.text == "KABUL - Rockets killed eight people.\n\nSecond paragraph."
    assert doc.origin == "report.txt"


def test_header_keys_are_case_insensitive_and_crlf_is_fine() -> None:
    data = b"OUTLET: AP\r\nurl: https://example.org/x\r\n\r\nBody text here.\r\n"
    doc = document_from_bytes(data, name="r.md")
    assert (doc.outlet, doc.url, doc.text) == ("AP", "https://example.org/x", "Body text here.")


@pytest.mark.parametrize(
    "text",
    [
        "Kabul: rockets hit the city on Saturday.\n\nEight people died.",
        "Outlet: Reuters\nAuthor: Jane Doe\n\nBody.",  # one unknown key: not a header block
        "Title: Rockets hit Kabul\nEight people died in the attack.",  # no blank line after it
    ],
)
def test_lines_that_only_look_like_headers_stay_in_the_text(text: str) -> None:
    doc = document_from_bytes(text.encode(), name="story.txt")
    assert doc.text == text
    assert doc.outlet == ""


# One bad Published: header no longer rejects the whole file (issue 10): the report is read undated
# with a warning that names the file and line, says why, and says that it has no date.
@pytest.mark.parametrize(
    ("published", "why"),
    [
        ("yesterday", "relative to today"),
        ("soon", "cannot read"),
        ("03/14/2025", "14 is not a month"),
        ("9999-12-31T23:00:00-05:00", "out of range"),
    ],
)
def test_a_bad_published_header_leaves_the_report_undated_with_a_warning(published: str, why: str) -> None:
    doc = document_from_bytes(f"Outlet: AP\nPublished: {published}\n\nBody.".encode(), name="r.txt")
    assert (doc.outlet, doc.text, doc.published) == ("AP", "Body.", None)
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("r.txt:2: ")
    assert why in doc.warnings[0] and published in doc.warnings[0] and "no date" in doc.warnings[0]


@pytest.mark.parametrize(
    ("order", "published", "expected"),
    [
        ("DMY", "14/03/2025 16:00", datetime(2025, 3, 14, 16, tzinfo=UTC)),
        ("DMY", "04/03/2025", datetime(2025, 3, 4, tzinfo=UTC)),
        ("MDY", "04/03/2025", datetime(2025, 4, 3, tzinfo=UTC)),
        ("MDY", "March 14, 2025", datetime(2025, 3, 14, tzinfo=UTC)),
    ],
)
def test_reference_files_read_numeric_dates_in_the_settings_order(
    tmp_path: Path, order: DateOrder, published: str, expected: datetime
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(f"Published: {published}\n\nEight killed.\n", encoding="utf-8")
    documents, errors = parse_report_file(path, settings=Settings(date_order=order))
    assert errors == [] and documents[0].published == expected and documents[0].warnings == ()


def test_duplicate_header_is_an_error() -> None:
    with pytest.raises(SourceFormatError, match="appears twice"):
        split_header("Outlet: A\nOutlet: B\n\nBody.", name="r.txt")


def test_headers_without_text_are_refused() -> None:
    with pytest.raises(InputError, match="no story text"):
        document_from_bytes(b"Outlet: AP\nTitle: Nothing\n", name="r.txt")


@pytest.mark.parametrize(
    ("name", "content_type", "data"),
    [
        pytest.param("page.html", "", f"<div>{ARTICLE_BODY}</div>".encode(), id="extension"),
        pytest.param(
            "upload", "text/html; charset=utf-8", f"<div>{ARTICLE_BODY}</div>".encode(), id="content-type"
        ),
        pytest.param(
            "upload.txt",
            "",
            f"<!DOCTYPE html><html><body>{ARTICLE_BODY}</body></html>".encode(),
            id="doctype",
        ),
        pytest.param("upload", "", f"<div class='story'>{ARTICLE_BODY}</div>".encode(), id="markup"),
    ],
)
def test_html_is_sniffed(name: str, content_type: str, data: bytes) -> None:
    doc = document_from_bytes(data, name=name, content_type=content_type)
    assert doc.text.startswith("Paragraph 1: officials said 3 people")
    assert "<p>" not in doc.text


def test_html_meta_charset_is_honoured() -> None:
    html = f'<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 owner: 4 hurt.</p>{ARTICLE_BODY}</body></html>'
    doc = document_from_bytes(html.encode("cp1252"), name="page.htm")
    assert "Café owner: 4 hurt." in doc.text


# ------------------------------------------------------------------------------------ read_story


def test_read_story_from_file_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Eight people were killed.\n", encoding="utf-8")
    assert read_story(str(path)).text == "Eight people were killed."
    assert read_story(str(path)).origin == str(path)
    piped = read_story("-", stdin=io.BytesIO(b"Title: Piped\n\nTen hurt."))
    assert (piped.title, piped.text, piped.origin) == ("Piped", "Ten hurt.", "standard input")


def test_read_story_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match="nope.txt: no such file"):
        read_story(str(missing))
    with pytest.raises(InputError, match="is a directory"):
        read_story(str(tmp_path))


def test_read_story_refuses_oversized_input(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="over 40 bytes"):
        read_story(str(path), settings=Settings(max_input_chars=10))
    with pytest.raises(InputError, match="100 characters"):
        read_story(str(path), settings=Settings(max_input_chars=50))


@pytest.mark.parametrize("source", ["file:///etc/passwd", "ftp://example.com/story.txt"])
def test_read_story_does_not_read_other_schemes(source: str) -> None:
    with pytest.raises(BlockedURLError):
        read_story(source)


def test_read_story_fetches_urls(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    assert read_story(httpserver.url_for("/story"), settings=local()).title == "Storm hits coast"


# ------------------------------------------------------------------------------- reference files


def test_eval_reference_files_all_parse() -> None:
    events = eval_path("events")
    paths = list(iter_report_paths(sorted(events.glob("*/sources"))))
    assert len(paths) >= 12
    for path in paths:
        documents, errors = parse_report_file(path)
        assert errors == [], path
        assert documents, path
        for doc in documents:
            assert doc.outlet and doc.text
            assert doc.published is not None and doc.published.tzinfo is not None
    jsonl = eval_path("events", "port-city-clashes-html", "sources", "03-broadcast-and-wire.jsonl")
    documents, _ = parse_report_file(jsonl)
    assert [doc.outlet for doc in documents] == ["Radio Varnesia International", "Continental Wire"]
    assert documents[0].published == datetime(2023, 9, 17, 11, 0, tzinfo=UTC)


def test_eval_html_story_as_a_report() -> None:
    documents, errors = parse_report_file(eval_path("events", "port-city-clashes-html", "story.html"))
    assert errors == []
    assert documents[0].outlet == "Northern Coast Herald"


def test_text_report_without_headers_takes_the_file_name_as_outlet(tmp_path: Path) -> None:
    path = tmp_path / "local-radio.txt"
    path.write_text("Six people were hurt.\n", encoding="utf-8")
    documents, errors = parse_report_file(path)
    assert errors == []
    assert (documents[0].outlet, documents[0].text, documents[0].published) == (
        "local-radio",
        "Six people were hurt.",
        None,
    )


def test_markdown_and_html_reports(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(HEADED, encoding="utf-8")
    (tmp_path / "b.HTM").write_text(PAGE, encoding="utf-8")
    md, _ = parse_report_file(tmp_path / "a.md")
    page, _ = parse_report_file(tmp_path / "b.HTM")
    assert md[0].outlet == "Reuters"
    assert page[0].outlet == "Coast Gazette"
    assert page[0].published == datetime(2021, 3, 4, 8, 0, tzinfo=UTC)


def test_malformed_jsonl_keeps_the_good_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"outlet": "A", "published": "2020-11-21T08:15:00Z", "text": "Eight killed."}),
        '{"outlet": "B", "text": ',
        json.dumps(
            {
                "outlet": "C",
                "published": "2020-11-21",
                "url": "https://e.org/c",
                "title": "T",
                "text": "Ten hurt.",
            }
        ),
        json.dumps({"outlet": "D"}),
        "",
        json.dumps({"outlet": "E", "published": "yesterday", "text": "x"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"outlet": "F", "text": 42}),
        json.dumps({"text": "No outlet given."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + "\r\n".join(lines).encode("utf-8"))
    documents, errors = parse_report_file(path)
    assert [doc.outlet for doc in documents] == ["A", "C", "feed"]
    assert documents[1].published == datetime(2020, 11, 21, tzinfo=UTC)
    assert documents[1].origin == f"{path}:3"
    assert [error.line for error in errors] == [2, 4, 6, 7, 8]
    assert all(error.path == str(path) for error in errors)
    assert str(errors[0]).startswith(f"{path}:2: not valid JSON")
    assert "no 'text'" in str(errors[1])
    assert "yesterday" in str(errors[2])


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("report.txt", b"", "is empty"),
        ("report.txt", PNG_MAGIC, "PNG image"),
    ],
)
def test_unreadable_report_files_become_errors(tmp_path: Path, name: str, data: bytes, fragment: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    documents, errors = parse_report_file(path)
    assert documents == []
    assert len(errors) == 1 and fragment in str(errors[0])
    assert errors[0].path == str(path)


def test_missing_report_file_is_an_error(tmp_path: Path) -> None:
    documents, errors = parse_report_file(tmp_path / "gone.txt")
    assert documents == [] and "no such file" in str(errors[0])


def test_iter_report_paths_expands_directories(tmp_path: Path) -> None:
    for relative in [
        "b.txt",
        "a.jsonl",
        "sub/c.HTML",
        "sub/d.md",
        "e.pdf",
        ".hidden.txt",
        ".git/f.txt",
        "sub/.g.md",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    explicit = tmp_path / "e.pdf"
    found = list(iter_report_paths([tmp_path, explicit]))
    names = [str(path.relative_to(tmp_path)) for path in found]
    assert names == ["a.jsonl", "b.txt", "sub/c.HTML", "sub/d.md", "e.pdf"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Rockets hit Kabul ahead of talks\n\nEight people were killed, officials said.", "Rockets hit Kabul ahead of talks"),
        ("Eight people were killed, officials said.\n", ""),
        ("Title: Given title\n\nRockets hit Kabul\n\nEight people were killed.", "Given title"),
    ],
)
def test_a_headline_first_line_names_the_story(text: str, title: str) -> None:
    document = document_from_text(text, name="story.txt")
    assert document.title == title
    assert "Eight people were killed" in document.text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("feed.jsonl", json.dumps({"text": "Eight killed.", "published": "0001-01-01T00:00:00+05:00"}) + "\n"),
    ],
)
def test_out_of_range_dates_in_reference_files_are_format_errors(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    documents, errors = parse_report_file(path)
    assert documents == []
    assert len(errors) == 1 and "out of range" in str(errors[0]) and errors[0].line == 1


def test_the_input_limit_applies_to_each_report_of_a_feed_not_to_the_file(tmp_path: Path) -> None:
    # A wire feed is many reports (issue 11, item 3): a feed larger than one report's limit is read,
    # and only the line whose report is over the limit is refused, with the limit and how to raise it.
    texts = [f"Report {i}: eight people were killed." for i in range(20)] + ["x" * 120]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps({"outlet": "Wire", "text": t}) for t in texts), encoding="utf-8")
    small = Settings(max_input_chars=100)
    assert path.stat().st_size > small.max_input_chars * 4
    documents, errors = parse_report_file(path, settings=small)
    assert len(documents) == 20
    assert [e.line for e in errors] == [21]
    assert "over the limit of 100" in str(errors[0]) and "VERIFIER_MAX_INPUT_CHARS" in str(errors[0])


def test_one_report_file_over_the_limit_says_the_limit_and_how_to_raise_it(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Eight people were killed. " * 40, encoding="utf-8")
    documents, errors = parse_report_file(path, settings=Settings(max_input_chars=100))
    assert documents == []
    assert "over the limit" in str(errors[0]) and "VERIFIER_MAX_INPUT_CHARS" in str(errors[0])
