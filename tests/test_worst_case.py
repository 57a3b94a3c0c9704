"""Worst-case examples: coordinates reproduce the Gram matrix and attain the bound."""

from __future__ import annotations

import numpy as np
import pytest

import pep
from pep.algorithms import get


@pytest.mark.parametrize("N", [1, 3])
def test_trace_reduction_gives_a_one_dimensional_gd_worst_case(N: int) -> None:
    problem = get("gd").setting(N)
    result = problem.solve(dimension_reduction="trace")
    wc = result.worst_case()
    # the known worst case of GD is one-dimensional (a Huber function; Drori-Teboulle 2014)
    assert wc.dimension == 1
    xs = wc.points["x*"]
    f_N, f_s = wc.values[f"f(x{N})"], wc.values["f(x*)"]
    assert np.dot(wc.points["x0"] - xs, wc.points["x0"] - xs) == pytest.approx(1, abs=1e-5)
    assert f_N - f_s == pytest.approx(1 / (4 * N + 2), rel=1e-4)
    # the iterates obey the method: x_{k+1} = x_k - g_k
    for k in range(N):
        step = wc.points[f"x{k}"] - wc.points[f"g_f(x{k})"]
        assert np.allclose(step, wc.points[f"x{k + 1}"], atol=1e-6)
    assert result.value == pytest.approx(1 / (4 * N + 2), rel=1e-6)


def test_coordinates_reproduce_the_gram_matrix() -> None:
    result = get("ogm").setting(3).solve()
    wc = result.worst_case(tol=1e-12)
    names = result.data.point_names
    Y = np.array([wc.points[n] for n in names])
    assert np.allclose(Y @ Y.T, result.gram, atol=1e-7)


def test_several_objectives_give_the_worst_case_of_their_minimum() -> None:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x1 = x0 - f.grad(x0)
    x2 = x1 - f.grad(x1)
    problem.maximize(f(x2) - f(xs))
    problem.maximize(10 * (f(x2) - f(xs)))  # never the smaller one: min is the first
    result = problem.solve()
    assert result.value == pytest.approx(0.1, rel=1e-6)
    assert sum(result.objective_multipliers) == pytest.approx(1, abs=1e-7)


def test_equality_assumptions_enter_the_dual_bound() -> None:
    # OGM-G style setting with f(x0) - f* = 1 as an equality: same value as with "<="
    def build(eq: bool) -> pep.Problem:
        problem = pep.Problem()
        f = problem.function(pep.SmoothConvex(L=1))
        x0, xs = problem.point("x0"), f.minimizer()
        gap = f(x0) - f(xs)
        problem.assume(gap == 1 if eq else gap <= 1)
        problem.maximize(pep.sqnorm(f.grad(x0 - f.grad(x0))))
        return problem

    a, b = build(True).solve(), build(False).solve()
    assert a.value == pytest.approx(b.value, rel=1e-6)
    assert a.value == pytest.approx(a.primal_value, rel=1e-6)


def test_results_are_labelled_numerical_evidence_until_verified() -> None:
    result = get("gd").setting(2).solve()
    assert result.is_bound
    assert result.label == "numerical evidence"
    assert result.verified is False
    assert result.interpolation_exact
    assert "numerical evidence" in repr(result)
    assert set(result.timings) == {"compile", "setup", "solve"}
    assert result.multipliers["initial"] == pytest.approx(0.1, rel=1e-6)
