"""Fetching: an http(s) URL -> the bytes of the page, without becoming a proxy into the newsroom.

The verifier runs inside a newsroom's network and fetches whatever address an editor pastes, so
this module is the guard against server-side request forgery: only http(s), only public
addresses (checked for every address of every hop, then pinned so DNS cannot change its answer),
redirects followed one by one, one deadline for the whole fetch and a cap on the body. It knows
nothing about articles; httpx errors are translated here into ``FetchError`` with advice.

A hostile server gets nothing out of misbehaving: the deadline is wall-clock time over every read
and write of every hop (a server that trickles its headers a byte at a time runs out of it), and
content codings are undone here as a stream, so the cap counts decoded bytes as they come and a
few kilobytes of stacked gzip cannot expand into gigabytes before anyone looks.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from .decode import HTML_TYPES, TEXT_TYPES, parse_content_type
from .errors import BlockedURLError, ConfigError, FetchError, FetchTimeoutError, TooLargeError
from .settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# The special-purpose ranges no public web page is served from (the IANA IPv4 and IPv6
# special-purpose address registries, kept whole here): Python's ``is_global`` misses some of them
# in the versions we support (192.0.0.0/24 in 3.11, the deprecated site-local fec0::/10).
SPECIAL_PURPOSE_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
        "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
        "::/127", "::ffff:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
        "2002::/16", "2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10",
        "ff00::/8",
    )
)  # fmt: skip
# Content codings undone here, as a stream; the request asks for no others.
ACCEPT_ENCODING = "gzip, deflate"
# The most a decoding layer hands on at a time, so memory stays flat whatever the compression ratio.
_DECODE_PIECE = 64 * 1024
# How every gzip member starts (RFC 1952): what tells a next member from padding after the last.
_GZIP_MAGIC = b"\x1f\x8b"


# What a feed or sitemap is served as, besides HTML and text (``download(..., accept=FEED_TYPES)``).
FEED_TYPES: frozenset[str] = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
NOT_MODIFIED = 304


@dataclass(frozen=True)
class Download:
    """A fetched page: the URL it was finally served from, its declared content type and its body.

    ``status`` is 304 (with an empty body) only when a conditional request was made and the server
    said nothing changed; ``etag`` and ``last_modified`` are the validators to send next time.
    """

    url: str
    content_type: str
    body: bytes
    status: int = 200
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Conditional:
    """The validators of an earlier download, sent so an unchanged resource costs a 304 and no body."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        sent = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in sent.items() if value}


def download(
    url: str,
    *,
    settings: Settings | None = None,
    allow_networks: Iterable[str] = (),
    accept: frozenset[str] = frozenset(),
    conditional: Conditional | None = None,
) -> Download:
    """Download a page, refusing anything that is not a public web page or plain text.

    Every hop (redirects are followed here, not by httpx) is checked: http(s) only, and every
    address the host resolves to must be public, because an editor's tool must not become a proxy
    into the newsroom's network. The connection goes to the address we checked (not a second DNS
    answer), the whole fetch shares one deadline, and the body is capped while it streams.
    ``allow_networks`` lists CIDR ranges to allow anyway (say, the newsroom's own CMS).
    ``accept`` adds media types to HTML and text (a feed reader passes ``FEED_TYPES``), and
    ``conditional`` makes the request conditional, so a 304 comes back as a body-less Download.
    """
    settings = settings or Settings()
    policy = _AddressPolicy(settings.allow_private_addresses, _networks(allow_networks))
    deadline = time.monotonic() + settings.fetch_timeout
    extra = ",".join(sorted(accept))
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": (extra + ";q=1," if extra else "") + "text/html,application/xhtml+xml,text/plain;q=0.9",
        "Accept-Encoding": ACCEPT_ENCODING,
        **(conditional.headers() if conditional else {}),
    }
    with (
        _httpx_errors(url, settings),
        httpx.Client(
            headers=headers, follow_redirects=False, trust_env=False, transport=_deadline_transport(deadline)
        ) as client,
    ):
        return _follow_redirects(client, url, settings, policy, deadline, accept)


@dataclass(frozen=True)
class _AddressPolicy:
    """Which resolved addresses we may connect to: public ones, plus any explicitly allowed."""

    allow_private: bool
    allowed: tuple[IPNetwork, ...] = ()

    def refusal(self, address: IPAddress) -> str | None:
        """Why ``address`` is refused (e.g. "a loopback address"), or None if it may be used."""
        if self.allow_private or any(
            address in net for net in self.allowed if net.version == address.version
        ):
            return None
        return _non_public_kind(address)


