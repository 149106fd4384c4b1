"""The language server's handlers in process: fuzzed, they never fail and every range
they send lies inside the buffer (tests/test_lsp.py drives the real server)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsp_helpers import HOUSE
from pygls.workspace import PositionCodec

from glowlint.errors import GlowlintError
from glowlint.lsp.actions import FIX_ALL
from glowlint.lsp.handlers import Handlers, Settings
from glowlint.lsp.projects import Project, Projects, load_project


class FakeClient:
    """Records what the handlers send; runs a debounced lint when the test says so."""

    def __init__(self) -> None:
        self.codec = PositionCodec()  # UTF-16, the protocol's default
        self.published: list[tuple[str, int | None, list[dict[str, Any]]]] = []
        self.shown: list[tuple[int, str]] = []
        self.logged: list[str] = []
        self.timers: list[Callable[[], None]] = []

    def publish(self, uri: str, version: int | None, diagnostics: list[dict[str, Any]]) -> None:
        self.published.append((uri, version, diagnostics))

    def show(self, kind: int, message: str) -> None:
        self.shown.append((kind, message))

    def log(self, message: str) -> None:
        self.logged.append(message)

    def later(self, delay: float, callback: Callable[[], None]) -> Any:
        self.timers.append(callback)

        class Handle:
            def cancel(self) -> None:
                if callback in client_timers:
                    client_timers.remove(callback)

        client_timers = self.timers
        return Handle()


@pytest.fixture(scope="module")
def projects() -> Projects:
    return Projects(lambda message: None)  # loaded once, shared by every example


FRAGMENTS = ["painless", "no side effects", "100% safe", "guaranteed results", "Peel",
             "laser", " ", "\n", "\r\n", "\r", "\u2028", "\x0c", "\U0001F600", "\u00e9",
             "&amp;", "&eacute;", "<b>", "</b>", "<!--", "-->", "**", "_", "`", "# ", "- ",
             "> ", "---\n", "glowlint-disable-line painless -- ok", "\0", "\ud800", "[", "](x)"]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
positions = st.integers(min_value=-3, max_value=200)
junk = st.recursive(st.none() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.sampled_from(["range", "newText", "start", "end",
                                                       "line", "character", "fix", "suppress"]),
                                      inner, max_size=4), max_leaves=12)


def utf16_lines(text: str) -> list[int]:
    import re

    return [len(line.encode("utf-16-le", "surrogatepass")) // 2
            for line in re.split(r"\r\n|\r|\n", text)]


def assert_inside(text: str, rng: dict[str, Any]) -> None:
    lengths = utf16_lines(text)
    start, end = rng["start"], rng["end"]
    for p in (start, end):
        assert 0 <= p["line"] < len(lengths) and 0 <= p["character"] <= lengths[p["line"]]
    assert (start["line"], start["character"]) <= (end["line"], end["character"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["md", "html", "txt", "mdx", "unknown"]), first=texts, second=texts,
       line=positions, character=positions, data=junk,
       only=st.none() | st.lists(st.sampled_from(["quickfix", "source", FIX_ALL, "refactor"])))
def test_handlers_never_fail_and_ranges_stay_inside(
        projects: Projects, fmt: str, first: str, second: str, line: int, character: int,
        data: Any, only: list[str] | None) -> None:
    client = FakeClient()
    handlers = Handlers(client, Settings(), projects)
    uri = f"file:///nonexistent/fuzz/page.{fmt}"
    handlers.open(uri, None, 1, first)
    assert client.published[-1][:2] == (uri, 1)
    for diag in client.published[-1][2]:
        assert_inside(first, diag["range"])
    handlers.change(uri, 2, second)
    assert len(client.timers) == 1  # debounced: nothing published yet
    client.timers.pop()()
    assert client.published[-1][:2] == (uri, 2)
    sent = client.published[-1][2]
    for diag in sent:
        assert_inside(second, diag["range"])
    junk_diag = {"source": "glowlint", "data": data, "range": {}, "message": ""}
    actions = handlers.code_actions(uri, [*sent, junk_diag], only)
    for action in actions:
        for edit in action["edit"]["changes"][uri]:
            assert_inside(second, edit["range"])
    found = handlers.hover(uri, line, character)
    if found is not None:
        assert_inside(second, found["range"])
    handlers.save(uri, None)
    handlers.files_changed([uri])
    handlers.close(uri)
    handlers.code_actions(uri, [junk_diag], only)  # a closed buffer: nothing, no failure
    handlers.hover("not a uri", line, character)
    assert client.published[-1] == (uri, None, [])
    assert [m for m in client.logged if " failed: " in m] == []


def test_a_failing_handler_logs_one_line_and_the_server_goes_on(tmp_path: Path) -> None:
    def broken(config_path: Path | None, folder: Path) -> Project:
        raise RuntimeError("disk on fire")

    client = FakeClient()
    handlers = Handlers(client, Settings(), Projects(client.log, loader=broken))
    handlers.open((tmp_path / "a.md").as_uri(), "markdown", 1, "Painless.")
    assert client.logged == ["glowlint: open failed: RuntimeError: disk on fire"]
    assert handlers.hover((tmp_path / "a.md").as_uri(), 0, 0) is None


def test_a_broken_configuration_is_one_line_and_the_last_good_one_stays(tmp_path: Path) -> None:
    (tmp_path / ".glowlint.yaml").write_text("ignore: [painless]\n", encoding="utf-8")
    client = FakeClient()
    handlers = Handlers(client, Settings())
    uri = (tmp_path / "a.txt").as_uri()
    handlers.open(uri, "plaintext", 1, "It is painless and has no side effects.")
    assert [d["code"] for d in client.published[-1][2]] == ["no-side-effects"]
    (tmp_path / ".glowlint.yaml").write_text("ignore: [painless]\nseverity: [x]\n",
                                            encoding="utf-8")
    handlers.save((tmp_path / ".glowlint.yaml").as_uri(), None)  # a config file saved: reload
    assert [d["code"] for d in client.published[-1][2]] == ["no-side-effects"]
    assert client.shown == [(1, f"glowlint: {tmp_path / '.glowlint.yaml'}:2: 'severity': must "
                                "be a mapping (keeping the last configuration that loaded)")]


def test_a_huge_buffer_is_skipped_with_a_message(tmp_path: Path) -> None:
    client = FakeClient()
    handlers = Handlers(client, Settings(max_size=1000))
    handlers.open((tmp_path / "big.md").as_uri(), "markdown", 1, "Painless! " * 200)
    assert client.published[-1][2] == []
    assert client.shown == [(2, "glowlint: big.md: not linted: 2 kB, the limit is "
                                "1000 bytes (glowlint server --max-file-size)")]


def test_load_project_reports_a_broken_rule_pack(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text("rules: [1, 2\n", encoding="utf-8")
    (tmp_path / ".glowlint.yaml").write_text("extend-rules: [house.yaml]\n", encoding="utf-8")
    with pytest.raises(GlowlintError) as e:
        load_project(tmp_path / ".glowlint.yaml", tmp_path)
    assert "house.yaml" in str(e.value)


def test_a_changed_rule_pack_relints_open_buffers(tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(HOUSE.format(word="sparkling"), encoding="utf-8")
    (tmp_path / ".glowlint.yaml").write_text("extend-rules: [house.yaml]\nselect: [house-word]\n",
                                            encoding="utf-8")
    client = FakeClient()
    handlers = Handlers(client, Settings())
    uri = (tmp_path / "a.md").as_uri()
    handlers.open(uri, "markdown", 1, "A sparkling, dazzling facial.\n")
    (diag,) = client.published[-1][2]
    assert (diag["code"], diag["range"]) == ("house-word", {
        "start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 11}})
    assert diag["codeDescription"] == {"href": pack.resolve().as_uri() + "#L3"}
    pack.write_text(HOUSE.format(word="dazzling"), encoding="utf-8")
    handlers.files_changed([pack.as_uri()])  # workspace/didChangeWatchedFiles
    (diag,) = client.published[-1][2]
    assert diag["range"] == {"start": {"line": 0, "character": 13},
                             "end": {"line": 0, "character": 21}}


def test_a_yaml_file_that_is_no_configuration_changes_nothing(tmp_path: Path) -> None:
    client = FakeClient()
    handlers = Handlers(client, Settings())
    handlers.open((tmp_path / "a.txt").as_uri(), "plaintext", 1, "Painless.")
    published = len(client.published)
    handlers.files_changed([(tmp_path / "data.yaml").as_uri(), "untitled:x.yaml"])
    assert len(client.published) == published  # nothing reloaded, nothing linted again
    handlers.files_changed([(tmp_path / ".glowlint.yml").as_uri()])
    assert len(client.published) == published + 1


def test_server_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    import sys

    from click.testing import CliRunner

    from glowlint.cli import cli

    monkeypatch.setitem(sys.modules, "pygls", None)  # as if glowlint[lsp] were not installed
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "glowlint.lsp.server", raising=False)
    result = CliRunner().invoke(cli, ["server"])
    assert result.exit_code == 2
    assert result.output.startswith("glowlint: the language server needs pygls 2 (")
    assert result.output.endswith("): pip install 'glowlint[lsp]'\n")


def test_a_file_uri_is_decoded_once(tmp_path: Path) -> None:
    site = tmp_path / "my site%20v2"  # a space, and a literal "%20" in the name
    site.mkdir()
    (site / ".glowlint.yaml").write_text("ignore: [painless]\n", encoding="utf-8")
    client = FakeClient()
    handlers = Handlers(client, Settings())
    uri = (site / "a.txt").as_uri()
    assert "my%20site%2520v2" in uri
    handlers.open(uri, "plaintext", 1, "It is painless and has no side effects.")
    assert [d["code"] for d in client.published[-1][2]] == ["no-side-effects"]


def test_markup_spans_are_the_tags_comments_and_raw_texts() -> None:
    from glowlint.lsp.markup import inside, spans

    text = ('<p title="a > b">x<y</p><!-- c\n--><TITLE>t <!-- not a comment\n</title>'
            "<script>if (a<b) {}</script><img alt='open")
    found = spans(text)
    assert [text[s:e] for s, e in found] == [
        '<p title="a > b">', "<y</p>", "<!-- c\n-->", "<TITLE>t <!-- not a comment\n",
        "</title>", "<script>if (a<b) {}", "</script>", "<img alt='open"]
    assert inside(found, text.index("\n")) and not inside(found, text.index("x"))
    assert not inside(found, 0) and not inside(found, len('<p title="a > b">'))
