"""`glowlint server` end to end: the real server as a subprocess, driven by pytest-lsp.

Every position is asserted exactly, in UTF-16 code units (what VS Code counts).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import (
    CONFIG,
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
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

PEEL_MD = "# Peel\n\nOur peel is completely painless. Book a consultation first.\n"
SERUM_TXT = "Our serum has no side effects and gives guaranteed results.\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lsp")


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(initialize_params(workspace.as_uri()))
    yield
    await lsp_client.shutdown_session()


async def test_markdown_diagnostics_on_open(client: LanguageClient, workspace: Path) -> None:
    uri = (folder(workspace, "md") / "peel.md").as_uri()  # never written: the buffer is linted
    params = await open_doc(client, uri, PEEL_MD, "markdown")
    got = [(d.code, span(d), d.severity, d.source) for d in params.diagnostics]
    warning, error = types.DiagnosticSeverity.Warning, types.DiagnosticSeverity.Error
    assert got == [
        ("missing-contraindications", (0, 2, 0, 6), warning, "glowlint"),  # the trigger "Peel"
        ("missing-side-effects", (0, 2, 0, 6), warning, "glowlint"),
        ("missing-sunscreen", (0, 2, 0, 6), warning, "glowlint"),
        ("painless", (2, 23, 2, 31), error, "glowlint"),
    ]
    painless = params.diagnostics[3]
    assert painless.message == (
        "Calls the treatment painless. Most people feel something (scratching, stinging, heat), "
        'and some find it uncomfortable, so "painless" or "pain-free" overstates it.')
    assert painless.code_description is not None
    href = painless.code_description.href
    assert href.startswith("file://") and "/rules/claims-safety.yaml#L" in href
    assert params.version == 1
    close(client, uri)


async def test_html_and_text_diagnostics_on_open(client: LanguageClient, workspace: Path
                                                 ) -> None:
    base = folder(workspace, "formats")
    html = "<p>Our serum has <b>no side effects</b>.</p>\n"
    params = await open_doc(client, (base / "serum.html").as_uri(), html, "html")
    assert [(d.code, span(d)) for d in params.diagnostics] == [("no-side-effects", (0, 20, 0, 35))]
    params = await open_doc(client, (base / "serum.txt").as_uri(), SERUM_TXT, "plaintext")
    assert [(d.code, span(d)) for d in params.diagnostics] == [
        ("no-side-effects", (0, 14, 0, 29)), ("guaranteed-results", (0, 40, 0, 58))]


async def test_utf16_columns_with_emoji_crlf_entities_and_markup(
        client: LanguageClient, workspace: Path) -> None:
    base = folder(workspace, "utf16")
    # two emoji (2 UTF-16 units each, 1 code point) and an entity before the claims, CRLF
    html = ("<p>Caf&eacute; <b>facial</b>\r\n"
            "\U0001F600\U0001F600 is 100% safe &amp; has no side effects.</p>\r\n")
    params = await open_doc(client, (base / "page.html").as_uri(), html, "html")
    assert [(d.code, span(d)) for d in params.diagnostics] == [
        ("completely-safe", (1, 8, 1, 17)), ("no-side-effects", (1, 28, 1, 43))]
    md = "**\U0001F600 _Spa_** [our \U0001F48E peel](x.md) is completely painless\r\n"
    params = await open_doc(client, (base / "page.md").as_uri(), md, "markdown")
    painless = [d for d in params.diagnostics if d.code == "painless"]
    assert [span(d) for d in painless] == [(0, 47, 0, 55)]  # code points 45 to 53
    assert md.encode("utf-16-le")[47 * 2:55 * 2].decode("utf-16-le") == "painless"


async def test_change_is_debounced_and_publishes_the_last_version(
        client: LanguageClient, workspace: Path) -> None:
    uri = (folder(workspace, "change") / "page.txt").as_uri()
    params = await open_doc(client, uri, "A gentle facial.\n", "plaintext")
    assert list(params.diagnostics) == []

    def type_twice() -> None:  # two keystrokes within the 300 ms: one lint, of the second
        change(client, uri, 2, "A gentle facial with no side\n")
        change(client, uri, 3, "A gentle facial with no side effects\n")

    params = await publish_for(client, uri, type_twice)
    assert params.version == 3
    assert [(d.code, span(d)) for d in params.diagnostics] == [("no-side-effects", (0, 21, 0, 36))]


async def test_save_lints_the_saved_text_and_close_clears(client: LanguageClient,
                                                           workspace: Path) -> None:
    path = folder(workspace, "save") / "page.md"
    path.write_text("Completely painless!\n", encoding="utf-8")  # what is on disk is not read
    uri = path.as_uri()
    params = await open_doc(client, uri, "A calm facial.\n", "markdown")
    assert list(params.diagnostics) == []
    params = await publish_for(client, uri, lambda: client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                        text="A calm facial. It has no side effects.\n")))
    assert [(d.code, span(d)) for d in params.diagnostics] == [("no-side-effects", (0, 22, 0, 37))]
    params = await publish_for(client, uri, lambda: close(client, uri))
    assert list(params.diagnostics) == []


async def test_an_untitled_buffer_is_linted_by_its_language(client: LanguageClient) -> None:
    uri = "untitled:Untitled-1"
    params = await open_doc(client, uri, SERUM_TXT, "plaintext")
    assert [d.code for d in params.diagnostics] == ["no-side-effects", "guaranteed-results"]
    close(client, uri)


async def test_quick_fixes_safe_preferred_and_unsafe_marked(client: LanguageClient,
                                                             workspace: Path) -> None:
    uri = (folder(workspace, "fix") / "serum.txt").as_uri()
    params = await open_doc(client, uri, SERUM_TXT, "plaintext")
    safe, unsafe = params.diagnostics
    actions = await code_actions(client, uri, [safe])
    assert [(a.title, a.kind, a.is_preferred) for a in actions] == [
        ("Replace 'no side effects' with 'few side effects'", "quickfix", True),
        ("Disable no-side-effects for this line", "quickfix", None),
        ("glowlint: fix all safe problems", "source.fixAll.glowlint", None)]
    assert apply(SERUM_TXT, actions[0].edit, uri) == \
        "Our serum has few side effects and gives guaranteed results.\n"
    assert apply(SERUM_TXT, actions[1].edit, uri) == (
        "# glowlint-disable-next-line no-side-effects -- reason\n" + SERUM_TXT)
    actions = await code_actions(client, uri, [unsafe], only=["quickfix"])
    assert actions[0].title == ("Replace 'guaranteed results' with 'results that vary from "
                                "person to person' (unsafe fix: changes what the copy promises)")
    assert not actions[0].is_preferred
    close(client, uri)


async def test_suppression_action_silences_the_finding(client: LanguageClient,
                                                        workspace: Path) -> None:
    uri = (folder(workspace, "suppress") / "peel.md").as_uri()
    params = await open_doc(client, uri, PEEL_MD, "markdown")
    painless = [d for d in params.diagnostics if d.code == "painless"]
    action = [a for a in await code_actions(client, uri, painless)
              if a.title == "Disable painless for this line"][0]
    fixed = apply(PEEL_MD, action.edit, uri)
    assert fixed == ("# Peel\n\nOur peel is completely painless. Book a consultation first. "
                     "<!-- glowlint-disable-line painless -- reason -->\n")
    params = await publish_for(client, uri, lambda: change(client, uri, 2, fixed))
    assert [d.code for d in params.diagnostics] == [
        "missing-contraindications", "missing-side-effects", "missing-sunscreen"]
    close(client, uri)


async def test_fix_all_applies_every_safe_fix(client: LanguageClient, workspace: Path) -> None:
    uri = (folder(workspace, "fixall") / "page.html").as_uri()
    html = "<p>\U0001F600 It is 100% safe.</p>\n<p>There are no side effects.</p>\n"
    await open_doc(client, uri, html, "html")
    actions = await code_actions(client, uri, [], only=["source.fixAll"])
    assert [(a.title, a.kind) for a in actions] == [
        ("glowlint: fix all safe problems", "source.fixAll.glowlint")]
    assert apply(html, actions[0].edit, uri) == (
        "<p>\U0001F600 It is generally safe.</p>\n<p>There are few side effects.</p>\n")
    assert await code_actions(client, uri, [], only=["quickfix"]) == []
    close(client, uri)


async def test_hover_shows_the_rule_and_its_basis(client: LanguageClient, workspace: Path
                                                  ) -> None:
    uri = (folder(workspace, "hover") / "serum.txt").as_uri()
    await open_doc(client, uri, SERUM_TXT, "plaintext")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=20)))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert text.startswith("**glowlint `no-side-effects`**: Promises no side effects (error)")
    assert "\n\n**Why it matters:** Says the treatment has no side effects. Every skin " \
        "treatment can cause some (redness, swelling, sensitivity)" in text
    assert "\n\n**Category:** `absolute-safety`: " in text
    assert "**Regulatory basis:** CAP Code 3.1, 3.7, 12.1; FTC Act s5; EU 655/2013" in text
    assert "- CAP Code 3.1, 3.7 and 12.1 (UK): Marketing must not mislead" in text
    assert "**Suggestion:** Side effects are usually mild and short-lived" in text
    assert hover.range == types.Range(start=types.Position(line=0, character=14),
                                      end=types.Position(line=0, character=29))
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=2)))
    assert nothing is None
    close(client, uri)


def watched(client: LanguageClient, path: Path) -> None:
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)]))


async def test_config_change_republishes_and_broken_config_keeps_the_last_good(
        client: LanguageClient, workspace: Path) -> None:
    registered = client.registrations  # type: ignore[attr-defined]
    for _ in range(100):  # the server registers its watchers once initialized
        if registered:
            break
        await asyncio.sleep(0.05)
    assert [(r.method, r.register_options["watchers"][0]) for r in registered] == [
        ("workspace/didChangeWatchedFiles", {"globPattern": "**/.glowlint.yaml"})]
    base = folder(workspace, "config")
    config = base / ".glowlint.yaml"
    uri = (base / "peel.md").as_uri()
    params = await open_doc(client, uri, PEEL_MD, "markdown")
    assert "painless" in [d.code for d in params.diagnostics]

    config.write_text("ignore: [painless, missing-sunscreen]\n", encoding="utf-8")
    params = await publish_for(client, uri, lambda: watched(client, config))
    assert [d.code for d in params.diagnostics] == [
        "missing-contraindications", "missing-side-effects"]

    client.messages.clear()
    config.write_text("ignore: [painless]\nprofil: uk\n", encoding="utf-8")
    params = await publish_for(client, uri, lambda: watched(client, config))
    assert [d.code for d in params.diagnostics] == [  # the last good configuration
        "missing-contraindications", "missing-side-effects"]
    assert [(m.type, m.message) for m in client.messages] == [(
        types.MessageType.Error,
        f"glowlint: {config}:2: 'profil': unknown key (did you mean 'profile'?); known keys: "
        "profile, select, ignore, severity, extend-rules, include, exclude, per-file-ignores, "
        "fail-on, extensions, readability, require-suppression-reason, baseline, format, "
        "channel, per-type-ignores (keeping the last configuration that loaded)")]
    # the server lives on: it still answers
    assert await code_actions(client, uri, [], only=["quickfix"]) == []
    params = await publish_for(client, uri, lambda: change(client, uri, 2, "Calm.\n"))
    assert list(params.diagnostics) == []
    close(client, uri)


async def test_binary_buffer_is_skipped_with_a_message(client: LanguageClient,
                                                        workspace: Path) -> None:
    uri = (folder(workspace, "binary") / "blob.txt").as_uri()
    client.messages.clear()
    params = await open_doc(client, uri, "PK\x03\x04\x00\x00 no side effects", "plaintext")
    assert list(params.diagnostics) == []
    assert [(m.type, m.message) for m in client.messages] == [
        (types.MessageType.Warning, "glowlint: blob.txt: binary file skipped")]
    close(client, uri)


SHAPES = {  # each format's page, with the claim in the middle of its markup
    "md": ("markdown", "# Care\n\n**A gentle facial** with {}.\n"),
    "html": ("html", "<h1>Care</h1>\n<p>A <b>gentle</b> facial with {}.</p>\n"),
    "txt": ("plaintext", "Care\n\nA gentle facial with {}.\n"),
}
SUPPRESSED = {
    "md": "# Care\n\n**A gentle facial** with 100% safe results. "
          "<!-- glowlint-disable-line completely-safe -- reason -->\n",
    "html": "<h1>Care</h1>\n<p>A <b>gentle</b> facial with 100% safe results.</p> "
            "<!-- glowlint-disable-line completely-safe -- reason -->\n",
    "txt": "Care\n\n# glowlint-disable-next-line completely-safe -- reason\n"
           "A gentle facial with 100% safe results.\n",
}


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
async def test_open_change_save_and_suppress_in_each_format(
        client: LanguageClient, workspace: Path, fmt: str) -> None:
    language, shape = SHAPES[fmt]
    uri = (folder(workspace, f"cycle-{fmt}") / f"page.{fmt}").as_uri()
    params = await open_doc(client, uri, shape.format("care"), language)
    assert list(params.diagnostics) == []

    changed = shape.format("no side effects")
    params = await publish_for(client, uri, lambda: change(client, uri, 2, changed))
    line = changed.splitlines()[2 if fmt != "html" else 1]
    at = line.index("no side effects")
    assert (params.version, [(d.code, span(d)) for d in params.diagnostics]) == (
        2, [("no-side-effects", (2 if fmt != "html" else 1, at, 2 if fmt != "html" else 1,
                                 at + len("no side effects")))])

    saved = shape.format("100% safe results")
    params = await publish_for(client, uri, lambda: client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                        text=saved)))
    row = 2 if fmt != "html" else 1
    at = saved.splitlines()[row].index("100% safe")
    assert [(d.code, span(d)) for d in params.diagnostics] == [
        ("completely-safe", (row, at, row, at + len("100% safe")))]

    actions = await code_actions(client, uri, list(params.diagnostics), only=["quickfix"])
    disable = [a for a in actions if a.title == "Disable completely-safe for this line"]
    suppressed = apply(saved, disable[0].edit, uri)
    assert suppressed == SUPPRESSED[fmt]
    params = await publish_for(client, uri, lambda: change(client, uri, 3, suppressed))
    assert list(params.diagnostics) == []
    close(client, uri)


async def test_requests_about_unknown_buffers_or_with_foreign_data_get_empty_answers(
        client: LanguageClient) -> None:
    uri = "file:///nowhere/never-opened.md"
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=99, character=99)))
    assert hover is None
    foreign = types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0),
                          end=types.Position(line=0, character=1)),
        message="x", source="glowlint",
        data={"rule": "painless", "fix": {"range": "everywhere", "newText": 3},
              "suppress": [1, 2]})
    assert await code_actions(client, uri, [foreign]) == []
    params = await open_doc(client, "untitled:after", SERUM_TXT, "plaintext")
    assert len(params.diagnostics) == 2  # and the server still lints
    close(client, "untitled:after")
