"""Shared test helpers."""

from __future__ import annotations

from typing import Any

import numpy as np


def evaluate_scalar(expr: Any, problem: Any, gram: np.ndarray, values: np.ndarray) -> float:
    """Value of an exact Scalar at a Gram matrix / value vector indexed like ``compile``."""
    points = [lf for lf in problem.leaves if lf.kind == "point"]
    vals = [lf for lf in problem.leaves if lf.kind == "value"]
    ppos = {lf: k for k, lf in enumerate(points)}
    fpos = {lf: k for k, lf in enumerate(vals)}
    total = float(expr.constant)
    for key, c in expr.terms.items():
        if isinstance(key, tuple):
            total += float(c) * gram[ppos[key[0]], ppos[key[1]]]
        else:
            total += float(c) * values[fpos[key]]
    return total
