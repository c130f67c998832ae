"""Intake: decoding, HTML extraction, header blocks, reference files and the guarded fetcher.

Fetching is tested against a real HTTP server on the loopback interface (pytest-httpserver), so
those tests opt in with ``allow_private_addresses=True`` or ``allow_networks``; the default
settings must refuse the same server.
"""

from __future__ import annotations

import codecs
import io
import json
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from verifier.errors import (
    BlockedURLError,
    ConfigError,
    FetchError,
    FetchTimeoutError,
    InputError,
    SourceFormatError,
    TooLargeError,
)
from verifier.intake import (
    decode_bytes,
    document_from_bytes,
    document_from_html,
    fetch_url,
    iter_report_paths,
    parse_published,
    parse_report_file,
    read_story,
    split_header,
)
from verifier.settings import Settings

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
LOOPBACK = ["127.0.0.0/8", "::1/128"]


def local(**overrides: object) -> Settings:
    """Settings for tests that talk to the loopback test server."""
    return Settings(allow_private_addresses=True, **overrides)  # type: ignore[arg-type]


def eval_path(*parts: str) -> Path:
    path = EVAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"eval data not found at {path}")
    return path


# ------------------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param("café — 12 killed".encode(), "café — 12 killed", id="utf-8"),
        pytest.param("café".encode("utf-8-sig"), "café", id="utf-8-sig"),
        pytest.param("café".encode("cp1252"), "café", id="cp1252-short"),
        pytest.param(
            "He said “it’s over” — 12 dead".encode("cp1252"),
            "He said “it’s over” — 12 dead",
            id="cp1252-quotes",
        ),
        pytest.param(
            "Zürich: 3 Verletzte, Straße gesperrt".encode("latin-1"),
            "Zürich: 3 Verletzte, Straße gesperrt",
            id="latin-1",
        ),
        pytest.param("naïve 40% rise".encode("utf-16"), "naïve 40% rise", id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + "Straße".encode("utf-16-be"), "Straße", id="utf-16-be-bom"),
        pytest.param("Kyiv — Київ".encode("utf-32"), "Kyiv — Київ", id="utf-32-bom"),
        pytest.param(
            "Привет мир, это тест нашей системы".encode("cp1251"),
            "Привет мир, это тест нашей системы",
            id="cp1251",
        ),
        pytest.param(b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", id="newlines"),
    ],
)
def test_decode_bytes_reads_common_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_decode_bytes_uses_declared_charset_when_utf8_fails() -> None:
    data = "Šibenik: 5 ranjenih".encode("cp1250")
    assert decode_bytes(data, encoding="cp1250") == "Šibenik: 5 ranjenih"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        pytest.param(b"", "upload.txt is empty", id="empty"),
        pytest.param(codecs.BOM_UTF8, "upload.txt is empty", id="bom-only"),
        pytest.param(PNG_MAGIC, "looks like a PNG image", id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like a PDF document", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive", id="zip-docx"),
        pytest.param(b"Ten people\x00were killed", "contains NUL bytes", id="nul"),
        pytest.param(bytes(range(1, 32)) * 4, "looks like a binary file", id="control-bytes"),
        pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16", id="bad-utf-16"),
    ],
)
def test_decode_bytes_refuses_with_a_reason(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment) as info:
        decode_bytes(data, name="upload.txt")
    if "binary" in fragment or "looks like" in fragment:
        assert "plain text" in str(info.value)  # says what to give instead


@given(st.binary(max_size=512))
def test_decode_bytes_returns_text_or_input_error(data: bytes) -> None:
    try:
        result = decode_bytes(data)
    except InputError:
        return
    assert isinstance(result, str)
    assert "\r" not in result


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1))
def test_decode_bytes_round_trips_utf8_text(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == text


# ---------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-11-21T08:15:00Z", datetime(2020, 11, 21, 8, 15, tzinfo=UTC)),
        ("2020-11-21T09:15:00+01:00", datetime(2020, 11, 21, 8, 15, tzinfo=UTC)),
        ("2020-11-21 08:15", datetime(2020, 11, 21, 8, 15, tzinfo=UTC)),
        ("2020-11-21", datetime(2020, 11, 21, tzinfo=UTC)),
        ("Sat, 21 Nov 2020 08:15:00 GMT", datetime(2020, 11, 21, 8, 15, tzinfo=UTC)),
        ("21 November 2020", datetime(2020, 11, 21, tzinfo=UTC)),
        ("November 21, 2020", datetime(2020, 11, 21, tzinfo=UTC)),
    ],
)
def test_parse_published_gives_aware_utc(value: str, expected: datetime) -> None:
    parsed = parse_published(value)
    assert parsed == expected
    assert parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["yesterday", "2020-13-45", "", "21/11/2020 maybe"])
