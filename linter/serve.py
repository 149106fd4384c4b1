"""`glowlint serve`: a local live editor. Paste or type copy, see the findings as you type.

Standard library only (``http.server``). The page posts the text to
``/api/lint`` (debounced) and shows the highlighted copy that
`linter.reporters.html` renders, the same as the HTML report; ``/api/report``
returns the whole report for the "download report" button. The rule set is
loaded once per profile and shared by the request threads (linting never
changes it).

Safe by default: bound to 127.0.0.1; the Host header must name this machine
(so a web page elsewhere cannot reach the server through DNS rebinding);
requests are bounded (`MAX_BYTES`, 413 beyond); the server never writes a
file; pages carry a Content-Security-Policy that admits only their own inline
style and script and requests to this server.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from . import jsontext
from .errors import GlowlintError
from .model import Document, Finding
from .reporters import html, html_page, html_summary
from .rules import DEFAULT_PROFILE, PROFILES, RuleSet, load_rules

MAX_BYTES = 200_000  # the largest request body (the JSON holding the text)
TIMEOUT = 30.0  # seconds a connection may stay silent (a lying Content-Length, an idle client)
MAX_THREADS = 32  # requests served at once; more wait in the listen queue
BACKLOG = 128  # connections the kernel queues (socketserver's default is 5)
_SURROGATE = re.compile("[\ud800-\udfff]")
DRAIN_BYTES = 8_000_000  # a larger body is refused unread (the connection is closed)
FORMATS = {"txt": "Plain text", "md": "Markdown", "html": "HTML"}
LOOPBACK = ("127.0.0.1", "localhost", "::1")
EDITOR_PATH = "<editor>"


class Rules:
    """The rule sets in force, one per profile, each loaded once on first use."""

    def __init__(self, rule_files: list[Path], loader: Callable[..., RuleSet] = load_rules
                 ) -> None:
        self.rule_files = rule_files
        self._loader = loader
        self._sets: dict[str, RuleSet] = {}
        self._lock = threading.Lock()

    def get(self, profile: str) -> RuleSet:
        with self._lock:
            if profile not in self._sets:
                self._sets[profile] = self._loader(self.rule_files, profile=profile)
            return self._sets[profile]


class BadRequest(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def parse_request(body: bytes) -> tuple[str, str, str]:
    """(text, profile, format) from a request body, or BadRequest."""
    try:
        data = jsontext.parse(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the body must be JSON") from None
    except jsontext.JsonError as e:
        raise BadRequest(HTTPStatus.BAD_REQUEST, f"the body must be JSON: {e}") from None
    if not isinstance(data, dict):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
    text = data.get("text", "")
    profile = data.get("profile", DEFAULT_PROFILE)
    fmt = data.get("format", "txt")
    if not isinstance(text, str):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "'text' must be a string")
    if not isinstance(profile, str) or not isinstance(fmt, str):  # [] or {} is unhashable
        raise BadRequest(HTTPStatus.BAD_REQUEST, "'profile' and 'format' must be strings")
    # "\ud800" is valid JSON but not text: U+FFFD in its place keeps every offset
    text = _SURROGATE.sub("\ufffd", text) if not text.isascii() else text
    if profile not in PROFILES:
        raise BadRequest(HTTPStatus.BAD_REQUEST, f"unknown profile (one of: {', '.join(PROFILES)})")
    if fmt not in FORMATS:
        raise BadRequest(HTTPStatus.BAD_REQUEST, f"unknown format (one of: {', '.join(FORMATS)})")
    return text, profile, fmt


def lint(text: str, profile: str, fmt: str, rules: Rules
         ) -> tuple[Document, list[Finding], RuleSet]:
    from .run import lint_copy

    ruleset = rules.get(profile)
    doc, findings = lint_copy(text, EDITOR_PATH, fmt, ruleset)
    return doc, findings, ruleset


def lint_response(text: str, profile: str, fmt: str, rules: Rules) -> dict[str, Any]:
    """The JSON answer of /api/lint: the findings and the rendered document."""
    doc, findings, ruleset = lint(text, profile, fmt, rules)
    return {
        "findings": [f.to_dict() for f in findings],
        "fixes": safe_fixes(text, findings),
        "html": html.render_document(doc, findings, ruleset, heading=False,
                                     always_open=True, cards_first=True),
        "filters": html_summary.render_filters(findings) if findings else "",
        "profile": profile,
    }


def safe_fixes(text: str, findings: list[Finding]) -> list[dict[str, Any]]:
    """The safe fixes of the findings, for the editor's "Apply fix" buttons.

    ``n`` is the finding's card number; ``start`` and ``end`` count UTF-16 code
    units, as the browser's text does, so an emoji before the claim moves nothing.
    """
    from .fix_apply import fix_span

    def units(offset: int) -> int:
        return len(text[:offset].encode("utf-16-le")) // 2

    out = []
    for n, f in enumerate(findings, 1):
        if f.fix is not None and f.fix_safe:
            start, end = fix_span(f)
            out.append({"n": n, "start": units(start), "end": units(end), "replacement": f.fix,
                        "was": text[start:end]})
    return out


def report_page(text: str, profile: str, fmt: str, rules: Rules) -> str:
    doc, findings, ruleset = lint(text, profile, fmt, rules)
    return html_page.page("glowlint report", html.render_body([(doc, findings)], ruleset))


def editor_page(default_profile: str) -> str:
    profiles = "".join(
        f'<option value="{p}"{" selected" if p == default_profile else ""}>{p}</option>'
        for p in PROFILES
    )
    formats = "".join(f'<option value="{k}">{html_page.esc(v)}</option>'
                      for k, v in FORMATS.items())
    body = f"""<div class="gl-wrap">
