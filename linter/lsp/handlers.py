"""What the server does on each notification and request, apart from the transport.

Every handler is guarded: whatever the input (a position past the end, a
range backwards, a diagnostic whose ``data`` is not ours, a binary buffer),
the handler answers or does nothing and logs one line; it never raises, so
the server never dies. The lint runs on the buffer text the client sent, on
open and save at once and on change after ``debounce`` seconds of quiet (a
keystroke within them starts the wait again).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from ..model import Finding
from . import actions
from .buffer import MAX_BUFFER, Lines, Linted, buffer_format, lint_buffer
from .diagnostics import diagnostic
from .projects import Project, Projects, one_line

ERROR, WARNING, INFO = 1, 2, 3  # MessageType
DEBOUNCE = 0.3  # seconds of quiet after a change before the lint
SILENT = ("not a format glowlint reads", "excluded by the configuration")
T = TypeVar("T")


class Client(Protocol):
    """What the handlers need of the connection (`server.Connection`, or a test's fake)."""

    @property
    def codec(self) -> Any:
        """The pygls `PositionCodec` of the encoding agreed with the client."""

    def publish(self, uri: str, version: int | None, diagnostics: list[dict[str, Any]]
                ) -> None: ...

    def show(self, kind: int, message: str) -> None: ...

    def log(self, message: str) -> None: ...

    def later(self, delay: float, callback: Callable[[], None]) -> Any: ...


@dataclass
class Settings:
    """The editor's settings for the language server."""

    debounce: float = DEBOUNCE
    max_size: int = MAX_BUFFER
    rule_docs: str | None = None  # a URL template with {rule}, else the rule pack's file


@dataclass(eq=False)
class Buffer:
    """An open document as last sent by the client, and its last lint."""

    uri: str
    path: str
    language_id: str | None
    version: int | None
    text: str
    linted: Linted | None = None
    project: Project | None = None
    skipped: str | None = None
    lint_path: str = ""  # the path the lint gives findings (untitled: with the language's suffix)
    timer: Any = field(default=None, repr=False)


def path_of(uri: str) -> tuple[str, bool]:
    """The file system path of a ``file:`` URI (True), else a name for the buffer (False)."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return url2pathname(parsed.path), True  # it decodes %XX itself
    name = unquote(parsed.path).rstrip("/").rsplit("/", 1)[-1]
    return name or "untitled", False


def guarded(default: Any) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A handler that logs its failure in one line and returns ``default``, never raising."""

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def run(self: Handlers, *args: Any, **kwargs: Any) -> T:
            try:
                return fn(self, *args, **kwargs)
            except Exception as e:  # noqa: BLE001 - a language server must outlive any input
                try:
                    self.client.log(f"glowlint: {fn.__name__} failed: {type(e).__name__}: "
                                    f"{one_line(e)}")
                except Exception:  # noqa: BLE001, S110 - the connection itself is gone
                    pass
                return copy.copy(default)  # never the shared default itself
        return run
    return wrap


class Handlers:
    """The server's state: the open buffers and the projects their configurations make."""

    def __init__(self, client: Client, settings: Settings | None = None,
                 projects: Projects | None = None) -> None:
        self.client = client
        self.settings = settings or Settings()
        self.buffers: dict[str, Buffer] = {}
        self.projects = projects or Projects(lambda message: client.show(ERROR, message))

    # -- text synchronisation -------------------------------------------------

    @guarded(None)
    def open(self, uri: str, language_id: str | None, version: int | None, text: str) -> None:
        path, _ = path_of(uri)
        self.buffers[uri] = buf = Buffer(uri, path, language_id, version, text)
        self._lint(buf)

    @guarded(None)
    def change(self, uri: str, version: int | None, text: str) -> None:
        buf = self.buffers.get(uri)
        if buf is None:
            self.open(uri, None, version, text)
            return
        buf.version, buf.text = version, text
        self._cancel(buf)
        buf.timer = self.client.later(self.settings.debounce, lambda: self.run(uri))

    @guarded(None)
    def save(self, uri: str, text: str | None) -> None:
        path, is_file = path_of(uri)
        if is_file and self.projects.is_watched(Path(path)):
            self.reload()
        buf = self.buffers.get(uri)
        if buf is not None:
            if text is not None:
                buf.text = text
            self._cancel(buf)
            self._lint(buf)

    @guarded(None)
    def close(self, uri: str) -> None:
        buf = self.buffers.pop(uri, None)
        if buf is not None:
            self._cancel(buf)
        self.client.publish(uri, None, [])

    @guarded(None)
    def files_changed(self, uris: Sequence[str]) -> None:
        """A configuration or rule file changed on disk: load again, lint every buffer again.

        Other files the editor watches for us (any YAML) change nothing.
        """
        for uri in uris:
            path, is_file = path_of(uri)
            if is_file and self.projects.is_watched(Path(path)):
                self.reload()
                return

    @guarded(None)
    def run(self, uri: str) -> None:
        """The debounced lint of a changed buffer."""
        buf = self.buffers.get(uri)
        if buf is not None:
            buf.timer = None
            self._lint(buf)

    def reload(self) -> None:
        self.projects.invalidate()
        for buf in list(self.buffers.values()):
            self._cancel(buf)
            self._lint(buf)

    def _cancel(self, buf: Buffer) -> None:
        if buf.timer is not None:
            buf.timer.cancel()
            buf.timer = None

    def _project(self, buf: Buffer) -> Project:
        path = Path(buf.path)
        if not path.is_absolute():  # an unsaved buffer: the configuration of the server's folder
            path = Path.cwd() / path.name
        return self.projects.for_file(path)

    def _lint(self, buf: Buffer) -> None:
        project = self._project(buf)
        fmt = buffer_format(buf.path, buf.language_id, project)
        path = buf.path
        if fmt is not None and not Path(path).suffix:
            path = f"{path}.{fmt}"  # an untitled buffer: its suppressions read as its language
        linted = lint_buffer(buf.text, path, fmt, project, self.settings.max_size)
        buf.linted, buf.project, buf.lint_path = linted, project, path
        if linted.skipped != buf.skipped:
            buf.skipped = linted.skipped
            if linted.skipped is not None:
                silent = linted.skipped.startswith(SILENT)
                message = f"glowlint: {Path(buf.path).name}: {linted.skipped}"
                (self.client.log if silent else lambda m: self.client.show(WARNING, m))(message)
        lines = Lines(buf.text, self.client.codec)
        diags = [diagnostic(f, lines, linted.fmt or "txt", path, project, self.settings.rule_docs,
                            buf.version) for f in linted.findings]
        self.client.publish(buf.uri, buf.version, diags)

    # -- requests ---------------------------------------------------------------

    def _current(self, uri: str) -> tuple[Buffer, list[Finding], Project] | None:
        buf = self.buffers.get(uri)
        if buf is None or buf.linted is None or buf.project is None:
            return None
        if buf.timer is not None:  # a request between a keystroke and its lint: lint now
            self._cancel(buf)
            self._lint(buf)
        assert buf.linted is not None and buf.project is not None
        return buf, buf.linted.findings, buf.project

    @guarded([])
    def code_actions(self, uri: str, diagnostics: Sequence[dict[str, Any]],
                     only: Sequence[str] | None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        current = self._current(uri)
        if current is not None and actions.wants(only, actions.QUICK_FIX):
            out.extend(actions.quick_fixes(uri, diagnostics, current[0].version))
        if current is not None and actions.wants(only, actions.FIX_ALL):
            buf, findings, project = current
            fmt = buf.linted.fmt if buf.linted else None

            def lint(text: str) -> list[Finding]:
                return lint_buffer(text, buf.lint_path, fmt, project, 0).findings

            whole = actions.fix_all(uri, buf.text, findings, lint, self.client.codec)
            if whole is not None:
                out.append(whole)
        return out

    @guarded(None)
    def hover(self, uri: str, line: int, character: int) -> dict[str, Any] | None:
        current = self._current(uri)
        if current is None:
            return None
        buf, findings, project = current
        lines = Lines(buf.text, self.client.codec)
        return actions.hover(findings, lines.offset(line, character), lines, project)
