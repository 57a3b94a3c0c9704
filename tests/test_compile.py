"""The vectorised compiler agrees with the exact constraints, row by row, and has no global state."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from conftest import evaluate_scalar

import pep
from pep.algorithms import get


def _composite_problem() -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=3, mu=Fraction(1, 2)), name="f")
    h = problem.function(pep.ConvexLipschitz(M=2), name="h")
    c = problem.function(pep.ConvexIndicator(D=5), name="c")
    F = f + h
    x0, xs = problem.point("x0"), F.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x1 = x0 - Fraction(1, 3) * F.grad(x0)
    x2 = pep.projection(x1, c)
    d = pep.inexact_gradient(x2, f, Fraction(1, 10))
    x3, _, _ = pep.proximal_step(x2 - d / 3, h, Fraction(1, 3))
    problem.maximize(F(x3) - F(xs))
    problem.maximize(pep.sqnorm(x3 - xs))
    return problem


def _expressive_problem() -> pep.Problem:
    """Anchored classes, block parts, point parameters, combinations and the new steps."""
    problem = pep.Problem()
    f = problem.function(pep.ConvexQG(L=2), name="f")
    loj = problem.function(
        pep.Lojasiewicz(L=1, mu=Fraction(1, 5), alpha=Fraction(1, 11)), name="loj"
    )
    r = problem.function(pep.RestrictedSecantErrorBound(mu=Fraction(1, 10), L=1), name="r")
    P = problem.block_partition(3)
    b = problem.function(pep.BlockSmoothConvex(partition=P, L=(1, 2, 3)), name="b")
    c, v = problem.point("c"), problem.point("v")
    ind = problem.function(pep.ConvexIndicator(D=3, R=2, center=c), name="ind")
    T = problem.operator(pep.Nonexpansive(v=v), name="T")
    x0 = problem.point("x0")
    F = f + loj / 2 + r - b
    x1 = x0 - F.grad(x0)
    x2, _, _ = pep.proximal_step(x1, ind + b, 1)
    w, _, _ = pep.linear_optimization_step(x1, ind)
    x3 = x2 - P.block(b.grad(x2), 1)
    problem.assume(pep.sqnorm(x0 - f.minimizer()) <= 1)
    problem.maximize(f(x3) + loj(x3) + r(x3) + b(x3) + pep.sqnorm(T(x2) - w))
    return problem


PROBLEMS = {
    "expressive": _expressive_problem,
    "gd": lambda: get("gd").setting(4),
    "ogm_g": lambda: get("ogm_g").setting(3),
    "fista": lambda: get("fista").setting(3),
    "smooth": lambda: _nonconvex(),
    "composite": _composite_problem,
    "halpern": lambda: get("halpern").setting(3),
    "eag_v": lambda: get("eag_v").setting(2),
}


def _nonconvex() -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.Smooth(L=2))
    x0 = problem.point("x0")
    x1 = x0 - Fraction(1, 2) * f.grad(x0)
    problem.assume(f(x0) - f(x1) <= 1)
    problem.maximize(pep.sqnorm(f.grad(x1)))
    return problem


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_rows_match_exact_constraints(name: str) -> None:
    problem = PROBLEMS[name]()
    data = problem.compile()
    exact = {c.name: c for c in problem.constraints()}
    rows = {n: (blk, r) for blk in data.blocks for r, n in enumerate(blk.names)}
    assert set(rows) == set(exact), set(rows) ^ set(exact)
    rng = np.random.default_rng(0)
    d, nf = data.dimension, len(data.value_names)
    for _ in range(3):
        A = rng.standard_normal((d, d))
        G, F = A @ A.T, rng.standard_normal(nf)
        vecG = G.reshape(-1)
        for n, (blk, r) in rows.items():
            got = blk.gram[r] @ vecG + blk.const[r] + (blk.values[r] @ F if nf else 0)
            want = evaluate_scalar(exact[n].expr, problem, G, F)
            assert got.item() == pytest.approx(want, rel=1e-12, abs=1e-9), n
            assert blk.sense == exact[n].sense


def _build_gd(problem: pep.Problem, N: int) -> tuple:
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1, name="initial")
    return f, x0, xs


def test_interleaved_problems_compile_as_built_apart() -> None:
    alone = get("gd").setting(3).compile()
    p, q = pep.Problem(), pep.Problem()
    fp, xp, sp_ = _build_gd(p, 3)
    fq, xq, sq = _build_gd(q, 3)
    for _ in range(3):  # interleave every oracle call
        xp = xp - fp.grad(xp)
        xq = xq - fq.grad(xq)
    p.maximize(fp(xp) - fp(sp_))
    q.maximize(fq(xq) - fq(sq))
    for data in (p.compile(), q.compile()):
        assert data.point_names == alone.point_names
        assert data.value_names == alone.value_names
        for a, b in zip(data.blocks, alone.blocks, strict=True):
            assert a.names == b.names
            assert (a.gram != b.gram).nnz == 0 and (a.values != b.values).nnz == 0
            assert np.array_equal(a.const, b.const)


def test_repeated_oracle_calls_share_one_record() -> None:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0 = problem.point("x0")
    g1, g2 = f.grad(x0), f.grad(x0 + 0 * x0)
    assert g1 is g2 and len(f.records) == 1
    assert f(x0) - f.oracle(x0)[1] is not None and len(f.records) == 1
