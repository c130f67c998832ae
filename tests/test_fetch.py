"""Fetching behind the SSRF guard: address policy, redirects, caps, timeouts and httpx errors.

Fetching is tested against a real HTTP server on the loopback interface (pytest-httpserver), so
these tests opt in with ``allow_private_addresses=True`` or ``allow_networks``; the default
settings must refuse the same server.
"""

from __future__ import annotations

import socket
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import httpx
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.hostile import Script, deflate, gzip, gzip_bomb, hostile_server, response, trickle
from tests.samples import PAGE, PNG_MAGIC, local
from verifier.errors import (
    BlockedURLError,
    ConfigError,
    FetchError,
    FetchTimeoutError,
    TooLargeError,
)
from verifier.fetch import _decoded, download
from verifier.intake import fetch_url
from verifier.settings import Settings

LOOPBACK = ["127.0.0.0/8", "::1/128"]


def test_download_gives_the_final_url_content_type_and_raw_body(httpserver: HTTPServer) -> None:
    body = "Café: 4 hurt.".encode("cp1252")
    httpserver.expect_request("/old").respond_with_data("", status=302, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data(body, content_type="text/plain; charset=windows-1252")
    page = download(httpserver.url_for("/old"), settings=local())
    assert page.url == httpserver.url_for("/new")
    assert page.content_type == "text/plain; charset=windows-1252"
    assert page.body == body


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
    assert doc.text.startswith("Storm hits coast\n\nParagraph 1:")  # the page's headline leads its text
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


# Hostile servers (issue 11, items 1, 2 and 9): every fetch ends in a page or a FetchError with a
# message, within the fetch timeout plus a second and without holding more than the cap in memory.


def _elapsed(started: float) -> float:
    return time.monotonic() - started


def _assert_refused_in_flat_memory(bomb: bytes, encoding: str) -> None:
    """The bomb is refused at the 1 MB cap while its decoded size stays out of memory."""
    reply = response(f"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: {encoding}\nContent-Length: {len(bomb)}", bomb)
    with hostile_server(lambda: [reply]) as url:
        tracemalloc.start()
        try:
            with pytest.raises(TooLargeError, match="larger than the limit of 1,000,000 bytes"):
                download(url + "/bomb", settings=local(fetch_max_bytes=1_000_000))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 20_000_000


def test_stacked_gzip_is_decoded_as_a_stream_and_capped() -> None:
    bomb = gzip_bomb(200_000_000, layers=2)
    assert len(bomb) < 300_000
    _assert_refused_in_flat_memory(bomb, "gzip, gzip")


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip),
        ("x-gzip", gzip),
        ("deflate", deflate),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send it
        ("gzip, gzip", lambda data: gzip(gzip(data))),
        ("deflate, gzip", lambda data: gzip(deflate(data))),
        ("gzip,identity ,  deflate", lambda data: deflate(gzip(data))),
        ("identity", lambda data: data),
        # several gzip members one after the other (RFC 1952 2.2): every member is read, not the first only
        ("gzip", lambda data: gzip(data[:100]) + gzip(data[100:])),
        ("gzip", lambda data: gzip(data[:7]) + gzip(b"") + gzip(data[7:50]) + gzip(data[50:])),
        ("gzip, gzip", lambda data: gzip(gzip(data[:100]) + gzip(data[100:]))),
        ("deflate, gzip", lambda data: gzip(deflate(data)[:30]) + gzip(deflate(data)[30:])),
        # what follows the last member and starts none (padding, garbage) is ignored, as before
        ("gzip", lambda data: gzip(data[:100]) + gzip(data[100:]) + b"\0" * 12),
        ("gzip", lambda data: gzip(data) + b"trailing garbage"),
    ],
)
def test_content_encodings_decode_to_the_page(encoding: str, encode: Callable[[bytes], bytes]) -> None:
    body = encode(PAGE.encode("utf-8"))
    reply = response(f"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: {encoding}\nContent-Length: {len(body)}", body)
    with hostile_server(lambda: [reply]) as url:
        assert download(url + "/", settings=local()).body == PAGE.encode("utf-8")


def test_a_gzip_member_split_across_reads_is_still_read() -> None:
    page = PAGE.encode("utf-8")
    body = gzip(page[:100]) + gzip(page[100:])
    split = len(gzip(page[:100])) + 1  # between the two bytes of the second member's magic number
    head = f"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\nContent-Length: {len(body)}"

    def script() -> Iterator[bytes]:
        yield response(head, body[:split])
        time.sleep(0.1)
        yield body[split:]

    with hostile_server(script) as url:
        assert download(url + "/", settings=local()).body == page


