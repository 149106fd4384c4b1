"""glowlint's version, in a module of its own: what the package exports as
``__version__`` and what the caches key on, without importing the package."""

__version__ = "0.1.0"
