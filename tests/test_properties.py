"""Properties of the readers and the engine, for arbitrary text and markup (hypothesis).

- every reader takes any text without raising;
- the copy maps back exactly: each verbatim run of the copy equals the source
  at its offset, and each decoded run stands for an HTML entity that decodes
  to it;
- every finding lies inside the file, and its line and column (code points,
  lines ending at CRLF, LF or a lone CR, as editors count them) lead back to
  the source text it reports as ``match``;
- inserting a neutral block between two blocks moves the findings after it
  by exactly the inserted text, and changes nothing else.

The budget is fixed (``SETTINGS``), so the file runs in a few seconds.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glowlint.engine import lint_document
from glowlint.model import Finding
from glowlint.readers import read_text
from glowlint.rules import load_rules

RULES = load_rules([Path(__file__).parent / "data" / "property-rules.yaml"], builtin=False)
SETTINGS = settings(max_examples=120, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
FORMATS = ("txt", "md", "html")

WORDS = ["zorblax", "Zorblax", "pain-free", "glowing", "cream glows", "peel", "sunscreen",
         "not", "never", "may", "usually", "virtually", "is", "the", "Is", "it", "cream"]
SPACE = [" ", " ", "  ", "\t", "\u00a0", "\u2028"]
PUNCT = [".", "?", "!", ",", ":", ";", "-", "’", "é", "😀", "\u0301", "ß"]
ENTITIES = ["&amp;", "&lt;", "&#233;", "&#x1F600;", "&nbsp;", "&bogus;", "&", "&#;"]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\r\r"]
MARKUP = ["<b>", "</b>", "<p>", "</p>", "<br/>", "<div class='a'>", "</div>", "<!--", "-->",
          "<script>", "</script>", "<style>", "<img alt='zorblax glow'>",
          '<a title="zorblax" href="x">', "</a>", '<meta name="description" content="glowing">',
          "<title>", "</title>", "<", ">", "<!x>", "<![CDATA[", "]]>", "'", '"']
MARKDOWN = ["`", "```", "~~~", "*", "_", "**", "~~", "[", "]", "(", ")", "](http://x.y/z)",
            "![zorblax](a.png)", "# ", "## ", "- ", "1. ", "> ", "|", "|-|-|", "---", "+++",
            "title: ", "description: ", "\\", "\\*", "{", "}", "http://zorblax.com"]
TOKENS = WORDS * 3 + SPACE * 3 + PUNCT + ENTITIES + BREAKS * 2 + MARKUP + MARKDOWN


def tokens(alphabet: list[str], max_size: int = 80) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet), max_size=max_size).map("".join)


ANY_TEXT = st.one_of(tokens(TOKENS), st.text(max_size=200))


def line_starts(source: str) -> list[int]:
    """Where each line starts, as an editor counts lines (independent of glowlint.model)."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]


def offset(starts: list[int], line: int, column: int) -> int:
    return starts[line - 1] + column - 1


def check_copy(source: str, fmt: str) -> None:
    copy = read_text(source, "x", fmt).copy
    end = 0
    for run in copy.runs:
        assert run.plain_start >= end, "runs overlap or go backwards"
        end = run.plain_start + run.plain_len
        assert 0 <= run.src_start and run.src_start + run.src_len <= len(source)
        text = copy.text[run.plain_start:end]
        src = source[run.src_start:run.src_start + run.src_len]
        if run.plain_len == run.src_len:
            assert text == src, (text, src)
        else:  # only an entity may differ from its source
            assert src.startswith("&") and src.endswith(";"), src
            assert html.unescape(src) == text, (src, text)
    assert end <= len(copy.text)


def check_findings(source: str, findings: list[Finding]) -> None:
    starts = line_starts(source)
    for f in findings:
        assert 1 <= f.line <= f.end_line <= len(starts)
        assert f.column >= 1 and f.end_column >= 1
        start = offset(starts, f.line, f.column)
        end = offset(starts, f.end_line, f.end_column)
        assert 0 <= start < end <= len(source)
        # the column lies on its line (not past its end or inside the next line)
        next_start = starts[f.line] if f.line < len(starts) else len(source) + 1
        assert start < next_start
        assert (f.start, f.end) == (start, end)
        assert source[start:end] == f.match


