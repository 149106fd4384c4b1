"""The HTML report keeps the page's structure, names categories, tells colours apart
(issue 19, item 16)."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint.cli import cli
from glowlint.reporters.html_page import COLORS
from glowlint.rules import load_rules

MARKDOWN = """# Chemical peels

Our peel is painless.

## What to expect

- No downtime at all
- Results vary

1. Cleanse
2. Peel

| Peel | Downtime |
|---|---|
| Light | none |
| Deep | a week |
"""

HTML = """<html><body><h2>Laser facial</h2><p>It is painless.</p>
<ul><li>Quick</li><li>Gentle</li></ul>
<table><tr><th>Area</th><th>Price</th></tr><tr><td>Face</td><td>£90</td></tr></table>
</body></html>
"""


def copy_html(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", "html", "--output",
                                      str(out), str(tmp_path / name)])
    assert result.exit_code == 1, result.output
    page = out.read_text(encoding="utf-8")
    found = re.search(r'<div class="gl-copy">(.*?)</div>\n', page, re.S)
    assert found is not None
    return re.sub(r"<mark [^>]*>|</mark>", "", found.group(1))


def test_markdown_headings_lists_and_tables_keep_their_shape(tmp_path: Path) -> None:
    assert copy_html(tmp_path, "p.md", MARKDOWN) == (
        '<h4 class="gl-block gl-h1">Chemical peels</h4>'
        '<p class="gl-block">Our peel is painless.</p>'
        '<h5 class="gl-block gl-h2">What to expect</h5>'
        '<ul class="gl-list"><li class="gl-block">No downtime at all</li>'
        '<li class="gl-block">Results vary</li></ul>'
        '<ol class="gl-list"><li class="gl-block">Cleanse</li><li class="gl-block">Peel</li></ol>'
        '<table class="gl-table"><tr><th class="gl-block">Peel</th>'
        '<th class="gl-block">Downtime</th></tr>'
        '<tr><td class="gl-block">Light</td><td class="gl-block">none</td></tr>'
        '<tr><td class="gl-block">Deep</td><td class="gl-block">a week</td></tr></table>')


def test_html_headings_lists_and_tables_keep_their_shape(tmp_path: Path) -> None:
    assert copy_html(tmp_path, "p.html", HTML) == (
        '<h5 class="gl-block gl-h2">Laser facial</h5>'
        '<p class="gl-block">It is painless.</p>'
        '<ul class="gl-list"><li class="gl-block">Quick</li><li class="gl-block">Gentle</li></ul>'
        '<table class="gl-table"><tr><th class="gl-block">Area</th>'
        '<th class="gl-block">Price</th></tr>'
        '<tr><td class="gl-block">Face</td><td class="gl-block">£90</td></tr></table>')


def test_categories_are_shown_by_name(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("Our peel is painless.\n")
    out = tmp_path / "r.html"
    CliRunner().invoke(cli, ["check", "--no-cache", "--format", "html", "--output", str(out),
                             str(tmp_path / "p.md")])
    page = out.read_text()
    assert '<span class="gl-cat" title="pain-free"><span class="gl-sw c-pain-free"></span>' \
        'Pain free</span>' in page
    assert ">pain-free</" not in page and "pain-free (1)" not in page


def _lab(color: str) -> tuple[float, float, float]:
    def lin(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(int(color[i:i + 2], 16)) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _contrast_with_white(color: str) -> float:
    def lin(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(int(color[i:i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_category_has_its_own_distinguishable_colour() -> None:
    assert set(COLORS) == set(load_rules().taxonomy)
    close = [(a, b) for a, b in itertools.combinations(COLORS, 2)
             if math.dist(_lab(COLORS[a]), _lab(COLORS[b])) < 25]
    assert close == []


@pytest.mark.parametrize("category", sorted(COLORS))
def test_white_labels_stay_readable(category: str) -> None:
    assert _contrast_with_white(COLORS[category]) >= 4.5
