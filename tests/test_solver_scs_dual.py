"""The dual-form SCS adapter (``solver="SCS_DUAL"``) and its congruence equilibration.

Reference values are the closed forms of REFERENCE.md §2-3 (gd, ogm, halpern, FEG 4/N^2), never
this package's earlier output; CLARABEL_DIRECT (primal form, interior point, independently
coded) is the second path on problems without a closed form. SCS stops at eps 1e-7, so values
are compared at 1e-5 relative. The equilibration changes the Gram variable (G = D G' D); the
tests below fail if any part of the way back (G, S, the trace weights) is left scaled.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from conftest import CLOSED_FORMS, check_statuses_not_swapped, equality_problem

import pep
from pep.algorithms import get
from pep.errors import InvalidArgument
from pep.sdp.solvers.clarabel_direct import solve_clarabel_direct
from pep.sdp.solvers.scs_dual import congruence_scaling, congruent, solve_scs_dual
from pep.sdp.solvers.translation import reduce_translation, translation

SCS_DUAL = "SCS_DUAL"

CLOSED = CLOSED_FORMS
CASES = [(name, N) for name in ("gd", "ogm", "halpern") for N in (1, 3, 8)] + [("feg", 3)]


@pytest.mark.parametrize("equilibrate", [True, False])
@pytest.mark.parametrize(("name", "N"), CASES)
def test_scs_dual_matches_the_closed_form(name: str, N: int, equilibrate: bool) -> None:
    # SCS at its default eps 1e-7: a bound within 1e-4 relative, estimated
    result = get(name).setting(N).solve(solver=SCS_DUAL, equilibrate=equilibrate, rtol=1e-4)
    assert result.is_bound
    assert result.solver == SCS_DUAL
    assert result.value == pytest.approx(float(CLOSED[name](N)), rel=1e-5)
    assert result.primal_value == pytest.approx(result.value, rel=1e-5)
    acc = result.accuracy()
    assert acc["gap"] <= 1e-6 and acc["dual_residual"] <= 1e-7
    assert acc["min_multiplier"] >= -1e-6 and acc["psd_min_eig"] >= -1e-6  # SCS eps 1e-7


def test_the_scaling_is_not_trivial_where_it_is_tested() -> None:
    # OGM's Gram basis spans gradients of very different sizes: D must differ from 1, or the
    # tests of the way back below could not fail
    D = congruence_scaling(get("ogm").setting(8).compile())
    assert D.max() == 1.0 and D.min() < 0.5


def test_congruent_rows_at_the_scaled_gram_equal_the_original_rows() -> None:
    data = get("ogm").setting(4).compile()
    D = congruence_scaling(data)
    scaled = congruent(data, D)
    rng = np.random.default_rng(3)
    X = rng.normal(size=(data.dimension, data.dimension))
    G = X @ X.T
    F = rng.normal(size=len(data.value_names))
    G_scaled = G / np.outer(D, D)
    for blk, blk_s in zip([*data.blocks, data.objective], [*scaled.blocks, scaled.objective]):
        assert blk_s.evaluate(G_scaled, F) == pytest.approx(blk.evaluate(G, F), rel=1e-12)


def test_equilibration_balances_the_basis_norms() -> None:
    data = get("ogm").setting(10).compile()
    d = data.dimension

    def spread(D: np.ndarray) -> float:
        coo = congruent(data, D)
        rows = np.vstack([b.gram.toarray() for b in (*coo.blocks, coo.objective)])
        sq = (rows**2).reshape(len(rows), d, d).sum(axis=0)
        norms = np.sqrt(sq.sum(axis=0) + sq.sum(axis=1))
        return float(norms.max() / norms.min())

    assert spread(congruence_scaling(data)) < 0.5 * spread(np.ones(d))


def test_worst_case_and_psd_dual_are_in_the_original_variables() -> None:
    problem = get("ogm").setting(8)
    result = problem.solve(solver=SCS_DUAL)
    G, F = result.gram, result.solution.values
    assert np.linalg.eigvalsh(G).min() >= -1e-7
    for blk in result.data.blocks:
        rows = blk.evaluate(G, F)
        assert (np.abs(rows) if blk.sense == "==" else rows).max() <= 1e-6, blk.family
    assert result.data.objective.evaluate(G, F).min() == pytest.approx(result.value, rel=1e-5)
    # S = sum lambda_r A_r - O, rebuilt from the multipliers: small only if S was unscaled
    assert result.dual_residual() <= 1e-7
    assert result.accuracy()["psd_min_eig"] >= -1e-6


def test_equalities_and_function_values_agree_with_the_primal_form() -> None:
    problem = equality_problem(never_binding=False)
    ours = problem.solve(solver=SCS_DUAL)
    reference = problem.solve(solver="CLARABEL_DIRECT")
    assert ours.value == pytest.approx(reference.value, rel=1e-5)
    assert ours.objective_multipliers == pytest.approx(reference.objective_multipliers, abs=1e-5)
    assert ours.multipliers["gap_fixed"] == pytest.approx(ours.value, rel=1e-5)


def test_a_certificate_from_scs_dual_verifies_exactly() -> None:
    certified = get("gd").setting(3).solve(solver=SCS_DUAL).certify(bound=Fraction(1, 14))
    assert certified.verified
    assert certified.exact_certificate.verify()


def test_min_trace_uses_the_weighted_trace_and_agrees_with_the_primal_form() -> None:
    # min tr(G) = min <diag(D^2), G'>: unweighted, the scaled solve would minimise another sum
    # Halpern N = 3: the near-optimal set is wide, so the two sums pick different points
    # (measured: unweighted, the trace comes out 3 % above the minimum)
    data = get("halpern").setting(3).compile()
    level = float(CLOSED["halpern"](3)) * (1 - 1e-6)
    ours = solve_scs_dual(data, {}, trace_level=level)
    reference = solve_clarabel_direct(data, {}, trace_level=level)
    assert np.isfinite(ours.gram).all()
    assert ours.primal_value == pytest.approx(np.trace(ours.gram), rel=1e-12)
    assert ours.primal_value == pytest.approx(reference.primal_value, rel=1e-4)


def test_trace_reduction_gives_a_rank_one_worst_case_for_gd() -> None:
    result = get("gd").setting(3).solve(solver=SCS_DUAL, dimension_reduction="trace")
    assert result.worst_case(tol=1e-4).dimension == 1


def test_unbounded_and_infeasible_statuses_are_not_swapped() -> None:
    check_statuses_not_swapped(SCS_DUAL)


@pytest.mark.parametrize("key", ["equilibrate", "translate"])
def test_switches_must_be_bools(key: str) -> None:
    with pytest.raises(InvalidArgument, match=f"{key}='yes'"):
        get("gd").setting(1).solve(solver=SCS_DUAL, **{key: "yes"})


# --- translation invariance (pep.sdp.solvers.translation) ---------------------------------------


@pytest.mark.parametrize(("name", "star"), [("gd", "x*"), ("halpern", "y*"), ("feg", "z*")])
def test_the_translation_direction_is_found_and_the_starred_point_dropped(
    name: str, star: str
) -> None:
    data = get(name).setting(4).compile()
    u = translation(data)
    assert u is not None and np.linalg.norm(u) == pytest.approx(1.0)
    reduction = reduce_translation(data)
    assert reduction is not None
    assert data.point_names[reduction.index] == star
    assert reduction.data.dimension == data.dimension - 1


@pytest.mark.parametrize(("name", "N"), [("gd", 3), ("halpern", 3), ("ogm", 4)])
def test_the_reduced_problem_has_the_same_value(name: str, N: int) -> None:
    # an interior-point solve of the reduced data: the reduction itself, not SCS, is tested
    data = get(name).setting(N).compile()
    reduction = reduce_translation(data)
    assert reduction is not None
    reduced = solve_clarabel_direct(reduction.data, {})
    assert reduced.primal_value == pytest.approx(float(CLOSED[name](N)), rel=1e-6)


def _anchored() -> pep.Problem:
    """Not translation invariant: ||x0||^2 <= 1 measures x0 from the origin."""
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    problem.assume(pep.sqnorm(x0) <= 1)
    problem.maximize(f(x0 - f.grad(x0)) - f(xs))
    return problem


def test_no_reduction_without_translation_invariance() -> None:
    problem = _anchored()
    data = problem.compile()
    assert translation(data) is None and reduce_translation(data) is None
    ours = problem.solve(solver=SCS_DUAL, translate=True)  # asked for, and declined
    assert ours.value == pytest.approx(problem.solve(solver="CLARABEL_DIRECT").value, rel=1e-5)


def test_expanded_solution_has_a_zero_starred_row_and_a_psd_dual_that_kills_u() -> None:
    data = get("halpern").setting(6).compile()
    reduction = reduce_translation(data)
    assert reduction is not None
    sol = solve_scs_dual(data, {"translate": True})
    i = reduction.index
    assert np.all(sol.gram[i] == 0) and np.all(sol.gram[:, i] == 0)
    assert np.abs(sol.psd_dual @ reduction.u).max() <= 1e-9
    assert np.linalg.eigvalsh(sol.psd_dual).min() >= -1e-6  # SCS eps 1e-7
    plain = solve_scs_dual(data, {})
    assert sol.primal_value == pytest.approx(plain.primal_value, rel=1e-5)
