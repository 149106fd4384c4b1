"""The page around an HTML report (and the live editor): its stylesheet with the
category colours, its scripts inline, and a Content-Security-Policy that admits
only those (by hash), so the page loads nothing from anywhere."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from functools import cache
from html import escape
from importlib import resources

# Category colours: dark enough for white label text (contrast >= 4.5:1),
# shown as a light tint behind the words, and far enough apart to tell every
# two categories apart (CIELAB distance >= 25; tests/test_html_structure.py).
COLORS: dict[str, str] = {
    "absolute-safety": "#bb2222",
    "pain-free": "#cc1166",
    "no-downtime": "#bb00ee",
    "universal-suitability": "#6622aa",
    "complete-results": "#444499",
    "guaranteed-results": "#0000ff",
    "unsubstantiated-evidence": "#0077bb",
    "superlative": "#6644ff",
    "medical-claim": "#007777",
    "instant-results": "#008800",
    "unsafe-advice": "#aa5555",
    "free-from": "#115522",
    "regulatory-approval": "#776644",
    "prescription-only-medicine": "#773366",
    "missing-sunscreen": "#995500",
    "missing-consultation": "#777700",
    "missing-contraindications": "#0066ff",
    "missing-side-effects": "#cc11aa",
    "readability": "#555566",
}
DEFAULT_COLOR = "#37474f"


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def category_name(category: str) -> str:
    """A category as a reader names it: ``absolute-safety`` -> "Absolute safety"."""
    return category.replace("-", " ").capitalize()


def slug(name: str) -> str:
    """A class-name-safe form of a category name."""
    return "".join(c if c.isalnum() or c == "-" else "_" for c in name) or "x"


def _tint(color: str, alpha: float = 0.14) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


@cache
def asset(name: str) -> str:
    """A file of glowlint's static assets (the report's stylesheet and scripts)."""
    static = resources.files(__name__.split(".")[0] + ".static")  # glowlint.static
    return static.joinpath(name).read_text(encoding="utf-8")


def stylesheet() -> str:
    # The default colour first: the category rules after it win (same specificity).
    default = f"--c: {DEFAULT_COLOR}; --bg-c: {_tint(DEFAULT_COLOR)};"
    lines = [asset("report.css"), f".gl-hl, .gl-card, .gl-sw {{ {default} }}"]
    lines.extend(f".c-{slug(n)} {{ --c: {c}; --bg-c: {_tint(c)}; }}" for n, c in COLORS.items())
    return "\n".join(lines) + "\n"


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def content_security_policy(styles: Iterable[str], scripts: Iterable[str], *,
                            connect: bool = False) -> str:
    """Only the page's own inline style and scripts (by hash); nothing from anywhere."""
    parts = [
        "default-src 'none'",
        "style-src " + " ".join(_sha256(s) for s in styles),
        "script-src " + " ".join(_sha256(s) for s in scripts),
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    if connect:
        parts.append("connect-src 'self'")
    return "; ".join(parts)


def page(title: str, body: str, *, scripts: Iterable[str] = ("report.js",),
         connect: bool = False, meta_csp: bool = True) -> str:
    """A complete HTML page with the shared stylesheet and the named scripts inline."""
    start, end = page_frame(title, scripts=scripts, connect=connect, meta_csp=meta_csp)
    return start + body + end


def page_frame(title: str, *, scripts: Iterable[str] = ("report.js",),
               connect: bool = False, meta_csp: bool = True) -> tuple[str, str]:
    """What `page` writes before the body and after it (a report streams its body)."""
    css = stylesheet()
    code = [asset(s) for s in scripts]
    csp = content_security_policy([css], code, connect=connect)
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">' if meta_csp else "",
        '<meta name="referrer" content="no-referrer">',
        '<link rel="icon" href="data:,">',
        f"<title>{esc(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
    ]
    scripts_html = "".join(f"<script>{c}</script>" for c in code)
    return ("\n".join(x for x in head if x) + "\n<body>\n",
            f"\n{scripts_html}\n</body>\n</html>\n")
