"""Safe HTTP fetching of articles and feeds.

Every hop (the first URL and each redirect) is checked: http or https only, the host
name resolved here and every address it resolves to refused when it is not public
(loopback, private, link-local, multicast, reserved, unspecified, cloud metadata),
unless settings.ALLOW_PRIVATE_FETCH. The connection then goes to the address that was
checked (not a second DNS answer), which closes the DNS-rebinding gap. Bodies are
streamed with a byte cap, a content-type check and an overall deadline.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
USER_AGENT = "AidTracker/1.0 (+https://github.com/aidtracker; news ingestion)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    *PAGE_TYPES,
)
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
# PDF, ZIP/Office, GZIP, PNG, JPEG, GIF: refused even when mislabelled as text.
BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
RETRY_STATUSES = frozenset({408, 425, 429, 502, 503, 504})

BAD_SCHEME = "Only http:// and https:// URLs can be fetched (got {scheme}://)."
NO_HOST = "The URL has no host name."
BAD_URL = "The URL is not valid: {url}"
DNS_FAILED = "The host name {host} could not be resolved."
PRIVATE_ADDRESS = (
    "Refused to fetch {host}: it resolves to {address}, a loopback, private, link-local, "
    "multicast, reserved or metadata address."
)
TOO_MANY_REDIRECTS = f"Too many redirects (more than {MAX_REDIRECTS})."
REDIRECT_WITHOUT_LOCATION = "The server answered a redirect without a Location."
TOO_LARGE = "The response is larger than the limit of {limit} bytes."
BAD_CONTENT_TYPE = (
    "Unsupported content type {content_type!r}: only HTML, XHTML and plain text are ingested."
)
BINARY_BODY = "The response body is binary data, not text."
UNDECODABLE = "The response body could not be decoded as text."
HTTP_ERROR = "The server answered HTTP {status}."
TIMED_OUT = "The server did not answer in time ({seconds:g} s)."
CONNECTION_FAILED = "Could not connect to {host}: {reason}"
EMPTY_TEXT = "No article text was found in the page."


class FetchError(Exception):
    """A fetch that cannot succeed as asked: bad URL, refused address, bad content."""


class FetchUnavailable(FetchError):
    """A fetch that may succeed later: timeout, connection error, 502/503/504, 429."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None
    headers: dict[str, str]


def address_refused(address: str) -> bool:
    """True when `address` is not a public unicast address (or is a metadata endpoint)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip in METADATA_ADDRESSES
        or not ip.is_global
        or ip.is_multicast
        or ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
    )


def resolve(host: str, port: int) -> str:
    """The address to connect to, after checking every address the host resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(DNS_FAILED.format(host=host)) from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(DNS_FAILED.format(host=host))
    if not settings.ALLOW_PRIVATE_FETCH:
        allowed = set(settings.FETCH_PRIVATE_ALLOWLIST)
        for address in addresses:
            if f"{address}:{port}" not in allowed and address_refused(address):
                raise FetchError(PRIVATE_ADDRESS.format(host=host, address=address))
    return addresses[0]


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an acceptable URL, or FetchError."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(BAD_URL.format(url=url[:200])) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(BAD_SCHEME.format(scheme=scheme or "(none)"))
    host = parts.hostname
    if not host:
        raise FetchError(NO_HOST)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port or (443 if scheme == "https" else 80), path


def _pool(scheme: str, host: str, address: str, port: int) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(
        connect=settings.FETCH_TIMEOUT_SECONDS, read=settings.FETCH_TIMEOUT_SECONDS
    )
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
            ssl_context=ssl.create_default_context(),
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)


