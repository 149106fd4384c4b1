"""Rule kinds, after Vale's split: claim (existence), required (conditional), metric."""

from __future__ import annotations

from .base import Rule
from .claim import ClaimRule
from .metric import MetricRule
from .required import RequiredRule

KINDS: dict[str, type[Rule]] = {
    "claim": ClaimRule,
    "required": RequiredRule,
    "metric": MetricRule,
}

__all__ = ["KINDS", "ClaimRule", "MetricRule", "RequiredRule", "Rule"]
