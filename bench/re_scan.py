"""The floor glowlint is measured against: read every file, one stdlib `re` scan.

    python bench/re_scan.py PHRASES.txt FOLDER_OR_FILE...

Reads every .md/.html/.txt file under the paths, lower-cases it and counts the
matches of one alternation of the phrase list (escaped, longest first); one
core, no context, no positions. Prints the number of matches.
"""

from __future__ import annotations

import os
import re
import sys

EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".txt")


def files(paths: list[str]) -> list[str]:
    out: list[str] = []
    for top in paths:
        if os.path.isfile(top):
            out.append(top)
            continue
        for folder, dirs, names in os.walk(top):
            dirs.sort()
            out.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(EXTENSIONS))
    return out


def main(argv: list[str]) -> int:
    with open(argv[0], encoding="utf-8") as fh:
        phrases = [line.strip().lower() for line in fh if line.strip()]
    pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
    count = 0
    for path in files(argv[1:]):
        with open(path, encoding="utf-8", errors="replace") as fh:
            count += len(pattern.findall(fh.read().lower()))
    print(count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