def _host_header(host: str, port: int, scheme: str) -> str:
    name = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return name if port == default else f"{name}:{port}"


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _read_capped(raw: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
    limit = settings.FETCH_MAX_BYTES
    declared = raw.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(TOO_LARGE.format(limit=limit))
    chunks: list[bytes] = []
    size = 0
    # read1: whatever has arrived (up to CHUNK_BYTES), so that a server trickling bytes
    # meets the overall deadline instead of filling a chunk forever.
    while chunk := raw.read1(CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise FetchError(TOO_LARGE.format(limit=limit))
        if time.monotonic() > deadline:
            raise FetchUnavailable(TIMED_OUT.format(seconds=settings.FETCH_TIMEOUT_SECONDS))
        chunks.append(chunk)
    return b"".join(chunks)


def _request(
    url: str, headers: dict[str, str]
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    scheme, host, port, path = check_url(url)
    address = resolve(host, port)
    pool = _pool(scheme, host, address, port)
    send = {
        "Host": _host_header(host, port, scheme),
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "identity",  # no compressed bodies: no decompression bombs
        **headers,
    }
    try:
        raw = pool.urlopen(
            "GET", path, headers=send, redirect=False, retries=False, preload_content=False
        )
        return pool, raw
    except urllib3.exceptions.NewConnectionError as exc:  # a ConnectTimeoutError subclass
        raise FetchUnavailable(CONNECTION_FAILED.format(host=host, reason=_reason(exc))) from exc
    except urllib3.exceptions.TimeoutError as exc:
        raise FetchUnavailable(TIMED_OUT.format(seconds=settings.FETCH_TIMEOUT_SECONDS)) from exc
    except urllib3.exceptions.SSLError as exc:
        raise FetchError(CONNECTION_FAILED.format(host=host, reason=exc)) from exc
    except urllib3.exceptions.HTTPError as exc:
        raise FetchUnavailable(CONNECTION_FAILED.format(host=host, reason=exc)) from exc


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text.split(": ", 1)[-1] if "Failed to establish" in text else text


def fetch(
    url: str, *, accept: tuple[str, ...] = PAGE_TYPES, headers: dict[str, str] | None = None
) -> Response:
    """GET `url` safely, following up to MAX_REDIRECTS redirects, each hop checked.

    Raises FetchError (permanent: the message says why) or FetchUnavailable (transient).
    A 304 answer is returned as is, with an empty body (for conditional feed polls).
    """
    deadline = time.monotonic() + 3 * settings.FETCH_TIMEOUT_SECONDS
    headers = {"Accept": ", ".join(accept), **(headers or {})}
    for _hop in range(MAX_REDIRECTS + 1):
        pool, raw = _request(url, headers)
        try:
            if raw.status in (301, 302, 303, 307, 308):
                location = raw.headers.get("Location")
                if not location:
                    raise FetchError(REDIRECT_WITHOUT_LOCATION)
                url = urljoin(url, location)
                continue
            return _response(url, raw, accept, deadline)
        except urllib3.exceptions.TimeoutError as exc:
            seconds = settings.FETCH_TIMEOUT_SECONDS
            raise FetchUnavailable(TIMED_OUT.format(seconds=seconds)) from exc
        except urllib3.exceptions.HTTPError as exc:
            raise FetchUnavailable(CONNECTION_FAILED.format(host=url, reason=exc)) from exc
        finally:
            raw.release_conn()
            pool.close()
    raise FetchError(TOO_MANY_REDIRECTS)


def _response(
    url: str, raw: urllib3.BaseHTTPResponse, accept: tuple[str, ...], deadline: float
) -> Response:
    headers = {k.lower(): v for k, v in raw.headers.items()}
    if raw.status == 304:
        return Response(url, 304, "", b"", None, headers)
    if raw.status >= 400:
        error = FetchUnavailable if raw.status in RETRY_STATUSES else FetchError
        raise error(HTTP_ERROR.format(status=raw.status))
    media, charset = _media_type(raw.headers.get("Content-Type", ""))
    if media not in accept:
        raise FetchError(BAD_CONTENT_TYPE.format(content_type=media or "(none)"))
    body = _read_capped(raw, deadline)
    if body.startswith(BINARY_MAGIC) or b"\x00" in body[:8192]:
        raise FetchError(BINARY_BODY)
    return Response(url, raw.status, media, body, charset, headers)


def decode(body: bytes, charset: str | None) -> str:
    """Text of a body: the declared charset, else a detected one; FetchError if binary."""
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is None:
        raise FetchError(UNDECODABLE)
    return str(best)


@dataclass(frozen=True)
class Page:
    url: str
    text: str
    title: str
    published: str | None
    outlet: str
    language: str


def fetch_page(url: str) -> Page:
    """Fetch an article page: its main text and metadata (title, date, outlet, language)."""
    from .html import main_text  # trafilatura: imported where it is needed

    response = fetch(url)
    body = decode(response.body, response.charset)
    if response.content_type == "text/plain":
        page = Page(response.url, body.strip(), "", None, urlsplit(response.url).hostname or "", "")
    else:
        main = main_text(body, response.url)
        page = Page(
            url=response.url,
            text=main.text.strip(),
            title=main.title or "",
            published=main.published,
            outlet=main.outlet or "",
            language=main.language or "",
        )
    if not page.text:
        raise FetchError(EMPTY_TEXT)
    return page
