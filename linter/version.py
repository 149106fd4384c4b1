"""The version of glowlint, in a module of its own: any module may read it without
importing the package (whose __init__ imports the API, and with it the whole run)."""

__version__ = "0.1.0"
