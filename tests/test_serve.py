"""`glowlint serve`: the live editor's HTTP server, without a browser.

The server runs in a thread on a free loopback port; tests/e2e/test_browser.py
drives the page itself in headless Chromium.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_helpers import pack_rules, running

from glowlint import serve

PACK = Path(__file__).parent / "data" / "report-rules.yaml"


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    with running(pack_rules(PACK)) as address:
        yield address


def request(server: tuple[str, int], method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(*server, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def post(server: tuple[str, int], path: str, data: object) -> tuple[int, dict[str, str], bytes]:
    return request(server, "POST", path, json.dumps(data).encode(),
                   {"Content-Type": "application/json"})


def test_editor_page(server: tuple[str, int]) -> None:
    status, headers, body = request(server, "GET", "/")
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    page = body.decode()
    assert 'id="gl-text"' in page and 'id="gl-profile"' in page and 'id="gl-download"' in page
    for profile in ("us", "uk", "eu", "strict"):
        assert f'<option value="{profile}"' in page
    assert "http://" not in page and "https://" not in page


def test_lint_endpoint(server: tuple[str, int]) -> None:
    status, headers, body = post(server, "/api/lint", {
        "text": "Our peel is painless. <script>alert(1)</script>", "profile": "us",
        "format": "txt"})
    assert status == 200 and headers["content-type"].startswith("application/json")
    data = json.loads(body)
    rules = [f["rule"] for f in data["findings"]]
    assert "report-painless" in rules
    assert data["profile"] == "us"
    assert "&lt;script&gt;" in data["html"] and "<script" not in data["html"]
    assert '>painless</mark>' in data["html"]
    assert 'data-filter="cat:pain-free"' in data["filters"]


def test_profiles_and_formats(server: tuple[str, int]) -> None:
    for profile in ("us", "uk", "eu", "strict"):
        status, _, _ = post(server, "/api/lint", {"text": "x", "profile": profile})
        assert status == 200
    status, _, body = post(server, "/api/lint", {
        "text": "<p>It is <b>painless</b></p>", "format": "html"})
    assert status == 200 and '>painless</mark>' in json.loads(body)["html"]


def test_report_download(server: tuple[str, int]) -> None:
    status, headers, body = post(server, "/api/report", {"text": "A painless peel."})
    assert status == 200
    assert headers["content-disposition"] == 'attachment; filename="glowlint-report.html"'
    assert body.startswith(b"<!DOCTYPE html>") and b">painless</mark>" in body


@pytest.mark.parametrize("payload, status", [
    (b"not json", 400),
    (b"[1, 2]", 400),
    (json.dumps({"text": 3}).encode(), 400),
    (json.dumps({"text": "x", "profile": "mars"}).encode(), 400),
    (json.dumps({"text": "x", "format": "docx"}).encode(), 400),
])
def test_bad_requests(server: tuple[str, int], payload: bytes, status: int) -> None:
    got, _, body = request(server, "POST", "/api/lint", payload,
                           {"Content-Type": "application/json"})
    assert got == status and "error" in json.loads(body)


def test_input_is_bounded(server: tuple[str, int]) -> None:
    status, _, body = post(server, "/api/lint", {"text": "a" * (serve.MAX_BYTES + 10)})
    assert status == 413 and "too long" in json.loads(body)["error"]
    status, _, _ = post(server, "/api/lint", {"text": "a" * (serve.MAX_BYTES - 100)})
    assert status == 200


def test_only_json_is_accepted(server: tuple[str, int]) -> None:
    body = json.dumps({"text": "A painless peel."}).encode()
    for ctype in ("text/plain", "application/x-www-form-urlencoded", ""):
        headers = {"Content-Type": ctype} if ctype else {}
        assert request(server, "POST", "/api/lint", body, headers)[0] == 415


def test_foreign_host_is_refused(server: tuple[str, int]) -> None:
    status, _, _ = request(server, "GET", "/", headers={"Host": "attacker.invalid"})
    assert status == 421
    status, _, _ = request(server, "GET", "/", headers={"Host": f"localhost:{server[1]}"})
    assert status == 200


def test_unknown_paths_and_methods(server: tuple[str, int]) -> None:
    assert request(server, "GET", "/etc/passwd")[0] == 404
    assert post(server, "/api/save", {"text": "x"})[0] == 404
    assert request(server, "PUT", "/api/lint", b"{}")[0] == 501


def test_server_writes_no_file(server: tuple[str, int], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    post(server, "/api/lint", {"text": "A painless peel."})
    post(server, "/api/report", {"text": "A painless peel."})
    assert list(tmp_path.iterdir()) == []


def test_default_bind_is_loopback() -> None:
    from click.testing import CliRunner

    from glowlint.cli_servers import serve as serve_cmd

    params = {p.name: p.default for p in serve_cmd.params}
    assert params["host"] == "127.0.0.1" and params["port"] == 8000
    result = CliRunner().invoke(serve_cmd, ["--rules", "/nonexistent/pack.yaml"])
    assert result.exit_code == 2


def test_safe_fixes_for_the_apply_button_count_utf16_units() -> None:
    rules = serve.Rules([])
    text = "✨ Our peel is completely painless. Book now."
    answer = serve.lint_response(text, "uk", "txt", rules)
    fixes = [f for f in answer["fixes"] if f["was"] == "completely painless"]
    assert len(fixes) == 1
    fix = fixes[0]
    assert fix["replacement"] == "usually only mildly uncomfortable"
    units = text.encode("utf-16-le")
    assert units[2 * fix["start"]:2 * fix["end"]].decode("utf-16-le") == "completely painless"
    n = fix["n"]
    assert answer["findings"][n - 1]["rule"] == "painless"
    assert f'id="gl-f-{n}"' in answer["html"]
    # the cards come before the highlighted copy: in view beside the text being typed
    assert answer["html"].index('class="gl-cards"') < answer["html"].index('class="gl-copy"')


def test_editor_page_says_it_needs_javascript() -> None:
    page = serve.editor_page("uk")
    assert '<noscript><p class="gl-noscript" role="alert">The live editor needs JavaScript' in page
