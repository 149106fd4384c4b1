"""Re-lint latency of `glowlint server` after one keystroke, through the protocol.

    python bench/lsp_latency.py                  # 200 keystrokes on a ~5 KB page
    python bench/lsp_latency.py --keystrokes 500 --page some-page.md

Starts the real server (``python -m glowlint server``) as a subprocess, with
the change debounce set to 0 ms (``initializationOptions.debounce``; editors
get 300 ms, which only adds that wait), opens a ~5 KB Markdown page (the
repository's examples/ pages repeated, or ``--page``), then types: each
keystroke is one ``textDocument/didChange`` (full text, one character added
or taken away, alternately), timed until the server's
``textDocument/publishDiagnostics`` for that version arrives. In the same
invocation, the same changes handled in this process (`Handlers.change` and
its lint: what the server runs for each change, the project in force
included) are timed as the baseline, so the protocol's share shows. Prints
the median and 95th percentile of both, in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.workspace import PositionCodec

ROOT = Path(__file__).resolve().parent.parent
PAGE_BYTES = 5 * 1024


def default_page() -> str:
    """About 5 KB of Markdown marketing copy: the example pages, repeated."""
    parts = [(ROOT / "examples" / name).read_text(encoding="utf-8")
             for name in ("blog-microdermabrasion.md", "careful-page.md")]
    text = ""
    while len(text.encode("utf-8")) < PAGE_BYTES:
        text += "\n".join(parts) + "\n"
    return text[:text.rindex("\n", 0, PAGE_BYTES) + 1]  # ASCII copy: bytes = characters


def keystrokes(page: str, n: int) -> list[str]:
    """``n`` texts, each one keystroke from the one before: type "s" in the middle, delete it."""
    at = page.index(" ", len(page) // 2)
    typed = page[:at] + "s" + page[at:]
    return [typed if i % 2 == 0 else page for i in range(n)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def through_protocol(page: str, texts: list[str], path: Path) -> list[float]:
    client = LanguageClient("glowlint-bench", "1")
    arrived: dict[int, float] = {}
    event = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            event.set()

    async def wait(version: int) -> float:
        while version not in arrived:
            event.clear()
            await asyncio.wait_for(event.wait(), 60)
        return arrived[version]

    await client.start_io(sys.executable, "-m", "glowlint", "server")
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), initialization_options={"debounce": 0}))
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                             text=page)))
    await wait(1)  # the first lint loads the rule set
    times: list[float] = []
    for version, text in enumerate(texts, start=2):
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        times.append((await wait(version) - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


class _Client:
    """The server's side of the connection, in process: diagnostics kept, no wire."""

    def __init__(self) -> None:
        self.codec = PositionCodec()  # UTF-16, as through the protocol
        self.published: list[object] = []

    def publish(self, uri: str, version: int | None, diagnostics: list[object]) -> None:
        self.published.append(diagnostics)

    def show(self, kind: int, message: str) -> None:
        pass

    def log(self, message: str) -> None:
        pass

    def later(self, delay: float, callback: object) -> None:
        return None  # the benchmark runs the debounced lint itself


def in_process(texts: list[str], path: Path) -> list[float]:
    """The baseline: what the server does per change (`Handlers`: the project in force,
    the lint, the diagnostics), without the protocol."""
    from glowlint.lsp.handlers import Handlers, Settings

    client = _Client()
    handlers = Handlers(client, Settings(debounce=0))
    uri = path.as_uri()
    handlers.open(uri, "markdown", 1, texts[0])  # loads the rules: not counted
    times: list[float] = []
    for version, text in enumerate(texts, start=2):
        start = time.perf_counter()
        handlers.change(uri, version, text)
        handlers.run(uri)
        times.append((time.perf_counter() - start) * 1000)
    assert len(client.published) == len(texts) + 1
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keystrokes", type=int, default=200)
    parser.add_argument("--page", type=Path, default=None, help="A Markdown page to type in.")
    args = parser.parse_args()
    page = args.page.read_text(encoding="utf-8") if args.page else default_page()
    texts = keystrokes(page, args.keystrokes)
    path = ROOT / "bench" / "page.md"  # never written: the buffer is what is linted
    protocol = asyncio.run(through_protocol(page, texts, path))
    local = in_process(texts, path)
    print(f"page: {len(page.encode('utf-8'))} bytes, {args.keystrokes} keystrokes")
    print("| re-lint after one keystroke | median | p95 |")
    print("| --- | ---: | ---: |")
    for label, values in (("through the protocol (glowlint server)", protocol),
                          ("in process (Handlers: project, lint, diagnostics)", local)):
        print(f"| {label} | {statistics.median(values):.1f} ms "
              f"| {percentile(values, 0.95):.1f} ms |")


if __name__ == "__main__":
    main()
