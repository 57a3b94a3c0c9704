"""The dual-form Clarabel adapter (``solver="CLARABEL_DUAL"``) against closed forms.

Reference values are the closed forms and tables of REFERENCE.md §2-3 (gd, ogm, halpern, FEG
4/N^2, the EAG-V table of an independent Gram PEP), never this package's earlier output. The
primal-form adapter CLARABEL_DIRECT is a second, independently coded path to the same SDP: on a
problem with equality constraints, function values and two objectives the two must agree, which
checks the signs of the dual data (zero-cone rows, the sum of the objective weights, the svec
halving of off-diagonal coefficients) and the map back to (G, F).
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest
from conftest import CLOSED_FORMS, check_statuses_not_swapped, equality_problem

import pep
from pep.algorithms import get
from pep.errors import InvalidArgument
from pep.sdp.solvers import judge
from pep.sdp.solvers.clarabel_direct import solve_clarabel_direct
from pep.sdp.solvers.clarabel_dual import dual_data, solve_clarabel_dual

DUAL = "CLARABEL_DUAL"

CLOSED = {
    **CLOSED_FORMS,
    "eag_v": {3: 0.5774505, 5: 0.3680799}.__getitem__,  # REFERENCE.md §3 table, 7 digits
}
CASES = [(name, N) for name in ("gd", "ogm", "halpern") for N in (1, 2, 5)]
CASES += [("feg", 2), ("feg", 5), ("eag_v", 3), ("eag_v", 5)]


@pytest.mark.parametrize(("name", "N"), CASES)
def test_dual_form_matches_the_closed_form(name: str, N: int) -> None:
    result = get(name).setting(N).solve(solver=DUAL)
    assert result.is_bound
    assert result.solver == DUAL
    # the EAG-V reference is rounded to 7 decimals (5e-8 absolute)
    assert result.value == pytest.approx(float(CLOSED[name](N)), rel=1e-6, abs=1e-7)
    assert result.primal_value == pytest.approx(result.value, rel=1e-6)
    acc = result.accuracy()
    assert acc["gap"] <= 1e-6 and acc["dual_residual"] <= 1e-7
    assert acc["min_multiplier"] >= -1e-8 and acc["psd_min_eig"] >= -1e-7
    assert np.sum(result.objective_multipliers) == pytest.approx(1.0, abs=1e-7)


def test_equalities_function_values_and_two_objectives_agree_with_the_primal_form() -> None:
    problem = equality_problem()
    data = problem.compile()
    assert any(b.sense == "==" for b in data.blocks) and data.value_names
    dual = problem.solve(solver=DUAL)
    primal = problem.solve(solver="CLARABEL_DIRECT")
    assert dual.is_bound and primal.is_bound
    assert dual.value == pytest.approx(primal.value, rel=1e-6)
    assert dual.primal_value == pytest.approx(primal.primal_value, rel=1e-6)
    assert dual.objective_multipliers == pytest.approx(primal.objective_multipliers, abs=1e-6)
    assert dual.dual_residual() <= 1e-7
    # every row but the equality is homogeneous in (G, F), so the bound is -mu * (-1): the free
    # equality multiplier must come back with its sign
    assert dual.multipliers["gap_fixed"] == pytest.approx(dual.value, rel=1e-7)


@pytest.mark.parametrize("make", [equality_problem, lambda: get("feg").setting(3)])
def test_worst_case_point_satisfies_every_compiled_row(make: object) -> None:
    problem = make()  # type: ignore[operator]
    result = problem.solve(solver=DUAL)
    G, F = result.gram, result.solution.values
    assert np.linalg.eigvalsh(G).min() >= -1e-7
    for blk in result.data.blocks:
        rows = blk.gram @ G.reshape(-1) + blk.values @ F + blk.const
        if blk.sense == "==":
            assert np.abs(rows).max() <= 1e-7, blk.family
        else:
            assert rows.max() <= 1e-7, blk.family
    obj = result.data.objective
    at_G = obj.gram @ G.reshape(-1) + obj.values @ F + obj.const
    assert at_G.min() == pytest.approx(result.value, rel=1e-6)


def test_a_certificate_from_the_dual_form_verifies_exactly() -> None:
    result = get("gd").setting(3).solve(solver=DUAL)
    certified = result.certify(bound=Fraction(1, 14))  # Drori-Teboulle 2014: 1/(4N + 2)
    assert certified.verified
    assert certified.exact_certificate.bound == Fraction(1, 14)
    assert certified.exact_certificate.verify()
    numeric = result.certificate()
    assert numeric.tau  # the initial-condition multiplier is named and nonzero


def test_the_status_is_decided_by_the_error_estimate_not_by_the_solver_flag() -> None:
    data = get("halpern").setting(4).compile()
    sol = solve_clarabel_dual(data, {})
    flagged = dataclasses.replace(sol, status=pep.Status.INACCURATE, raw_status="AlmostSolved")
    assert judge(flagged, data, 1e-6).status is pep.Status.OPTIMAL
    # a multiplier moved by 1e-3: S(lambda) is no longer PSD, the estimate sees it whatever
    # the solver's flag says
    lam = [x.copy() for x in sol.duals]
    lam[0][np.argmax(lam[0])] -= 1e-3
    spoiled = dataclasses.replace(sol, duals=tuple(lam), raw_status="Solved")
    assert judge(spoiled, data, 1e-6).status is pep.Status.INACCURATE


def test_trace_reduction_gives_a_rank_one_worst_case_for_gd() -> None:
    # gd's worst case is one-dimensional (Drori-Teboulle 2014: a Huber-type function)
    result = get("gd").setting(3).solve(solver=DUAL, dimension_reduction="trace")
    assert result.worst_case(tol=1e-4).dimension == 1
    assert result.value == pytest.approx(1 / 14, rel=1e-6)


def test_min_trace_solve_agrees_with_the_primal_form() -> None:
    # min trace(G) s.t. objective >= level: the identity enters S and level the costs
    data = get("halpern").setting(3).compile()
    level = 0.25 * (1 - 1e-6)  # just below the tight value 4/(N + 1)^2
    dual = solve_clarabel_dual(data, {}, trace_level=level)
    primal = solve_clarabel_direct(data, {}, trace_level=level)
    assert np.isfinite(dual.gram).all()
    assert dual.primal_value == pytest.approx(np.trace(dual.gram), rel=1e-12)
    assert dual.primal_value == pytest.approx(primal.primal_value, rel=1e-5)
    obj = data.objective
    assert (obj.gram @ dual.gram.reshape(-1) + obj.const).min() >= level - 1e-8


def test_unbounded_and_infeasible_statuses_are_not_swapped() -> None:
    check_statuses_not_swapped(DUAL)


def test_unknown_setting_names_the_option() -> None:
    with pytest.raises(InvalidArgument, match="tol_gapp"):
        get("gd").setting(1).solve(solver=DUAL, tol_gapp=1e-9)


def test_dual_data_shapes_and_the_svec_halving() -> None:
    data = get("gd").setting(3).compile()
    dd = dual_data(data)
    d, nf, m = data.dimension, len(data.value_names), data.n_constraints
    ns = d * (d + 1) // 2
    assert dd.A.shape == (nf + 1 + m + 1 + ns, m + 1)
    assert (dd.n_zero, dd.n_nonneg) == (nf + 1, m + 1)
    # y = e_r puts lambda_r A_r in S: svec(S) must pair with svec(G) like the compiled row
    rng = np.random.default_rng(1)
    X = rng.normal(size=(d, d))
    G = X @ X.T
    svec_G = dd.scale * G[dd.p, dd.qq]
    svec_rows = -dd.A[len(dd.b) - ns :].toarray()  # column r is svec(A_r)
    compiled = sp_rows(data) @ G.reshape(-1)
    assert svec_rows.T @ svec_G == pytest.approx(compiled, rel=1e-12, abs=1e-12)


def sp_rows(data: pep.sdp.compile.CompiledProblem) -> np.ndarray:
    """Compiled Gram rows of every block, then the objective negated (the dual's sign)."""
    rows = [blk.gram.toarray() for blk in data.blocks] + [-data.objective.gram.toarray()]
    return np.vstack(rows)
