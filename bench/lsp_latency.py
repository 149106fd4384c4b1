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
invocation, the lint of the same texts in this process (`lint_buffer`, what
the server runs for each change) is timed as the baseline, so the protocol's
share shows. Prints the median and 95th percentile of both, in milliseconds.
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


def in_process(texts: list[str], path: Path) -> list[float]:
    """The baseline: what the server does per change, without the protocol."""
    from glowlint.lsp.buffer import Lines, lint_buffer
    from glowlint.lsp.diagnostics import diagnostic
    from glowlint.lsp.projects import load_project

    project = load_project(None, path.parent)
    codec = PositionCodec()
    times: list[float] = []
    for text in [texts[0], *texts]:  # the first (loading the rules) is not counted
        start = time.perf_counter()
        linted = lint_buffer(text, str(path), "md", project)
        lines = Lines(text, codec)
        [diagnostic(f, lines, "md", str(path), project) for f in linted.findings]
        times.append((time.perf_counter() - start) * 1000)
    return times[1:]


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
                          ("in process (lint_buffer + diagnostics)", local)):
        print(f"| {label} | {statistics.median(values):.1f} ms "
              f"| {percentile(values, 0.95):.1f} ms |")


if __name__ == "__main__":
    main()
