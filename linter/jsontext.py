"""JSON read from files a user does not control, with every failure one error.

``json.loads`` fails in three ways on hostile input: a syntax error
(``JSONDecodeError``), a number past the interpreter's digit limit
(``ValueError``) and nesting past the parser's stack (``RecursionError``).
Every reader of user JSON (baselines, records, the ``serve`` body) calls
:func:`parse`, so none of them can miss one of the three.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass
class JsonError(Exception):
    """Why the text is not JSON, and the 1-based line and column where it went wrong."""

    reason: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return self.reason


def parse(text: str) -> Any:
    """The value of ``text``, or :class:`JsonError`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise JsonError(e.msg, e.lineno, e.colno) from None
    except RecursionError:
        raise JsonError("nested too deeply") from None
    except ValueError:  # an integer longer than the interpreter converts
        raise JsonError("a number too long to read") from None
