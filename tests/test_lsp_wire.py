"""`glowlint server` on the wire: malformed messages from an editor (a body that is not
JSON, not JSON-RPC, parameters of the wrong shape, lone surrogates, an unknown method)
are logged in one line each, never popped up, and the server answers what follows."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from typing import IO, Any

from lsp_helpers import SERVER, TIMEOUT


def frames(stream: IO[bytes], out: queue.Queue[Any]) -> None:
    """The server's messages, read from its standard output (None at its end)."""
    while True:
        length = None
        while (line := stream.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        if not line or length is None:
            out.put(None)
            return
        out.put(json.loads(stream.read(length)))


def test_malformed_messages_are_logged_and_the_server_answers_on() -> None:
    server = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    assert server.stdin is not None and server.stdout is not None
    received: queue.Queue[Any] = queue.Queue()
    threading.Thread(target=frames, args=(server.stdout, received), daemon=True).start()

    def raw(body: bytes) -> None:
        assert server.stdin is not None
        server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        server.stdin.flush()

    def send(method: str, params: Any = None, id: int | None = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        if id is not None:
            message["id"] = id
        raw(json.dumps(message).encode())

    def doc(uri: str, text: str) -> dict[str, Any]:
        return {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                 "text": text}}

    try:
        send("initialize", {"processId": None, "rootUri": None, "capabilities": {}}, id=1)
        send("initialized", {})
        raw(b"{oops")
        raw(b"[1, 2]")
        send("textDocument/didOpen", {"textDocument": {"uri": 3}})
        send("textDocument/didChange")
        send("glowlint/nothing", {}, id=2)
        send("textDocument/didOpen", doc("file:///tmp/lone.txt", "\ud800 is painless \udfff"))
        send("textDocument/didOpen", doc("file:///tmp/ok.txt", "It is painless."))
        send("shutdown", id=3)
        send("exit")
        messages = []
        while (message := received.get(timeout=TIMEOUT)) is not None:
            messages.append(message)
        assert server.wait(TIMEOUT) == 0
    finally:
        server.kill()
        server.wait()
    assert [m for m in messages if m.get("method") == "window/showMessage"] == []
    logged = [m["params"]["message"] for m in messages if m.get("method") == "window/logMessage"]
    prefix = "glowlint: a message from the editor was not handled: "
    assert logged == [
        prefix + "JSONDecodeError: Expecting property name enclosed in double quotes: "
                 "line 1 column 2 (char 1)",
        prefix + "AttributeError: 'list' object has no attribute 'jsonrpc'",
        prefix + "JsonRpcInvalidParams: Invalid Params",
        prefix + "JsonRpcInvalidParams: Invalid Params"]
    answers = {m["id"]: m.get("result", m.get("error")) for m in messages if "id" in m}
    assert answers[2] == {"code": -32601, "message": "Method Not Found: glowlint/nothing"}
    assert answers[3] is None  # shutdown
    published = {m["params"]["uri"]: [(d["code"], d["range"]) for d in m["params"]["diagnostics"]]
                 for m in messages if m.get("method") == "textDocument/publishDiagnostics"}
    at = {"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 13}}
    assert published == {  # a lone surrogate is one UTF-16 unit
        "file:///tmp/lone.txt": [("painless", at)],
        "file:///tmp/ok.txt": [("painless", {"start": {"line": 0, "character": 6},
                                             "end": {"line": 0, "character": 14}})]}