def test_parse_published_refuses_unreadable_dates(value: str) -> None:
    with pytest.raises(InputError, match="ISO 8601"):
        parse_published(value)


# ----------------------------------------------------------------------------------------- HTML


def test_eval_story_html_yields_article_paragraphs_only() -> None:
    html = eval_path("events", "port-city-clashes-html", "story.html").read_text(encoding="utf-8")
    doc = document_from_html(html, url="https://example.com/nch/port-sevrin")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("The government deployed 1,200 soldiers to Port Sevrin")
    assert (
        paragraphs[-1]
        == "The dockworkers' union said it would decide on Monday whether to call a general strike."
    )
    assert len(paragraphs) == 13
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


ARTICLE_BODY = "".join(
    f"<p>Paragraph {n}: officials said {n * 3} people were hurt in the storm that hit the coast on Monday.</p>"
    for n in range(1, 6)
)


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


def test_bad_published_header_names_the_line() -> None:
    with pytest.raises(SourceFormatError, match="yesterday") as info:
        document_from_bytes(b"Outlet: AP\nPublished: yesterday\n\nBody.", name="r.txt")
    assert (info.value.path, info.value.line) == ("r.txt", 2)


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


# ---------------------------------------------------------------------------------------- fetch


PAGE = (
    '<html><head><title>Storm | Coast Gazette</title><meta property="og:site_name" content="Coast Gazette">'
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm hits coast",'
    ' "datePublished": "2021-03-04T08:00:00Z"}</script></head>'
    f"<body><nav><a href='/'>Home</a></nav><article>{ARTICLE_BODY}</article></body></html>"
)


def test_default_settings_refuse_the_loopback_test_server(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    for url in (httpserver.url_for("/story"), f"http://127.0.0.1:{httpserver.port}/story"):
        with pytest.raises(BlockedURLError, match="loopback"):
            fetch_url(url)
    assert httpserver.log == []  # refused before connecting


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.1.2.3]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://100.64.0.1/",
        "http://localhost/",
        "ftp://example.com/story.txt",
        "file:///etc/passwd",
        "gopher://example.com/",
    ],
)
def test_blocked_urls(url: str) -> None:
    with pytest.raises(BlockedURLError):
        fetch_url(url)


