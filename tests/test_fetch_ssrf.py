"""SSRF, complete (issue 16 §4): refused before connecting, in every spelling, on every hop.

A counting server on 127.0.0.1 proves "0 connections" for each refused form. Private and
metadata addresses that are not loopback are only ever served inside a private network
namespace (``unshare -n``), so a failing guard cannot reach the real network from this test.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localhttp import LocalServer, drip
from presslens.errors import FetchError, ForbiddenAddressError
from presslens.ingest import ssrf
from presslens.ingest.fetch import fetch_url
from presslens.ingest.ssrf import check_url, forbidden_reason, parse_numeric_host
from presslens.settings import Settings

BODY = (200, {"Content-Type": "text/html"}, b"<p>local page</p>")
FAST = Settings(fetch_timeout=4, fetch_retries=0)


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    s = LocalServer({"/": BODY, "/p": BODY}).start()
    yield s
    s.stop()


def loopback_forms(port: int) -> list[str]:
    """Spellings of 127.0.0.1 (and of the local host) that resolvers and browsers accept."""
    hosts = [
        "127.0.0.1",
        "localhost",
        "LOCALHOST",
        "LocalHost.",
        "127.0.0.1.",
        "2130706433",  # decimal
        "0x7f000001",  # hex
        "0x7f.1",  # hex, short
        "0x7F.0x0.0x0.0x1",
        "127.1",  # short
        "127.0.1",
        "0177.0.0.1",  # octal
        "017700000001",  # octal, one number
        "127.000.000.001",
        "[::ffff:127.0.0.1]",  # IPv4-mapped IPv6
        "[::ffff:7f00:1]",
        "[0:0:0:0:0:ffff:127.0.0.1]",
        "[::1]",
        "0.0.0.0",  # connects to the local host on Linux
        "0",
        "[::]",
        "a@127.0.0.1",  # userinfo
        "user:pass@localhost",
        "[64:ff9b::7f00:1]",  # NAT64 of 127.0.0.1
        "[::ffff:0:127.0.0.1]",  # IPv4-translated
        "[::127.0.0.1]",  # IPv4-compatible (deprecated)
        "[2002:7f00:1::]",  # 6to4 of 127.0.0.1
    ]
    forms = [f"http://{h}:{port}/p" for h in hosts]
    forms += [f"HTTP://127.0.0.1:{port}/p", f"hTTps://LOCALHOST:{port}/p"]
    return forms


def test_refused_forms_make_no_connection(server: LocalServer) -> None:
    forms = loopback_forms(server.port)
    assert len(forms) >= 18
    for url in forms:
        start = time.monotonic()
        with pytest.raises(ForbiddenAddressError) as info:
            fetch_url(url, FAST)
        line = str(info.value)
        assert time.monotonic() - start < 5, url
        assert "\n" not in line and "[E007]" in line and url in line, line
    assert server.connections == 0 and sum(server.hits.values()) == 0


def test_allow_private_is_the_only_way_in(server: LocalServer) -> None:
    allowed = FAST.with_overrides(allow_private=True)
    reached = 0
    for url in loopback_forms(server.port):
        mapped = ("[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]")
        if "[" in url and not any(form in url for form in mapped):
            continue  # other IPv6 forms do not lead to the IPv4-only server even when allowed
        if "https" in url.lower():
            continue  # the test server speaks plain HTTP
        page = fetch_url(url, allowed)
        assert page.data == BODY[2], url
        reached += 1
    assert reached >= 18 and server.connections == reached


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
        "gopher://127.0.0.1:70/_x",
        "data:text/html,<p>x</p>",
        "javascript:alert(1)",
        "dict://127.0.0.1:11211/stat",
        "//127.0.0.1/x",
        "127.0.0.1/x",
    ],
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(ForbiddenAddressError, match="only http and https"):
        fetch_url(url, FAST.with_overrides(allow_private=True))


def test_metadata_refused_by_name_and_address_even_with_allow_private(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_lookup(*args: object, **kwargs: object) -> None:
        raise AssertionError("a metadata name must be refused before any DNS lookup")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    settings = FAST.with_overrides(allow_private=True)
    for url in (
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://METADATA.google.internal./x",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://2852039166/latest/",  # 169.254.169.254 in decimal
        "http://[::ffff:169.254.169.254]/",
        "http://100.100.100.200/latest/",
    ):
        with pytest.raises(ForbiddenAddressError, match="metadata"):
            fetch_url(url, settings)


def test_numeric_parser_matches_inet_aton() -> None:
    for spelling in ("127.1", "0x7f.1", "2130706433", "0177.0.0.1", "127.0.1", "0x7f000001"):
        assert str(parse_numeric_host(spelling)) == socket.inet_ntoa(socket.inet_aton(spelling))
    for name in ("example.com", "1.2.3.4.5", "0x", "256.1.1.1.", "08.0.0.1"):
        assert parse_numeric_host(name) is None or name == "0x"


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("10.1.2.3", "private"),
        ("172.31.0.1", "private"),
        ("192.168.0.1", "private"),
        ("169.254.1.1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("fe80::1", "link-local"),
        ("fc00::1", "unique-local"),
        ("ff02::1", "multicast"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("::ffff:0:7f00:1", "not IPv6 global unicast"),  # IPv4-translated 127.0.0.1
        ("::7f00:1", "not IPv6 global unicast"),  # IPv4-compatible 127.0.0.1
        ("100::1", "not IPv6 global unicast"),  # discard-only
    ],
)
def test_forbidden_ranges(address: str, why: str) -> None:
    import ipaddress

    reason = forbidden_reason(ipaddress.ip_address(address), allow_private=False)
    assert reason and why in reason
    assert forbidden_reason(ipaddress.ip_address("93.184.216.34"), allow_private=False) is None


def test_every_resolved_address_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    def two_answers(host: str, *args: object, **kwargs: object) -> list:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", two_answers)
    with pytest.raises(ForbiddenAddressError, match="127.0.0.1"):
        check_url("http://news.test/", allow_private=False)


def test_one_lookup_and_the_connection_goes_to_the_checked_address(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rebinding DNS: first answer 127.0.0.1, every later answer 10.9.9.9. The fetch must
    # connect to what was checked, with no second lookup for the name.
    calls: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host: str, *args: object, **kwargs: object) -> list:
        if host != "rebind.test":
            return real(host, *args, **kwargs)  # type: ignore[arg-type]
        calls.append(host)
        ip = "127.0.0.1" if len(calls) == 1 else "10.9.9.9"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, server.port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    page = fetch_url(f"http://rebind.test:{server.port}/p", FAST.with_overrides(allow_private=True))
    assert page.data == BODY[2] and calls == ["rebind.test"] and server.connections == 1


def test_redirect_to_forbidden_address_is_refused_at_the_hop(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []
    real_connect = socket.create_connection

    def loopback_only(address: tuple, *args: object, **kwargs: object) -> socket.socket:
        attempts.append(address[0])
        if address[0] != "127.0.0.1":  # never touch the real network, even if the guard fails
            raise OSError("test: only 127.0.0.1 may be connected to")
        return real_connect(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", loopback_only)
    server.routes["/to-metadata"] = (302, {"Location": "http://169.254.169.254/latest/"}, b"")
    server.routes["/to-private"] = (302, {"Location": "http://10.1.2.3/admin"}, b"")
    with pytest.raises(ForbiddenAddressError, match="169.254.169.254"):
        fetch_url(server.url + "/to-metadata", FAST.with_overrides(allow_private=True))
    # Treat exactly 127.0.0.1 as public for this test, so the hop to 10.x is the one judged.
    real_reason = ssrf.forbidden_reason
    monkeypatch.setattr(
        ssrf,
        "forbidden_reason",
        lambda ip, allow: None if str(ip) == "127.0.0.1" else real_reason(ip, allow),
    )
    with pytest.raises(ForbiddenAddressError, match="10.1.2.3"):
        fetch_url(server.url + "/to-private", FAST)
    assert attempts == ["127.0.0.1", "127.0.0.1"]  # only the first hops connected


@pytest.mark.parametrize("in_headers", [False, True])
def test_slow_drip_cannot_hold_a_worker(server: LocalServer, in_headers: bool) -> None:
    server.routes["/drip"] = drip(0.2, 200, in_headers=in_headers)
    settings = Settings(allow_private=True, fetch_timeout=1.5, fetch_retries=3)
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(server.url + "/drip", settings)
    assert time.monotonic() - start < 1.5 + 1.0
    assert server.hits["/drip"] == 1  # a dripping server is not retried


NETNS_SCRIPT = textwrap.dedent(
    """
    import json, subprocess, sys, time
    from localhttp import LocalServer
    from presslens.errors import PressLensError
    from presslens.ingest.fetch import fetch_url
    from presslens.settings import Settings

    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    v4 = ["10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254",
          "169.254.1.1", "100.100.100.200", "198.18.0.1", "93.184.216.34"]
    for a in v4:
        subprocess.run(["ip", "addr", "add", a + "/32", "dev", "lo"], check=True)
    v6 = ["fd00:ec2::254", "fd12::1"]
    for a in v6:
        subprocess.run(["ip", "-6", "addr", "add", a + "/128", "dev", "lo", "nodad"], check=True)
    servers = {a: LocalServer({"/": (200, {}, b"<p>x</p>")}, host=a).start() for a in v4 + v6}
    public = servers["93.184.216.34"]
    public.routes["/redir"] = (302, {"Location": servers["10.0.0.1"].url + "/"}, b"")
    fast = Settings(fetch_timeout=3, fetch_retries=0)
    out = {"refused": {}, "reached": {}}
    for a, s in servers.items():
        if a == "93.184.216.34":
            continue
        start = time.monotonic()
        try:
            fetch_url(s.url + "/", fast)
            out["refused"][a] = ["FETCHED", 0]
        except PressLensError as e:
            out["refused"][a] = [str(e), time.monotonic() - start]
    try:
        fetch_url(public.url + "/redir", fast)
        out["redirect"] = "FETCHED"
    except PressLensError as e:
        out["redirect"] = str(e)
    out["before_allow"] = {a: s.connections for a, s in servers.items()}
    allow = fast.__class__(fetch_timeout=3, fetch_retries=0, allow_private=True)
    for a in ("10.0.0.1", "100.64.0.1", "fd12::1"):
        try:
            fetch_url(servers[a].url + "/", allow)
            out["reached"][a] = servers[a].connections
        except PressLensError as e:
            out["reached"][a] = str(e)
    print(json.dumps(out))
    """
)


def test_private_and_metadata_addresses_in_a_network_namespace(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if not unshare or not shutil.which("ip"):
        pytest.skip("unshare or ip not available")
    probe = subprocess.run(
        [unshare, "-n", "ip", "addr", "add", "10.0.0.1/32", "dev", "lo"], capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip("network namespaces are not permitted here")
    script = tmp_path / "netns_probe.py"
    script.write_text(NETNS_SCRIPT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent))
    done = subprocess.run(
        [unshare, "-n", sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(out["refused"]) == 10
    for address, (line, seconds) in out["refused"].items():
        assert "[E007]" in line and address in line and seconds < 5, (address, line)
    assert "[E007]" in out["redirect"] and "10.0.0.1" in out["redirect"]
    assert all(n == 0 for a, n in out["before_allow"].items() if a != "93.184.216.34")
    assert out["before_allow"]["93.184.216.34"] == 1  # the public hop was fetched, not the next
    assert out["reached"] == {"10.0.0.1": 1, "100.64.0.1": 1, "fd12::1": 1}


def test_https_to_the_pinned_address_keeps_the_name_for_sni_host_and_certificate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssl

    from presslens.ingest import transport

    if not shutil.which("openssl"):
        pytest.skip("openssl not available to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = LocalServer({"/p": BODY}, tls=(str(cert), str(key))).start()
    real = socket.getaddrinfo

    def names(host: str, *args: object, **kwargs: object) -> list:
        if host in ("news.test", "other.test"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", server.port))]
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", names)
    monkeypatch.setattr(
        transport, "_ssl_context", lambda: ssl.create_default_context(cafile=str(cert))
    )
    settings = FAST.with_overrides(allow_private=True)
    try:
        page = fetch_url(f"https://news.test:{server.port}/p", settings)
        assert page.data == BODY[2]
        assert server.sni == ["news.test"] and server.hosts == [f"news.test:{server.port}"]
        with pytest.raises(FetchError, match="cannot fetch"):  # certificate is for news.test
            fetch_url(f"https://other.test:{server.port}/p", settings)
    finally:
        server.stop()


def test_every_checked_address_is_tried_in_order(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Like `localhost` (::1, then 127.0.0.1) with a server on IPv4 only.
    real = socket.getaddrinfo

    def two(host: str, *args: object, **kwargs: object) -> list:
        if host != "dual.test":  # the connect's own lookup of a literal address
            return real(host, *args, **kwargs)  # type: ignore[arg-type]
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", server.port, 0, 0)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", server.port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", two)
    page = fetch_url(f"http://dual.test:{server.port}/p", FAST.with_overrides(allow_private=True))
    assert page.data == BODY[2] and server.connections == 1


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)))
def test_every_allowed_address_is_globally_routable(ip) -> None:  # type: ignore[no-untyped-def]
    if forbidden_reason(ip, allow_private=False) is None:
        assert ip.is_global
        inner = ssrf.embedded_ipv4(ip)
        assert inner is None or inner.is_global


@settings(max_examples=2000, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(["dec", "hex", "oct", "short"]))
def test_numeric_spellings_agree_with_inet_aton(number: int, style: str) -> None:
    a, b, c, d = number.to_bytes(4, "big")
    spelled = {
        "dec": str(number),
        "hex": hex(number),
        "oct": "0" + oct(number)[2:],
        "short": f"{a}.{(b << 16) | (c << 8) | d}",
    }[style]
    assert str(parse_numeric_host(spelled)) == socket.inet_ntoa(socket.inet_aton(spelled))
