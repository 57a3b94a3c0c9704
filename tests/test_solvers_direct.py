"""The direct Clarabel / SCS adapters against closed forms and against the cvxpy adapter.

Reference values are closed forms of REFERENCE.md §2-3 (gd, ogm, ogm_g, halpern); the cvxpy
adapter is a second, independently coded path to the same SDP (agreement checks the conic
data, the svec scaling and the dual mapping, not a value we computed earlier).
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import CLOSED_FORMS

import pep
from pep.algorithms import get, names
from pep.errors import InvalidArgument, UnboundedProblem
from pep.sdp.solvers.clarabel_direct import conic_data, svec_index

CLOSED = {k: CLOSED_FORMS[k] for k in ("gd", "ogm", "ogm_g", "halpern")}


@pytest.mark.parametrize("name", [n for n in sorted(CLOSED) if n in names()])
@pytest.mark.parametrize("N", [1, 2, 5, 8])
def test_direct_clarabel_matches_closed_form(name: str, N: int) -> None:
    result = get(name).setting(N).solve(solver="CLARABEL_DIRECT")
    expected = float(CLOSED[name](N))
    assert result.is_bound
    assert result.solver == "CLARABEL_DIRECT"
    assert result.value == pytest.approx(expected, rel=1e-6)
    acc = result.accuracy()
    assert acc["dual_residual"] <= 1e-7 and acc["psd_min_eig"] >= -1e-7


@pytest.mark.parametrize("name", ["gd", "ogm", "fgm", "ogm_g", "halpern", "fista"])
def test_direct_clarabel_agrees_with_cvxpy_and_satisfies_the_dual_identity(name: str) -> None:
    if name not in names():
        pytest.skip(f"{name} is not registered")
    data = get(name).setting(4).compile()
    from pep.sdp.solvers import solve_compiled

    a = solve_compiled(data, "CLARABEL")
    b = solve_compiled(data, "CLARABEL_DIRECT")
    assert b.value == pytest.approx(a.value, rel=1e-7, abs=1e-10)
    # multipliers of a degenerate SDP need not be unique, but the dual identity must hold
    # for both, and the objective weights (which sum to one) must match
    assert b.dual_residual() <= 1e-7
    assert np.sum(b.objective_multipliers) == pytest.approx(1.0, abs=1e-7)


def test_equality_blocks_and_several_objectives() -> None:
    # max min(f(x1) - f*, ||g1||^2) with an equality assumption: exercises the zero cone and
    # several objective rows; compared with the cvxpy path
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) == 1, name="on_sphere")
    x1 = x0 - f.grad(x0)
    problem.maximize(f(x1) - f(xs))
    problem.maximize(pep.sqnorm(f.grad(x1)))
    direct = problem.solve(solver="CLARABEL_DIRECT")
    via_cvxpy = problem.solve()
    assert direct.value == pytest.approx(via_cvxpy.value, rel=1e-6)
    assert direct.multipliers["on_sphere"] == pytest.approx(
        via_cvxpy.multipliers["on_sphere"], rel=1e-5, abs=1e-7
    )
    assert direct.dual_residual() <= 1e-7


def test_trace_reduction_gives_a_rank_one_worst_case_for_gd() -> None:
    # gd's worst case is one-dimensional (Drori-Teboulle 2014: a Huber-type function)
    result = get("gd").setting(3).solve(solver="CLARABEL_DIRECT", dimension_reduction="trace")
    assert result.worst_case(tol=1e-4).dimension == 1
    assert result.value == pytest.approx(1 / 14, rel=1e-6)


def test_scs_direct_within_its_tolerance() -> None:
    pytest.importorskip("scs")
    result = get("ogm").setting(5).solve(solver="SCS_DIRECT")
    assert result.solver == "SCS_DIRECT"
    assert result.value == pytest.approx(float(CLOSED["ogm"](5)), rel=1e-4)


def test_unbounded_problem_is_reported_not_dressed_up() -> None:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.maximize(f(x0 - f.grad(x0)) - f(xs))
    with pytest.raises(UnboundedProblem):
        problem.solve(solver="CLARABEL_DIRECT")


def test_unknown_setting_names_the_option() -> None:
    with pytest.raises(InvalidArgument, match="tol_gapp"):
        get("gd").setting(1).solve(solver="CLARABEL_DIRECT", tol_gapp=1e-9)


def test_svec_scaling_makes_inner_products_match() -> None:
    # <svec X, svec Y> = <X, Y> for symmetric X, Y: the property Clarabel's cone relies on
    rng = np.random.default_rng(0)
    for order in ("upper_col", "lower_col"):
        p, q, s = svec_index(4, order)
        X, Y = (M + M.T for M in rng.normal(size=(2, 4, 4)))
        assert np.dot(s * X[p, q], s * Y[p, q]) == pytest.approx(np.sum(X * Y))
    with pytest.raises(InvalidArgument, match="order="):
        svec_index(3, "diagonal")


def test_conic_data_shapes() -> None:
    data = get("gd").setting(3).compile()
    cd = conic_data(data)
    d = data.dimension
    assert cd.A.shape == (data.n_constraints + 1 + d * (d + 1) // 2, d * (d + 1) // 2 + 6)
    assert cd.n_ineq == data.n_constraints + 1 and cd.n_eq == 0