def test_fetch_html_reads_metadata_and_sends_user_agent(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/story")
    doc = fetch_url(url, settings=local(user_agent="verifier-test/1.0"))
    assert doc.text.startswith("Paragraph 1:")
    assert "Home" not in doc.text
    assert doc.title == "Storm hits coast"
    assert doc.outlet == "Coast Gazette"
    assert doc.published == datetime(2021, 3, 4, 8, 0, tzinfo=UTC)
    assert (doc.url, doc.origin) == (url, url)
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"] == "verifier-test/1.0"
    assert request.headers["Host"] == f"localhost:{httpserver.port}"


def test_fetch_plain_text_with_declared_charset(httpserver: HTTPServer) -> None:
    body = "Outlet: Wire\n\nCafé bombing: 4 killed, “dozens” hurt.".encode("cp1252")
    httpserver.expect_request("/t").respond_with_data(body, content_type="text/plain; charset=windows-1252")
    doc = fetch_url(httpserver.url_for("/t"), settings=local())
    assert doc.text == "Café bombing: 4 killed, “dozens” hurt."
    assert doc.outlet == "Wire"


def test_fetch_follows_redirects_and_reports_the_final_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    doc = fetch_url(httpserver.url_for("/old"), settings=local())
    assert doc.url == httpserver.url_for("/new")
    assert doc.origin == httpserver.url_for("/old")


def test_allow_networks_opens_only_the_listed_ranges(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/to-private").respond_with_data(
        "", status=302, headers={"Location": "http://10.0.0.1/"}
    )
    httpserver.expect_request("/to-metadata").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    assert fetch_url(httpserver.url_for("/story"), allow_networks=LOOPBACK).title == "Storm hits coast"
    with pytest.raises(BlockedURLError, match="10.0.0.1"):
        fetch_url(httpserver.url_for("/to-private"), allow_networks=LOOPBACK)
    with pytest.raises(BlockedURLError, match="link-local"):
        fetch_url(httpserver.url_for("/to-metadata"), allow_networks=LOOPBACK)
    with pytest.raises(ConfigError):
        fetch_url(httpserver.url_for("/story"), allow_networks=["not-a-network"])


def test_redirect_to_another_scheme_is_blocked(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ftp").respond_with_data(
        "", status=302, headers={"Location": "ftp://example.com/x"}
    )
    with pytest.raises(BlockedURLError, match="not an http"):
        fetch_url(httpserver.url_for("/ftp"), settings=local())


def test_redirect_cap(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="redirected more than 3 times"):
        fetch_url(httpserver.url_for("/loop"), settings=local(fetch_max_redirects=3))
    assert len(httpserver.log) == 4


def test_timeout_when_the_server_is_slow(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="did not answer within 0.2 seconds") as info:
        fetch_url(httpserver.url_for("/slow"), settings=local(fetch_timeout=0.2))
    assert time.monotonic() - started < 0.9
    assert isinstance(info.value.__cause__, httpx.TimeoutException)


def test_timeout_covers_a_body_that_trickles(httpserver: HTTPServer) -> None:
    def trickle() -> Iterator[bytes]:
        for _ in range(30):
            time.sleep(0.05)
            yield b"<p>x</p>"

    httpserver.expect_request("/trickle").respond_with_handler(
        lambda request: Response(trickle(), content_type="text/html")
    )
    with pytest.raises(FetchTimeoutError):
        fetch_url(httpserver.url_for("/trickle"), settings=local(fetch_timeout=0.5))


def test_size_cap_with_content_length(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data("<p>" + "x" * 5000 + "</p>", content_type="text/html")
    with pytest.raises(TooLargeError, match="5,007 bytes, over the limit of 1,000"):
        fetch_url(httpserver.url_for("/big"), settings=local(fetch_max_bytes=1000))


def test_size_cap_without_content_length(httpserver: HTTPServer) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"<p>" + b"x" * 500 + b"</p>"

    httpserver.expect_request("/stream").respond_with_handler(
        lambda request: Response(chunks(), content_type="text/html")
    )
    with httpx.stream("GET", httpserver.url_for("/stream")) as probe:
        assert "Content-Length" not in probe.headers
    with pytest.raises(TooLargeError, match="larger than the limit of 1,000 bytes"):
        fetch_url(httpserver.url_for("/stream"), settings=local(fetch_max_bytes=1000))


def test_wrong_content_type_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/img").respond_with_data(PNG_MAGIC, content_type="image/png")
    with pytest.raises(FetchError, match="returned image/png, not a web page"):
        fetch_url(httpserver.url_for("/img"), settings=local())


@pytest.mark.parametrize(("status", "advice"), [(404, "check the address"), (500, "try again later")])
def test_http_errors_carry_the_status(httpserver: HTTPServer, status: int, advice: str) -> None:
    httpserver.expect_request("/err").respond_with_data("nope", status=status, content_type="text/html")
    with pytest.raises(FetchError, match=f"HTTP {status}.*{advice}") as info:
        fetch_url(httpserver.url_for("/err"), settings=local())
    assert info.value.url == httpserver.url_for("/err")


def test_connection_refused_is_explained() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="could not connect") as info:
        fetch_url(f"http://127.0.0.1:{port}/", settings=local())
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_dns_failure_is_explained() -> None:
    with pytest.raises(FetchError, match="DNS lookup failed"):
        fetch_url("http://no-such-host.invalid/story")


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
        ("report.txt", b"Outlet: AP\nPublished: soon\n\nBody.", "soon"),
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
