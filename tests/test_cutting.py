"""Constraint generation (pep.sdp.cutting) against the full PEP and the closed forms.

Closed forms from REFERENCE.md §2-3; the full PEP is solved independently in each test.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from conftest import CLOSED_FORMS

from pep.algorithms import get, names
from pep.errors import CertificateError, InvalidArgument
from pep.sdp.cutting import seed_rows, solve_by_constraint_generation

CLOSED = CLOSED_FORMS
# The reduced problems are solved to tighter tolerances than the defaults: OGM's values are
# ~1e-2, where Clarabel's default absolute gap 1e-8 alone is ~1e-6 relative.
TIGHT = {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10, "tol_feas": 1e-10}
CASES = [(a, N) for a in CLOSED for N in range(1, 11)]


@pytest.mark.parametrize(("name", "N"), CASES)
def test_constraint_generation_value_equals_full_pep(name: str, N: int) -> None:
    if name not in names():
        pytest.skip(f"{name} is not registered yet")
    full = get(name).setting(N).solve()
    out = solve_by_constraint_generation(get(name).setting(N), **TIGHT)
    res = out.result
    assert res.is_bound
    assert res.value == pytest.approx(full.value, rel=1e-6)
    assert res.value == pytest.approx(float(CLOSED[name](N)), rel=1e-6)
    # the extended dual is a certificate of the *full* problem: identity, signs, PSD
    acc = res.accuracy()
    assert acc["dual_residual"] <= 1e-7 and acc["min_multiplier"] >= -1e-8
    assert len(res.multipliers) == full.data.n_constraints == out.n_full
    dropped = set(res.multipliers) - set(out.kept)
    assert all(res.multipliers[n] == 0.0 for n in dropped)


def test_gd_needs_only_consecutive_and_optimum_pairs() -> None:
    # Drori-Teboulle's certificate uses exactly these pairs: no round adds anything
    N = 6
    out = solve_by_constraint_generation(get("gd").setting(N))
    assert out.added == () and out.rounds == 1
    assert len(out.kept) == 2 * N + 2 * (N + 1) + 1  # (k,k+1),(k+1,k); (*,k),(k,*); initial
    assert out.n_full == (N + 2) * (N + 1) + 1


def test_ogm_g_adds_pairs_anchored_at_the_last_iterate() -> None:
    # Kim-Fessler's OGM-G certificate uses pairs (N, j) that the seed lacks
    N = 5
    out = solve_by_constraint_generation(get("ogm_g").setting(N))
    added = [n for round_ in out.added for n in round_]
    assert any(n.startswith(f"f:interp(x{N},") for n in added)
    assert not any(n.startswith("f:interp(x*,") or "x*)" in n for n in added)  # seeded


CERT_CASES = [("gd", 3), ("ogm", 3), ("ogm_g", 1), ("halpern", 3), ("feg", 3)]


@pytest.mark.parametrize(("name", "N"), CERT_CASES)
def test_certificate_verifies_where_the_full_one_does(name: str, N: int) -> None:
    if name not in names():
        pytest.skip(f"{name} is not registered yet")
    full = get(name).setting(N).solve()
    try:
        full_ok = full.certificate().rationalize().verify()
    except CertificateError:
        pytest.skip("the full problem's certificate does not rationalize here")
    assert full_ok
    exact = solve_by_constraint_generation(get(name).setting(N)).result.certificate()
    rational = exact.rationalize()
    assert rational.verify()
    # a verified bound of a tight PEP can never be below the true worst case
    closed = CLOSED[name](N)
    if isinstance(closed, Fraction):
        assert rational.bound >= closed
    assert float(rational.bound) == pytest.approx(float(closed), rel=1e-5)


def test_seed_keeps_assumptions_and_drops_far_pairs() -> None:
    problem = get("gd").setting(4)
    data = problem.compile()
    masks = seed_rows(problem, data)
    kept = {n for b, m in zip(data.blocks, masks) for n, k in zip(b.names, m) if k}
    assert "initial" in kept
    assert "f:interp(x0,x1)" in kept and "f:interp(x*,x3)" in kept
    assert "f:interp(x0,x2)" not in kept and "f:interp(x4,x1)" not in kept
    assert sum(int(np.sum(m)) for m in masks) == len(kept)


@pytest.mark.parametrize(
    ("kwargs", "fragment"), [({"tol": 0.0}, "tol="), ({"max_rounds": 0}, "max_rounds=")]
)
def test_bad_arguments(kwargs, fragment) -> None:
    with pytest.raises(InvalidArgument, match=fragment):
        solve_by_constraint_generation(get("gd").setting(2), **kwargs)


def test_round_limit_is_reported() -> None:
    # OGM-G at N = 5 needs a second round; one round is not enough and must say so
    with pytest.raises(InvalidArgument, match="max_rounds=1"):
        solve_by_constraint_generation(get("ogm_g").setting(5), max_rounds=1)


@pytest.mark.parametrize(("name", "N"), [("ogm", 6), ("halpern", 6), ("feg", 6)])
def test_returned_worst_case_is_feasible_for_the_full_problem(name: str, N: int) -> None:
    # the primal part is a lower bound only if it satisfies the omitted rows too
    problem = get(name).setting(N)
    out = solve_by_constraint_generation(problem, **TIGHT)
    res = out.result
    data = problem.compile()
    g = res.solution.gram.reshape(-1)
    limit = 1e-5 * abs(res.value)
    for blk in data.blocks:
        rows = blk.gram @ g + blk.const
        if blk.values.shape[1]:
            rows = rows + blk.values @ res.solution.values
        assert (np.abs(rows) if blk.sense == "==" else rows).max() <= limit, blk.family
    # lower bound (objective at that point) and upper bound (the dual value) pin the value
    assert res.solution.primal_value <= res.value * (1 + 1e-8)
    assert res.solution.primal_value >= res.value * (1 - 1e-5)
    assert res.value == pytest.approx(float(CLOSED[name](N)), rel=1e-6)


def test_low_rank_worst_case_saves_rounds() -> None:
    # Halpern: the centre of a reduced optimal face violates omitted pairs that a low-rank
    # worst case of the same value satisfies, so fewer rounds and rows are needed
    N = 8
    fast = solve_by_constraint_generation(get("halpern").setting(N), **TIGHT)
    slow = solve_by_constraint_generation(get("halpern").setting(N), low_rank=False, **TIGHT)
    assert fast.rounds < slow.rounds and len(fast.kept) < len(slow.kept)
    assert fast.result.value == pytest.approx(slow.result.value, rel=1e-6)
    assert fast.result.value == pytest.approx(float(CLOSED["halpern"](N)), rel=1e-6)


def test_window_widens_the_seed() -> None:
    problem = get("gd").setting(4)
    data = problem.compile()
    narrow = sum(int(m.sum()) for m in seed_rows(problem, data))
    wide = seed_rows(problem, data, window=2)
    kept = {n for b, m in zip(data.blocks, wide) for n, k in zip(b.names, m) if k}
    assert "f:interp(x0,x2)" in kept and "f:interp(x0,x3)" not in kept
    assert sum(int(m.sum()) for m in wide) > narrow


def test_bad_window() -> None:
    with pytest.raises(InvalidArgument, match="window="):
        solve_by_constraint_generation(get("gd").setting(2), window=0)


def test_relaxation_is_an_upper_bound_with_a_full_certificate() -> None:
    from pep.sdp.cutting import solve_relaxation

    # OGM-G's certificate needs pairs the seed lacks: the relaxation is strictly above
    N = 5
    loose = solve_relaxation(get("ogm_g").setting(N), **TIGHT)
    assert not loose.confirmed and loose.rounds == 1
    assert loose.result.value > float(CLOSED["ogm_g"](N)) * (1 + 1e-3)
    # gd's seed holds Drori-Teboulle's certificate: equal, and exactly certified for the
    # *full* problem (zero multipliers on the omitted rows)
    out = solve_relaxation(get("gd").setting(3))
    assert out.result.value == pytest.approx(1 / 14, rel=1e-7)
    assert len(out.result.multipliers) == out.n_full > len(out.kept)
    certified = out.result.certify(bound=Fraction(1, 14))
    assert certified.verified and certified.exact_certificate.bound == Fraction(1, 14)


@pytest.mark.parametrize("N", range(2, 11))
def test_feg_seed_with_window_two_holds_the_certificate(N: int) -> None:
    # FEG evaluates F twice per iteration (x_k and x_{k+1/2}), so window=2 is "pairs of
    # records from consecutive iterations". That seed already gives the full PEP's 4/N^2
    # (scripts/bench.py's RELAX path relies on it at N = 40); window=1 does not bound it.
    from pep.sdp.cutting import solve_relaxation

    two = solve_relaxation(get("feg").setting(N), window=2, **TIGHT)
    assert two.result.value == pytest.approx(float(CLOSED["feg"](N)), rel=1e-6)
    assert len(two.kept) < two.n_full
    one = solve_relaxation(get("feg").setting(N), window=1, **TIGHT)
    assert one.result.value > float(CLOSED["feg"](N)) * (1 + 1e-3)


def test_feg_relaxation_certifies_the_full_problem_exactly() -> None:
    from pep.sdp.cutting import solve_relaxation

    out = solve_relaxation(get("feg").setting(4), window=2, **TIGHT)
    certified = out.result.certify(bound=Fraction(1, 4))  # 4/N^2 at N = 4
    assert certified.verified and certified.exact_certificate.bound == Fraction(1, 4)
    assert len(certified.multipliers) == out.n_full
