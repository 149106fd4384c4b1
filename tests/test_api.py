"""The public Python API (issue 19, item 15): formats, the default rule set, fixes, records."""

from __future__ import annotations

import pytest

import glowlint
from glowlint import Finding, Fixed, api, fix_text, lint_text
from glowlint.rules import DEFAULT_PROFILE


@pytest.mark.parametrize("fmt", ["htm", "xml", "", "markdown", "HTML"])
def test_unknown_format_raises_naming_the_accepted_ones(fmt: str) -> None:
    with pytest.raises(ValueError) as e:
        lint_text("<!-- painless --><p>Fine.</p>", fmt)
    assert str(e.value) == f"unknown format {fmt!r}: accepted formats are 'txt', 'md', 'html'"
    with pytest.raises(ValueError):
        fix_text("It is painless.", fmt)


def test_default_rule_set_is_loaded_once_per_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    real = api.load_rules

    def counting(*args: object, profile: str = DEFAULT_PROFILE, **kwargs: object) -> object:
        loads.append(profile)
        return real(profile=profile)

    monkeypatch.setattr(api, "_DEFAULT_RULES", {})
    monkeypatch.setattr(api, "load_rules", counting)
    first = lint_text("It is painless.")
    assert lint_text("It is painless.") == first
    assert fix_text("It is painless.").text == "It is usually only mildly uncomfortable."
    assert loads == [DEFAULT_PROFILE]
    lint_text("It is painless.", profile="strict")
    lint_text("It is painless.", profile="strict")
    assert loads == [DEFAULT_PROFILE, "strict"]


def test_fix_text_is_exported_and_documented() -> None:
    assert {"fix_text", "Fixed"} <= set(glowlint.__all__)
    done = fix_text("It is completely pain-free. It has no side effects.")
    assert isinstance(done, Fixed)
    assert done.text == "It is usually only mildly uncomfortable. It has few side effects."
    assert done.applied == 2
    assert all(f.fix is None or not f.fix_safe for f in done.findings)
    page = "<p>It is <b>painless</b>.</p>\n"
    assert fix_text(page, "html").text == "<p>It is <b>usually only mildly uncomfortable</b>.</p>\n"
    assert "fix_text" in (glowlint.__doc__ or "") and "to_dict" in (glowlint.__doc__ or "")


def test_every_public_name_is_the_one_its_module_defines() -> None:
    """`import glowlint` imports each name on first use; each is the defining module's own."""
    import importlib

    from glowlint import api, errors, model, rules

    homes = {"LintResult": api, "fix_text": api, "lint_paths": api, "lint_text": api,
             "GlowlintError": errors, "Finding": model, "Severity": model, "load_rules": rules}
    for name, module in homes.items():
        assert getattr(glowlint, name) is getattr(module, name)
    for name in glowlint.__all__:
        assert getattr(glowlint, name) is not None and name in dir(glowlint)
    assert importlib.import_module("glowlint").lint_records is api.lint_records
    with pytest.raises(AttributeError, match="no attribute 'lint_nothing'"):
        glowlint.lint_nothing  # noqa: B018


def test_finding_to_dict_is_the_json_record() -> None:
    found = lint_text("Our peel is painless.")
    record = next(f.to_dict() for f in found if f.rule == "painless")
    assert record == {
        "path": "<text>", "line": 1, "column": 13, "end_line": 1, "end_column": 21,
        "rule": "painless", "category": "pain-free", "severity": "error",
        "message": record["message"], "match": "painless",
        "suggestion": record["suggestion"], "basis": record["basis"],
        "fix": {"replacement": "usually only mildly uncomfortable", "safety": "safe",
                "line": 1, "column": 13, "end_line": 1, "end_column": 21},
        "docs": "glowlint rules show painless", "document_type": "page",
    }
    assert Finding.to_dict.__doc__


def test_lint_paths_is_the_run_of_glowlint_check(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`lint_paths` goes through the CLI's own steps: the same findings, files and notices."""
    from dataclasses import astuple

    from glowlint.options import Options
    from glowlint.run import Run

    (tmp_path / "page.md").write_text("# Peel\n\nOur peel is painless.\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("It is painless. " * 10, encoding="utf-8")
    (tmp_path / "logo.html").write_bytes(b"\x00\x01binary")
    (tmp_path / "empty").mkdir()
    paths = [str(tmp_path), str(tmp_path / "empty"), str(tmp_path / "gone.md")]
    got = glowlint.lint_paths(paths, max_file_size=100)
    ran = Run(Options(paths=paths, max_file_size=100, jobs=1), api.default_rules()).collect()
    assert [f.to_dict() for f in got.findings] == [f.to_dict() for f in ran.findings]
    assert got.files == ran.files == [str(tmp_path / "page.md")]
    assert [astuple(n) for n in got.notices] == [astuple(n) for n in ran.notices]
    assert {n.path.rsplit("/", 1)[-1]: n.error for n in got.notices} == {
        "empty": False, "big.txt": False, "logo.html": False, "gone.md": True}
    assert (3, "painless") in [(f.line, f.rule) for f in got.findings]
