"""The HTML report: structure, positions in the copy, escaping, no external requests.

Fast and without a browser; tests/e2e/test_browser.py drives the same page in
headless Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import re
import weakref
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint import runner
from glowlint.cli import cli
from glowlint.kinds.plan import SearchPlan
from glowlint.model import Document, Severity
from glowlint.readers import read_text
from glowlint.reporters import Report, html, html_page
from glowlint.rules import RuleSet, load_rules
from glowlint.run import Run

PACK = Path(__file__).parent / "data" / "report-rules.yaml"

MARKDOWN = """---
title: Glow peel
---
# Our glow peel &amp; you

Our **glow peel** is completely painless and suitable for all skin types.
It is [clinically proven](https://example.invalid/study).

- Expect some redness for a day.
"""

HTML_PAGE = """<html><head><title>Microderm</title></head><body>
<p>Our microderm is <b>pain&#8209;free</b> &amp; <i>painless</i>.</p>
<p>Wear sunscreen afterwards; expect slight redness.</p></body></html>
"""

HOSTILE = """Our peel is painless. <script>alert("pwned")</script>
<img src=x onerror=alert(1)> "quoted" & 'single' </textarea></style>
"""


@pytest.fixture(scope="module")
def pack_rules() -> RuleSet:
    return load_rules([PACK], builtin=False)


def report_of(tmp_path: Path, files: dict[str, str], ruleset: RuleSet) -> str:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    options = runner.Options(paths=[str(tmp_path / n) for n in files], fmt="html")
    return "".join(Run(options, ruleset).chunks())


def marks(page: str) -> list[tuple[str, str]]:
    """(data-f, text) of every highlight."""
    return [
        (m.group(1), m.group(2))
        for m in re.finditer(r'<mark [^>]*data-f="([^"]*)"[^>]*>([^<]*)</mark>', page)
    ]


def card_numbers(page: str, rule: str) -> list[str]:
    return re.findall(rf'<li class="gl-card[^"]*" id="gl-f-(\d+)"[^>]*data-rule="{rule}"', page)


def marked_words(page: str, rule: str) -> list[str]:
    numbers = set(card_numbers(page, rule))
    return [text for f, text in marks(page) if numbers & set(f.split())]


def test_findings_are_highlighted_at_their_words(tmp_path: Path, pack_rules: RuleSet) -> None:
    page = report_of(tmp_path, {"page.md": MARKDOWN, "page.html": HTML_PAGE}, pack_rules)
    assert marked_words(page, "report-painless") == ["painless", "pain&#8209;free", "painless"] \
        or marked_words(page, "report-painless") == ["painless", "pain‑free", "painless"]
    assert marked_words(page, "report-all-skin-types") == ["suitable for all skin types"]
    assert marked_words(page, "report-clinically-proven") == ["clinically proven"]
    # The copy is shown, not the markup: no Markdown syntax, no front-matter fence, no URL.
    assert "**glow peel**" not in page
    assert "example.invalid" not in page
    assert "Our glow peel &amp; you" in page  # the entity decoded, then escaped once


def test_markup_is_not_shown_and_entities_are_decoded(tmp_path: Path, pack_rules: RuleSet
                                                      ) -> None:
    page = report_of(tmp_path, {"page.html": HTML_PAGE}, pack_rules)
    copy = re.search(r'<div class="gl-copy">(.*?)</div>\n', page, re.S)
    assert copy is not None
    text = re.sub(r"<[^>]+>", "", copy.group(1))
    assert "Our microderm is pain‑free &amp; painless." in text
    assert "&lt;b&gt;" not in page and "&amp;#8209;" not in page


def test_cards_carry_message_basis_and_suggestion(tmp_path: Path, pack_rules: RuleSet) -> None:
    page = report_of(tmp_path, {"page.md": MARKDOWN}, pack_rules)
    n = card_numbers(page, "report-painless")[0]
    card = re.search(rf'<li [^>]*id="gl-f-{n}".*?</li>', page, re.S)
    assert card is not None
    body = card.group(0)
    assert 'data-cat="pain-free"' in body and 'data-sev="error"' in body
    assert "Promises that the treatment causes no pain at all." in body
    assert "CAP Code 3.1, 12.1" in body
    assert '<span class="gl-sugg-text">most people feel only mild discomfort</span>' in body
    assert 'class="gl-copybtn"' in body
    assert f">E{n}<" in body  # the label: severity letter and number, not colour alone
    assert "line 6, column 33" in body


def test_summary_counts_and_checklist(tmp_path: Path, pack_rules: RuleSet) -> None:
    page = report_of(tmp_path, {"page.md": MARKDOWN, "page.html": HTML_PAGE}, pack_rules)
    row = re.search(r'<tr data-category="pain-free">(.*?)</tr>', page)
    assert row is not None and '<td class="gl-n">3</td>' in row.group(1)
    md = re.search(r'<tr data-path="[^"]*page\.md">(.*?)</tr>', page)
    htm = re.search(r'<tr data-path="[^"]*page\.html">(.*?)</tr>', page)
    assert md is not None and htm is not None
    assert 'data-advice="missing-sunscreen" data-state="missing"' in md.group(1)
    assert 'data-advice="missing-side-effects" data-state="given"' in md.group(1)
    assert 'data-advice="missing-sunscreen" data-state="given"' in htm.group(1)
    # No rule of the pack checks consultation: not needed rather than a false tick.
    assert 'data-advice="missing-consultation" data-state="n/a"' in md.group(1)
    # Filters for each category and severity present.
    for key in ("cat:pain-free", "cat:missing-sunscreen", "sev:error", "sev:warning", "sev:info"):
        assert f'data-filter="{key}"' in page


def test_hostile_copy_is_escaped(tmp_path: Path, pack_rules: RuleSet) -> None:
    page = report_of(tmp_path, {"x.txt": HOSTILE}, pack_rules)
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;/textarea&gt;&lt;/style&gt;" in page
    assert page.count("<script") == 1  # the report's own script only
    assert "onerror=alert" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert marked_words(page, "report-painless") == ["painless"]


def test_hostile_file_name_is_escaped(tmp_path: Path, pack_rules: RuleSet) -> None:
    name = 'a"><svg onload=alert(1)>.txt'
    page = report_of(tmp_path, {name: "It is painless."}, pack_rules)
    assert "<svg" not in page
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;.txt" in page


def test_self_contained_and_locked_down(tmp_path: Path, pack_rules: RuleSet) -> None:
    page = report_of(tmp_path, {"page.md": MARKDOWN, "x.txt": HOSTILE}, pack_rules)
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link\b(?![^>]*rel=\"icon\" href=\"data:,\")", page)
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"<(?:iframe|object|embed|base)\b", page)
    # The Content-Security-Policy admits exactly the page's own style and script.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in policy
    for tag in ("style", "script"):
        bodies = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        assert len(bodies) == 1
        digest = base64.b64encode(hashlib.sha256(bodies[0].encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_print_stylesheet_shows_everything_needed() -> None:
    css = html_page.stylesheet()
    media = css[css.index("@media print"):]
    assert ".gl-filters" in media and "#gl-pop" in media  # controls are not printed
    assert "print-color-adjust: exact" in media


def test_overlapping_findings_share_a_stretch() -> None:
    pack_rules = load_rules([PACK], builtin=False)
    doc = read_text("Completely painless peel.", "o.txt", "txt")
    a = pack_rules.by_id()["report-painless"].finding(doc, 11, 19)
    b = pack_rules.by_id()["report-clinically-proven"].finding(doc, 0, 19)
    placed = html.place(doc, [b, a], 1)
    out = html.render_copy(doc.copy, placed, frozenset())
    assert '<mark class="gl-hl c-unsubstantiated-evidence s-info" data-f="1"' in out
    # The shared stretch takes the worse finding's colour and lists both.
    shared = re.search(r'<mark class="gl-hl c-pain-free s-error" data-f="1 2"[^>]*>painless</mark>',
                       out)
    assert shared is not None and 'data-labels="I1 E2"' in shared.group(0)


def test_copy_map_inverts_runs() -> None:
    doc = read_text("<p>A &amp; B <b>painless</b> &eacute;t&eacute;</p>", "m.html", "html")
    cmap = html.CopyMap(doc.copy)
    src = doc.source.index("painless")
    span = cmap.span(src, src + len("painless"))
    assert span is not None and doc.copy.text[span[0]:span[1]] == "painless"
    amp = doc.source.index("&amp;")
    span = cmap.span(amp, amp + 5)
    assert span is not None and doc.copy.text[span[0]:span[1]] == "&"
    tag = doc.source.index("<b>")
    assert cmap.span(tag, tag + 3) is None  # markup is not copy


def test_report_without_documents_falls_back_to_source(pack_rules: RuleSet) -> None:
    doc = read_text("It is painless.", "s.txt", "txt")
    analysis = _analysis(doc, pack_rules)
    rule = pack_rules.by_id()["report-painless"]
    findings = list(rule.check(doc, analysis, SearchPlan(analysis, [rule])))
    page = html.render(Report(findings, ["s.txt"], pack_rules, {"s.txt": doc.source}))
    assert marked_words(page, "report-painless") == ["painless"]
    assert findings[0].severity is Severity.ERROR


def test_clean_document_is_listed_collapsed(tmp_path: Path, pack_rules: RuleSet) -> None:
    page = report_of(tmp_path, {"clean.txt": "Our facial is relaxing."}, pack_rules)
    assert re.search(r'<details class="gl-doc" id="doc-0" data-path="[^"]*clean\.txt">', page)
    assert "<strong>0</strong> findings" in page and "no findings" in page


def test_cli_writes_the_report(tmp_path: Path) -> None:
    src = tmp_path / "page.md"
    src.write_text(MARKDOWN, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli, ["check", "--format", "html", "--output", str(out), "--rules", str(PACK), str(src)]
    )
    assert result.exit_code == 1, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert marked_words(page, "report-painless") == ["painless"]


def _analysis(doc, ruleset):  # type: ignore[no-untyped-def]
    from glowlint.engine import analyse

    return analyse(doc, ruleset)


def test_a_finding_across_blocks_is_one_stop_with_one_label() -> None:
    pack_rules = load_rules([PACK], builtin=False)
    doc = read_text("Painless peel.\n\nClinically proven.", "b.txt", "txt")
    whole = pack_rules.by_id()["report-clinically-proven"].finding(doc, 0, len(doc.copy.text))
    out = html.render_copy(doc.copy, html.place(doc, [whole], 1), frozenset())
    assert out.count('data-f="1"') == 2  # one stretch per block
    assert out.count('data-first="1"') == 1 and out.count('data-labels="I1"') == 1
    assert out.index('data-first="1"') < out.index('data-labels="I1"')


def test_report_streams_reading_one_document_at_a_time(
        tmp_path: Path, pack_rules: RuleSet, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(40):
        (tmp_path / f"page{i:02}.md").write_text(MARKDOWN, encoding="utf-8")
    options = runner.Options(paths=[str(tmp_path)], fmt="html", jobs=1)
    outcome = Run(options, pack_rules).collect()
    read_text_now = runner.read_text
    alive: list[weakref.ref[Document]] = []
    reads: list[str] = []

    def read_text_once(source: str, path: str, fmt: str) -> Document:
        assert all(ref() is None for ref in alive), "a document outlived the next one's read"
        doc = read_text_now(source, path, fmt)
        alive.append(weakref.ref(doc))
        reads.append(path)
        return doc

    monkeypatch.setattr(runner, "read_text", read_text_once)
    chunks = Run(options, pack_rules).chunks()
    assert reads == []  # nothing read before the report is written
    first = next(chunks)
    assert first.startswith("<!DOCTYPE html>")
    pieces = [first, *chunks]
    assert len(pieces) > 1
    # each document once, for its copy: the checklists (first on the page) came with
    # the lint's results (`advice_states`)
    assert reads == outcome.files and len(outcome.files) == 40
    page = "".join(pieces)
    assert len(card_numbers(page, "report-painless")) == 40
    docs = [(read_text_now(MARKDOWN, path, "md"), [f for f in outcome.findings if f.path == path])
            for path in outcome.files]
    assert page == html_page.page("glowlint report", html.render_body(docs, pack_rules))


def test_report_reads_documents_for_checklists_the_lint_did_not_take(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A result from the cache comes without the checklist's states: the report reads
    the document for them (and once more for its copy), and shows the same page."""
    ruleset = load_rules(profile="uk")
    for i in range(3):
        (tmp_path / f"page{i}.md").write_text("Our peel is painless.\n", encoding="utf-8")
    options = runner.Options(paths=[str(tmp_path)], fmt="html", jobs=1,
                             cache_dir=str(tmp_path / "rc"))
    outcome = Run(options, ruleset).collect()
    assert sorted(outcome.advice) == outcome.files  # a peel: advice is needed
    assert outcome.advice[outcome.files[0]]["missing-sunscreen"] == "needed"
    taken = "".join(Run(options, ruleset).chunks())  # from the cache: no advice taken
    reads: list[str] = []
    read_text_now = runner.read_text

    def counted(source: str, path: str, fmt: str) -> Document:
        reads.append(path)
        return read_text_now(source, path, fmt)

    monkeypatch.setattr(runner, "read_text", counted)
    fresh = runner.Options(paths=[str(tmp_path)], fmt="html", jobs=1)
    assert "".join(Run(fresh, ruleset).chunks()) == taken
    assert reads == outcome.files  # the lint took the states: each copy read once
    reads.clear()
    assert "".join(Run(options, ruleset).chunks()) == taken
    assert reads == outcome.files * 2  # for the summary's checklist, then for its copy
