"""What a one-file run imports: start-up is most of a pre-commit hook's time.

Each module below costs milliseconds to import, and a one-file check of a
Markdown page with no suppression comment, no configuration and a readable
grade needs none of them (docs/performance.md, "imports").
"""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

NOT_NEEDED = {
    "yaml": "no YAML is read: the rule set comes from its cache, and there is no configuration",
    "textstat": "the grade's ceiling proves the page readable",
    "importlib.metadata": "textstat's pronunciation dictionary is never loaded",
    "glowlint.suppressions": "the page holds no glowlint- comment",
    "glowlint.patterns": "the phrase shorthand is needed only to compile a pack",
    "glowlint.readers.html": "the page is Markdown",
    "html": "no entity beyond the common ones",
    "tempfile": "nothing is written",
    "json": "text output, no result cache",
    "concurrent.futures": "one file: no worker processes",
    "glowlint.authoring": "not `glowlint rules`",
    "glowlint.serve": "not `glowlint serve`",
    "glowlint.baseline": "no baseline",
    "glowlint.lsp": "not `glowlint server`",
    "pygls": "the language server's library (the extra glowlint[lsp]) is for `glowlint server`",
    "lsprotocol": "the protocol's types come with pygls",
    "glowlint.api": "the command line never calls the in-memory API (`import glowlint` is lazy)",
    "glowlint.records": "no catalogue records",
    "glowlint.scanner_index": "the scanner comes built from the rule-set cache",
    "glowlint.anchors": "the anchors are analysed when a scanner or a gate is built, not loaded",
    "glowlint.readability": "a 5 KB page is not long prose (the metric's own counts suffice)",
}

# glowlint check, in-process; then the names of the modules it imported (not as JSON:
# that would import json)
PROGRAM = """
import sys
from glowlint.cli import main
sys.argv = ["glowlint", "check", "--no-cache", "--isolated", "page.md"]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(repr({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _check(folder: Path) -> tuple[int, set[str], str]:
    done = subprocess.run([sys.executable, "-c", PROGRAM], cwd=folder, capture_output=True,
                          text=True, timeout=60)
    last = ast.literal_eval(done.stderr.strip().splitlines()[-1])
    return last["code"], set(last["modules"]), done.stdout


def test_a_one_file_run_imports_only_what_it_needs(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(
        "# Our facial\n\nOur peel is completely painless. Book a consultation first.\n",
        encoding="utf-8")
    _check(tmp_path)  # the first run ever compiles the rule set and caches it
    code, modules, report = _check(tmp_path)
    assert code == 1 and "page.md:3:24: error[painless]" in report
    assert "glowlint.readers.markdown" in modules and "ahocorasick" in modules
    imported = {name: why for name, why in NOT_NEEDED.items() if name in modules}
    assert imported == {}


# a rule set of claim rules only, from a user's pack without the built-in packs
KINDS_PROGRAM = """
import sys
from pathlib import Path

import pytest
from glowlint import load_rules
pack = Path("claims.yaml")
ruleset = load_rules([pack], builtin=False)
print(repr({"kinds": sorted({r.kind for r in ruleset.rules}), "modules": sorted(sys.modules)}))
"""

PACK = """\
pack: claims
rules:
  - id: glow
    name: Says glow
    kind: claim
    category: superlative
    severity: warning
    message: Says glow.
    suggestion: Say what the skin looks like.
    basis: a test of which kinds a rule set imports
    sources:
      - ref: tests/test_startup.py
        fact: the test
    phrases: [glow]
    examples:
      flag: ["Get the glow."]
      pass: ["Get the look."]
"""


def test_a_kind_is_imported_only_for_a_rule_set_that_has_it(tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text(PACK, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", KINDS_PROGRAM], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    last = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert last["kinds"] == ["claim"]
    modules = set(last["modules"])
    assert "glowlint.kinds.claim" in modules
    assert {"glowlint.kinds.frame", "glowlint.kinds.answer", "glowlint.kinds.metric"} \
        & modules == set()


def test_the_symbol_prefilter_holds_the_characters_it_was_written_with() -> None:
    """`lexicon._MAYBE_SYMBOLS` spells its class as what it leaves out of ASCII (a class
    up to U+10FFFF cost 3.5 ms to compile at each start): every code point is in it
    exactly when it is in the class as first written."""
    import re

    from glowlint.lexicon import _MAYBE_SYMBOLS

    first = re.compile(r"[\t $*^`\x80-\U0010ffff]")
    for cp in range(0x110000):
        c = chr(cp)
        assert bool(_MAYBE_SYMBOLS.fullmatch(c + c)) == bool(first.fullmatch(c)), hex(cp)


# a lexicon with no classes and no document types (a rule set such as release 0.1.0's:
# advice rules, no frame rules) unpickled from the rule-set cache in a fresh process
EMPTY_LEXICON_PROGRAM = """
import pickle, sys
lexicon = pickle.loads(bytes.fromhex(sys.stdin.read()))
print(repr({"forms": lexicon.form_count, "modules": sorted(sys.modules)}))
"""


def test_a_lexicon_without_words_is_loaded_without_the_scan() -> None:
    """Unpickling an empty lexicon imports neither the scan's modules nor the automaton's
    library, and typing a page with it scans nothing: with no types, no cue counts."""
    from glowlint.lexicon import Lexicon

    empty = Lexicon({}, ())
    done = subprocess.run([sys.executable, "-c", EMPTY_LEXICON_PROGRAM], capture_output=True,
                          text=True, timeout=60, input=pickle.dumps(empty).hex())
    assert done.returncode == 0, done.stderr
    last = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert last["forms"] == 0
    assert {"glowlint.lexicon_scan", "glowlint.lexicon_entries", "ahocorasick"} \
        & set(last["modules"]) == set()


def test_a_page_is_typed_without_a_scan_when_the_lexicon_has_no_types(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from glowlint.context import ContextModel
    from glowlint.engine import analyse
    from glowlint.lexicon import Lexicon
    from glowlint.readers import read_text
    from glowlint.rules import RuleSet, builtin_rules_dir

    def no_scan(self: Lexicon, text: str) -> None:
        raise AssertionError("scanned")

    monkeypatch.setattr(Lexicon, "scan", no_scan)
    ruleset = RuleSet(rules=[], context=ContextModel.load(builtin_rules_dir() / "context.yaml"),
                      taxonomy={}, profile="uk", files=[], lexicon=Lexicon({}, ()))
    doc = read_text("---\ntype: page\n---\n\nOur peel is completely painless.\n", "p.md", "md")
    assert analyse(doc, ruleset).document_type(doc, ruleset.lexicon).name == "page"
    doc = read_text("Our peel is completely painless.\n", "p.txt", "txt")
    assert analyse(doc, ruleset).document_type(doc, ruleset.lexicon).name == "page"