def _non_public_kind(address: IPAddress) -> str | None:
    """Name the kind of non-public address, or None for a public one.

    IPv6 forms that carry an IPv4 address (mapped, 6to4, Teredo, NAT64) are judged by the IPv4
    address inside, since that is where the packets end up.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            kind = _non_public_kind(embedded)
            if kind is not None:
                return kind
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("site-local", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
        ("special-purpose", any(address in net for net in SPECIAL_PURPOSE_NETWORKS if net.version == address.version)),
        ("non-public", not address.is_global),
    )
    return next((f"a {kind} address" for kind, hit in checks if hit), None)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if it is one of the transition forms."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """Parse the allowed CIDR ranges, refusing a typo rather than silently allowing nothing."""
    try:
        return tuple(ipaddress.ip_network(value, strict=False) for value in values)
    except ValueError as exc:
        raise ConfigError(f"allowed network {exc}; use CIDR notation such as 10.1.2.0/24") from exc


@contextmanager
def _httpx_errors(url: str, settings: Settings) -> Iterator[None]:
    """Turn httpx exceptions into FetchError subclasses with advice, chained to the original."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise FetchTimeoutError(
            f"{url} did not answer within {settings.fetch_timeout:g} seconds; "
            "try again later, or save the page and upload it",
            url=url,
        ) from exc
    except httpx.ConnectError as exc:
        raise FetchError(
            f"could not connect to the server of {url} ({exc}); check the address, "
            "or try again later if the site is down",
            url=url,
        ) from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url} is not a valid web address ({exc})", url=url) from exc
    except UnicodeError as exc:  # httpx reads a redirect's host itself, and malformed punycode fails there
        raise FetchError(f"{url} leads to an address that is not valid ({exc})", url=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"downloading {url} failed ({exc}); try again later", url=url) from exc


def _follow_redirects(
    client: httpx.Client,
    url: str,
    settings: Settings,
    policy: _AddressPolicy,
    deadline: float,
    accept: frozenset[str] = frozenset(),
) -> Download:
    """Follow redirects hop by hop; return the final URL, its content type and the capped body."""
    current = _checked_url(url)
    for _ in range(settings.fetch_max_redirects + 1):
        response = _send_pinned(client, current, policy, deadline)
        try:
            validators = {
                "etag": response.headers.get("ETag", ""),
                "last_modified": response.headers.get("Last-Modified", ""),
            }
            asked_if_changed = "If-None-Match" in client.headers or "If-Modified-Since" in client.headers
            if response.status_code == NOT_MODIFIED and asked_if_changed:
                return Download(str(current), "", b"", status=NOT_MODIFIED, **validators)
            if response.is_redirect:
                current = _checked_url(_redirect_target(response, current))
                continue
            _check_status(response, str(current))
            content_type = _check_content_type(response, str(current), accept)
            body = _read_capped(response, str(current), settings, deadline)
            return Download(str(current), content_type, body, status=response.status_code, **validators)
        finally:
            response.close()
    raise FetchError(
        f"{url} redirected more than {settings.fetch_max_redirects} times; open it in a browser "
        "and give the address it ends up at",
        url=url,
    )


