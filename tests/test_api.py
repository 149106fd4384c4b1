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
