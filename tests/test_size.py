"""Size: the compiler's pieces and plans give the same rows; the guard refuses, with the
estimate, what cannot fit, before any heavy work (issue 16, item 5)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import scipy.sparse as sp
from conftest import evaluate_scalar

import pep
from pep.algorithms import get
from pep.cli.main import main
from pep.errors import InvalidArgument, ProblemTooLarge
from pep.model.limits import SizeLimits, check_horizon, parse_bytes
from pep.sdp import compile as comp
from pep.sdp import family, size
from pep.sdp.cutting import seed_rows
from pep.sdp.expand import (
    _grouped_plan,
    _squares_plan,
    choose_plan,
    direct_plan,
    expand,
    piece,
    plan_size,
)

TINY = SizeLimits(memory=parse_bytes("1M"), seconds=1e-9)


def _matrices(data: comp.CompiledProblem) -> list[tuple[str, sp.csr_matrix, sp.csr_matrix]]:
    return [(b.family, b.gram, b.values) for b in data.blocks]


@pytest.mark.parametrize(
    "name, N", [("gd", 30), ("ogm", 20), ("feg", 10), ("eag_v", 6), ("fista", 8), ("halpern", 9)]
)
def test_pieces_and_plans_give_the_rows_of_the_exact_constraints(
    name: str, N: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = get(name).setting(N)
    whole = problem.compile()
    # every family above the direct threshold, cut in pieces of ~100 entries: many pieces,
    # plans chosen on samples; the matrices must not change
    monkeypatch.setattr(family, "_SMALL", 0)
    monkeypatch.setattr(family, "CHUNK", 100)
    monkeypatch.setattr(family, "_SAMPLE", 7)
    pieces = problem.compile()
    for (fa, ga, va), (fb, gb, vb) in zip(_matrices(whole), _matrices(pieces), strict=True):
        assert fa == fb
        assert abs(ga - gb).max() <= 1e-12 * max(abs(ga).max(), 1.0), fa
        assert (va != vb).nnz == 0
    # and both are the exact constraints (the reference: the class's slack on the points)
    exact = {c.name: c for c in problem.constraints()}
    rng = np.random.default_rng(1)
    A = rng.standard_normal((pieces.dimension, pieces.dimension))
    G, F = A @ A.T, rng.standard_normal(len(pieces.value_names))
    for blk in pieces.blocks:
        got = blk.evaluate(G, F)
        want = [evaluate_scalar(exact[n].expr, problem, G, F) for n in blk.names]
        assert got == pytest.approx(want, rel=1e-10, abs=1e-9)


@pytest.mark.parametrize(
    "gram",
    [
        ((3, 0, -1.0), (3, 2, 1.0), (1, 1, -0.5), (1, 3, 1.0), (3, 3, -0.5)),  # smooth convex
        ((1, 1, 1.0), (1, 3, -2.0), (3, 3, 1.0), (0, 0, -1.0), (0, 2, 2.0), (2, 2, -1.0)),
        ((1, 0, 1.0), (1, 2, -1.0), (3, 0, -1.0), (3, 2, 1.0)),
    ],
)
def test_every_plan_expands_to_the_same_rows(gram: tuple) -> None:
    rng = np.random.default_rng(3)
    n, d = 50, 12
    slots = [
        sp.csr_matrix((rng.random((n, d)) < p) * rng.integers(-3, 4, (n, d)))
        for p in (0.8, 0.2, 0.8, 0.2)
    ]
    plans = [direct_plan(gram, 4), _squares_plan(gram, 4), choose_plan(gram, slots)]
    plans += [_grouped_plan(gram, 4, order) for order in ((0, 1, 2, 3), (3, 1, 0, 2))]
    mats = [piece(expand(p, slots, d), n, d * d).toarray() for p in plans]
    for m in mats[1:]:
        assert m == pytest.approx(mats[0], abs=1e-12)


def test_gradient_descent_rows_are_built_as_grouped_products() -> None:
    # <g_j, x_i - x_j>: x_i - x_j has |i - j| coordinates over the leaves, x_i and x_j i + j
    problem = get("gd").setting(60)
    b = comp._Bases(problem)
    (f,) = problem.oracles
    X, G = b.rows([r.x for r in f.records]), b.rows([r.g for r in f.records])
    I, J = family.record_pairs(len(f.records), False)
    rows = family.Slots([X, G, X, G], [I, I, J, J]).at(slice(None))
    tmpl = comp.class_templates(f.cls)[0]["interp"]
    chosen = choose_plan(tmpl.gram, rows)
    assert plan_size(chosen, rows) < 0.5 * plan_size(direct_plan(tmpl.gram, 4), rows)


@pytest.mark.parametrize("name", ["gd", "ogm", "feg", "fista_g", "ppm", "halpern", "appm"])
def test_estimate_counts_rows_seeds_and_bounds_the_nonzeros(name: str) -> None:
    problem = get(name).setting(7)
    data = problem.compile()
    est = size.estimate(problem, refine=False)
    nnz = sum(b.gram.nnz + b.values.nnz for b in data.blocks)
    assert est.rows == data.n_constraints
    assert est.dimension == data.dimension
    assert est.seed_rows == sum(int(m.sum()) for m in seed_rows(problem, data, 1))
    assert est.nnz >= nnz


@pytest.mark.parametrize("name, N", [("gd", 60), ("ogm", 40), ("feg", 15)])
def test_sampled_nonzeros_are_close(name: str, N: int, monkeypatch: pytest.MonkeyPatch) -> None:
    problem = get(name).setting(N)
    data = problem.compile()
    nnz = sum(b.gram.nnz + b.values.nnz for b in data.blocks)
    monkeypatch.setattr(size, "_REFINE", 0)
    assert size.estimate(problem).nnz == pytest.approx(nnz, rel=0.1)


def test_the_guard_gives_the_estimate_and_the_ways_forward() -> None:
    problem = get("gd").setting(300)
    limits = SizeLimits(memory=parse_bytes("4G"), seconds=3600)
    with pytest.raises(ProblemTooLarge) as err:
        size.check(problem, "CLARABEL", limits)
    msg = str(err.value)
    assert "90,903 rows" in msg and "Gram matrix 303x303" in msg  # (N+1)^2 + N + 1 rows
    assert "solving with CLARABEL" in msg and "GB" in msg and "limits 4 GB" in msg
    assert "PEP_MAX_MEMORY" in msg and "closed_form" in msg and "\n" not in msg
    # the nonzeros were sampled (the upper bound is 3x too high): within 10% of 9,453,811
    nnz = float(msg.split("~")[1].split(" nonzeros")[0])
    assert nnz == pytest.approx(9453811, rel=0.1)


def test_solve_refuses_before_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_compile(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled although the guard should have refused")

    monkeypatch.setattr(comp, "compile_problem", no_compile)
    monkeypatch.setenv("PEP_MAX_SECONDS", "1e-9")
    with pytest.raises(ProblemTooLarge, match="too large to solve"):
        get("gd").setting(3).solve()


def test_compile_refuses_before_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_blocks(*args: object, **kwargs: object) -> None:
        raise AssertionError("built rows although the guard should have refused")

    monkeypatch.setattr(comp, "_oracle_blocks", no_blocks)
    problem = get("gd").setting(100)
    with pytest.raises(ProblemTooLarge, match="too large to compile"):
        comp.compile_problem(problem, limits=TINY)
    monkeypatch.setenv("PEP_MAX_MEMORY", "1M")
    with pytest.raises(ProblemTooLarge, match="too large to compile"):
        problem.compile()


def test_compiled_data_is_checked_before_the_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    from pep.sdp.solvers import solve_compiled

    data = get("gd").setting(3).compile()
    monkeypatch.setenv("PEP_MAX_SECONDS", "1e-9")
    with pytest.raises(ProblemTooLarge, match="solving with CLARABEL"):
        solve_compiled(data, "CLARABEL")


def test_unlimited_switches_the_guard_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEP_MAX_MEMORY", "inf")
    monkeypatch.setenv("PEP_MAX_SECONDS", "inf")
    assert size.check(get("gd").setting(300), "CLARABEL") is None
    data = comp.compile_problem(get("gd").setting(2), limits=SizeLimits.unlimited())
    assert data.n_constraints == 13


def test_a_hopeless_horizon_is_refused_at_once() -> None:
    with pytest.raises(ProblemTooLarge, match=r"N=1000000: .* 499,999,500,000 interpolation"):
        get("gd").setting(10**6)
    assert get("gd").rate(10**6).value == Fraction(1, 4 * 10**6 + 2)  # the way forward works
    check_horizon(100)  # nothing to say
    with pytest.raises(ProblemTooLarge):
        check_horizon(2000, SizeLimits(memory=parse_bytes("100M"), seconds=1))


@pytest.mark.parametrize(
    "var, value",
    [("PEP_MAX_MEMORY", "lots"), ("PEP_MAX_MEMORY", "-1G"), ("PEP_MAX_SECONDS", "soon")],
)
def test_bad_limits_are_refused(var: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(var, value)
    with pytest.raises(InvalidArgument, match=var):
        SizeLimits.from_environment()


def test_limits_parse() -> None:
    assert parse_bytes("8G") == 8 * 2**30 and parse_bytes("500MB") == 500 * 2**20
    assert parse_bytes("1024") == 1024 and math.isinf(parse_bytes("inf"))
    with pytest.raises(InvalidArgument):
        SizeLimits(memory=0, seconds=1)


def test_pep_run_says_too_large_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    # gd at N = 1000: a Gram matrix of 1003, some 16 TB for an interior-point solve anywhere
    assert main(["run", "gd", "--N", "1000"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("pep run: error: this PEP is too large") and "\n" not in err
    assert "1,003,003 rows" in err and "Gram matrix 1003x1003" in err


@pytest.mark.slow
def test_pep_run_at_N_3000_gives_the_estimate_not_a_crash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run", "gd", "--N", "3000"]) == 2
    err = capsys.readouterr().err
    assert "9,009,003 rows" in err and "compiling ~" in err


def test_the_composite_problem_is_estimated_exactly() -> None:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=3, mu=Fraction(1, 2)), name="f")
    h = problem.function(pep.ConvexLipschitz(M=2), name="h")
    F = f + h
    x0, xs = problem.point("x0"), F.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x1, _, _ = pep.proximal_step(x0 - Fraction(1, 3) * f.grad(x0), h, Fraction(1, 3))
    problem.maximize(F(x1) - F(xs))
    data = problem.compile()
    est = size.estimate(problem)
    assert est.rows == data.n_constraints and est.dimension == data.dimension
