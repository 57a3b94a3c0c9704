"""Operator classes and their (pairwise) interpolation conditions."""

from pep.operators.base import Operator

__all__ = ["Operator"]
