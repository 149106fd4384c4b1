"""Copy that is not English is said to be unchecked, never passed as "All clear"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint.cli import cli
from glowlint.language import guess_english, notice

FRENCH = (
    "# Peeling chimique\n\n"
    "Notre peeling chimique est sans douleur, résultats garantis. Vous allez adorer "
    "votre peau : une peau plus nette et plus lumineuse dès la première séance, sans "
    "aucun temps de récupération. Nos clientes nous disent que le soin est doux et que "
    "les résultats sont visibles pour des mois.\n"
)
SPANISH = (
    "Nuestro peeling químico es sin dolor y con resultados garantizados. Tu piel será "
    "más luminosa desde la primera sesión, sin tiempo de recuperación. Las clientas "
    "nos dicen que el tratamiento es suave y que los resultados se ven durante meses, "
    "y que lo recomiendan a sus amigas para una piel más joven.\n"
)
ENGLISH_WITH_FRENCH = (
    "Our chemical peel is a gentle treatment, and you will love the result: a brighter, "
    "smoother complexion. As our French clients say, it is a soin doux, sans douleur "
    "for most people, with a little tingling. Book a consultation first, and ask us "
    "about what to expect in the days after the peel.\n"
)
MSG = "not checked: glowlint's rules are English"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("text", "expected"), [
    (FRENCH, False),
    (SPANISH, False),
    (ENGLISH_WITH_FRENCH, True),
    ("Безболезненная процедура с гарантированным результатом. " * 8, False),
    ("Sans douleur, résultats garantis.", None),  # too short to judge
    ("Aqua, Glycerin, Niacinamide, Sodium Hyaluronate, Panthenol, Allantoin. " * 8, True),
])
def test_guess(text: str, expected: bool | None) -> None:
    assert guess_english(text) is expected


def test_markup_is_not_counted() -> None:
    html = ("<html><head><style>p { color: red }</style><script>var de = 1, le = 2;"
            "</script></head><body><p>" + ENGLISH_WITH_FRENCH + "</p></body></html>")
    assert notice("p.html", html, "html") is None
    french = "<p>" + FRENCH.replace("\n", "</p><p>") + "</p>"
    got = notice("p.html", french, "html")
    assert got is not None and (got.message, got.error) == (MSG, False)


def test_a_notice_per_file_never_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.chdir(tmp_path)
    Path("fr.md").write_text(FRENCH, encoding="utf-8")
    Path("es.txt").write_text(SPANISH, encoding="utf-8")
    assert run("check", "--no-cache", "fr.md") == (
        0, f"Nothing checked: fr.md: {MSG}.\n", f"glowlint: fr.md: {MSG} (skipped)\n")
    assert run("check", "--no-cache", "--format", "json", ".") == (
        0, "[]\n", f"glowlint: es.txt: {MSG} (skipped)\nglowlint: fr.md: {MSG} (skipped)\n")
    assert run("check", "--stdin-filename", "fr.md", "-", stdin=FRENCH) == (
        0, f"Nothing checked: fr.md: {MSG}.\n", f"glowlint: fr.md: {MSG} (skipped)\n")


def test_english_with_a_few_french_words_is_checked(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("en.md").write_text(ENGLISH_WITH_FRENCH.replace("gentle", "painless"),
                             encoding="utf-8")
    code, out, err = run("check", "--no-cache", "--select", "painless", "en.md")
    assert (code, err) == (1, "")
    assert out.startswith("en.md:1:24: error[painless] Calls the treatment painless.")
    assert out.endswith("\nFound 1 problem (1 error) in 1 file (1 checked).\n")


def test_a_mixed_run_names_the_page_it_skipped(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A checked page and a skipped French one: never a bare "All clear"."""
    monkeypatch.chdir(tmp_path)
    Path("en.md").write_text("Our facial leaves skin glowing.\n", encoding="utf-8")
    Path("fr.md").write_text(FRENCH, encoding="utf-8")
    assert run("check", "--no-cache", ".") == (
        0, f"No problems found in the 1 file checked. 1 file not checked (fr.md: {MSG}).\n",
        f"glowlint: fr.md: {MSG} (skipped)\n")
    Path("en.md").write_text("It is painless.\n", encoding="utf-8")
    code, out, _ = run("check", "--no-cache", "--select", "painless", ".")
    assert code == 1
    assert out.endswith("\nFound 1 problem (1 error) in 1 file (1 checked). "
                        f"1 file not checked (fr.md: {MSG}). [*] 1 fixable with --fix.\n")
