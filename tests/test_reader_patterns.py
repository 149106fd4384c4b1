"""The readers' stdlib `re` patterns match exactly what their `regex` originals match.

The readers were written for the `regex` module; they now run on `re` with
patterns rewritten for it (linter/readers/builder.py says how). Each rewrite is
compared with its original on generated text, where the readers use it: the
ASCII forms on text without the characters that would need the wide ones.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glowlint.model import Run
from glowlint.readers import builder, codespans, markdown, plain
from glowlint.readers import html as html_reader

SETTINGS = settings(max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

ASCII = [" ", "  ", "\t", "\n", "\r", "\x0b", "\x1c", "a", "Z", "0", "9", "_", "__", "-", "*",
         "+", "~", "`", "``", "!", "[", "]", "(", ")", "<", ">", "/", "\\", "\"", "'", "=", ":",
         ".", "|", "#", "&", "x", "X", "http://a.b/c", "https://x", "ftp://f", "mailto:",
         "<!--", "-->", "<b>", "</b>", "<a href='x'>", "![", "](", "][", "import", "export",
         "title", "alt", "TITLE", "</script>", "</ScRiPt >"]
WIDE = ["\u00a0", "\u2003", "\u3000", "\u2028", "\x85", "\u0130", "\u0131", "\u017f", "\u212a",
        "\u00e9", "\u0301", "\u0663", "\u06f1", "\U0001d7ce", "\u2022", "\U0001f600"]


def text(alphabet: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet), max_size=30).map("".join)


def joined(*parts: list[str]) -> st.SearchStrategy[str]:
    """One of each list in turn, then any text: lines that start like list items, keys ..."""
    return st.tuples(*map(st.sampled_from, parts), text(ASCII + WIDE)).map("".join)


NO_UNDERSCORE = [t for t in ASCII if "_" not in t]
# The stand-in of `_INLINE` serves text that is ASCII or has no underscore.
INLINE_TEXT = st.one_of(text(ASCII), text(NO_UNDERSCORE + WIDE))
LIST_LINES = joined(["", " ", "  ", "\t", "    ", "> "],
                    ["-", "*", "+", "\u2022", "1", "12", "123", "1234567890", "\u0663", "1\u0663",
                     "\U0001d7ce", "a", "#"],
                    [".", ")", "", ".."], [" ", "\t", "", " [x] ", " [ ]", "x"])
KEY_LINES = joined(["", " ", "_"],
                   ["title", "Title", "TITLE", "description", "seo_title", "k\u00e9y", "\u212aey",
                    "titl\u00e9", "x-y", "summary", "1"],
                   [":", "=", " :", "\t=", "", "-", "\u00e9:"], [" ", "", "\t", "\u00a0"])


def found(pattern: Any, subject: str, pos: int = 0) -> list[tuple[Any, ...]]:
    """Every match of a search from ``pos`` on: span and groups."""
    return [(m.span(), m.groups()) for m in pattern.finditer(subject, pos)]


def matched(m: Any) -> tuple[Any, ...] | None:
    return None if m is None else (m.span(), m.groups())


def wide(subject: str) -> bool:
    return builder.has_wide_chars(subject)


def forms(subject: str, ascii_form: Any, wide_form: Any) -> list[Any]:
    """The forms a reader may use on ``subject``: the wide one always would do."""
    return [wide_form] if wide(subject) else [ascii_form, wide_form]


@SETTINGS
@given(INLINE_TEXT, st.integers(0, 3))
@example("_a", 0)
@example(" __a_ b_", 1)
@example("``x`", 0)
@example("![a](b \"t\")\u00a0[c](d\u2003'e')", 0)
def test_inline(subject: str, pos: int) -> None:
    original = regex.compile(markdown._INLINE_REGEX)

    def kinds(pattern: Any) -> list[tuple[Any, ...]]:
        # The rewrite's `tag` group leaves out the `<`: the reader only asks
        # whether it took part.
        return [(span, code is None, alt, tag is None, esc)
                for span, (code, alt, tag, esc) in found(pattern, subject, pos)]

    for stand_in in forms(subject, markdown._INLINE, markdown._wide()[0]):
        assert kinds(stand_in) == kinds(original)


# The reader's matches before its code spans were found apart from the regex:
# the regex it stands for (cubic on a run of backticks, fine on short text).
ORIGINAL_INLINE = markdown._CODE_SPAN_REGEX + markdown._INLINE_REGEX[len("`(?P<code>)"):]
BACKTICKY = ["`", "``", "```", "````", " ", "a", "\n", "*", "_", "<b>", "\\", "[", "]("]


@SETTINGS
@given(st.one_of(INLINE_TEXT, text(BACKTICKY)), st.integers(0, 3), st.integers(0, 3))
@example("``x`", 0, 0)
@example("````` ``` ```` `` ``` `` `", 0, 0)
@example("```\n``` `` ``", 0, 0)
@example("`a *b` *c", 0, 0)
@example("x ``````` ``` `", 0, 2)
def test_code_spans_end_where_the_regex_ends(subject: str, pos: int, cut: int) -> None:
    """`codespans.tokens` finds the matches of `_CODE_SPAN_REGEX` (and the rest) in linear time."""
    original = regex.compile(ORIGINAL_INLINE)
    end = max(pos, len(subject) - cut)

    def kinds(matches: Any) -> list[tuple[Any, ...]]:
        return [(span, code is not None) for span, (code, *_) in matches]

    expected = kinds((m.span(), m.groups()) for m in original.finditer(subject, pos, end))
    for stand_in in [*forms(subject, markdown._INLINE, markdown._wide()[0]), regex.compile(
            markdown._INLINE_REGEX)]:
        got = [(m.span(), m.groups()[0] is not None) for m in
               codespans.tokens(subject, pos, end, stand_in)]
        assert got == expected


HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$|[ \t]*$")


@SETTINGS
@given(text([" ", "\t", "#", "##", "x", "\\"]), st.integers(0, 4))
@example("# x ##", 2)
@example("x#", 0)
@example("  #", 1)
def test_heading_end_is_where_the_tail_pattern_starts(line: str, begin: int) -> None:
    begin = min(begin, len(line))
    tail = HEADING_TAIL.search(line, begin)
    assert tail is not None
    assert markdown._heading_end(line, begin) == tail.start()


TABLE_DELIM = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


@SETTINGS
@given(text([" ", "\t", "|", ":", "-", "--", "x", " | "]))
@example("| --- | :-: |")
@example("|| --")
@example("- |")
def test_table_delimiter_matches_the_same_lines(line: str) -> None:
    assert matched(markdown._TABLE_DELIM.match(line)) == matched(TABLE_DELIM.match(line))


@SETTINGS
@given(st.one_of(LIST_LINES, text(ASCII + WIDE)), st.integers(0, 2))
@example("\u0663. x", 0)
@example("\u2022 x", 0)
def test_list_items_and_bullets(subject: str, offset: int) -> None:
    item = regex.compile(markdown._ITEM_REGEX).match(subject, offset)
    assert matched(markdown._item(subject, offset)) == matched(item)
    bullet = regex.compile(plain._BULLET_REGEX).match(subject)
    assert matched(plain._bullet(subject)) == matched(bullet)


@SETTINGS
@given(text(ASCII + WIDE))
@example("[id]:\u00a0x")
@example("[id]: x")
@example("import\u2003x")
@example("<img alt\u00a0=\u00a0'x' title=\u3000y>")
def test_block_patterns(subject: str) -> None:
    _, wide_refdef, wide_mdx = markdown._wide()
    refdef = regex.compile(markdown._REFDEF_REGEX).match(subject)
    for stand_in in forms(subject, markdown._REFDEF, wide_refdef):
        assert matched(stand_in.match(subject)) == matched(refdef)
    mdx = regex.compile(markdown._MDX_LINE_REGEX).match(subject)
    for stand_in in forms(subject, markdown._MDX_LINE, wide_mdx):
        assert matched(stand_in.match(subject)) == matched(mdx)
    attrs = found(regex.compile(html_reader._ATTR_REGEX), subject)
    for stand_in in forms(subject, html_reader._ATTR, html_reader._wide_attr()):
        assert found(stand_in, subject) == attrs


@SETTINGS
@given(st.one_of(KEY_LINES, text(ASCII + WIDE)))
@example("title= x")
@example("k\u00e9y: x")
def test_front_matter_keys_decide_alike(subject: str) -> None:
    original = regex.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(?P<value>.*?)[ \t]*$")
    line = subject.replace("\n", "").replace("\r", "")

    def copy_key(m: Any, strip: bool) -> tuple[Any, ...] | None:
        if m is None or m.group("key").lower() not in markdown._COPY_KEYS:
            return None
        value = m.group("value").rstrip(" \t") if strip else m.group("value")
        return m.span("key"), m.start("value"), value

    # The reader strips the spaces after the value that the original left out.
    assert (copy_key(markdown._FRONT_KEY.match(line), True)
            == copy_key(original.match(line), False))


SCRIPTS = ["</", "script", "SCRIPT", "scr", "ipt", "Scr\u0130pt", "scr\u0131pt", "\u017fcript", ">"]


@SETTINGS
@given(text(ASCII + WIDE + SCRIPTS), st.sampled_from(sorted(html_reader._RAW)))
def test_closing_tags(subject: str, name: str) -> None:
    original = regex.compile(rf"</{regex.escape(name)}\s*>", regex.IGNORECASE)
    subject = subject.replace("script", name)
    for wide_form in (False, True) if not wide(subject) else (True,):
        ours = html_reader._closer(name, wide_form).search(subject)
        assert matched(ours) == matched(original.search(subject))


def test_case_folding_of_closing_tags_follows_regex() -> None:
    for name in sorted(html_reader._RAW):
        for variant in (name.upper(), name.replace("s", "\u017f"), name.replace("i", "\u0130"),
                        name.replace("i", "\u0131"), name.replace("k", "\u212a")):
            for subject in (f"</{variant}>", f"</{variant}\u00a0>", f"</{variant} >\u00a0"):
                theirs = regex.compile(rf"</{name}\s*>", regex.IGNORECASE).search(subject)
                for wide_form in (False, True) if not wide(subject) else (True,):
                    ours = html_reader._closer(name, wide_form).search(subject)
                    assert matched(ours) == matched(theirs), (subject, wide_form)


def test_entities_decode_as_html_unescape() -> None:
    entity = re.compile(builder._ENTITY)
    for name in builder._COMMON_ENTITIES:
        assert entity.fullmatch(name)
        assert builder.unescape(name) == html.unescape(name), name
    for num in [*range(0, 0x300), *range(0xD700, 0xE100), 0xFFFE, 0x10FFFF, 0x110000, 9999999]:
        for ref in (f"&#{num};", f"&#x{num:x};", f"&#X{num:X};", f"&#{num:07};"):
            if entity.fullmatch(ref):
                assert builder.unescape(ref) == html.unescape(ref), ref
    for ref in ("&ampxyz;", "&AMP;", "&Copy;", "&notit;", "&bogus;", "&NotEqualTilde;"):
        assert builder.unescape(ref) == html.unescape(ref), ref


@pytest.mark.parametrize("pattern", [r"\bword", r"\p{L}", r"\W", r"[^\S]", r"\D"])
def test_stdlib_pattern_refuses_what_it_cannot_keep(pattern: str) -> None:
    with pytest.raises(ValueError, match="no stand-in"):
        builder.stdlib_pattern(pattern, wide=True)


def test_stdlib_pattern_spells_out_spaces() -> None:
    assert builder.stdlib_pattern(r"[^()\s]\S\s\w\d\r\n\Z", wide=False) == (
        "[^()\t-\r ][^\t-\r ][\t-\r ][A-Za-z0-9_][0-9]\\r\\n\\Z"
    )
    # every code point in one string: one scan in C per pattern, not a match per character
    every = "".join(map(chr, range(0x110000)))
    spaces = set(regex.findall(r"\s", every))
    ws = re.compile(builder.stdlib_pattern(r"\s", wide=True))
    assert set(ws.findall(every)) == spaces
    assert set(builder._WIDE_CHARS) >= {c for c in spaces if not c.isascii()}


def test_run_keeps_its_dataclass_interface() -> None:
    import dataclasses

    run = Run(1, 2, 3, 4)
    assert run == Run(plain_start=1, src_start=2, plain_len=3, src_len=4)
    assert hash(run) == hash(Run(1, 2, 3, 4))
    assert repr(run) == "Run(plain_start=1, src_start=2, plain_len=3, src_len=4)"
    assert dataclasses.replace(run, src_len=5) == Run(1, 2, 3, 5)
    assert dataclasses.astuple(run) == (1, 2, 3, 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.src_len = 5  # type: ignore[misc]
