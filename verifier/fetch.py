"""Fetching: an http(s) URL -> the bytes of the page, without becoming a proxy into the newsroom.

The verifier runs inside a newsroom's network and fetches whatever address an editor pastes, so
this module is the guard against server-side request forgery: only http(s), only public
addresses (checked for every address of every hop, then pinned so DNS cannot change its answer),
redirects followed one by one, one deadline for the whole fetch and a cap on the body. It knows
nothing about articles; httpx errors are translated here into ``FetchError`` with advice.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from .decode import HTML_TYPES, TEXT_TYPES, parse_content_type
from .errors import BlockedURLError, ConfigError, FetchError, FetchTimeoutError, TooLargeError
from .settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True)
class Download:
    """A fetched page: the URL it was finally served from, its declared content type and its body."""

    url: str
    content_type: str
    body: bytes


def download(url: str, *, settings: Settings | None = None, allow_networks: Iterable[str] = ()) -> Download:
    """Download a page, refusing anything that is not a public web page or plain text.

    Every hop (redirects are followed here, not by httpx) is checked: http(s) only, and every
    address the host resolves to must be public, because an editor's tool must not become a proxy
    into the newsroom's network. The connection goes to the address we checked (not a second DNS
    answer), the whole fetch shares one deadline, and the body is capped while it streams.
    ``allow_networks`` lists CIDR ranges to allow anyway (say, the newsroom's own CMS).
    """
    settings = settings or Settings()
    policy = _AddressPolicy(settings.allow_private_addresses, _networks(allow_networks))
    deadline = time.monotonic() + settings.fetch_timeout
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
    }
    with (
        _httpx_errors(url, settings),
        httpx.Client(headers=headers, follow_redirects=False, trust_env=False) as client,
    ):
        return _follow_redirects(client, url, settings, policy, deadline)


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
    except httpx.HTTPError as exc:
        raise FetchError(f"downloading {url} failed ({exc}); try again later", url=url) from exc


def _follow_redirects(
    client: httpx.Client, url: str, settings: Settings, policy: _AddressPolicy, deadline: float
) -> Download:
    """Follow redirects hop by hop; return the final URL, its content type and the capped body."""
    current = _checked_url(url)
    for _ in range(settings.fetch_max_redirects + 1):
        response = _send_pinned(client, current, policy, deadline)
        try:
            if response.is_redirect:
                current = _checked_url(str(current.join(response.headers["Location"])))
                continue
            _check_status(response, str(current))
            content_type = _check_content_type(response, str(current))
            return Download(
                str(current), content_type, _read_capped(response, str(current), settings, deadline)
            )
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
    if not parsed.host:
        raise FetchError(
            f"{url} has no host name; give a full address such as https://example.com/story", url=url
        )
    return parsed


def _resolve(url: httpx.URL) -> list[IPAddress]:
    """Every address the URL's host resolves to (an IP literal resolves to itself)."""
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
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
    addresses = _resolve(url)
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


def _check_content_type(response: httpx.Response, url: str) -> str:
    """Accept HTML and plain text (or no declared type); refuse images, PDFs and the like."""
    content_type = response.headers.get("Content-Type", "")
    media_type, _ = parse_content_type(content_type)
    if media_type and media_type not in HTML_TYPES | TEXT_TYPES:
        raise FetchError(
            f"{url} returned {media_type}, not a web page or plain text; give the address of the "
            "article page, or save the story's text and upload it",
            url=url,
        )
    return content_type


def _read_capped(response: httpx.Response, url: str, settings: Settings, deadline: float) -> bytes:
    """Read the body, stopping at ``fetch_max_bytes`` (declared or actual) and at the deadline."""
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
    for chunk in response.iter_bytes():
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
