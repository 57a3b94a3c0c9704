"""Operator classes and their (pairwise) interpolation conditions."""

from pep.operators.base import Operator
from pep.operators.lipschitz import Lipschitz, Nonexpansive
from pep.operators.monotone import (
    Cocoercive,
    LipschitzMonotone,
    Monotone,
    SmoothConvexConcave,
    StronglyMonotone,
)

__all__ = [
    "Operator",
    "Monotone",
    "StronglyMonotone",
    "Cocoercive",
    "Lipschitz",
    "Nonexpansive",
    "LipschitzMonotone",
    "SmoothConvexConcave",
]
