"""`glowlint server` end to end, where a writer's editor strays off the happy path: a quick
fix asked for with diagnostics of an older text, a client counting in UTF-8, a project's
`pyproject.toml` (the same findings as `glowlint check`), a rule pack broken then mended,
a huge buffer, and malformed messages on the wire."""

from __future__ import annotations

import json
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import (
    CONFIG,
    HOUSE,
    SERVER,
    apply,
    change,
    close,
    code_actions,
    folder,
    initialize_params,
    open_doc,
    publish_for,
    span,
)
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lsp-edges")


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(initialize_params(workspace.as_uri()))
    yield
    await lsp_client.shutdown_session()


def watched(client: LanguageClient, path: Path) -> None:
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)]))


async def test_a_quick_fix_for_an_older_text_is_not_offered(client: LanguageClient,
                                                             workspace: Path) -> None:
    uri = (folder(workspace, "stale") / "page.txt").as_uri()
    params = await open_doc(client, uri, "It is painless.\n", "plaintext")
    old = list(params.diagnostics)
    assert [(d.code, span(d)) for d in old] == [("painless", (0, 6, 0, 14))]
    published: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]
    seen = len(published)
    new = "Wow. It is painless.\n"
    change(client, uri, 2, new)  # a keystroke, and at once a quick fix with what the editor holds
    actions = await code_actions(client, uri, old)
    # the replacement of 0:6-0:14 would now overwrite "It is pa": only the current text's fix-all
    assert [a.title for a in actions] == ["glowlint: fix all safe problems"]
    assert apply(new, actions[0].edit, uri) == "Wow. It is usually only mildly uncomfortable.\n"
    fresh = [p for p in published[seen:] if p.uri == uri]  # linted for the request, not later
    assert [(p.version, [span(d) for d in p.diagnostics]) for p in fresh] == [
        (2, [(0, 11, 0, 19)])]
    actions = await code_actions(client, uri, list(fresh[0].diagnostics), only=["quickfix"])
    assert [apply(new, a.edit, uri) for a in actions] == [
        "Wow. It is usually only mildly uncomfortable.\n",
        "# glowlint-disable-next-line painless -- reason\nWow. It is painless.\n"]
    close(client, uri)


def project(base: Path) -> None:
    """A site whose `pyproject.toml` sets the US profile, a house rule pack and an ignore
    for drafts."""
    (base / "pyproject.toml").write_text(
        '[tool.glowlint]\nprofile = "us"\nextend-rules = ["house.yaml"]\n'
        '[tool.glowlint.per-file-ignores]\n"drafts/*.md" = ["painless"]\n', encoding="utf-8")
    (base / "house.yaml").write_text(HOUSE.format(word="sparkling"), encoding="utf-8")


PAGE = "Botox from \u00a399. It is painless and sparkling.\n"


async def test_a_pyproject_configuration_gives_what_glowlint_check_gives(
        client: LanguageClient, workspace: Path) -> None:
    base = folder(workspace, "pyproject")
    project(base)
    pages = [base / "site" / "a.md", base / "drafts" / "b.md"]
    seen: dict[str, list[tuple[str, int, int, int, int, str]]] = {}
    severity = {1: "error", 2: "warning", 3: "info"}
    for page in pages:
        page.parent.mkdir()
        page.write_text(PAGE, encoding="utf-8")  # for the CLI; the server lints the buffer
        params = await open_doc(client, page.as_uri(), PAGE, "markdown")
        seen[page.relative_to(base).as_posix()] = [
            (str(d.code), d.range.start.line + 1, d.range.start.character + 1,
             d.range.end.line + 1, d.range.end.character + 1, severity[int(d.severity or 0)])
            for d in params.diagnostics]
        close(client, page.as_uri())
    done = subprocess.run([*SERVER[:-1], "check", "--no-cache", "--format", "json",
                           *[p.relative_to(base).as_posix() for p in pages]],
                          cwd=base, capture_output=True, text=True, timeout=120)
    cli: dict[str, list[tuple[str, int, int, int, int, str]]] = {p: [] for p in seen}
    for f in json.loads(done.stdout):
        cli[f["path"]].append((f["rule"], f["line"], f["column"], f["end_line"],
                               f["end_column"], f["severity"]))
    assert seen == cli
    assert ("botox-promotion", 1, 1, 1, 6, "info") in seen["site/a.md"]  # the US profile
    assert ("house-word", 1, 36, 1, 45, "warning") in seen["site/a.md"]  # the pack
    assert ("painless", 1, 23, 1, 31, "error") in seen["site/a.md"]
    assert "painless" not in [f[0] for f in seen["drafts/b.md"]]  # per-file-ignores


