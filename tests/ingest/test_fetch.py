"""Safe fetching against a real local HTTP server: refusals, limits, content types."""

import time

import pytest

from ingest import fetch
from ingest.fetch import FetchError, FetchUnavailable, fetch_page
from tests.ingest.server import Reply, html_page

ARTICLE = html_page(
    "Germany pledges air defence",
    [
        "Berlin announced on Tuesday that it will send two more IRIS-T systems to Ukraine.",
        "The defence ministry said the systems would arrive before winter.",
    ],
)


@pytest.fixture(autouse=True)
def no_private(settings):
    settings.ALLOW_PRIVATE_FETCH = False
    settings.FETCH_PRIVATE_ALLOWLIST = []


def refused(url: str) -> str:
    with pytest.raises(FetchError) as caught:
        fetch.fetch(url)
    assert not isinstance(caught.value, FetchUnavailable)
    return str(caught.value)


def test_a_page_gives_its_main_text_and_title(allow_server):
    allow_server.routes["/a"] = Reply(body=ARTICLE)
    page = fetch_page(allow_server.url("/a"))
    assert "two more IRIS-T systems" in page.text
    assert "Copyright" not in page.text
    assert page.title == "Germany pledges air defence"
    assert page.url == allow_server.url("/a")


def test_plain_text_is_taken_as_is(allow_server):
    allow_server.routes["/t"] = Reply(body=b"Poland sends tanks.", content_type="text/plain")
    assert fetch_page(allow_server.url("/t")).text == "Poland sends tanks."


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://10.0.0.1/", "10.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]:8080/", "::1"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://192.168.1.1/", "192.168.1.1"),
        ("http://224.0.0.1/", "224.0.0.1"),
        ("http://100.100.100.200/", "100.100.100.200"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
        ("http://localhost/", "127.0.0.1"),
    ],
)
def test_private_and_metadata_addresses_are_refused(url, address):
    message = refused(url)
    assert message.startswith("Refused to fetch")
    assert address in message or "::1" in message


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://example.org/", "ftp://x.org/a"])
def test_other_schemes_are_refused(url):
    scheme = url.split(":")[0]
    assert refused(url) == fetch.BAD_SCHEME.format(scheme=scheme)


def test_a_url_without_host_is_refused():
    assert refused("http:///path") == fetch.NO_HOST


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:1/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/",
    ],
)
def test_a_redirect_to_a_refused_target_is_refused(allow_server, target):
    allow_server.routes["/go"] = Reply(302, headers={"Location": target})
    message = refused(allow_server.url("/go"))
    assert message.startswith("Refused to fetch") or message.startswith("Only http://")
    assert allow_server.hits["/go"] == 1


def test_a_relative_redirect_is_followed_and_checked(allow_server):
    allow_server.routes["/old"] = Reply(301, headers={"Location": "/new"})
    allow_server.routes["/new"] = Reply(body=ARTICLE)
    page = fetch_page(allow_server.url("/old"))
    assert page.url == allow_server.url("/new") and "IRIS-T" in page.text


def test_more_than_five_redirects_are_refused(allow_server):
    for n in range(7):
        allow_server.routes[f"/r{n}"] = Reply(302, headers={"Location": f"/r{n + 1}"})
    assert refused(allow_server.url("/r0")) == fetch.TOO_MANY_REDIRECTS
    assert allow_server.hits["/r5"] == 1 and allow_server.hits["/r6"] == 0


@pytest.mark.parametrize("chunked", [False, True])
def test_a_body_over_the_cap_is_refused_while_streaming(allow_server, settings, chunked):
    settings.FETCH_MAX_BYTES = 100_000
    allow_server.routes["/big"] = Reply(body=b"<p>war</p>" * 20_000, chunked=chunked)
    assert refused(allow_server.url("/big")) == fetch.TOO_LARGE.format(limit=100_000)


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        (
            "application/pdf",
            b"%PDF-1.7 ...",
            fetch.BAD_CONTENT_TYPE.format(content_type="application/pdf"),
        ),
        (
            "application/octet-stream",
            bytes(range(256)),
            fetch.BAD_CONTENT_TYPE.format(content_type="application/octet-stream"),
        ),
        ("image/png", b"\x89PNG....", fetch.BAD_CONTENT_TYPE.format(content_type="image/png")),
        ("text/html", b"%PDF-1.7 mislabelled", fetch.BINARY_BODY),
        ("text/html", b"<p>a\x00b</p>", fetch.BINARY_BODY),
    ],
)
def test_binary_and_other_content_is_refused(allow_server, content_type, body, message):
    allow_server.routes["/f"] = Reply(body=body, content_type=content_type)
    assert refused(allow_server.url("/f")) == message


def test_a_server_error_is_a_clear_permanent_error(allow_server):
    allow_server.routes["/e"] = Reply(500, b"boom", "text/plain")
    assert refused(allow_server.url("/e")) == fetch.HTTP_ERROR.format(status=500)


def test_an_unavailable_server_is_transient(allow_server):
    allow_server.routes["/busy"] = Reply(503, b"later", "text/plain")
    with pytest.raises(FetchUnavailable, match="HTTP 503"):
        fetch.fetch(allow_server.url("/busy"))


def test_a_slow_server_times_out(allow_server, settings):
    settings.FETCH_TIMEOUT_SECONDS = 0.3
    allow_server.routes["/slow"] = Reply(body=ARTICLE, delay=5)
    with pytest.raises(FetchUnavailable) as caught:
        fetch.fetch(allow_server.url("/slow"))
    assert str(caught.value) == fetch.TIMED_OUT.format(seconds=0.3)


def test_a_server_trickling_its_body_meets_the_overall_deadline(allow_server, settings):
    settings.FETCH_TIMEOUT_SECONDS = 0.2
    allow_server.routes["/drip"] = Reply(body=b"<p>" + b"x" * 200 + b"</p>", trickle=0.05)
    started = time.monotonic()
    with pytest.raises(FetchUnavailable, match="did not answer in time"):
        fetch.fetch(allow_server.url("/drip"))
    assert time.monotonic() - started < 3


def test_connection_refused_is_transient(settings):
    settings.ALLOW_PRIVATE_FETCH = True
    with pytest.raises(FetchUnavailable, match="Could not connect"):
        fetch.fetch("http://127.0.0.1:1/")


def test_an_unknown_host_is_a_clear_error():
    assert refused("http://no-such-host.invalid/") == fetch.DNS_FAILED.format(
        host="no-such-host.invalid"
    )


def test_the_connection_goes_to_the_checked_address(allow_server):
    allow_server.routes["/h"] = Reply(body=ARTICLE)
    fetch.fetch(allow_server.url("/h"))
    assert allow_server.requests[-1]["host"] == f"127.0.0.1:{allow_server.port}"


def test_a_page_without_text_is_an_error(allow_server):
    allow_server.routes["/empty"] = Reply(body=b"<html><body></body></html>")
    with pytest.raises(FetchError) as caught:
        fetch_page(allow_server.url("/empty"))
    assert str(caught.value) == fetch.EMPTY_TEXT


def test_a_latin1_page_is_decoded(allow_server):
    text = "La France livre des canons César à l'Ukraine."
    body = f"<html><body><article><p>{text}</p></article></body></html>"
    allow_server.routes["/fr"] = Reply(
        body=body.encode("latin-1"), content_type="text/html; charset=iso-8859-1"
    )
    assert "César" in fetch_page(allow_server.url("/fr")).text
