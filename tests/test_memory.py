"""Memory follows the largest file: one very large page peaks at a bounded multiple of its size.

Not timed: tracemalloc counts every allocation Python makes (what a page costs,
whatever the machine), and the bound is a multiple of the page's size. The
benchmark of the whole process is ``python bench/memory.py --one-file-mb 9.5``.
"""

from __future__ import annotations

import json
import re
import sys
import tracemalloc
from pathlib import Path

import pytest

from glowlint import lexicon_scan
from glowlint.engine import lint_document
from glowlint.keysort import sorted_keys
from glowlint.kinds import metric
from glowlint.lexicon_entries import plain
from glowlint.readers import read_bytes
from glowlint.rules import load_rules
from glowlint.safeio import read_regular
from glowlint.textmap import lower, prefilter_text, scan

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"

# Mostly plain copy, a claim now and then, as on a real page
SENTENCES = [
    "Our clinic opened its doors in {n} and has welcomed many clients since then.",
    "The treatment room is on the first floor, next to the waiting area.",
    "Our peel is completely painless and suits every skin type.",
    "Bring a list of the products you use so that we can plan your routine.",
    "Appointments last about {n} minutes and cost from £{n}, a short consultation included.",
    "Apply sunscreen every morning for {n} weeks after each treatment.",
    "Parking is free for clients, and the bus stops a short walk away.",
    "Our team reviews your skin at every visit and adjusts the plan when needed.",
]


def big_page(size: int) -> bytes:
    """Markdown of about ``size`` bytes: headings, prose, lists, tables, links, code."""
    parts: list[str] = []
    total, n = 0, 0
    while total < size:
        n += 1
        s = [t.format(n=n % 97 + 2) for t in SENTENCES]
        section = (
            f"## Visit {n}: what to expect\n\n{s[0]} {s[1]} {s[n % 8]}\n{s[3]}\n\n"
            f"- {s[4]}\n- {s[5]} See [our guide](https://example.com/{n}).\n\n"
            f"| Step | Note |\n| --- | --- |\n| {n} | {s[6]} |\n\n"
            f"> {s[7]}\n\n```\ncode {n}\n```\n\n"
        )
        parts.append(section)
        total += len(section.encode())
    return "".join(parts).encode()


def test_a_large_page_peaks_at_a_bounded_multiple_of_its_size() -> None:
    data = big_page(2**20)
    ruleset = load_rules(profile="strict")
    ruleset.time_limit = 600  # tracemalloc slows every allocation: no rule may stop early
    lint_document(read_bytes(b"Our peel is painless.\n", "warm.md", "md"), ruleset)
    tracemalloc.start()
    try:
        doc = read_bytes(data, "big.md", "md")
        findings = lint_document(doc, ruleset)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(findings) > 300  # the page was read and linted as copy
    # 50x before the scanner walked its anchors one at a time, 40x before the lexicon kept its
    # words as arrays; 98x with a currency sign between words in every section (one integer
    # a character of the copy), 20x with sentences and white space runs as arrays; 10x with
    # the copy's runs, the lexicon's sentences and its keys as arrays (issue 20)
    assert peak < 14 * len(data), f"peak {peak / len(data):.1f}x the page's size"


def one_line(size: int) -> bytes:
    """`big_page`'s words on one line: one sentence of ``size`` bytes or so, no end in it."""
    words = re.findall(r"[\w£€$%',-]+", big_page(size).decode())
    return (" ".join(words) + "\n").encode()


def test_a_page_on_one_line_peaks_at_a_bounded_multiple_of_its_size() -> None:
    """Whatever a sentence costs grows with the sentence: on one giant sentence the metric
    held every word of it twice as strings (textstat's and its own count's) and each frame
    rule a list of its lexicon hits; 29x before (issue 20), 9.5x now."""
    data = one_line(200_000)
    ruleset = load_rules(profile="strict")
    ruleset.time_limit = 600  # tracemalloc slows every allocation: no rule may stop early
    lint_document(read_bytes(data[:20_000], "warm.md", "md"), ruleset)  # patterns compiled
    tracemalloc.start()
    try:
        findings = lint_document(read_bytes(data, "big.md", "md"), ruleset)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data.count(b"\n") == 1 and not re.search(rb"[.!?]", data)
    assert len(findings) > 50
    assert any(f.rule == "hard-to-read" and "reading grade" in f.message for f in findings)
    assert peak < 12 * len(data), f"peak {peak / len(data):.1f}x the page's size"


