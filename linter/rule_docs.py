"""`rules show` for the people who read it: marketers and rule authors, not regex engines.

A rule's patterns are shown in the phrase shorthand (linter/patterns.py) as
far as they can be read that way ("pain-less(ly)", "remov… ... {concern}"),
its fixes as they are applied to its own examples, and its sources by a
readable title (`rules/sources.yaml`) rather than a file name. The exact
patterns stay in the pack, whose file and line `rules show` names.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from .lazyre import LazyPattern

if TYPE_CHECKING:
    from .kinds import Rule
    from .rules import RuleSet

SOURCES_FILE = "sources.yaml"
MAX_SHOWN = 100  # characters of one readable pattern before it is cut

# Pieces of regex and what they read as, tried in order at each position.
_SPACE = r"(?:\[\\s[^\]]*\]|\\s)(?:[*+?]|\{\d*,?\d*\})?\??"
_WORDS = r"\(\?:(?:\\w\+|\[[^\]]*\]\+)(?:\\s\+|\[\\s[^\]]*\]\+)\)\{\d*,?\d+\}\??"
_TOKENS = LazyPattern("|".join([
    rf"(?P<words>{_WORDS})",                      # (?:\w+\s+){0,3}? -> ...
    rf"(?P<space>{_SPACE})",                      # \s+, [\s-]*     -> a space
    r"(?P<any>(?:\\w|\[[^\]]*\\w[^\]]*\])[*+]\??)",  # \w*, [\w'-]+  -> …
    r"(?P<digit>\\d(?:[*+?]|\{\d*,?\d*\})?)",     # \d+             -> #
    r"(?P<anchor>\\b|\\B|\^|\$)",
    r"(?P<escape>\\.)",
]))
_LOOK = LazyPattern(r"\(\?<?[=!]")
_GROUP = LazyPattern(r"\((?:\?:|\?<\w+>|\?P<\w+>)?")
_TERM = LazyPattern(r"\{[A-Za-z_][\w-]*\}")
_QUANT = LazyPattern(r"(?:[?*+]|\{\d*,?\d*\})\??")


def readable(pattern: str) -> str:
    """A regex as a reader would say it: ``pain[\\s-]*less(?:ly)?`` -> "pain less(ly)?"."""
    text, _ = _read(pattern, 0)
    text = regex.sub(r" {2,}", " ", text).strip()
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"


def _read(p: str, i: int) -> tuple[str, int]:
    """The readable form of ``p`` from ``i`` to the end of the current group."""
    out: list[str] = []
    while i < len(p) and p[i] != ")":
        if (m := _LOOK.match(p, i)) is not None:
            inner, i = _read(p, m.end())
            i += 1
            if m.group() == "(?<=":  # words that come before the match: said
                out.append(inner + " ")
            continue  # other conditions are not words: left out
        if (m := _TERM.match(p, i)) is not None:
            out.append(m.group())
            i = m.end()
            continue
        if (m := _TOKENS.match(p, i)) is not None:
            kind = m.lastgroup
            out.append({"words": " ... ", "space": " ", "any": "…", "digit": "#",
                        "anchor": ""}.get(kind or "", m.group()[1:]))
            i = m.end()
            continue
        if (m := _GROUP.match(p, i)) is not None:
            inner, i = _read(p, m.end())
            i += 1  # the closing parenthesis
            q = _QUANT.match(p, i)
            optional = q is not None and q.group().startswith(("?", "{0", "*"))
            i = q.end() if q is not None else i
            space = " " if inner.endswith(" ") else ""
            out.append(f"({inner.strip()}){'?' if optional else ''}{space}")
            continue
        if p[i] == "[":
            end = p.find("]", i + 2)
            end = len(p) - 1 if end < 0 else end
            out.append(p[i + 1:end].lstrip("^")[:1])  # a class: its first letter
            i = end + 1
        elif p[i] == "|":
            out.append("|")
            i += 1
        elif p[i] in "?*+" or (p[i] == "{" and (q := _QUANT.match(p, i)) is not None):
            q = _QUANT.match(p, i)
            i = q.end() if q is not None else i + 1
            if out and out[-1] and out[-1][-1].isalpha() and p[i - 1] in "?":
                out[-1] = f"{out[-1][:-1]}({out[-1][-1]})?"
        else:
            out.append(p[i])
            i += 1
    return "".join(out), i


@cache
def _titles(path: Path) -> dict[str, str]:
    from .yamlio import load_yaml

    if not path.is_file():
        return {}
    data = load_yaml(path)
    titles = data.get("titles") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in (titles or {}).items()}


def source_title(ref: str, rules_dir: Path) -> str:
    """A source as a reader knows it: the page's title for a file the rule was derived from."""
    return _titles(rules_dir / SOURCES_FILE).get(ref, ref)


def fix_lines(rule: Rule, ruleset: RuleSet, indent: str, raw: object = None) -> list[str]:
    """Each fix case in words, then the fix as `--fix` applies it to each flagged example.

    ``raw`` is the rule's ``fix`` as the pack writes it (its ``when`` with the
    pack's ``{terms}`` unexpanded, which reads better).
    """
    from .api import fix_text

    cases = getattr(rule, "fixes", ())
    if not cases:
        return []
    written = raw if isinstance(raw, list) and len(raw) == len(cases) else [None] * len(cases)
    lines = []
    for case, item in zip(cases, written, strict=True):
        safety = "safe" if case.safe else "unsafe"
        pattern = item.get("when") if isinstance(item, dict) else None
        if pattern is None and case.when is not None:
            pattern = case.when.pattern
        when = f"where the match reads {readable(str(pattern))!r}" \
            if pattern is not None else ("any other match" if len(cases) > 1 else "any match")
        slot = "" if case.before_noun else "; not offered before a noun"
        lines.append(f"{indent}- {when}: {_template(case.template)!r} ({safety}{slot})")
    only = ruleset.with_rules([rule])
    applied = []
    for text in rule.examples_flag:
        done = fix_text(text, rules=only, unsafe=True)
        if done.applied:
            applied.append(f"{indent}  {text!r}\n{indent}    -> {done.text!r}")
        else:
            applied.append(f"{indent}  {text!r}\n{indent}    (no fix offered for this wording: "
                           "rewrite it by hand)")
    if applied:
        lines.append(f"{indent}applied to the flagged examples:")
        lines.extend(applied)
    safe = "safe: applied with --fix" if getattr(rule, "fix_safe", False) \
        else "unsafe: applied with --fix --unsafe-fixes"
    lines.append(f"{indent}({safe}; a case marked unsafe needs --unsafe-fixes)")
    return lines


def _template(template: str) -> str:
    """A replacement as a reader sees it: ``\\g<c>`` is "[what it named]"."""
    return regex.sub(r"\\g<(\w+)>", "[the words matched]", template)
