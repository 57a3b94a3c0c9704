"""The rescaled steps of ``solver="auto"`` (pep/sdp/rescale.py, issue 16): linear-rate methods at
large N, whose values are 1e-6 .. 1e-10 while the data are of order 1."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import pep
from pep.algorithms import get
from pep.sdp.accuracy import _dual_value, estimate, objective_unit
from pep.sdp.plan import TIGHT_CLARABEL, plan
from pep.sdp.rescale import gauge, solution_scaling
from pep.sdp.solvers import run_adapter

LOOSE_RTOL = 1e-2  # a tolerance a user may ask for


def test_gauge_pins_the_minimiser_and_its_value() -> None:
    problem = get("tmm").setting(3)
    g = gauge(problem, problem.compile())
    assert "x*" in g.basis.names and "x*" not in g.data.point_names
    assert "f(x*)" not in g.data.value_names
    assert g.data.dimension == len(g.basis.names) - 1
    assert len(g.data.value_names) == len(problem.compile().value_names) - 1


def _pinned_solve(name: str, N: int) -> tuple:
    """The compiled problem, its pinned form, the pinned solution and that one over the leaves."""
    problem = get(name).setting(N)
    data = problem.compile()
    g = gauge(problem, data)
    sol, _ = run_adapter(g.data, "CLARABEL_DIRECT", dict(TIGHT_CLARABEL))
    return data, g, sol, g.restore(sol)


def test_the_pinned_problem_has_the_same_value() -> None:
    # gradient descent, h = 1/L, N = 2: (f(x_N) - f*) / (L R^2) = 1/(4N + 2) (Drori-Teboulle 2014)
    data, _, _, full = _pinned_solve("gd", 2)
    assert abs(_dual_value(data, full) - 0.1) <= 1e-7
    assert estimate(data, full).relative <= 1e-6  # a certificate of the original problem


def test_pinned_point_inverts_restore() -> None:
    data, g, sol, full = _pinned_solve("sc_fgm", 3)
    G, F = g.pinned_point(full.gram, full.values)
    assert np.allclose(G, sol.gram, atol=1e-9) and np.allclose(F, sol.values, atol=1e-9)
    # and the original rows see the same numbers as the pinned ones
    for blk, pinned in zip(data.blocks, g.data.blocks):
        assert np.allclose(blk.evaluate(full.gram, full.values), pinned.evaluate(G, F), atol=1e-9)


def test_no_pin_without_the_symmetry() -> None:
    # ||x0||^2 <= 1 is not invariant under translation: no basis vector may be pinned
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0) <= 1)
    problem.assume(pep.sqnorm(xs) <= 1)
    x1 = x0 - f.grad(x0)
    problem.maximize(f(x1) - f(xs))
    g = gauge(problem, problem.compile())
    assert g.data.dimension == len(g.basis.names)


def test_solution_scaling_makes_the_point_of_order_one() -> None:
    problem = get("sc_fgm").setting(6)
    g = gauge(problem, problem.compile())
    sol, _ = run_adapter(g.data, "CLARABEL_DIRECT", dict(TIGHT_CLARABEL))
    sc = solution_scaling(g.data, sol.gram, sol.values)
    D = sc.gram
    assert np.allclose(np.diag(sol.gram) / D**2, 1.0)
    big = np.abs(sol.values) > 1e-12
    assert np.allclose(np.abs(sol.values[big]) / sc.values[big], 1.0)
    scaled = sc.apply(g.data)
    for blk in scaled.blocks:  # every row's largest term at the point is 1 (or the row is 0)
        top = np.maximum(abs(blk.gram).max(axis=1).toarray().ravel(), np.abs(blk.const))
        if blk.values.nnz:
            top = np.maximum(top, abs(blk.values).max(axis=1).toarray().ravel())
        assert np.all((np.abs(top - 1.0) < 1e-12) | (top == 0))


def test_the_rescaled_steps_come_last() -> None:
    problem = get("sc_fgm").setting(4)
    steps = plan(problem.compile(), problem)
    first = min(k for k, s in enumerate(steps) if s.rescale)
    assert all(s.rescale for s in steps[first:])
    assert not any(s.rescale for s in plan(problem.compile()))  # no problem: no points basis


def test_sc_fgm_at_N_14_is_certified() -> None:
    # before the rescaled steps: InaccurateSolve, best estimate 5e-5 relative (issue 16)
    alg = get("sc_fgm")
    result = alg.setting(14).solve()
    assert result.is_bound and result.relative_error <= 1e-6
    assert result.value <= float(alg.rate(14).value)  # Nesterov's rate is an upper bound


def test_sc_ogm_at_N_20_is_certified_from_a_lifted_start() -> None:
    # before the lifted step: "0 within E" (1.68e-8, E = 3.0e-8); every rescaled solve kept
    # the last gradient frozen at ~0 and stopped near a quarter of the worst case
    alg = get("sc_ogm")
    result = alg.setting(20).solve()
    assert result.is_bound and not result.estimate.zero and result.relative_error <= 1e-6
    # the registered rate (Park, Park, Ryu 2023) is an upper bound
    assert result.value <= float(alg.rate(20).value)


@pytest.mark.parametrize("N", [15])
def test_tmm_is_certified_relative_to_its_tight_value(N: int) -> None:
    # before: "0 within E" (an absolute tolerance); the tight value is kappa rho^(2N)
    # (Van Scoy, Freeman, Lynch 2018), 3.7e-9 at N = 15
    alg = get("tmm")
    result = alg.setting(N).solve()
    reference = float(alg.rate(N).value)
    assert result.is_bound and not result.estimate.zero
    assert abs(result.value - reference) <= 1e-6 * reference


def test_tmm_beyond_the_leaves_floor_is_certified_over_the_pinned_problem() -> None:
    # TMM N = 18: kappa rho^36 = 5.8e-11; over the leaves S_lambda is rebuilt from order-1
    # terms, a floor of ~1e-16 absolute (> 1e-6 relative), so before this only "0 within E"
    alg = get("tmm")
    result = alg.setting(18).solve()
    reference = float(alg.rate(18).value)
    assert result.is_bound and not result.estimate.zero
    assert result.estimate.pinned  # the estimate says where it was measured
    assert abs(result.value - reference) <= 1e-6 * reference
    # the leaves' own estimate confirms the value to rtol in the objective's unit
    leaves = estimate(result.data, result.solution)
    assert leaves.absolute <= 1e-6 * objective_unit(result.data)


def _rescaled_run(name: str, N: int, rtol: float = 1e-6) -> tuple:
    """A strategy run and one rescaled attempt from the pinned solve (leaves, pinned)."""
    from pep.sdp.auto import _Run

    problem = get(name).setting(N)
    data = problem.compile()
    run = _Run(data, problem, {}, rtol)
    run.gauge = gauge(problem, data)
    start, _ = run_adapter(run.gauge.data, "CLARABEL_DIRECT", dict(TIGHT_CLARABEL), scale=True)
    scale = solution_scaling(run.gauge.data, *run.gauge.pinned_point(*_leaves(run, start)))
    pinned, _ = run_adapter(run.gauge.data, "CLARABEL_DIRECT", dict(TIGHT_CLARABEL), scale=scale)
    return run, run.gauge.restore(pinned), pinned


def _leaves(run: object, sol: object) -> tuple:
    full = run.gauge.restore(sol)  # type: ignore[attr-defined]
    return full.gram, full.values


def test_the_pinned_estimate_needs_the_leaves_to_confirm_the_value() -> None:
    from pep.sdp.auto import _pinned_judgement

    run, full, pinned = _rescaled_run("tmm", 17)
    leaves = estimate(run.data, full)
    sol, est = _pinned_judgement(run, full, leaves, pinned)
    assert est.pinned and est.relative < leaves.relative  # the refinement applies
    # attack: a leaves estimate that does not confirm the value in absolute terms (a pinned
    # problem that were not the same PEP would show here) switches the refinement off
    doubtful = dataclasses.replace(leaves, absolute=1e-3 * objective_unit(run.data))
    sol, est = _pinned_judgement(run, full, doubtful, pinned)
    assert est is doubtful and not est.pinned
    # attack: a pinned solution whose multipliers are scaled off is not a certificate there
    broken = dataclasses.replace(pinned, duals=tuple(2 * d for d in pinned.duals))
    sol, est = _pinned_judgement(run, full, leaves, broken)
    assert est is leaves


def _scaled_from(g, start, floor: float):
    """A Clarabel solve of the pinned problem scaled from ``start`` with ``floor``, restored."""
    G, F = g.pinned_point(start.gram, start.values)
    scale = solution_scaling(g.data, G, F, floor=floor)
    sol, _ = run_adapter(g.data, "CLARABEL_DIRECT", dict(TIGHT_CLARABEL), scale=scale)
    return g.restore(sol)


def test_a_frozen_coordinate_is_not_estimated_as_accurate() -> None:
    # pep/sdp/accuracy.py, "Resolution": scaled from a start whose last gradient is ~0, a
    # Clarabel solve keeps that coordinate frozen; its multiplier matrix has an eigenvalue near
    # -5e3 there, where the point has no energy, and its value is about a quarter of the worst
    # case. Measured by the point alone its estimate was 1.2e-11, relative 1e-3: a bound at
    # rtol=1e-2, 3.7x below the worst case; the resolution floor makes it relative 0.3
    data, g, _, start = _pinned_solve("sc_ogm", 20)
    candidate = _scaled_from(g, start, floor=1e-14)  # the default floor: tiny scales kept
    witness = _scaled_from(g, start, floor=1e-6)  # tiny scales lifted: the coordinate moves
    # the witness is a point of the PEP: its objective, less its own lower-side error, is a
    # value the worst case attains (up to that error)
    w_est = estimate(data, witness)
    attained = float(np.min(data.objective.evaluate(witness.gram, witness.values))) - w_est.lower
    assert w_est.lower <= 1e-3 * attained  # the witness is a (nearly) feasible point
    value, est = _dual_value(data, candidate), estimate(data, candidate)
    # sound at a loose tolerance a user may ask for: either the candidate is refused, or its
    # estimate covers the distance to a value the worst case attains
    assert est.relative > LOOSE_RTOL or value + est.absolute >= attained