def _checked_url(url: str) -> httpx.URL:
    """Parse ``url`` and refuse schemes other than http(s) and URLs without a host."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url} is not a valid web address ({exc})", url=url) from exc
    if parsed.scheme not in ("http", "https"):
        raise BlockedURLError(
            f"{url} is not an http(s) address; only web pages can be fetched (upload files instead)", url=url
        )
    try:
        host = parsed.host
    except UnicodeError as exc:  # an xn-- label that is not valid punycode or IDNA
        raise FetchError(f"{url} is not a valid web address (its host name is malformed: {exc})", url=url) from exc
    if not host:
        raise FetchError(
            f"{url} has no host name; give a full address such as https://example.com/story", url=url
        )
    return parsed


def _redirect_target(response: httpx.Response, url: httpx.URL) -> str:
    """Where a redirect points; one that does not say, or names no valid address, is refused."""
    location = response.headers.get("Location", "").strip()
    if not location:
        raise FetchError(
            f"{url} redirected (HTTP {response.status_code}) without saying where; open it in a browser "
            "and give the address it ends up at",
            url=str(url),
        )
    try:
        return str(url.join(location))
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise FetchError(
            f"{url} redirected to {location!r}, which is not a valid web address ({exc})", url=str(url)
        ) from exc


def _resolve(url: httpx.URL, deadline: float) -> list[IPAddress]:
    """Every address the URL's host resolves to (an IP literal resolves to itself).

    The lookup runs in a worker thread that is abandoned at the deadline: whoever runs a domain's
    name servers can make its answers slow, and the fetch timeout bounds the whole fetch.
    """
    host = url.raw_host.decode("ascii")
    try:
        return [ipaddress.ip_address(host)]  # an address needs no lookup, nor a thread to wait on one
    except ValueError:
        pass
    port = url.port or (443 if url.scheme == "https" else 80)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpx.ConnectTimeout("no time left to look up the server")
    pending: Future[list[Any]] = Future()

    def look_up() -> None:
        try:
            pending.set_result(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the waiting fetch, which decides what it means
            pending.set_exception(exc)

    # a daemon thread, so that a lookup still hanging never holds up the program's exit
    threading.Thread(target=look_up, name="verifier-dns", daemon=True).start()
    try:
        infos = pending.result(timeout=remaining)
    except FutureTimeout as exc:
        raise httpx.ConnectTimeout("the DNS lookup took longer than the fetch timeout") from exc
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            f"could not find the server {url.host!r} (DNS lookup failed); check the address for typos",
            url=str(url),
        ) from exc
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def _send_pinned(
    client: httpx.Client, url: httpx.URL, policy: _AddressPolicy, deadline: float
) -> httpx.Response:
    """Send a GET to an address that passed the policy, trying the next one if it refuses.

    The request goes to the checked IP with the original Host header (and TLS server name), so a
    second DNS answer cannot swap in an internal address after the check (DNS rebinding).
    """
    addresses = _resolve(url, deadline)
    for address in addresses:
        reason = policy.refusal(address)
        if reason is not None:
            raise BlockedURLError(
                f"{url} leads to {address}, {reason}; only public web pages can be fetched. "
                "Save the page and upload it instead",
                url=str(url),
            )
    for address in addresses[:-1]:
        try:
            return client.send(_pinned_request(client, url, address, deadline), stream=True)
        except httpx.ConnectError:
            continue  # another address of the same host may answer (IPv6 vs IPv4)
    return client.send(_pinned_request(client, url, addresses[-1], deadline), stream=True)


def _pinned_request(
    client: httpx.Client, url: httpx.URL, address: IPAddress, deadline: float
) -> httpx.Request:
    """A request for ``url`` addressed to ``address`` with the remaining time as its timeout."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpx.ConnectTimeout("no time left for the request")
    extensions = {"sni_hostname": url.raw_host.decode("ascii")} if url.scheme == "https" else {}
    return client.build_request(
        "GET",
        url.copy_with(host=str(address)),
        headers={"Host": url.netloc.decode("ascii")},
        timeout=httpx.Timeout(remaining),
        extensions=extensions,
    )


def _check_status(response: httpx.Response, url: str) -> None:
    """Refuse error pages: a 404 page's text is not the story."""
    if response.is_success:
        return
    code = response.status_code
    advice = "check the address" if code < 500 else "the site has a problem; try again later"
    raise FetchError(f"{url} answered HTTP {code} {response.reason_phrase}; {advice}", url=url)


def _check_content_type(response: httpx.Response, url: str, accept: frozenset[str] = frozenset()) -> str:
    """Accept HTML and plain text (or no declared type, or one in ``accept``); refuse images, PDFs and the like."""
    content_type = response.headers.get("Content-Type", "")
    media_type, _ = parse_content_type(content_type)
    if media_type and media_type not in HTML_TYPES | TEXT_TYPES | accept:
        raise FetchError(
            f"{url} returned {media_type}, not a web page or plain text; give the address of the "
            "article page, or save the story's text and upload it",
            url=url,
        )
    return content_type


