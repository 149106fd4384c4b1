"""Issue 20, item 18: `glowlint serve` answers every request, bad ones with a 400, keeps
serving while clients misbehave, and makes no DNS query; and the fuzz test of its
requests."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from serve_helpers import pack_rules, running

from glowlint import serve

PACK = Path(__file__).parent / "data" / "report-rules.yaml"


def _rules() -> serve.Rules:
    return pack_rules(PACK)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    with running(_rules(), timeout=1.0) as address:
        yield address


def post(server: tuple[str, int], body: bytes) -> tuple[int, object]:
    conn = http.client.HTTPConnection(*server, timeout=10)
    try:
        conn.request("POST", "/api/lint", body=body,
                     headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read().decode("utf-8"))
    finally:
        conn.close()


def healthy(server: tuple[str, int]) -> bool:
    conn = http.client.HTTPConnection(*server, timeout=5)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status == 200
    finally:
        conn.close()


@pytest.mark.parametrize(("body", "message"), [
    (b"[" * 100_000 + b"]" * 100_000, "the body must be JSON: nested too deeply"),
    (b'{"text": "x", "n": ' + b"9" * 5000 + b"}",
     "the body must be JSON: a number too long to read"),
    (b'{"text": "x", "format": []}', "'profile' and 'format' must be strings"),
    (b'{"text": "x", "profile": {"a": 1}}', "'profile' and 'format' must be strings"),
], ids=["deep", "long-int", "unhashable-format", "unhashable-profile"])
def test_bad_json_is_a_400(server: tuple[str, int], body: bytes, message: str) -> None:
    assert post(server, body) == (400, {"error": message})


def test_a_lone_surrogate_is_read_as_a_replacement_character(server: tuple[str, int]) -> None:
    status, data = post(server, b'{"text": "\\ud800 It is painless."}')
    assert status == 200
    assert isinstance(data, dict)
    (finding,) = data["findings"]
    assert (finding["match"], finding["column"]) == ("painless", 9)  # offsets unchanged


def test_a_lying_content_length_does_not_hold_the_server(server: tuple[str, int]) -> None:
    liars = []
    for _ in range(serve.MAX_THREADS + 8):  # more than there are threads
        s = socket.create_connection(server, timeout=10)
        s.sendall(b"POST /api/lint HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
        liars.append(s)
    try:
        start = time.monotonic()
        assert healthy(server)  # once the liars' time is up, at most
        assert time.monotonic() - start < 8
        for s in liars:  # each was dropped by the server
            s.settimeout(10)
            assert s.recv(1) in (b"", b"H")
    finally:
        for s in liars:
            s.close()


def test_the_listen_queue_and_the_thread_bound(server: tuple[str, int]) -> None:
    srv = serve.make_server("127.0.0.1", 0, _rules())
    try:
        assert srv.request_queue_size >= 128
        assert srv.slots._value == serve.MAX_THREADS  # type: ignore[attr-defined]
    finally:
        srv.server_close()
    answers: list[bool] = []
    threads = [threading.Thread(target=lambda: answers.append(healthy(server)))
               for _ in range(150)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert answers.count(True) == 150


def test_any_loopback_address_keeps_the_host_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object) -> str:
        raise AssertionError("a DNS query at start-up")

    monkeypatch.setattr(socket, "getfqdn", no_dns)
    try:
        srv = serve.make_server("127.0.0.2", 0, _rules())
    except OSError:
        pytest.skip("127.0.0.2 is not usable here")
    try:
        assert srv.RequestHandlerClass.allowed_hosts is not None  # type: ignore[attr-defined]
        assert "127.0.0.2" in srv.RequestHandlerClass.allowed_hosts  # type: ignore[attr-defined]
    finally:
        srv.server_close()
    assert serve.is_loopback("127.0.0.2") and serve.is_loopback("::1")
    assert not serve.is_loopback("0.0.0.0") and not serve.is_loopback("192.168.1.2")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "profile", "format", "x"]), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(
    JSON.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"text": st.text(max_size=40), "profile": JSON, "format": JSON})
    .map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=40)))
def test_fuzzed_requests_are_answered(server: tuple[str, int], body: bytes) -> None:
    status, data = post(server, body)
    assert status in (200, 400), (body, status, data)
    assert isinstance(data, dict) and (status == 200) == ("findings" in data)