@SETTINGS
@given(source=ANY_TEXT, fmt=st.sampled_from(FORMATS))
def test_readers_never_raise_and_map_copy_back_exactly(source: str, fmt: str) -> None:
    check_copy(source, fmt)


@SETTINGS
@given(source=tokens(WORDS * 3 + SPACE * 3 + PUNCT + ENTITIES + BREAKS * 2 + MARKUP))
def test_html_round_trips_positions(source: str) -> None:
    check_copy(source, "html")


@SETTINGS
@given(source=tokens(WORDS * 3 + SPACE * 3 + PUNCT + ENTITIES + BREAKS * 2 + MARKDOWN
                     + MARKUP[:10]))
def test_markdown_round_trips_positions(source: str) -> None:
    check_copy(source, "md")


@SETTINGS
@given(source=ANY_TEXT, fmt=st.sampled_from(FORMATS))
def test_every_finding_lies_in_the_file_and_matches_its_source(source: str, fmt: str) -> None:
    findings = lint_document(read_text(source, "x", fmt), RULES, [])
    check_findings(source, findings)


@SETTINGS
@given(
    prefix=st.sampled_from(["", "😀😀 ", "é\r\n", "\r\r", "<p>a</p>\n"]),
    body=tokens(WORDS * 4 + SPACE * 3 + PUNCT + BREAKS),
    fmt=st.sampled_from(FORMATS),
)
def test_findings_exist_and_are_exact_on_wordy_text(prefix: str, body: str, fmt: str) -> None:
    source = prefix + body
    check_findings(source, lint_document(read_text(source, "x", fmt), RULES, []))


# -- inserting text elsewhere moves findings, nothing else -----------------------

NEUTRAL = {"txt": "A plain line of copy.", "md": "A plain line of copy.",
           "html": "<p>A plain line of copy.</p>"}
# Blocks that stand alone: no blank line inside (they are joined by one), no
# front matter (only the first lines of a file can be front matter), and, in
# HTML, no bare quote (an unclosed attribute would reach into the next block).
_INLINE = WORDS * 4 + SPACE * 3 + PUNCT + ENTITIES + ["\n", "\r\n", "\r"]
BLOCK = {
    "txt": tokens(_INLINE, 30),
    "md": tokens(_INLINE + [t for t in MARKDOWN if t not in ("---", "+++")] + MARKUP[:6], 30),
    "html": tokens(_INLINE + [t for t in MARKUP if t not in ("'", '"')], 30).map(
        lambda s: f"<p>{s}</p>"),
}


def spans(findings: list[Finding]) -> list[tuple[str, int, int, int, int, str]]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.match) for f in findings]


@SETTINGS
@given(data=st.data(), fmt=st.sampled_from(FORMATS))
def test_inserting_a_block_shifts_findings_after_it(data: st.DataObject, fmt: str) -> None:
    blocks = data.draw(st.lists(BLOCK[fmt], min_size=1, max_size=6))
    blocks = [b.replace("\n\n", "\n").replace("\r\r", "\r").replace("\r\n\r", "\r\n")
              for b in blocks]
    at = data.draw(st.integers(0, len(blocks)))
    before = "\n\n".join(blocks)
    after = "\n\n".join([*blocks[:at], NEUTRAL[fmt], *blocks[at:]])
    point = len("\n\n".join(blocks[:at])) + (2 if at else 0)  # where block `at` starts

    old = lint_document(read_text(before, "x", fmt), RULES, [])
    new = lint_document(read_text(after, "x", fmt), RULES, [])
    check_findings(after, new)
    moved = [
        (f.rule, f.line + 2, f.column, f.end_line + 2, f.end_column, f.match)
        if f.start >= point else spans([f])[0]
        for f in old
    ]
    assert spans(new) == sorted(moved, key=lambda s: (s[1], s[2], s[0]))
