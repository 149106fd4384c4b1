"""`python -m linter` is `glowlint`."""

from .cli import main

main()
