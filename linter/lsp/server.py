"""The pygls (2.x) wiring of `glowlint server`: features, capabilities, stdio.

The buffer is sent whole on each change (full text synchronisation): pygls's
incremental edits count lines with `str.splitlines`, which also breaks at
U+2028 and form feeds, where the editor's line goes on; a whole 5 kB page per
keystroke costs less than a millisecond to send. Everything the server does
is in `handlers`; here the protocol's objects become plain JSON and back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.exceptions import FeatureRequestError
from pygls.lsp.server import LanguageServer

from .. import __version__
from .actions import FIX_ALL
from .handlers import Handlers, Settings
from .projects import one_line

WATCHED = ("**/.glowlint.yaml", "**/.glowlint.yml", "**/pyproject.toml", "**/*.yaml",
           "**/*.yml")


class Connection:
    """The `handlers.Client` of a running server: what the handlers send, through pygls."""

    def __init__(self, server: LanguageServer) -> None:
        self.server = server
        self.converter = get_converter()

    @property
    def codec(self) -> Any:
        return self.server.workspace.position_codec

    def publish(self, uri: str, version: int | None, diagnostics: list[dict[str, Any]]) -> None:
        diags = [self.converter.structure(d, types.Diagnostic) for d in diagnostics]
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=version))

    def show(self, kind: int, message: str) -> None:
        self.server.window_show_message(
            types.ShowMessageParams(type=types.MessageType(kind), message=message))

    def log(self, message: str) -> None:
        self.server.window_log_message(
            types.LogMessageParams(type=types.MessageType.Log, message=message))

    def later(self, delay: float, callback: Callable[[], None]) -> asyncio.TimerHandle:
        return asyncio.get_running_loop().call_later(delay, callback)


class Server(LanguageServer):
    """pygls's server, with errors outside a request logged in one line.

    pygls pops up "Error in server: ..." (window/showMessage) for each message
    it cannot read and each failing notification; the writer can do nothing
    about a message their editor sent, so it goes to the log
    (window/logMessage), where a bug report can quote it. A request's error
    is already its response.
    """

    def report_server_error(self, error: Exception, source: Any) -> None:
        if source is FeatureRequestError:
            return
        self.window_log_message(types.LogMessageParams(
            type=types.MessageType.Error,
            message=f"glowlint: a message from the editor was not handled: "
                    f"{type(error).__name__}: {one_line(error)}"))


def _settings(options: Any, settings: Settings) -> None:
    """``initializationOptions``: ``debounce`` (milliseconds), ``ruleDocs`` (URL template)."""
    if not isinstance(options, dict):
        return
    debounce = options.get("debounce")
    if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) \
            and 0 <= debounce <= 10_000:
        settings.debounce = debounce / 1000
    docs = options.get("ruleDocs")
    if isinstance(docs, str) and docs:
        settings.rule_docs = docs


def create_server(settings: Settings) -> LanguageServer:
    """A language server whose features call a new `Handlers`."""
    server = Server("glowlint", __version__,
                    text_document_sync_kind=types.TextDocumentSyncKind.Full)
    connection = Connection(server)
    handlers = Handlers(connection, settings)
    _lifecycle(server, connection, settings)
    _text_sync(server, handlers)
    _requests(server, handlers, connection.converter)
    return server


def _lifecycle(server: LanguageServer, connection: Connection, settings: Settings) -> None:
    """Read the settings; ask the client to watch configuration and rule files."""

    @server.feature(types.INITIALIZE)
    def initialize(ls: LanguageServer, params: types.InitializeParams) -> None:
        _settings(params.initialization_options, settings)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: LanguageServer, params: types.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watch = caps.did_change_watched_files if caps else None
        if not (watch and watch.dynamic_registration):
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
        registration = types.Registration(id="glowlint-config", method=types.
                                          WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                          register_options=options)
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration]))
        except Exception as e:  # noqa: BLE001 - a client that refuses: saves still reload
            connection.log(f"glowlint: file watching not registered: {e}")


def _text_sync(server: LanguageServer, handlers: Handlers) -> None:
    """Open, change, save, close, and watched files changed."""

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        handlers.open(doc.uri, doc.language_id, doc.version, doc.text)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        uri, changes = params.text_document.uri, params.content_changes
        if changes and isinstance(changes[-1], types.TextDocumentContentChangeWholeDocument):
            text = changes[-1].text
        elif uri in handlers.buffers:  # a client that sent an edit anyway: pygls applied it
            text = ls.workspace.get_text_document(uri).source
        else:
            return
        handlers.change(uri, params.text_document.version, text)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=True))
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        handlers.save(params.text_document.uri, params.text)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        handlers.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: LanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        handlers.files_changed([c.uri for c in params.changes])


def _requests(server: LanguageServer, handlers: Handlers, converter: Any) -> None:
    """Code actions and hover: the protocol's objects to JSON and back."""

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls: LanguageServer, params: types.CodeActionParams
                    ) -> list[types.CodeAction]:
        diags = [converter.unstructure(d) for d in params.context.diagnostics]
        kinds = params.context.only
        only = [k.value if isinstance(k, types.CodeActionKind) else k for k in kinds] \
            if kinds else None
        found = handlers.code_actions(params.text_document.uri, diags, only)
        return [converter.structure(a, types.CodeAction) for a in found]

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
        pos = params.position
        found = handlers.hover(params.text_document.uri, pos.line, pos.character)
        return converter.structure(found, types.Hover) if found else None


def serve(settings: Settings) -> None:
    """Run the server on standard input and output until the client says exit."""
    create_server(settings).start_io()
