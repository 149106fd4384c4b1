"""Rule patterns: regex (module syntax) or the phrase shorthand, compiled alike.

Patterns are whole-word and case-insensitive. ``{name}`` inserts a pack term.
Phrases (``phrases:`` in a rule) are plain words that glowlint widens so that
authors do not list variants by hand:

- a space also matches a hyphen or a line break ("side effects" = "side-effects");
- ``word~`` matches the word's inflections (remove~ = remove, removes, removed, removing);
- UK and US spellings match each other (colour/color, anaesthetic/anesthetic, -ise/-ize);
- ``...`` stands for up to three words ("removes ... scars" = "removes acne scars");
- ``(a|b)`` is a choice and a trailing ``?`` after ``)`` makes it optional.
"""

from __future__ import annotations

import regex

from .lazyre import LazyPattern

TERM = LazyPattern(r"\{([A-Za-z_][\w-]*)\}")
# Terms in a regex: `{name}`, but not the braces of a regex escape (`\p{L}`,
# `\P{Lu}`, `\N{BULLET}`, `\x{e9}`) nor an escaped brace (`\{`): the escapes
# are consumed first, so a `{name}` after one is regex (group 1 is None).
_TERM_IN_REGEX = LazyPattern(r"\\(?:[pPNx]\{[^{}]*\}|.)|\{([A-Za-z_][\w-]*)\}", regex.DOTALL)
GAP = r"[\s\-]+"
# UK/US spelling pairs, widened in both directions inside phrase words.
SPELLING: tuple[tuple[str, str], ...] = (
    ("colour", "color"), ("favour", "favor"), ("odour", "odor"), ("tumour", "tumor"),
    ("humour", "humor"), ("behaviour", "behavior"), ("flavour", "flavor"), ("rumour", "rumor"),
    ("anaesthe", "anesthe"), ("aesthe", "esthe"), ("haem", "hem"), ("oedema", "edema"),
    ("oestrogen", "estrogen"), ("paediatric", "pediatric"), ("centre", "center"),
    ("fibre", "fiber"), ("litre", "liter"), ("ageing", "aging"), ("aluminium", "aluminum"),
    ("grey", "gray"), ("programme", "program"), ("sceptic", "skeptic"), ("mould", "mold"),
    ("travell", "travel"), ("labell", "label"), ("modell", "model"), ("counsell", "counsel"),
    ("jewellery", "jewelry"), ("defence", "defense"), ("licence", "license"),
    ("practise", "practice"), ("tonne", "ton"), ("sulph", "sulf"),
    ("analys", "analyz"), ("paralys", "paralyz"), ("catalys", "catalyz"), ("dialys", "dialyz"),
    ("catalogue", "catalog"), ("foetal", "fetal"), ("anaemi", "anemi"), ("leukaem", "leukem"),
    ("gynaecolog", "gynecolog"), ("orthopaed", "orthoped"),
)
_SPELLING_RE = LazyPattern(
    "|".join(sorted({p for pair in SPELLING for p in pair}, key=len, reverse=True))
    + r"|(?<=\w{2})i[sz](?=(?:e|ed|es|ing|ation|ations|er|ers)$)"
)
_PAIR = {a: b for a, b in SPELLING} | {b: a for a, b in SPELLING}


def expand_terms(pattern: str, terms: dict[str, str]) -> str:
    """``pattern`` with each ``{name}`` replaced by its term; KeyError for an unknown name.

    The braces of a regex escape are not a term: ``\\p{L}`` stays a letter class.
    """
    found = False

    def sub(m: regex.Match[str]) -> str:
        nonlocal found
        name = m.group(1)
        if name is None:  # an escape: regex, as written
            return m.group()
        found = True
        if name not in terms:
            raise KeyError(name)
        return f"(?:{terms[name]})"

    # Terms may use terms; three rounds are more than any pack needs.
    for _ in range(3):
        if "{" not in pattern:
            break
        found = False
        pattern = _TERM_IN_REGEX.sub(sub, pattern)
        if not found:
            break
    return pattern


def whole_words(pattern: str) -> str:
    return rf"(?<![\w]){pattern}(?![\w])"


def _inflect(word: str) -> str:
    """A regex for a word and its regular English inflections."""
    w = word.lower()
    forms = {w}
    if w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
        if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return "(?:" + "|".join(_spell(f) for f in sorted(forms, key=len, reverse=True)) + ")"


def _spell(word: str) -> str:
    """A literal word with its UK/US spelling variants."""
    out = []
    pos = 0
    for m in _SPELLING_RE.finditer(word):
        out.append(regex.escape(word[pos:m.start()]))
        a = m.group()
        if a in ("is", "iz"):
            out.append("i[sz]")
        else:
            out.append(f"(?:{regex.escape(a)}|{regex.escape(_PAIR[a])})")
        pos = m.end()
    out.append(regex.escape(word[pos:]))
    return "".join(out).replace("'", "['\u2019]")


def _word(token: str) -> str:
    if token == "...":
        return r"(?:[\w'-]+\s+){0,3}?"
    if TERM.fullmatch(token):
        return token
    if token.endswith("~"):
        return _inflect(token[:-1])
    parts = token.split("-")
    return r"[\s\-]?".join(_spell(p) for p in parts)


def _group(body: str) -> str:
    choices = [GAP.join(_word(t) for t in alt.split()) for alt in body.split("|")]
    return "(?:" + "|".join(choices) + ")"


def phrase_to_regex(phrase: str) -> str:
    """Compile the phrase shorthand to a regex (before terms are expanded)."""
    tokens = regex.findall(r"\((?:[^()]*)\)\??|\S+", phrase.strip())
    out: list[str] = []
    for tok in tokens:
        if tok.startswith("("):
            optional = tok.endswith("?")
            body = tok[1:-2] if optional else tok[1:-1]
            piece = _group(body)
            out.append(f"(?:{piece}{GAP})?" if optional else piece + GAP)
        elif tok == "...":
            out.append(_word(tok))
        else:
            out.append(_word(tok) + GAP)
    result = "".join(out)
    if result.endswith(GAP):
        result = result[: -len(GAP)]
    return result
