"""LMI classes (PSD blocks in the compiled problem): contracts and extremal values.

Members: matrices sampled with numpy (quadratics with spectrum in [mu, L]) satisfy every matrix
condition (PSD blocks have smallest eigenvalue >= 0, equalities vanish); non-members violate
one. Extremal members: the PEP value equals the closed form (gradient descent on quadratics:
f(x_N) = l (1 - h l)^{2N} / 2 on the eigenvector of eigenvalue l, maximised over [mu, L]).
The PSD-block machinery: solver paths agree, paths that cannot pass PSD blocks refuse, the
error estimate sees a non-PSD block multiplier.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest

import pep
from pep.errors import CertificateError, InvalidArgument, PepError
from pep.model.lmi import matrix_conditions, min_eigenvalue
from pep.model.oracles import Record
from pep.sdp.accuracy import estimate

DIM = 4


def _spectrum_matrix(eigs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    U = np.linalg.qr(rng.standard_normal((len(eigs), len(eigs))))[0]
    return U @ np.diag(eigs) @ U.T


def _quadratic_records(Q: np.ndarray, rng: np.random.Generator, n: int = 6) -> list[Record]:
    xs = [rng.standard_normal(len(Q)) * 2 for _ in range(n)]
    return [Record(x, Q @ x, float(0.5 * x @ Q @ x), f"x{k}") for k, x in enumerate(xs)]


def _worst(cls: object, recs: list[Record]) -> tuple[float, float]:
    """Smallest eigenvalue of the PSD matrices, largest |equality| (relative to the data)."""
    mc = matrix_conditions(cls, recs)
    scale = max(float(np.abs(r.x).max() + np.abs(r.g).max()) for r in recs) ** 2
    eig = min(min_eigenvalue(M) for M in mc.psd.values()) / scale
    eq = max((abs(float(v)) for v in mc.equal.values()), default=0.0) / scale
    return eig, eq


QUADRATIC_CLASSES = [
    pep.SmoothStronglyConvexQuadratic(L=1, mu=0),
    pep.SmoothStronglyConvexQuadratic(L=3, mu=Fraction(3, 10)),
    pep.SmoothStronglyConvexQuadratic(L=2, mu=2),
]


@pytest.mark.parametrize("cls", QUADRATIC_CLASSES, ids=repr)
@pytest.mark.parametrize("seed", range(3))
def test_quadratics_in_the_class_satisfy_the_conditions(cls: object, seed: int) -> None:
    rng = np.random.default_rng(seed)
    mu, L = float(cls.mu), float(cls.L)  # type: ignore[attr-defined]
    eigs = np.concatenate([[mu, L], rng.uniform(mu, L, DIM - 2)])  # the extremes included
    eig, eq = _worst(cls, _quadratic_records(_spectrum_matrix(eigs, rng), rng))
    assert eig >= -1e-9 and eq <= 1e-12


@pytest.mark.parametrize(
    "eigs, broken",
    [
        ([0.5, 1.2, 0.3, 0.1], "lmi"),  # an eigenvalue above L = 1
        ([-0.2, 0.5, 0.3, 0.1], "lmi"),  # below mu = 0: not convex
    ],
)
def test_quadratics_outside_the_class_violate_the_lmi(eigs: list[float], broken: str) -> None:
    rng = np.random.default_rng(7)
    cls = pep.SmoothStronglyConvexQuadratic(L=1, mu=0)
    eig, eq = _worst(cls, _quadratic_records(_spectrum_matrix(np.array(eigs), rng), rng))
    assert eig < -1e-6 and eq <= 1e-12


def test_a_nonsymmetric_linear_gradient_violates_the_symmetry_equalities() -> None:
    rng = np.random.default_rng(1)
    A = np.triu(rng.uniform(0.1, 0.3, (DIM, DIM)))  # not symmetric
    _, eq = _worst(pep.SmoothStronglyConvexQuadratic(L=1, mu=0), _quadratic_records(A, rng))
    assert eq > 1e-6


def test_a_wrong_value_violates_the_value_equality() -> None:
    rng = np.random.default_rng(2)
    recs = _quadratic_records(_spectrum_matrix(np.full(DIM, 0.5), rng), rng)
    recs[0] = dataclasses.replace(recs[0], f=recs[0].f + 0.1)
    _, eq = _worst(pep.SmoothStronglyConvexQuadratic(L=1, mu=0), recs)
    assert eq > 1e-4


@pytest.mark.parametrize(
    "kwargs", [dict(L=1, mu=2), dict(L=-1, mu=0), dict(L=1, mu=-0.5), dict(L=float("nan"))]
)
def test_bad_parameters_raise(kwargs: dict) -> None:
    with pytest.raises(PepError):
        pep.SmoothStronglyConvexQuadratic(**kwargs)


def gd_quadratic(N: int, L: Fraction, mu: Fraction, h: Fraction) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvexQuadratic(L=L, mu=mu))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(N):
        x = x - h * f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


def gd_closed_form(N: int, L: float, mu: float, h: float) -> float:
    r"""max over l in [mu, L] of l (1 - h l)^{2N} / 2: the stationary point of
    l (1 - h l)^{2N} is l = 1 / (h (2N + 1)), else an end of the interval."""
    cands = [mu, L] + [t for t in [1 / (h * (2 * N + 1))] if mu <= t <= L]
    return max(0.5 * lam * (1 - h * lam) ** (2 * N) for lam in cands)


@pytest.mark.parametrize(
    "N, L, mu, h",
    [
        (1, Fraction(1), Fraction(0), Fraction(1)),
        (2, Fraction(1), Fraction(0), Fraction(1)),
        (3, Fraction(2), Fraction(1, 2), Fraction(1, 2)),
        (2, Fraction(1), Fraction(1, 10), Fraction(3, 2)),  # the end l = L wins
    ],
)
def test_gd_on_quadratics_attains_the_spectral_closed_form(N, L, mu, h) -> None:
    r = gd_quadratic(N, L, mu, h).solve()
    expected = gd_closed_form(N, float(L), float(mu), float(h))
    assert r.value == pytest.approx(expected, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("solver", ["CLARABEL_DIRECT", "CLARABEL"])
def test_psd_block_paths_agree_and_give_psd_multipliers(solver: str) -> None:
    r = gd_quadratic(2, Fraction(1), Fraction(0), Fraction(1)).solve(solver)
    assert r.value == pytest.approx(Fraction(128, 3125), rel=1e-6)  # l = 1/5: (1/5)(4/5)^4/2
    (Z,) = r.psd_multipliers.values()
    assert Z.shape == (4, 4) and np.linalg.eigvalsh(Z)[0] >= -1e-7 * np.abs(Z).max()
    assert np.abs(Z).max() > 1e-3  # the LMI is used by the proof
    assert r.dual_residual() <= 1e-6
    assert r.worst_case().dimension >= 1


@pytest.mark.parametrize("solver", ["CLARABEL_DUAL", "SCS_DUAL", "SCS_DIRECT"])
def test_paths_without_psd_blocks_refuse(solver: str) -> None:
    with pytest.raises(InvalidArgument, match="CLARABEL_DIRECT"):
        gd_quadratic(1, Fraction(1), Fraction(0), Fraction(1)).solve(solver)


def test_auto_plans_only_capable_paths() -> None:
    from pep.sdp.auto import plan

    data = gd_quadratic(1, Fraction(1), Fraction(0), Fraction(1)).compile()
    assert {s.solver for s in plan(data)} <= {"CLARABEL_DIRECT", "CLARABEL"}
    assert not any(s.polish or s.whiten or s.points for s in plan(data))


def test_the_estimate_sees_a_non_psd_block_multiplier() -> None:
    r = gd_quadratic(2, Fraction(1), Fraction(0), Fraction(1)).solve("CLARABEL_DIRECT")
    assert r.relative_error <= 1e-6
    (Z,) = r.solution.psd_block_duals
    forged = dataclasses.replace(r.solution, psd_block_duals=(Z - 0.05 * np.eye(len(Z)),))
    assert estimate(r.data, forged).relative > 1e-3


def test_the_compiled_psd_block_rows_are_the_upper_triangle() -> None:
    data = gd_quadratic(1, Fraction(1), Fraction(0), Fraction(1)).compile()
    (blk,) = data.psd_blocks
    assert blk.sense == "psd" and blk.size == 3 and len(blk) == 6  # x0, x1, x*
    assert any(b.family == "f:equal" and b.sense == "==" for b in data.blocks)


def test_scaling_keeps_the_lmi() -> None:
    """Units far from 1: the scaled solve (exact congruence) still gives the closed form."""
    L, R2 = Fraction(10**-4), Fraction(10**6)
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvexQuadratic(L=L, mu=0))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= R2)
    problem.maximize(f(x0 - (1 / L) * f.grad(x0)) - f(xs))
    assert problem.solve().value == pytest.approx(float(L * R2) * 2 / 27, rel=1e-6)


def _norm_problem() -> pep.Problem:
    problem = pep.Problem()
    M = problem.operator(pep.LinearOperator(L=1))
    x = problem.point("x")
    problem.assume(pep.sqnorm(x) <= 1)
    problem.maximize(M.T(M(x)) @ x)
    return problem


def test_certificates_need_an_lmi_class_with_an_exact_statement() -> None:
    """LinearOperator states no sources for its equalities: no exact certificate (the
    quadratic class has them, tests/test_lmi_certificates.py)."""
    with pytest.raises(CertificateError, match="no exact certificates"):
        _norm_problem().solve().certificate()


# -- linear operators ---------------------------------------------------------------------------
def _linear_records(M: np.ndarray, rng: np.random.Generator, n: int = 5) -> list[Record]:
    xs = [rng.standard_normal(M.shape[1]) for _ in range(n)]
    return [Record(x, M @ x, 0.0, f"z{k}") for k, x in enumerate(xs)]


def _linear_worst(cls: object, M: np.ndarray, rng: np.random.Generator) -> tuple[float, float]:
    recs = _linear_records(M, rng)
    if getattr(cls, "has_transpose", False):
        mc = matrix_conditions(cls, recs, _linear_records(M.T, rng, 4))
    else:
        mc = matrix_conditions(cls, recs)
    eig = min(min_eigenvalue(m) for m in mc.psd.values())
    eq = max((abs(float(v)) for v in mc.equal.values()), default=0.0)
    return eig, eq


def _with_norm(M: np.ndarray, norm: float) -> np.ndarray:
    return M * (norm / np.linalg.norm(M, 2))


@pytest.mark.parametrize("seed", range(3))
def test_linear_operators_in_their_classes_satisfy_the_conditions(seed: int) -> None:
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((DIM, DIM))
    members = [
        (pep.LinearOperator(L=2), _with_norm(A, 2.0)),  # ||M|| = L exactly
        (pep.SymmetricLinearOperator(mu=-1, L=2), _spectrum_matrix(np.array([-1, 2, 0.5, 1]), rng)),
        (pep.SkewSymmetricLinearOperator(L=2), _with_norm(A - A.T, 2.0)),
    ]
    for cls, M in members:
        eig, eq = _linear_worst(cls, M, rng)
        assert eig >= -1e-9 and eq <= 1e-9, cls


@pytest.mark.parametrize(
    "cls, make",
    [
        (pep.LinearOperator(L=1), lambda A: _with_norm(A, 1.1)),  # norm above L
        (pep.SymmetricLinearOperator(mu=0, L=1), lambda A: _with_norm(A + A.T, 0.9)),  # mu < 0
        (pep.SkewSymmetricLinearOperator(L=1), lambda A: _with_norm(A - A.T, 1.2)),
    ],
    ids=["norm", "spectrum", "skew-norm"],
)
def test_linear_operators_outside_violate_the_lmi(cls, make) -> None:
    rng = np.random.default_rng(5)
    A = rng.standard_normal((DIM, DIM))
    eig, _ = _linear_worst(cls, make(A), rng)
    assert eig < -1e-6


@pytest.mark.parametrize(
    "cls", [pep.SymmetricLinearOperator(mu=0, L=1), pep.SkewSymmetricLinearOperator(L=1)]
)
def test_a_general_matrix_violates_the_structure_equalities(cls) -> None:
    rng = np.random.default_rng(6)
    M = _with_norm(np.triu(rng.standard_normal((DIM, DIM))), 0.5)
    _, eq = _linear_worst(cls, M, rng)
    assert eq > 1e-3


def test_a_wrong_transpose_violates_the_adjoint_equalities() -> None:
    rng = np.random.default_rng(8)
    M = _with_norm(rng.standard_normal((DIM, DIM)), 0.5)
    cls = pep.LinearOperator(L=1)
    mc = matrix_conditions(cls, _linear_records(M, rng), _linear_records(M, rng, 4))  # M, not M^T
    assert max(abs(float(v)) for v in mc.equal.values()) > 1e-3


@pytest.mark.parametrize(
    "make",
    [
        lambda: pep.LinearOperator(L=-1),
        lambda: pep.SkewSymmetricLinearOperator(L=-1),
        lambda: pep.SymmetricLinearOperator(mu=2, L=1),
    ],
)
def test_linear_operator_bad_parameters_raise(make) -> None:
    with pytest.raises(PepError):
        make()


def test_only_a_general_linear_operator_has_a_transpose() -> None:
    problem = pep.Problem()
    S = problem.operator(pep.SymmetricLinearOperator(mu=0, L=1))
    with pytest.raises(InvalidArgument, match="transpose"):
        _ = S.T


@pytest.mark.parametrize("L", [Fraction(1), Fraction(3, 2)])
def test_norm_of_a_linear_operator_is_attained(L: Fraction) -> None:
    """max <M^T M x, x> over ||x|| <= 1 is L^2 (some M of norm L attains it)."""
    problem = pep.Problem()
    M = problem.operator(pep.LinearOperator(L=L))
    x = problem.point("x")
    problem.assume(pep.sqnorm(x) <= 1)
    problem.maximize(M.T(M(x)) @ x)
    assert problem.solve().value == pytest.approx(float(L * L), rel=1e-6)


def test_symmetric_spectrum_is_attained() -> None:
    """max ||Mx||^2 over ||x|| <= 1 with spectrum in [-3, 2] is 9; <Mx, x> at most 2."""
    for objective, expected in ((lambda M, x: pep.sqnorm(M(x)), 9.0), (lambda M, x: M(x) @ x, 2.0)):
        problem = pep.Problem()
        M = problem.operator(pep.SymmetricLinearOperator(mu=-3, L=2))
        x = problem.point("x")
        problem.assume(pep.sqnorm(x) <= 1)
        problem.maximize(objective(M, x))
        assert problem.solve().value == pytest.approx(expected, rel=1e-6)


def _conjectured_gd_lc(n: int, kappa: float, L: float, gamma: float) -> float:
    r"""Bousselmi et al. 2024, Conjecture 4.2: with h0 = x / kappa, x the root in (0, 1) of
    (1 - (2n+1)x)(1 - x)^{-2n-1} = 1 - kappa, and M* = clip(sqrt(h0 / (L gamma)), 0, 1):
    L/2 max{kappa M*^2 / (kappa - 1 + (1 - kappa L gamma M*^2)^{-2n}), (1 - L gamma)^{2n}}."""

    def phi(x: float) -> float:
        return (1 - (2 * n + 1) * x) * (1 - x) ** (-2 * n - 1) - 1 + kappa

    lo, hi = 1e-12, 1 / (2 * n + 1)  # phi(lo) ~ kappa > 0 > phi(hi) = kappa - 1
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if phi(mid) > 0 else (lo, mid)
    m2 = min(1.0, lo / kappa / (L * gamma))
    first = kappa * m2 / (kappa - 1 + (1 - kappa * L * gamma * m2) ** (-2 * n))
    return L / 2 * max(first, (1 - L * gamma) ** (2 * n))


@pytest.mark.parametrize("kind", ["gen", "sym", "skew"])
def test_gd_on_a_composition_reaches_the_conjectured_tight_value(kind: str) -> None:
    Lg, mug, gamma, n = Fraction(3), Fraction(3, 10), Fraction(1, 3), 2
    problem = pep.Problem()
    g = problem.function(pep.SmoothStronglyConvex(L=Lg, mu=mug))
    if kind == "gen":
        M = problem.operator(pep.LinearOperator(L=1))
        MT = M.T
    elif kind == "sym":
        M = MT = problem.operator(pep.SymmetricLinearOperator(mu=0, L=1))
    else:
        M = problem.operator(pep.SkewSymmetricLinearOperator(L=1))
        MT = None
    x0, xs = problem.point("x0"), problem.point("x*")
    us = g.grad(M(xs))
    (MT or M).record(us, 0 * us)  # stationarity; for skew M^T u = -M u = 0 alike
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        u = g.grad(M(x))
        x = x - gamma * (MT(u) if MT is not None else -M(u))
    problem.maximize(g(M(x)) - g(M(xs)))
    expected = _conjectured_gd_lc(n, float(mug / Lg), float(Lg), float(gamma))
    assert problem.solve().value == pytest.approx(expected, rel=1e-6)


# -- relaxations with free numbers (PEPit's "expensive" classes) -------------------------------
def _best_min_eigenvalue(matrix: tuple, free: list) -> float:
    """max over the free numbers of the smallest eigenvalue of ``matrix`` (a small SDP)."""
    import cvxpy as cp

    k = len(matrix)
    M = cp.bmat(
        [[cp.Constant(v) if not isinstance(v, cp.Expression) else v for v in row] for row in matrix]
    )
    S, t = cp.Variable((k, k), symmetric=True), cp.Variable()
    scale = max(
        1.0, *(abs(float(v)) for row in matrix for v in row if not isinstance(v, cp.Expression))
    )
    cons = [M / scale == S, S - t * np.eye(k) >> 0, t <= 1]
    cp.Problem(cp.Maximize(t), cons).solve(solver="CLARABEL")
    return float(t.value)


def _relaxation_worst(cls: object, recs: list[Record], anchor: Record | None = None) -> float:
    import cvxpy as cp

    free: list = []

    def new_scalar():
        free.append(cp.Variable())
        return free[-1]

    mc = matrix_conditions(cls, recs, anchor=anchor, new_scalar=new_scalar)
    return min(_best_min_eigenvalue(M, free) for M in mc.psd.values())


def _operator_records(F, rng: np.random.Generator, n: int = 3) -> list[Record]:
    xs = [rng.standard_normal(DIM) * 1.5 for _ in range(n)]
    return [Record(x, F(x), 0.0, f"z{k}") for k, x in enumerate(xs)]


def _rotation() -> np.ndarray:
    """A skew-symmetric orthogonal matrix (rotations by 90 degrees in two planes)."""
    S = np.zeros((DIM, DIM))
    S[0, 1], S[1, 0], S[2, 3], S[3, 2] = 1, -1, 1, -1
    return S


def _lipschitz_monotone_member(mu: float, L: float):
    """mu x + b S x + c tanh(x): strongly monotone with mu, Lipschitz with mu + |b| + c <= L."""
    b, c = 0.6 * (L - mu), 0.4 * (L - mu)
    S = _rotation()
    return lambda x: mu * x + b * S @ x + c * np.tanh(x)


def _cocoercive_member(mu: float, beta: float):
    """The gradient of mu/2 ||x||^2 + c sum log cosh(x), c = 1/beta - mu: Hessian in
    [mu, 1/beta], so beta-cocoercive (Baillon-Haddad) and mu-strongly monotone."""
    c = 1 / beta - mu
    return lambda x: mu * x + c * np.tanh(x)


@pytest.mark.parametrize("seed", range(1))
def test_expensive_operator_classes_accept_their_members(seed: int) -> None:
    rng = np.random.default_rng(seed)
    lip = pep.LipschitzStronglyMonotoneExpensive(mu=Fraction(1, 10), L=1)
    coco = pep.CocoerciveStronglyMonotoneExpensive(mu=Fraction(1, 10), beta=Fraction(1, 2))
    cases = [
        (lip, _lipschitz_monotone_member(0.1, 1.0)),
        (lip, lambda x: 0.1 * x + np.sqrt(0.99) * _rotation() @ x),  # linear, ||M|| = L
        (coco, _cocoercive_member(0.1, 0.5)),
    ]
    for cls, F in cases:
        assert _relaxation_worst(cls, _operator_records(F, rng)) >= -1e-7, cls


@pytest.mark.parametrize(
    "cls, F",
    [
        (pep.LipschitzStronglyMonotoneExpensive(mu=0, L=1), lambda x: 1.3 * _rotation() @ x),
        (pep.LipschitzStronglyMonotoneExpensive(mu=Fraction(1, 2), L=1), lambda x: 0.2 * x),
        (pep.CocoerciveStronglyMonotoneExpensive(mu=0, beta=1), lambda x: 0.5 * _rotation() @ x),
    ],
    ids=["lipschitz", "strong-monotonicity", "cocoercivity"],
)
def test_expensive_operator_classes_reject_non_members(cls, F) -> None:
    rng = np.random.default_rng(4)
    assert _relaxation_worst(cls, _operator_records(F, rng)) < -1e-4


def _loja_records(f, rng: np.random.Generator, n: int = 3) -> tuple[list[Record], Record]:
    recs = []
    for k in range(n):
        x = rng.standard_normal(DIM)
        g, v = f(x)
        recs.append(Record(x, g, v, f"x{k}"))
    star = Record(np.zeros(DIM), np.zeros(DIM), 0.0, "x*")
    return [*recs, star], star


def _pl_nonconvex(x: np.ndarray) -> tuple[np.ndarray, float]:
    """sum_i x_i^2 + 3 sin^2 x_i: nonconvex, 8-smooth, PL with mu = 1/32 (H. Karimi, J. Nutini,
    M. Schmidt, ECML-PKDD 2016), minimum 0 at 0."""
    return 2 * x + 3 * np.sin(2 * x), float(np.sum(x**2 + 3 * np.sin(x) ** 2))


@pytest.mark.parametrize("seed", range(2))
def test_expensive_lojasiewicz_class_accepts_its_members(seed: int) -> None:
    rng = np.random.default_rng(seed)
    Q = _spectrum_matrix(np.array([0.2, 0.5, 1.0, 0.7]), rng)
    members = [
        (
            pep.SmoothQuadraticLojasiewiczExpensive(L=1, mu=Fraction(1, 5)),
            lambda x: (Q @ x, float(x @ Q @ x / 2)),
        ),
        (pep.SmoothQuadraticLojasiewiczExpensive(L=8, mu=Fraction(1, 32)), _pl_nonconvex),
    ]
    for cls, f in members:
        recs, star = _loja_records(f, rng)
        assert _relaxation_worst(cls, recs, star) >= -1e-7, cls
        slacks = [v for r in recs if r is not star for v in cls.point_conditions(r, star).values()]
        assert min(slacks) >= -1e-12


def test_expensive_lojasiewicz_class_rejects_a_steeper_quadratic() -> None:
    """Curvature 2 > L = 1: the LMIs (which contain L-smoothness) fail for some pair."""
    rng = np.random.default_rng(3)
    cls = pep.SmoothQuadraticLojasiewiczExpensive(L=1, mu=Fraction(1, 5))
    Q = _spectrum_matrix(np.array([2.0, 0.5, 0.5, 0.5]), rng)
    recs, star = _loja_records(lambda x: (Q @ x, float(x @ Q @ x / 2)), rng)
    assert _relaxation_worst(cls, recs, star) < -1e-4


@pytest.mark.parametrize(
    "make",
    [
        lambda: pep.LipschitzStronglyMonotoneExpensive(mu=2, L=1),
        lambda: pep.LipschitzStronglyMonotoneExpensive(mu=0, L=-1),
        lambda: pep.CocoerciveStronglyMonotoneExpensive(mu=2, beta=1),
        lambda: pep.SmoothQuadraticLojasiewiczExpensive(L=1, mu=2),
        lambda: pep.SmoothQuadraticLojasiewiczExpensive(L=-1, mu=0.1),
    ],
)
def test_expensive_classes_bad_parameters_raise(make) -> None:
    with pytest.raises(PepError):
        make()


def test_expensive_lipschitz_class_attains_its_constants() -> None:
    """max ||F(x) - F(y)||^2 = L^2 and min <F(x) - F(y), x - y> = mu over ||x - y|| = 1 (a
    linear member attains both); the results are labelled relaxed (upper bounds)."""
    mu, L = Fraction(1, 4), Fraction(2)
    for sign, objective, expected in ((1, "lip", 4.0), (-1, "mono", -0.25)):
        problem = pep.Problem()
        F = problem.operator(pep.LipschitzStronglyMonotoneExpensive(mu=mu, L=L))
        x, y = problem.point("x"), problem.point("y")
        problem.assume(pep.sqnorm(x - y) == 1)
        d = F(x) - F(y)
        problem.maximize(pep.sqnorm(d) if objective == "lip" else -(d @ (x - y)))
        r = problem.solve()
        assert sign * r.value == pytest.approx(sign * expected, rel=1e-6)
        assert "relaxed" in r.label


def test_exact_constraints_of_lmi_classes() -> None:
    """Scalar constraints would silently drop the LMI (an instance or proof built on them
    would be about a larger class): Problem.constraints() refuses; exact statements list the
    equalities of classes that state their sources and refuse the others."""
    problem = gd_quadratic(1, Fraction(1), Fraction(0), Fraction(1))
    with pytest.raises(InvalidArgument, match="LMI"):
        problem.constraints()
    from pep.certificates.statement import exact_constraints

    names = {c.name: c.sense for c in exact_constraints(problem)}
    assert names == {
        "f:value(x*)": "==", "f:value(x0)": "==", "f:value(x1)": "==",
        "f:sym(x*,x0)": "==", "f:sym(x0,x1)": "==", "f:sym(x*,x1)": "==", "assumption0": "<=",
    }  # fmt: skip
    with pytest.raises(CertificateError, match="LMI"):
        exact_constraints(_norm_problem())


@pytest.mark.parametrize(
    "cls",
    [
        pep.LipschitzStronglyMonotoneExpensive(mu=0, L=1),
        pep.SymmetricLinearOperator(mu=0, L=1),
    ],
    ids=repr,
)
def test_the_size_guard_counts_the_lmi_rows(cls) -> None:
    """The guard (pep.sdp.size) estimates before compiling: the LMI rows are counted exactly
    (2 (n^3 - n) 7x7 matrices for the triple class: cubic in the records)."""
    from pep.sdp import size

    problem = pep.Problem()
    F = problem.operator(cls)
    x = problem.point("x")
    for _ in range(4):
        x = x - Fraction(1, 4) * F(x)
    problem.assume(pep.sqnorm(x) <= 1)
    problem.maximize(pep.sqnorm(F(x)))
    data = problem.compile()
    rows = sum(len(b) for b in (*data.blocks, *data.psd_blocks))
    assert size.estimate(problem).rows == rows
