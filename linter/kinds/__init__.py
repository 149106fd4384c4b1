"""Rule kinds, after Vale's split: claim (existence), frame (lexicon classes in one clause),
required (conditional), metric."""

from __future__ import annotations

from .base import Rule
from .claim import ClaimRule
from .frame import FrameRule
from .metric import MetricRule
from .required import RequiredRule

KINDS: dict[str, type[Rule]] = {
    "claim": ClaimRule,
    "frame": FrameRule,
    "required": RequiredRule,
    "metric": MetricRule,
}

__all__ = ["KINDS", "ClaimRule", "FrameRule", "MetricRule", "RequiredRule", "Rule"]
