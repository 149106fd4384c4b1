"""A live editor server on a free loopback port, for the tests that talk to it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from glowlint import serve
from glowlint.rules import load_rules


def pack_rules(pack: Path) -> serve.Rules:
    """The server's rules: one test pack, without the built-in ones."""
    return serve.Rules([pack], loader=lambda files, profile: load_rules(
        files, profile=profile, builtin=False))


@contextmanager
def running(rules: serve.Rules, timeout: float | None = None) -> Iterator[tuple[str, int]]:
    """(host, port) of a server running in a thread until the block ends."""
    srv = serve.make_server("127.0.0.1", 0, rules)
    if timeout is not None:  # the socket timeout, scaled down for a test
        srv.RequestHandlerClass.timeout = timeout  # type: ignore[attr-defined]
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    host, port = srv.server_address[:2]
    try:
        yield str(host), int(port)
    finally:
        srv.shutdown()
        srv.server_close()
