"""Rule kinds, after Vale's split: claim (existence), frame (lexicon classes in one clause),
answer (a frame asked, and settled by the next sentence), required (conditional), metric."""

from __future__ import annotations

from .answer import AnswerRule
from .base import Rule
from .claim import ClaimRule
from .frame import FrameRule
from .metric import MetricRule
from .required import RequiredRule

KINDS: dict[str, type[Rule]] = {
    "claim": ClaimRule,
    "frame": FrameRule,
    "answer": AnswerRule,
    "required": RequiredRule,
    "metric": MetricRule,
}

__all__ = ["KINDS", "AnswerRule", "ClaimRule", "FrameRule", "MetricRule", "RequiredRule", "Rule"]
