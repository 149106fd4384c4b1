"""docs/editors.md: what a writer copies into their editor's settings parses, and the
Neovim set-up finds the project by every configuration file glowlint reads."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from glowlint.lsp.projects import CONFIG_NAMES

DOC = Path(__file__).resolve().parent.parent / "docs" / "editors.md"
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.S | re.M)


def blocks(language: str) -> list[str]:
    return [body for lang, body in _BLOCK.findall(DOC.read_text(encoding="utf-8"))
            if lang == language]


def test_every_json_and_toml_setting_parses() -> None:
    settings = [json.loads(body) for body in blocks("json")]
    assert [sorted(s) for s in settings] == [
        ["glspc.initializationOptions", "glspc.languageId", "glspc.serverCommand",
         "glspc.serverCommandArguments"],
        ["glspc.server.command", "glspc.server.commandArguments",
         "glspc.server.initializationOptions", "glspc.server.languageId"],
        ["clients"]]
    for s in settings[:2]:  # each runs `glowlint server`
        assert [v for k, v in s.items() if k.endswith("ommandArguments")] == [["server"]]
    assert settings[2]["clients"]["glowlint"]["command"] == ["glowlint", "server"]
    helix, zed = (tomllib.loads(body) for body in blocks("toml"))
    assert helix["language-server"]["glowlint"] == {
        "command": "glowlint", "args": ["server"], "config": {"debounce": 300}}
    assert [lang["name"] for lang in helix["language"]] == ["markdown", "html"]
    assert all("glowlint" in lang["language-servers"] for lang in helix["language"])
    assert zed["language_servers"]["glowlint"]["languages"] == [
        "Markdown", "HTML", "Plain Text"]


def test_neovim_finds_the_root_by_every_configuration_file() -> None:
    (lua,) = blocks("lua")
    markers = re.search(r"root_markers = \{([^}]*)\}", lua)
    assert markers is not None
    assert set(CONFIG_NAMES) <= set(re.findall(r"'([^']+)'", markers.group(1)))
    assert "cmd = { 'glowlint', 'server' }" in lua
