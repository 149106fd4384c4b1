"""The shape of each block of copy (heading, list item, table cell), for the HTML report.

The readers keep only the copy and the way back to the source; the report
shows the copy as the page reads, so each block's shape is read back from the
source around where the block starts: in Markdown its line (``## ``, ``- ``,
``1. ``, ``| a | b |``), in HTML the nearest block tag before it (``<h2>``,
``<li>`` in ``<ul>`` or ``<ol>``, ``<td>``/``<th>`` in a ``<tr>``). Markdown reads
a bounded stretch (`LOOK_BACK` characters) around each block; HTML its tags
in one pass, then a binary search per block: the cost is linear in the page.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from ..lazyre import LazyPattern
from ..model import Document

LOOK_BACK = 4000  # characters of source read before a block to find its tag

_MD_HEADING = LazyPattern(r"[ \t]{0,3}(#{1,6})[ \t]")
_MD_BULLET = LazyPattern(r"[ \t]*(?:>[ \t]*)*[-*+][ \t]")
_MD_NUMBER = LazyPattern(r"[ \t]*(?:>[ \t]*)*\d{1,9}[.)][ \t]")
_MD_RULE = LazyPattern(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)*\|?[ \t]*$")
_HTML_TAG = LazyPattern(r"<(/?)(h[1-6]|li|td|th|tr|ul|ol|p|div|table|caption|dt|dd|blockquote"
                        r"|section|article|header|footer|title)\b", regex.IGNORECASE)


@dataclass(frozen=True)
class Shape:
    """What a block is: ``p``, ``h1``-``h6``, ``ul``/``ol`` (a list item) or ``td``/``th``.

    ``group`` tells the items of one list, or the cells of one table row, apart
    from the next (a source offset: the line or the ``<tr>`` they share).
    """

    kind: str = "p"
    group: int = -1
    table: int = -1  # cells: the table they belong to (its first row's group)


def shapes(doc: Document, starts: list[int]) -> list[Shape]:
    """The shape of each block starting at the copy offsets ``starts``."""
    if doc.format == "md":
        return _markdown(doc, starts)
    if doc.format == "html":
        return _html(doc, starts)
    return [Shape() for _ in starts]


def _line_of(source: str, at: int) -> tuple[int, str]:
    begin = source.rfind("\n", max(0, at - LOOK_BACK), at) + 1
    end = source.find("\n", at, at + LOOK_BACK)
    return begin, source[begin:end if end >= 0 else min(len(source), at + LOOK_BACK)]


def _markdown(doc: Document, starts: list[int]) -> list[Shape]:
    source, out = doc.source, []
    row, row_end, table = -1, -1, -1  # the last table row: its line, where the next may start
    header = False
    for start in starts:
        begin, line = _line_of(source, doc.copy.src_start(start))
        if (m := _MD_HEADING.match(line)) is not None:
            out.append(Shape(f"h{len(m.group(1))}"))
        elif _MD_BULLET.match(line):
            out.append(Shape("ul", begin))
        elif _MD_NUMBER.match(line):
            out.append(Shape("ol", begin))
        elif line.lstrip().startswith("|"):
            if begin != row:
                if begin != row_end:
                    table = begin  # not the row right after the last: a new table
                row, row_end = begin, _after_line(source, begin, line)
                rule = _MD_RULE.match(_line_of(source, row_end)[1]) if row_end < len(
                    source) else None
                header = rule is not None
                if header:
                    row_end = _after_line(source, row_end, _line_of(source, row_end)[1])
            out.append(Shape("th" if header else "td", begin, table))
        else:
            out.append(Shape())
    return _merge_lists(out)


def _after_line(source: str, begin: int, line: str) -> int:
    return begin + len(line) + 1


def _merge_lists(found: list[Shape]) -> list[Shape]:
    """Consecutive items of one kind are one list: the group of the first."""
    out: list[Shape] = []
    for shape in found:
        if shape.kind in ("ul", "ol") and out and out[-1].kind == shape.kind:
            shape = Shape(shape.kind, out[-1].group)
        out.append(shape)
    return out


def _html(doc: Document, starts: list[int]) -> list[Shape]:
    """One pass over the source for its block tags, then a binary search per block."""
    source = doc.source
    every: list[tuple[int, str]] = [(m.start(), m.group(2).lower())
                                    for m in _HTML_TAG.finditer(source) if not m.group(1)]
    at_all = [p for p, _ in every]
    by_name: dict[str, list[int]] = {}
    for pos, name in every:
        by_name.setdefault("list" if name in ("ul", "ol") else name, []).append(pos)
    kinds = dict(every)

    def nearest(key: str, at: int) -> int | None:
        found = by_name.get(key, [])
        i = bisect_right(found, at) - 1
        return found[i] if i >= 0 else None

    out = []
    for start in starts:
        at = doc.copy.src_start(start)
        i = bisect_right(at_all, at) - 1
        name = every[i][1] if i >= 0 else "p"
        if name[0] == "h" and name[1:].isdigit():
            out.append(Shape(name))
        elif name == "li":
            lst = nearest("list", at)
            out.append(Shape(kinds[lst] if lst is not None else "ul",
                             lst if lst is not None else every[i][0]))
        elif name in ("td", "th"):
            tr, table = nearest("tr", at), nearest("table", at)
            row = tr if tr is not None else every[i][0]
            out.append(Shape(name, row, table if table is not None else row))
        else:
            out.append(Shape())
    return _merge_lists(out)


def structured(blocks: list[str], found: list[Shape]) -> list[str]:
    """Each block's HTML in its element, lists and tables opened and closed around them.

    A heading of the page is shown as a heading three levels down (the
    report's own headings come first), with its level as a class for its size.
    """
    out: list[str] = []
    open_: tuple[str, int] | None = None  # ("ul"|"ol"|"table", group)
    row = -1
    for i, html in enumerate(blocks):
        shape = found[i] if i < len(found) else Shape()
        kind = shape.kind
        container = ("table", shape.table) if kind in ("td", "th") else (
            (kind, shape.group) if kind in ("ul", "ol") else None)
        if open_ is not None and container != open_:
            out.append("</tr></table>" if open_[0] == "table" else f"</{open_[0]}>")
            open_ = None
        if container is not None and open_ is None:
            out.append('<table class="gl-table">' if kind in ("td", "th")
                       else f'<{kind} class="gl-list">')
            open_, row = container, -1
        if kind in ("td", "th"):
            if shape.group != row:
                out.append(("</tr>" if row != -1 else "") + "<tr>")
                row = shape.group
            out.append(f'<{kind} class="gl-block">{html}</{kind}>')
        elif kind in ("ul", "ol"):
            out.append(f'<li class="gl-block">{html}</li>')
        elif kind.startswith("h"):
            level = min(6, int(kind[1]) + 3)
            out.append(f'<h{level} class="gl-block gl-{kind}">{html}</h{level}>')
        else:
            out.append(f'<p class="gl-block">{html}</p>')
    if open_ is not None:
        out.append("</tr></table>" if open_[0] == "table" else f"</{open_[0]}>")
    return out
