"""Shared test helpers."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest

import pep
from pep.algorithms import theta_sequence
from pep.errors import InfeasibleProblem, UnboundedProblem

# Worst-case values from the mathematics (REFERENCE.md §2-3, L = 1, initial measure 1), the
# reference the solver tests compare against; never from pep's own output.
CLOSED_FORMS = {
    "gd": lambda N: Fraction(1, 4 * N + 2),  # Drori-Teboulle 2014
    "ogm": lambda N: 1 / (2 * theta_sequence(N)[-1] ** 2),  # Kim-Fessler 2016
    "ogm_g": lambda N: 2 / theta_sequence(N)[-1] ** 2,  # Kim-Fessler 2021
    "halpern": lambda N: Fraction(4, (N + 1) ** 2),  # Lieder 2021
    # pairwise Lipschitz+monotone class: the PEP value is 4/N^2 for N >= 2, 2 at N = 1
    "feg": lambda N: Fraction(4, N * N) if N >= 2 else 2,
}


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


def equality_problem(never_binding: bool = True) -> pep.Problem:
    """Two gd steps: max min(||g2||^2, (f2 - f*)/2) given f0 - f* == 1, with equality rows,
    function values and two objectives (a third, f0 - f* + 1 = 2, never binding, if asked)."""
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(f(x0) - f(xs) == 1, name="gap_fixed")
    x1 = x0 - f.grad(x0)
    x2 = x1 - f.grad(x1)
    problem.maximize(pep.sqnorm(f.grad(x2)))
    problem.maximize(Fraction(1, 2) * (f(x2) - f(xs)))
    if never_binding:
        problem.maximize(f(x0) - f(xs) + 1)  # = 2 > the others: weight 0
    return problem


def check_statuses_not_swapped(solver: str) -> None:
    """A dual-form adapter solves the PEP's dual: its "primal infeasible" is an unbounded PEP
    and its "dual infeasible" an infeasible one; both must reach the user unswapped."""
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.maximize(f(x0 - f.grad(x0)) - f(xs))
    with pytest.raises(UnboundedProblem):
        problem.solve(solver=solver)
    problem.assume(pep.sqnorm(x0 - xs) <= -1)
    with pytest.raises(InfeasibleProblem):
        problem.solve(solver=solver)