def test_findings_are_the_same_with_every_sentence_read_as_a_long_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A long sentence's lexicon words are read through arrays (`lexicon_scan.Words`) and
    long prose is graded from counts made a piece at a time (`readability`): with the
    thresholds at 0, every page of the examples and the shared corpus reads that way."""
    pages = [(p.read_bytes(), p.suffix[1:]) for p in sorted(EXAMPLES.iterdir())
             if p.suffix in (".md", ".html", ".txt")]
    if CORPUS.exists():
        pages += [(doc["text"].encode(), doc.get("format", "txt")) for doc in map(
            json.loads, CORPUS.read_text(encoding="utf-8").splitlines())]
    pages.append((one_line(30_000), "md"))
    ruleset = load_rules(profile="strict")
    want = [lint_document(read_bytes(data, "page", fmt), ruleset) for data, fmt in pages]
    monkeypatch.setattr(lexicon_scan, "LONG", 0)
    monkeypatch.setattr(metric, "TEXTSTAT_MAX", 0)
    assert [lint_document(read_bytes(data, "page", fmt), ruleset) for data, fmt in pages] == want
    assert sum(map(len, want)) > 300 and any(f.rule == "hard-to-read" for w in want for f in w)


def test_a_page_beyond_latin_1_is_lower_cased_and_scanned_without_a_buffer_of_its_size(
) -> None:
    """CPython lower-cases text beyond ASCII through three 4-byte characters a character;
    the lexicon's copy of such a page took 13 times its size at once (a € in the copy)."""
    sentence = "Peels from €99 are Completely PAINLESS. " + "Our clinic is Open on Mondays. " * 4
    text = sentence * 12_000  # 2 MB, two bytes a character
    ruleset = load_rules()
    lexicon = ruleset.lexicon
    one = lexicon.scan(sentence)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        low = prefilter_text(text)
        lowered = tracemalloc.get_traced_memory()[1] - before
        same = low == text.lower()
        del low
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        words = lexicon.scan(text)
        scanned = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert same
    assert len(one.starts) >= 3  # "from #", "completely", "painless" at least
    assert len(words.starts) == 12_000 * len(one.starts)
    # 7x and 7x before; now the lower case itself, and the scan's copies and arrays
    assert lowered < 3 * sys.getsizeof(text), lowered / sys.getsizeof(text)
    assert scanned < 4 * sys.getsizeof(text), scanned / sys.getsizeof(text)


@pytest.mark.parametrize("piece", [1, 2, 5, 64])
def test_text_lowered_and_made_plain_in_pieces_is_the_text_lowered_and_made_plain_whole(
        piece: int) -> None:
    import random

    rnd = random.Random(piece)
    # with a capital sigma (lower-cased whole), and without (in pieces)
    for alphabet in ("aBc\u0130\u0131\u017f\u212a€£é ÀΣ.", "aBc\u0130ΑΒ€ É."):
        for _ in range(300):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
            assert lower(text, piece) == text.lower(), text
            assert plain(text, piece) == plain(text, 1 << 20), text


@pytest.mark.parametrize("batch", [1, 2, 3, 100])
def test_word_keys_sorted_a_batch_at_a_time_are_all_the_keys_sorted(batch: int) -> None:
    """The automaton gives words by where they end; keys sort them by where they start."""
    import random

    rnd = random.Random(batch)
    for _ in range(200):
        longest, per = rnd.randint(1, 6), rnd.randint(7, 20)
        # a form of length n ending at ``last`` starts at last - 1 - n: keys start * per + r
        forms = [(n, tuple(rnd.sample(range(per), rnd.randint(1, 3))))
                 for n in range(1, longest + 1)]
        offsets = [tuple(r - (n + 1) * per for r in rs) for n, rs in forms]
        matches = sorted((rnd.randint(n + 1, 60), i) for i, (n, _) in enumerate(forms)
                         for _ in range(rnd.randint(0, 4)))
        want = sorted(last * per + o for last, i in matches for o in offsets[i])
        got = sorted_keys(iter(matches), offsets, per, longest, batch)
        assert list(got) == want


def test_a_bounded_read_of_a_small_file_takes_its_size_not_the_limit(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"Our peel is painless.\n")
    tracemalloc.start()
    try:
        data = read_regular(page, 256 * 2**20)  # the limit of a file read again
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == b"Our peel is painless.\n"
    assert peak < 2**20  # read(limit + 1) reserved 256 MB
    page.write_bytes(b"x" * 100)
    assert read_regular(page, 10) == b"x" * 11  # one byte past the limit: too large


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 64])
def test_a_long_text_is_scanned_in_pieces_with_every_match_of_one_scan(piece: int) -> None:
    import random

    import ahocorasick

    rnd = random.Random(piece)
    automaton = ahocorasick.Automaton()
    for word in ("a", "ab", "bab", "abba", "b b", "aaaaa", "ba a"):
        automaton.add_word(word, word)
    automaton.make_automaton()
    for _ in range(300):
        text = "".join(rnd.choice("ab ") for _ in range(rnd.randint(0, 60)))
        assert list(scan(automaton, text, piece)) == list(automaton.iter(text)), text
