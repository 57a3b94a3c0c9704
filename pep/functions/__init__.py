"""Function classes and their interpolation conditions, one module per family.

A class is a frozen dataclass with validated parameters whose ``pair_conditions`` and
``point_conditions`` return slacks (expressions ``>= 0``) written like the cited theorem.
Imports: :mod:`pep.model` and :mod:`pep.errors` only.
"""

from pep.functions.block import BlockSmoothConvex
from pep.functions.convex import Convex, ConvexIndicator, ConvexLipschitz, StronglyConvex
from pep.functions.growth import ConvexQG, Lojasiewicz, RestrictedSecantErrorBound
from pep.functions.lojasiewicz_expensive import SmoothQuadraticLojasiewiczExpensive
from pep.functions.quadratic import SmoothStronglyConvexQuadratic
from pep.functions.smooth import Smooth, SmoothConvex, SmoothStronglyConvex
from pep.model.combination import SumFunction
from pep.model.oracles import Function, FunctionClass, Record

__all__ = [
    "Function",
    "FunctionClass",
    "Record",
    "SumFunction",
    "Convex",
    "ConvexIndicator",
    "ConvexLipschitz",
    "StronglyConvex",
    "Smooth",
    "SmoothConvex",
    "SmoothStronglyConvex",
    "ConvexQG",
    "RestrictedSecantErrorBound",
    "Lojasiewicz",
    "BlockSmoothConvex",
    "SmoothStronglyConvexQuadratic",
    "SmoothQuadraticLojasiewiczExpensive",
]
