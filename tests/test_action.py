"""The GitHub Action (action.yml): its inputs, and its run step driven with bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
PACK = Path(__file__).parent / "data" / "adoption" / "rules.yaml"
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


def test_inputs_and_composite_steps() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert {"paths", "format", "config", "fail-on"} <= set(ACTION["inputs"])
    assert ACTION["inputs"]["format"]["default"] == "github"
    install = ACTION["runs"]["steps"][0]["run"]
    assert "pip install" in install and "$GLOWLINT_SOURCE" in install
    assert ACTION["runs"]["steps"][0]["env"]["GLOWLINT_SOURCE"] == "${{ github.action_path }}"
    for step in ACTION["runs"]["steps"]:  # inputs reach the scripts only through env
        assert "${{" not in step["run"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_run_step(tmp_path: Path) -> None:
    venv_bin = tmp_path / "runner" / "glowlint-venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "glowlint").write_text(
        f"#!/bin/sh\nexec {sys.executable} -m glowlint \"$@\"\n")
    (venv_bin / "glowlint").chmod(0o755)
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "page.md").write_text("It is painless.\n")
    (site / ".glowlint.yaml").write_text(f"extend-rules: ['{PACK}']\nselect: [adopt-painless]\n")
    step = ACTION["runs"]["steps"][1]
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path / "runner"),
           "GITHUB_OUTPUT": str(tmp_path / "out"), "PYTHONPATH": str(ROOT),
           "GL_PATHS": "content/", "GL_FORMAT": "github", "GL_CONFIG": "", "GL_FAIL_ON": "",
           "GL_BASELINE": "", "GL_OUTPUT": "", "GL_ARGS": "--profile uk"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=site, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert done.stdout == (
        "::error file=content/page.md,line=1,col=7,endLine=1,endColumn=15,"
        "title=glowlint adopt-painless (pain-free)::Promises a procedure causes no pain."
        "%0ASuggestion: most people feel only mild discomfort\n")
    assert (tmp_path / "out").read_text() == "exit-code=1\n"
    env["GL_ARGS"] = "--exit-zero"
    env["GL_OUTPUT"] = "report.sarif"
    env["GL_FORMAT"] = "sarif"
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=site, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (site / "report.sarif").read_text().count('"ruleId": "adopt-painless"') == 1
