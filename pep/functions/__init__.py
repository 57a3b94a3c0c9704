"""Function classes and their interpolation conditions (one module per family)."""

from pep.functions.base import Function, FunctionClass, Record, SumFunction
from pep.functions.convex import Convex, ConvexIndicator, ConvexLipschitz, StronglyConvex
from pep.functions.smooth import Smooth, SmoothConvex, SmoothStronglyConvex

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
]
