"""Copy extraction: what counts as copy per format, and exact positions back in the source."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glowlint import lint_text
from glowlint.readers import read_text
from glowlint.rules import load_rules

CORE = load_rules([Path(__file__).parent / "data" / "core-rules.yaml"], builtin=False)


def spans(text: str, fmt: str) -> list[tuple[str, int, int, int, int, str]]:
    return [
        (f.rule, f.line, f.column, f.end_line, f.end_column, f.match)
        for f in lint_text(text, fmt, rules=CORE)
        if not f.category.startswith("missing-")
    ]


def copy_of(text: str, fmt: str) -> str:
    return " ".join(read_text(text, "x", fmt).copy.text.split())


def test_markdown_positions_count_markup_as_it_stands() -> None:
    text = (
        "# Title\n\nOur **peel** is *pain*less? No: it is __painless__ and has no side "
        "effects.\n"
    )
    assert spans(text, "md") == [
        ("test-painless", 3, 41, 3, 49, "painless"),
        ("test-no-side-effects", 3, 60, 3, 75, "no side effects"),
    ]


def test_markdown_emphasis_inside_a_phrase_keeps_exact_span() -> None:
    text = "It has **no** side effects."
    assert spans(text, "md") == [("test-no-side-effects", 1, 10, 1, 27, "no** side effects")]


def test_markdown_non_copy_is_ignored() -> None:
    text = (
        "---\ntitle: Painless peels\nlayout: painless\n---\n"
        "```\npainless\n```\n"
        "Use `painless` in code. <!-- painless -->\n"
        "[Read more](https://example.com/painless) and ![A painless peel](img.png)\n"
        "[ref]: https://example.com/painless\n"
    )
    assert spans(text, "md") == [
        ("test-painless", 2, 8, 2, 16, "Painless"),
        ("test-painless", 9, 51, 9, 59, "painless"),
    ]
    assert "Read more" in copy_of(text, "md")
    assert "example.com" not in copy_of(text, "md")


def test_markdown_blocks_do_not_run_together() -> None:
    # A heading and the paragraph after it are two sentences: "no" in the
    # heading must not negate the claim in the next block.
    text = "## Why choose no other clinic\n\nPainless peels.\n"
    assert spans(text, "md") == [("test-painless", 3, 1, 3, 9, "Painless")]


def test_markdown_table_cells_and_list_items_are_copy() -> None:
    text = "- painless\n- safe\n\n| Treatment | Note |\n|---|---|\n| Peel | pain-free |\n"
    assert spans(text, "md") == [
        ("test-painless", 1, 3, 1, 11, "painless"),
        ("test-painless", 6, 10, 6, 19, "pain-free"),
    ]


def test_html_positions_and_entities() -> None:
    text = (
        "<html><head><title>Painless &amp; quick</title>\n"
        '<meta name="description" content="A pain&#45;free peel">\n'
        "<style>.painless{}</style><script>var painless = 1;</script></head>\n"
        "<body><!-- painless --><p>Our peel has&nbsp;no side effects.</p>\n"
        '<img src="painless.png" alt="Painless result"></body></html>\n'
    )
    assert spans(text, "html") == [
        ("test-painless", 1, 20, 1, 28, "Painless"),
        ("test-painless", 2, 37, 2, 50, "pain&#45;free"),
        ("test-no-side-effects", 4, 45, 4, 60, "no side effects"),
        ("test-painless", 5, 30, 5, 38, "Painless"),
    ]


def test_html_entity_spans_map_to_whole_entity() -> None:
    text = "<p>no&#32;side effects</p>"
    assert spans(text, "html") == [("test-no-side-effects", 1, 4, 1, 23, "no&#32;side effects")]


def test_html_inline_tags_do_not_split_a_sentence() -> None:
    text = "<p>It is <strong>painless</strong> and has <em>no</em> side effects.</p>"
    assert [s[0] for s in spans(text, "html")] == ["test-painless", "test-no-side-effects"]


def test_html_block_tags_split_sentences() -> None:
    copy = read_text("<ul><li>One</li><li>Two</li></ul>", "x", "html").copy.text
    assert "One\n\nTwo" in copy


def test_text_headings_and_bullets_are_sentences() -> None:
    text = "Never again\nPainless peels for you\n- pain-free\n"
    assert spans(text, "txt") == [
        ("test-painless", 2, 1, 2, 9, "Painless"),
        ("test-painless", 3, 3, 3, 12, "pain-free"),
    ]


def test_columns_count_code_points() -> None:
    text = "Ünïcödé 😀 painless"
    assert spans(text, "txt") == [("test-painless", 1, 11, 1, 19, "painless")]


def test_crlf_columns() -> None:
    text = "First line.\r\nIt is painless.\r\n"
    assert spans(text, "txt") == [("test-painless", 2, 7, 2, 15, "painless")]


def test_curly_apostrophes_match_straight_patterns() -> None:
    rules = load_rules([Path(__file__).parent / "data" / "core-rules.yaml"], builtin=False)
    doc = read_text("It doesn\u2019t hurt.", "x", "txt")
    assert doc.copy.text == "It doesn\u2019t hurt."  # the copy keeps the source characters
    assert rules.rules


@pytest.mark.parametrize(("fmt", "text"), [
    ("md", "Painless"), ("html", "<b>Painless</b>"), ("txt", "Painless"),
])
def test_match_is_source_text(fmt: str, text: str) -> None:
    (finding,) = [f for f in lint_text(text, fmt, rules=CORE) if f.rule == "test-painless"]
    assert text[finding.start:finding.end] == finding.match


@pytest.mark.parametrize(("fmt", "text", "column", "match"), [
    ("html", "<p>It is pain&shy;less.</p>", 10, "pain&shy;less"),
    ("txt", "It is pain\u00adless.", 7, "pain\u00adless"),
    ("txt", "It is pain\u200bless.", 7, "pain\u200bless"),
])
def test_invisible_characters_inside_a_word_do_not_hide_it(
    fmt: str, text: str, column: int, match: str
) -> None:
    (finding,) = [f for f in lint_text(text, fmt, rules=CORE) if f.rule == "test-painless"]
    assert (finding.column, finding.match) == (column, match)


def test_folded_front_matter_value_is_copy_with_exact_positions() -> None:
    text = "---\ndescription: >\n  A gentle peel that is\n  completely painless.\n---\nBody.\n"
    assert spans(text, "md") == [("test-painless", 4, 14, 4, 22, "painless")]
    doc = read_text(text, "x", "md")
    for run in doc.copy.runs:  # every verbatim run is the source text itself
        if run.plain_len == run.src_len:
            assert doc.copy.text[run.plain_start:run.plain_start + run.plain_len] == \
                text[run.src_start:run.src_start + run.src_len]


Runs = list[tuple[int, int, int, int]]


@pytest.mark.parametrize(("fmt", "text", "copy", "runs"), [
    # A closing tag ignores case as the regex module does: a long s stands for
    # s, a dotless i does not stand for i, and any Unicode space may end it.
    ("html", "<script>x</\u017fcript>Painless</p>", "Painless\n\n", [(0, 18, 8, 8)]),
    ("html", "<script>x</scr\u0131pt>Painless</p>", "", []),
    ("html", "<style>x</STYLE\u00a0>Painless", "Painless", [(0, 17, 8, 8)]),
    ("html", "<img alt\u00a0=\u00a0'Painless peel'>", "Painless peel\n\n", [(0, 12, 13, 13)]),
    # An underscore next to a letter beyond ASCII is part of the word.
    ("md", "caf\u00e9_painless_ and _painless_\n", "caf\u00e9_painless and painless\n",
     [(0, 0, 13, 13), (13, 14, 5, 5), (18, 20, 8, 8), (26, 29, 1, 1)]),
    # List markers with digits beyond ASCII.
    ("md", "\u0663. painless\n", "painless\n", [(0, 3, 9, 9)]),
    ("md", "1\u0663) painless\n", "painless\n", [(0, 4, 9, 9)]),
    ("txt", "\u0661) Painless\n", "Painless\n", [(0, 3, 9, 9)]),
    # Only CR and LF end a line, not the other separators of str.splitlines.
    ("md", "one\u2028two\x0cthree painless\n", "one\u2028two\x0cthree painless\n",
     [(0, 0, 23, 23)]),
    # A no-break space is a space: no reference definition, but an MDX line.
    ("md", "[ref]:\u00a0x\npainless\n", "[ref]:\u00a0x\npainless\n", [(0, 0, 18, 18)]),
    ("md", "import\u2003x\npainless\n", "painless\n", [(0, 9, 9, 9)]),
    # Entities that html.unescape maps to another character, or to a prefix.
    ("html", "<p>&#x41;&#0;&#128;&ampxyz;&NotEqualTilde;</p>",
     "A\ufffd\u20ac&xyz;\u2242\u0338\n\n",
     [(0, 3, 1, 6), (1, 9, 1, 4), (2, 13, 1, 6), (3, 19, 5, 8), (8, 27, 2, 15)]),
])
def test_copy_and_runs_of_unicode_edge_cases(fmt: str, text: str, copy: str, runs: Runs) -> None:
    doc = read_text(text, "x", fmt)
    assert doc.copy.text == copy
    assert [(r.plain_start, r.src_start, r.plain_len, r.src_len) for r in doc.copy.runs] == runs


@given(st.text(alphabet=st.sampled_from("ab\n\r é"), max_size=40))
@settings(max_examples=300, deadline=None, database=None)
def test_lines_and_their_starts_are_those_of_splitlines(source: str) -> None:
    from itertools import accumulate

    from glowlint.readers.builder import lines_of

    kept = source.splitlines(True)
    assert lines_of(source) == (source.splitlines(), [0, *accumulate(map(len, kept))])
