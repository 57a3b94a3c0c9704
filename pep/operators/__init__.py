"""Operator classes and their (pairwise) interpolation conditions, one module per family.

Written like the function classes (:mod:`pep.functions`), without function values; every
condition is symmetric in the pair. Imports: :mod:`pep.model`, :mod:`pep.errors` and, for
shared helpers, :mod:`pep.functions`.
"""

from pep.model.oracles import Operator
from pep.operators.expensive import (
    CocoerciveStronglyMonotoneExpensive,
    LipschitzStronglyMonotoneExpensive,
)
from pep.operators.linear import (
    LinearOperator,
    SkewSymmetricLinearOperator,
    SymmetricLinearOperator,
)
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
    "LinearOperator",
    "SymmetricLinearOperator",
    "SkewSymmetricLinearOperator",
    "LipschitzStronglyMonotoneExpensive",
    "CocoerciveStronglyMonotoneExpensive",
]
