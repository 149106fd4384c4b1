"""Helpers of the language server's end-to-end tests: a client that records what the
server asks of it, waiting for diagnostics, and applying edits as an editor does."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "glowlint", "server"]
TIMEOUT = 30.0  # seconds; the first lint of a session loads the rule set
_BREAK = re.compile(r"\r\n|\r|\n")


def recording_client() -> LanguageClient:
    """The test client, keeping every diagnostics notification in order (``published``)
    and answering client/registerCapability (``registrations``)."""
    client = LanguageClient(converter_factory=default_converter)
    client.registrations = []  # type: ignore[attr-defined]
    client.published = []  # type: ignore[attr-defined]

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)  # type: ignore[attr-defined]

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES,
                                   types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


def initialize_params(root: str, debounce: int = 300) -> types.InitializeParams:
    return types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=root,
        initialization_options={"debounce": debounce},
    )


async def publish_for(client: LanguageClient, uri: str, send: Any = None
                      ) -> types.PublishDiagnosticsParams:
    """Send (``send()``), then wait for the next diagnostics of ``uri``."""
    published: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]
    seen = len(published)
    if send is not None:
        send()
    loop = asyncio.get_running_loop()
    end = loop.time() + TIMEOUT
    while loop.time() < end:
        for params in published[seen:]:
            if params.uri == uri:
                return params
        seen = len(published)
        await asyncio.sleep(0.005)
    raise TimeoutError(f"no diagnostics for {uri} within {TIMEOUT} s")


async def open_doc(client: LanguageClient, uri: str, text: str, language: str,
                   version: int = 1) -> types.PublishDiagnosticsParams:
    item = types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
    return await publish_for(client, uri, lambda: client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=item)))


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def close(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))


def span(d: types.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def offset(text: str, pos: types.Position) -> int:
    """The code-point offset of a UTF-16 position (written apart from the server's own)."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    at = starts[pos.line]
    units = 0
    while units < pos.character:
        units += 2 if ord(text[at]) > 0xFFFF else 1
        at += 1
    return at


def apply(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    """The text after a workspace edit, as an editor applies it (edits back to front)."""
    assert edit.changes is not None and set(edit.changes) == {uri}
    spans = sorted(((offset(text, e.range.start), offset(text, e.range.end), e.new_text)
                    for e in edit.changes[uri]), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


async def code_actions(client: LanguageClient, uri: str, diags: list[types.Diagnostic],
                       only: list[str] | None = None) -> list[types.CodeAction]:
    rng = diags[0].range if diags else types.Range(start=types.Position(line=0, character=0),
                                                   end=types.Position(line=0, character=0))
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
        context=types.CodeActionContext(diagnostics=diags, only=only)))
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


# a one-rule house pack; "{word}" is the phrase it flags
HOUSE = """pack: house
rules:
  - id: house-word
    kind: claim
    category: superlative
    severity: warning
    message: Not our house style.
    suggestion: say what it does
    basis: House style guide
    sources:
      - ref: house style guide
        fact: '"{word}" oversells'
    phrases: ["{word}"]
    examples:
      flag: ["It is {word}."]
      pass: ["It is calm."]
"""


def folder(workspace: Path, name: str) -> Path:
    """A new project folder in the test workspace."""
    path = workspace / name
    path.mkdir()
    return path
