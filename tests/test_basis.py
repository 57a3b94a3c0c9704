"""The points basis (pep.sdp.basis): same PEP, sparser rows; polishing on the multipliers' support."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from conftest import CLOSED_FORMS

from pep.algorithms import get
from pep.errors import InaccurateSolve, InvalidArgument
from pep.sdp.basis import point_basis, polish, rebase
from pep.sdp.compile import compile_problem

METHODS = ["gd", "ogm", "halpern", "feg"]


@pytest.mark.parametrize("name", [*METHODS, "ogm_g", "fista"])
def test_basis_is_invertible_and_starts_with_the_points(name: str) -> None:
    problem = get(name).setting(4)
    b = point_basis(problem)
    d = len(b.names)
    assert np.allclose(b.coordinates @ b.leaf_coordinates, np.eye(d), atol=1e-12)
    labels = [r.label for o in problem.oracles for r in o.records]
    assert b.names[0] == labels[0]  # the first record point is always kept


@pytest.mark.parametrize("name", [*METHODS, "ogm_g", "fista"])
def test_rows_are_the_same_forms_over_the_new_basis(name: str) -> None:
    """<A', P G P^T> = <A, G> for every row and objective, at a random G >= 0."""
    problem = get(name).setting(5)
    leaves, rebased = problem.compile(), rebase(problem)
    assert rebased is not None
    P = rebased.basis.coordinates
    rng = np.random.default_rng(0)
    W = rng.standard_normal((leaves.dimension, leaves.dimension + 2))
    G = W @ W.T
    F = rng.standard_normal(len(leaves.value_names))
    G2 = P @ G @ P.T
    pairs = [*zip(leaves.blocks, rebased.data.blocks), (leaves.objective, rebased.data.objective)]
    for a, b in pairs:
        assert a.names == b.names
        lhs, rhs = a.evaluate(G, F), b.evaluate(np.triu(G2) + np.tril(G2, -1), F)
        assert np.allclose(lhs, rhs, rtol=1e-9, atol=1e-9 * np.abs(lhs).max(initial=1.0))


def test_feg_rows_are_much_sparser_over_the_points() -> None:
    problem = get("feg").setting(20)
    nnz = [sum(b.gram.nnz for b in d.blocks) for d in (problem.compile(), rebase(problem).data)]
    assert nnz[1] * 4 < nnz[0]  # measured: 121604 -> 19397


def test_leaves_basis_is_the_default_compile() -> None:
    problem = get("gd").setting(3)
    assert rebase(problem, "leaves") is None
    assert compile_problem(problem).point_names == problem.compile().point_names


@pytest.mark.parametrize("solver", ["CLARABEL_DIRECT", "CLARABEL", "SCS_DUAL"])
@pytest.mark.parametrize("name", METHODS)
@pytest.mark.parametrize("N", [2, 5])
def test_points_basis_gives_the_closed_form(name: str, N: int, solver: str) -> None:
    rtol = 1e-4 if solver.startswith("SCS") else 1e-6  # SCS at its default eps 1e-7
    r = get(name).setting(N).solve(solver, basis="points", rtol=rtol)
    assert r.is_bound
    rel = 1e-4 if solver.startswith("SCS") else 2e-6
    assert r.value == pytest.approx(float(CLOSED_FORMS[name](N)), rel=rel)
    # the result is over the leaves: the measured certificate and the worst case use them
    assert r.data.point_names == get(name).setting(N).compile().point_names
    assert r.accuracy()["dual_residual"] < 1e-6


def test_worst_case_after_a_points_solve_is_feasible() -> None:
    problem = get("feg").setting(4)
    r = problem.solve("CLARABEL_DIRECT", basis="points")
    viol = max(float(b.evaluate(r.gram, r.solution.values).max()) for b in r.data.blocks)
    assert viol < 1e-6
    wc = r.worst_case()
    assert wc.dimension >= 1 and "z4" in wc.points


@pytest.mark.parametrize("solver", ["CLARABEL_DIRECT", "SCS_DUAL"])
@pytest.mark.parametrize("name", METHODS)
def test_polish_keeps_few_rows_and_gives_the_closed_form(name: str, solver: str) -> None:
    N = 6
    rtol = 1e-4 if solver.startswith("SCS") else 1e-6
    r = get(name).setting(N).solve(solver, basis="points", polish=True, rtol=rtol)
    assert r.is_bound
    closed = float(CLOSED_FORMS[name](N))
    assert r.value == pytest.approx(closed, rel=1e-6 if solver.startswith("CLARABEL") else 1e-4)
    zero = sum(int((lam == 0).sum()) for lam in r.solution.duals)
    assert zero > 0 and "polished on" in r.solution.raw_status
    assert len(r.multipliers) == r.data.n_constraints  # a certificate of the full problem


def test_polished_feg_certificate_verifies_exactly_for_the_full_problem() -> None:
    r = get("feg").setting(4).solve("CLARABEL_DIRECT", basis="points", polish=True)
    certified = r.certify(bound=Fraction(1, 4))  # 4/N^2 (Lee and Kim 2021)
    assert certified.verified and certified.exact_certificate.bound == Fraction(1, 4)


def test_polish_on_too_few_rows_is_not_reported_as_a_bound() -> None:
    first = get("gd").setting(6).solve("CLARABEL_DIRECT")
    with pytest.raises(InaccurateSolve, match="threshold"):
        polish(first, "CLARABEL_DIRECT", threshold=0.9)


def test_polish_disagreeing_with_the_first_solve_is_labelled_inaccurate() -> None:
    """The polished bound must agree with the first solve's worst case to ``rtol``."""
    first = get("gd").setting(6).solve("CLARABEL_DIRECT")
    out = polish(first, "CLARABEL_DIRECT", rtol=1e-4, threshold=1e-6)
    assert out.is_bound
    with pytest.raises(InaccurateSolve, match="estimated error"):
        polish(first, "CLARABEL_DIRECT", rtol=1e-15)
    loose = polish(first, "CLARABEL_DIRECT", rtol=1e-15, accept_inaccurate=True)
    assert not loose.is_bound and "inaccurate" in loose.label


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"basis": "gradients"}, "basis='gradients'"),
        ({"polish": 1}, "polish=1"),
    ],
)
def test_bad_arguments(kwargs: dict, fragment: str) -> None:
    with pytest.raises(InvalidArgument, match=fragment):
        get("gd").setting(2).solve(**kwargs)


@pytest.mark.parametrize("key", ["threshold", "rtol"])
@pytest.mark.parametrize("val", [0, 1.5, True, "1e-6"])
def test_bad_polish_parameters(key: str, val: object) -> None:
    first = get("gd").setting(2).solve("CLARABEL_DIRECT")
    with pytest.raises(InvalidArgument, match=key):
        polish(first, "CLARABEL_DIRECT", **{key: val})


def test_trace_reduction_with_the_points_basis() -> None:
    r = get("gd").setting(3).solve("CLARABEL_DIRECT", basis="points", dimension_reduction="trace")
    assert r.value == pytest.approx(1 / 14, rel=1e-6)
    assert r.worst_case().dimension == 1  # gd's worst case is one-dimensional


def test_polish_with_another_adapter_of_the_same_solver() -> None:
    """A primal-form re-solve after the (faster, less accurate) dual form."""
    r = get("ogm").setting(6).solve("CLARABEL_DUAL", polish="CLARABEL_DIRECT")
    assert r.solver == "CLARABEL_DIRECT" and "polished on" in r.solution.raw_status
    assert r.value == pytest.approx(float(CLOSED_FORMS["ogm"](6)), rel=1e-6)