async def test_a_broken_rule_pack_is_reported_and_its_mending_relints(
        client: LanguageClient, workspace: Path) -> None:
    base = folder(workspace, "broken-pack")
    pack = base / "house.yaml"
    pack.write_text(HOUSE.format(word="sparkling").replace("kind: claim", "kind: clam"),
                    encoding="utf-8")
    (base / ".glowlint.yaml").write_text("extend-rules: [house.yaml]\n", encoding="utf-8")
    uri = (base / "page.md").as_uri()
    client.messages.clear()
    params = await open_doc(client, uri, "A sparkling facial. It is painless.\n", "markdown")
    assert [d.code for d in params.diagnostics] == ["painless"]  # the built-in rules go on
    assert [(m.type, m.message) for m in client.messages] == [(
        types.MessageType.Error,
        f"glowlint: {pack}:4: rule house-word: unknown kind 'clam' (one of: claim, frame, "
        "answer, required, metric) (using the built-in rules)")]
    pack.write_text(HOUSE.format(word="sparkling"), encoding="utf-8")  # mended
    params = await publish_for(client, uri, lambda: watched(client, pack))
    assert [(d.code, span(d)) for d in params.diagnostics] == [
        ("house-word", (0, 2, 0, 11)), ("painless", (0, 26, 0, 34))]
    assert len(client.messages) == 1  # no new message: it loads
    close(client, uri)


async def test_a_huge_buffer_is_skipped_once_with_a_message(client: LanguageClient,
                                                             workspace: Path) -> None:
    uri = (folder(workspace, "huge") / "page.md").as_uri()
    huge = "It is painless. " * 140_000  # 2.1 MiB, over the 2 MiB default
    client.messages.clear()
    params = await open_doc(client, uri, huge, "markdown")
    assert list(params.diagnostics) == []
    params = await publish_for(client, uri, lambda: change(client, uri, 2, huge + "Calm."))
    assert list(params.diagnostics) == []
    assert [(m.type, m.message) for m in client.messages] == [(
        types.MessageType.Warning,
        "glowlint: page.md: not linted: 2.1 MB, the limit is 2 MB (glowlint server "
        "--max-file-size)")]
    params = await publish_for(client, uri, lambda: change(client, uri, 3, "It is painless.\n"))
    assert [(d.code, span(d)) for d in params.diagnostics] == [("painless", (0, 6, 0, 14))]
    close(client, uri)


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def utf8_client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    """A client that counts in UTF-8 first, as Neovim offers, with its own rule docs."""
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=[
        types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=workspace.as_uri(),
        initialization_options={"debounce": 300, "ruleDocs": "https://example.com/r#{rule}"}))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


def utf8_offset(text: str, pos: types.Position) -> int:
    """The code-point offset of a UTF-8 position on a text of one line."""
    return len(text.encode("utf-8")[:pos.character].decode("utf-8"))


async def test_a_utf8_client_gets_byte_columns_and_the_rule_docs_it_asked_for(
        utf8_client: LanguageClient, workspace: Path) -> None:
    client = utf8_client
    uri = (folder(workspace, "utf8") / "page.txt").as_uri()
    text = "Caf\u00e9 \U0001F600 is painless.\n"  # e-acute: 2 bytes, the emoji: 4
    params = await open_doc(client, uri, text, "plaintext")
    assert [(d.code, span(d)) for d in params.diagnostics] == [("painless", (0, 14, 0, 22))]
    assert text.encode("utf-8")[14:22] == b"painless"
    description = params.diagnostics[0].code_description
    assert description is not None and description.href == "https://example.com/r#painless"
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=16)))
    assert hover is not None and hover.range == params.diagnostics[0].range
    actions = await code_actions(client, uri, list(params.diagnostics), only=["quickfix"])
    edit = actions[0].edit
    assert edit is not None and edit.changes is not None
    (fix,) = edit.changes[uri]
    start, end = utf8_offset(text, fix.range.start), utf8_offset(text, fix.range.end)
    assert text[:start] + fix.new_text + text[end:] == \
        "Caf\u00e9 \U0001F600 is usually only mildly uncomfortable.\n"
    close(client, uri)


async def test_no_suppression_comment_inside_a_tag_or_a_title(client: LanguageClient,
                                                               workspace: Path) -> None:
    uri = (folder(workspace, "in-tag") / "page.html").as_uri()
    html = ("<html><head><title>Painless\n peels</title></head><body>\n"
            '<img src="peel.png"\n     alt="A painless peel"\n     width="10">\n'
            "<p>It is painless.</p>\n</body></html>\n")
    params = await open_doc(client, uri, html, "html")
    painless = [d for d in params.diagnostics if d.code == "painless"]
    assert [span(d) for d in painless] == [(0, 19, 0, 27), (3, 12, 3, 20), (5, 9, 5, 17)]
    titles = []
    for diag in painless:
        actions = await code_actions(client, uri, [diag], only=["quickfix"])
        titles.append([a.title for a in actions if a.title.startswith("Disable")])
    # the comment would land in the <title>'s text and inside the <img> tag: not offered
    assert titles == [[], [], ["Disable painless for this line"]]
    actions = await code_actions(client, uri, [painless[2]], only=["quickfix"])
    assert apply(html, actions[-1].edit, uri).splitlines()[5] == (
        "<p>It is painless.</p> <!-- glowlint-disable-line painless -- reason -->")
    close(client, uri)