def _read_capped(response: httpx.Response, url: str, settings: Settings, deadline: float) -> bytes:
    """Read and decode the body, stopping at ``fetch_max_bytes`` (declared or decoded) and at the deadline."""
    limit = settings.fetch_max_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise TooLargeError(
            f"{url} is {int(declared):,} bytes, over the limit of {limit:,} (VERIFIER_FETCH_MAX_BYTES); "
            "save the article's text and upload it instead",
            url=url,
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in _decoded(response.iter_raw(), response.headers.get("Content-Encoding", ""), url):
        size += len(chunk)
        if size > limit:
            raise TooLargeError(
                f"{url} is larger than the limit of {limit:,} bytes (VERIFIER_FETCH_MAX_BYTES); "
                "save the article's text and upload it instead",
                url=url,
            )
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the download took longer than the fetch timeout")
        chunks.append(chunk)
    return b"".join(chunks)


def _decoded(raw: Iterator[bytes], content_encoding: str, url: str) -> Iterator[bytes]:
    """The body with every content coding undone, last applied first, one bounded piece at a time."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip().lower() not in ("", "identity")]
    stream: Iterator[bytes] = raw
    for coding in reversed(codings):
        stream = _Layer(coding, url).decode(stream)
    return stream


class _Layer:
    """One gzip or deflate layer undone as a stream, handing on at most ``_DECODE_PIECE`` bytes a time.

    "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; like browsers, we
    read either, deciding on the first bytes. A gzip body may be several gzip members one after
    the other (RFC 1952, section 2.2: what ``cat a.gz b.gz`` makes, and what some servers send
    when they compress a page in pieces): each member is read in turn, and the cap counts the
    decoded total. Bytes after a member that do not start another (padding, garbage) are
    ignored, as before.
    """

    def __init__(self, coding: str, url: str) -> None:
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(
                f"{url} is encoded as {coding!r}, which cannot be read here; save the page and upload it",
                url=url,
            )
        self.coding = coding
        self.url = url
        self._raw_deflate_tried = coding != "deflate"
        self._inflater = zlib.decompressobj(31 if coding != "deflate" else 15)
        self._started = False
        self._between = b""  # the first bytes after a gzip member, until we know whether another starts
        self._done = False  # the last member has ended; what follows is ignored

    def decode(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        try:
            for chunk in chunks:
                yield from self._feed(chunk)
            tail = self._inflater.flush()
            if tail:
                yield tail
        except zlib.error as exc:
            raise FetchError(
                f"{self.url} sent a body that is not valid {self.coding} ({exc}); try again later, "
                "or save the page and upload it",
                url=self.url,
            ) from exc

    def _feed(self, data: bytes) -> Iterator[bytes]:
        pending = data
        while pending and not self._done:
            if self._inflater.eof:
                pending = self._next_member(pending)
                continue
            try:
                piece = self._inflater.decompress(pending, _DECODE_PIECE)
            except zlib.error:
                if self._started or self._raw_deflate_tried:
                    raise
                self._raw_deflate_tried = True
                self._inflater = zlib.decompressobj(-15)
                continue
            self._started = True
            # at a member's end the bytes after it are in unused_data (unconsumed_tail is stale then)
            pending = self._inflater.unused_data if self._inflater.eof else self._inflater.unconsumed_tail
            if piece:
                yield piece

    def _next_member(self, data: bytes) -> bytes:
        """After a member ended: the bytes to read as the next gzip member, or b"" to wait or stop."""
        self._between += data
        if self.coding == "deflate" or not _GZIP_MAGIC.startswith(self._between[: len(_GZIP_MAGIC)]):
            self._done = True
            return b""
        if len(self._between) < len(_GZIP_MAGIC):
            return b""  # the magic number is split across two reads
        self._inflater = zlib.decompressobj(31)
        following, self._between = self._between, b""
        return following


def _deadline_transport(deadline: float) -> httpx.HTTPTransport:
    """httpx's transport, with every socket read and write bounded by what is left of ``deadline``.

    httpx timeouts count per read, so a server sending a byte every so often never trips them;
    this bounds the whole request in wall-clock time. httpx takes no network backend as an
    argument, so the connection pool it builds is swapped for one with ours (a tested seam).
    """
    context = _ssl_context()
    transport = httpx.HTTPTransport(verify=context)
    transport._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=_DeadlineBackend(deadline))
    return transport


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for every fetch: building one loads the CA bundle (some 30 ms), which a watch
    run fetching hundreds of pages would otherwise pay twice a page. Contexts are safe to share."""
    return httpx.create_ssl_context()


def _time_left(deadline: float, timeout: float | None, error: type[Exception]) -> float:
    """The timeout for one socket operation: what the caller asked, but never past the deadline."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise error("the fetch took longer than the fetch timeout")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(self._deadline, timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(self._deadline, timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        left = _time_left(self._deadline, timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, left), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, handing out ``_DeadlineStream`` connections."""

    def __init__(self, deadline: float) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        left = _time_left(self._deadline, timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, left, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)