def test_many_small_gzip_members_are_capped_on_their_decoded_total() -> None:
    # each member is under the cap; together they are 200 times over it (a bomb in pieces)
    bomb = gzip(b"\0" * 400_000) * 500
    assert len(bomb) < 500_000
    _assert_refused_in_flat_memory(bomb, "gzip")


@given(
    st.lists(st.binary(max_size=300), min_size=1, max_size=6),
    st.lists(st.integers(min_value=0, max_value=2_000), max_size=8),
)
@hypothesis_settings(max_examples=60, deadline=None)
def test_gzip_members_decode_whole_however_the_body_is_cut(parts: list[bytes], cuts: list[int]) -> None:
    body = b"".join(gzip(part) for part in parts)
    edges = sorted({0, len(body), *(c % (len(body) + 1) for c in cuts)})
    chunks = iter([body[a:b] for a, b in zip(edges, edges[1:], strict=False)])
    assert b"".join(_decoded(chunks, "gzip", "http://example.com/")) == b"".join(parts)


@pytest.mark.parametrize(
    ("encoding", "body", "message"),
    [
        ("br", b"\x0b\x02\x80hello\x03", "encoded as 'br'"),
        ("gzip", b"not gzip at all", "not valid gzip"),
        ("gzip, compress", b"x", "encoded as 'compress'"),
    ],
)
def test_unreadable_encodings_are_fetch_errors(encoding: str, body: bytes, message: str) -> None:
    reply = response(f"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: {encoding}\nContent-Length: {len(body)}", body)
    with hostile_server(lambda: [reply]) as url, pytest.raises(FetchError, match=message):
        download(url + "/", settings=local())


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(lambda: trickle(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000, every=0.05), id="headers"),
        pytest.param(lambda: trickle(b"HTTP/1.1 200 OK\r\n" * 100, every=0.05), id="status-line"),
        pytest.param(
            lambda: [b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n", *trickle(b"<p>x</p>" * 500, every=0.02)],
            id="body",
        ),
    ],
)
def test_the_timeout_bounds_the_whole_request(script: Script) -> None:
    with hostile_server(script) as url:
        started = time.monotonic()
        with pytest.raises(FetchTimeoutError, match="did not answer within 0.5 seconds"):
            download(url + "/", settings=local(fetch_timeout=0.5))
        assert _elapsed(started) < 1.5


@pytest.mark.parametrize(
    ("head", "message"),
    [
        ("HTTP/1.1 302 Found\nContent-Length: 0", "without saying where"),
        ("HTTP/1.1 301 Moved\nLocation: \nContent-Length: 0", "without saying where"),
        ("HTTP/1.1 302 Found\nLocation: http://xn--a.com/\nContent-Length: 0", "not valid"),
        ("HTTP/1.1 302 Found\nLocation: http://[fec0::1]/\nContent-Length: 0", "site-local|special-purpose"),
        ("HTTP/1.1 302 Found\nLocation: http://192.0.0.8/\nContent-Length: 0", "special-purpose"),
        ("HTTP/1.1 302 Found\nLocation: http://exa mple.com:99999/\nContent-Length: 0", "not a valid web address|could not find"),
    ],
)
def test_misredirects_are_fetch_errors(head: str, message: str) -> None:
    with hostile_server(lambda: [response(head)]) as url, pytest.raises(FetchError, match=message):
        download(url + "/", allow_networks=["127.0.0.0/8"])


@pytest.mark.parametrize(
    "url",
    ["http://xn--a.com/", "http://xn--/", "http://xn--zz-zzzz.com/", "http://xn--ls8h.la/", "https://\u0080.com/"],
)
def test_malformed_punycode_hosts_are_fetch_errors(url: str) -> None:
    with pytest.raises(FetchError, match="not a valid web address"):
        download(url)


@pytest.mark.parametrize(
    "address",
    ["fec0::1", "192.0.0.8", "192.0.0.9", "192.0.0.170", "192.88.99.1", "2001:db8::1", "3fff::1", "5f00::1", "64:ff9b:1::1", "100::1", "2001:2::1"],
)
def test_special_purpose_addresses_are_refused(address: str) -> None:
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(BlockedURLError, match="address"):
        download(f"http://{host}/")


def test_the_deadline_covers_the_dns_lookup() -> None:
    # with no time left the fetch ends as a timeout rather than waiting on a resolver a host may slow down
    with pytest.raises(FetchTimeoutError):
        download("http://slow-answer.invalid/", settings=Settings(fetch_timeout=1e-9))
