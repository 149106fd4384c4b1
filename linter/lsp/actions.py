"""Code actions and hover, as JSON objects of the protocol.

Quick fixes come from the diagnostics' ``data`` (`diagnostics`), so no lint
runs for them: the rule's fix (the safe one preferred; an unsafe one says
so in its title) and "Disable RULE for this line". ``source.fixAll.glowlint``
applies every safe fix in rounds, exactly as ``glowlint check --fix`` does,
and sends the result as one edit of the span that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeGuard

from ..directives import META_RULES
from ..fix_apply import fix_text
from ..model import Finding
from .buffer import Lines
from .diagnostics import SOURCE
from .projects import Project

QUICK_FIX = "quickfix"
FIX_ALL = "source.fixAll.glowlint"
FIX_ALL_TITLE = "glowlint: fix all safe problems"
UNSAFE = " (unsafe fix: changes what the copy promises)"


def wants(only: Sequence[str] | None, kind: str) -> bool:
    """Whether a request limited to the kinds ``only`` asks for actions of ``kind``."""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def _is_position(p: Any) -> bool:
    return isinstance(p, dict) and all(
        isinstance(p.get(k), int) and not isinstance(p.get(k), bool) and p[k] >= 0
        for k in ("line", "character"))


def _is_edit(e: Any) -> TypeGuard[dict[str, Any]]:
    """Whether ``e`` is an edit as `diagnostics` makes them (the client sends data back)."""
    r = e.get("range") if isinstance(e, dict) else None
    return isinstance(r, dict) and _is_position(r.get("start")) and _is_position(r.get("end")) \
        and isinstance(e.get("newText"), str)


def _edit(uri: str, edit: dict[str, Any]) -> dict[str, Any]:
    return {"changes": {uri: [{"range": edit["range"], "newText": edit["newText"]}]}}


def quick_fixes(uri: str, diagnostics: Sequence[dict[str, Any]], version: int | None
                ) -> list[dict[str, Any]]:
    """The quick fixes of the glowlint diagnostics a client sent back.

    Only those of the buffer's current ``version``: the edits of an older one
    would land in the wrong place (its fresh diagnostics are on their way).
    """
    actions: list[dict[str, Any]] = []
    for diag in diagnostics:
        data = diag.get("data")
        if diag.get("source") != SOURCE or not isinstance(data, dict) \
                or data.get("version") != version:
            continue
        rule = str(data.get("rule", ""))
        fix = data.get("fix")
        if _is_edit(fix):
            safe = bool(fix.get("safe"))
            title = f"Replace '{fix.get('old', '')}' with '{fix['newText']}'"
            actions.append({"title": title + ("" if safe else UNSAFE), "kind": QUICK_FIX,
                            "diagnostics": [diag], "isPreferred": safe,
                            "edit": _edit(uri, fix)})
        sup = data.get("suppress")
        if _is_edit(sup):
            actions.append({"title": f"Disable {rule} for this line", "kind": QUICK_FIX,
                            "diagnostics": [diag], "edit": _edit(uri, sup)})
    return actions


def fix_all(uri: str, text: str, findings: list[Finding], lint: Callable[[str], list[Finding]],
            codec: Any) -> dict[str, Any] | None:
    """``source.fixAll.glowlint``: the safe fixes of ``text``, or None when there is none.

    The first round uses ``findings`` (those of ``text`` already published);
    later rounds lint the text they made, as ``--fix`` does.
    """
    if not any(f.fix is not None and f.fix_safe for f in findings):
        return None
    first = [findings]

    def rounds(source: str) -> list[Finding]:
        return first.pop() if first else lint(source)

    fixed = fix_text(text, rounds).text
    if fixed == text:
        return None
    start = 0
    limit = min(len(text), len(fixed))
    while start < limit and text[start] == fixed[start]:
        start += 1
    end = 0
    while end < limit - start and text[-1 - end] == fixed[-1 - end]:
        end += 1
    lines = Lines(text, codec)
    edit = {"range": lines.range(start, len(text) - end),
            "newText": fixed[start:len(fixed) - end]}
    return {"title": FIX_ALL_TITLE, "kind": FIX_ALL, "edit": _edit(uri, edit)}


def hover(findings: list[Finding], offset: int, lines: Lines, project: Project
          ) -> dict[str, Any] | None:
    """The explanation of the findings under ``offset``: name, why, basis, sources, advice."""
    here = [f for f in findings if f.start <= offset <= f.end and f.start < f.end]
    if not here:
        return None
    parts = [explain(f, project) for f in here]
    first = here[0]
    return {"contents": {"kind": "markdown", "value": "\n\n---\n\n".join(parts)},
            "range": lines.range(first.start, first.end)}


def explain(f: Finding, project: Project) -> str:
    """One finding's hover text (Markdown)."""
    rule = None if f.rule in META_RULES else project.ruleset.by_id().get(f.rule)
    name = rule.name if rule is not None and rule.name and rule.name != f.rule else ""
    title = f"**glowlint `{f.rule}`**" + (f": {name}" if name else "") + f" ({f.severity})"
    out = [title, f"**Why it matters:** {f.message}"]
    category = project.ruleset.taxonomy.get(f.category)
    if category is not None and category.means:
        out.append(f"**Category:** `{f.category}`: {category.means}")
    basis = rule.basis if rule is not None else f.basis
    if basis:
        out.append(f"**Regulatory basis:** {basis}")
    if rule is not None and rule.sources:
        out.append("**Sources**\n\n" + "\n".join(f"- {s.ref}: {s.fact}" for s in rule.sources))
    if f.suggestion:
        out.append(f"**Suggestion:** {f.suggestion}")
    return "\n\n".join(out)