<header class="gl-top"><h1>glowlint live editor</h1>
<p class="gl-sub">Paste or type your copy: overclaims and missing safety advice show up as you
type. Nothing leaves this machine and nothing is saved.</p></header>
<main>
<form id="gl-form" data-max-bytes="{MAX_BYTES}" autocomplete="off">
<div class="gl-controls">
<label>Profile <select id="gl-profile" name="profile">{profiles}</select></label>
<label>Format <select id="gl-format" name="format">{formats}</select></label>
<button type="button" id="gl-download" class="gl-primary">Download report</button>
<span id="gl-status" class="gl-status" role="status" aria-live="polite"></span>
</div>
<div class="gl-editor">
<div><label for="gl-text"><strong>Your copy</strong></label>
<textarea id="gl-text" name="text" spellcheck="true"
placeholder="For example: Our glow peel is completely painless and suits all skin types.">\
</textarea>
</div>
<div class="gl-pane"><strong>Findings</strong>
<noscript><p class="gl-noscript" role="alert">The live editor needs JavaScript, which is off
in this browser: turn it on for this page, or check your copy with
<code>glowlint check</code> on the command line.</p></noscript>
<div id="gl-filters"></div>
<div id="gl-result" aria-live="polite" aria-busy="false"></div>
</div>
</div>
</form>
</main>
</div>"""
    return html_page.page("glowlint live editor", body, scripts=("report.js", "editor.js"),
                     connect=True, meta_csp=False)


def editor_csp() -> str:
    scripts = [html_page.asset("report.js"), html_page.asset("editor.js")]
    return html_page.content_security_policy([html_page.stylesheet()], scripts, connect=True)


class Handler(BaseHTTPRequestHandler):
    timeout = TIMEOUT  # on the socket: a silent client is dropped, its thread freed
    server_version = "glowlint"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    rules: Rules
    default_profile: str = DEFAULT_PROFILE
    allowed_hosts: frozenset[str] | None = None  # None: any Host (bound to a public address)
    quiet: bool = True

    # -- plumbing --------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        if not self.quiet:
            super().log_message(format, *args)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: HTTPStatus, data: object) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._json(status, {"error": message})

    def _host_ok(self) -> bool:
        if self.allowed_hosts is None:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        if host.startswith("["):
            name = host[1:host.find("]")] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if ":" in host else host
        return name in self.allowed_hosts

    def _body(self) -> bytes:
        length_header = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise BadRequest(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length, not chunks")
        if length_header is None:
            raise BadRequest(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
        try:
            length = int(length_header)
        except ValueError:
            self.close_connection = True
            raise BadRequest(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if length < 0:
            self.close_connection = True
            raise BadRequest(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if length > MAX_BYTES:
            self.close_connection = True
            if length <= DRAIN_BYTES:  # read and drop it, so the client sees the answer
                while length > 0:
                    chunk = self.rfile.read(min(length, 65536))
                    if not chunk:
                        break
                    length -= len(chunk)
            raise BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                             f"the text is too long: at most {MAX_BYTES // 1000} KB")
        return self.rfile.read(length)

    # -- routes ----------------------------------------------------------------

    def do_HEAD(self) -> None:  # noqa: N802 - the base's naming
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        if not self._host_ok():
            self._error(HTTPStatus.MISDIRECTED_REQUEST, "unexpected Host header")
            return
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            body = editor_page(self.default_profile).encode("utf-8")
            self._send(HTTPStatus.OK, body, "text/html; charset=utf-8",
                       {"Content-Security-Policy": editor_csp()})
        elif path == "/healthz":
            self._json(HTTPStatus.OK, {"ok": True})
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found")

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            self.close_connection = True
            self._error(HTTPStatus.MISDIRECTED_REQUEST, "unexpected Host header")
            return
        path = self.path.split("?", 1)[0]
        if path not in ("/api/lint", "/api/report"):
            self.close_connection = True
            self._error(HTTPStatus.NOT_FOUND, "not found")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if ctype != "application/json":
            # Also makes a cross-site request need a preflight, which is never granted.
            self.close_connection = True
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON (application/json)")
            return
        try:
            text, profile, fmt = parse_request(self._body())
            if path == "/api/lint":
                self._json(HTTPStatus.OK, lint_response(text, profile, fmt, self.rules))
            else:
                page = report_page(text, profile, fmt, self.rules).encode("utf-8")
                self._send(HTTPStatus.OK, page, "text/html; charset=utf-8",
                           {"Content-Disposition": 'attachment; filename="glowlint-report.html"'})
        except BadRequest as e:
            self._error(e.status, e.message)
        except GlowlintError as e:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(e))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None
                   ) -> None:
        # The base class answers unknown methods and malformed requests in HTML; answer JSON.
        self.close_connection = True
        try:
            status = HTTPStatus(code)
        except ValueError:
            status = HTTPStatus.BAD_REQUEST
        self._error(status, message or status.phrase)


class Server(ThreadingHTTPServer):
    """A thread per request, at most `MAX_THREADS` at once (the accept loop waits for a
    free one, the kernel queues up to `BACKLOG` more); no reverse DNS lookup at start."""

    request_queue_size = BACKLOG
    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.slots = threading.BoundedSemaphore(MAX_THREADS)
        super().__init__(*args, **kwargs)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks socket.getfqdn: a DNS query for a host not in
        # /etc/hosts. The name is only used in CGI variables, which this server has none of.
        import socketserver

        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class V6Server(Server):
    address_family = socket.AF_INET6


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_server(host: str, port: int, rules: Rules, *, profile: str = DEFAULT_PROFILE,
                quiet: bool = True) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (port 0: any free port); call serve_forever()."""
    allowed = frozenset({*LOOPBACK, host.lower()}) if is_loopback(host) else None
    handler = type("GlowlintHandler", (Handler,), {
        "rules": rules, "default_profile": profile, "allowed_hosts": allowed, "quiet": quiet,
    })
    server_class: type[Server] = V6Server if ":" in host else Server
    return server_class((host, port), handler)


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else str(host)
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}/"
