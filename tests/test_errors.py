"""Bad input gets a specific PepError whose message names the value and the fix."""

from __future__ import annotations

import math

import pytest

import pep
from pep import errors


def _gd_problem(assume: bool = True, objective: bool = True) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=1))
    x0, xs = problem.point("x0"), f.minimizer()
    if assume:
        problem.assume(pep.sqnorm(x0 - xs) <= 1)
    if objective:
        problem.maximize(f(x0 - f.grad(x0)) - f(xs))
    return problem


def _foreign_point() -> None:
    p, q = pep.Problem(), pep.Problem()
    f = p.function(pep.SmoothConvex(L=1))
    f.grad(q.point("y"))


def _foreign_assumption() -> None:
    p, q = pep.Problem(), pep.Problem()
    y = q.point("y")
    p.assume(y @ y <= 1)


CASES = [
    # (label, callable, error type, fragment of the message)
    ("mu >= L", lambda: pep.SmoothStronglyConvex(L=1, mu=1), errors.InvalidArgument, "mu < L"),
    ("L <= 0", lambda: pep.SmoothConvex(L=0), errors.InvalidArgument, "L must be > 0"),
    ("L < 0 smooth", lambda: pep.Smooth(L=-1), errors.InvalidArgument, "L=-1"),
    ("L NaN", lambda: pep.SmoothConvex(L=math.nan), errors.InvalidArgument, "NaN"),
    ("mu NaN", lambda: pep.StronglyConvex(mu=math.nan), errors.InvalidArgument, "NaN"),
    (
        "mu < 0",
        lambda: pep.SmoothStronglyConvex(L=1, mu=-0.5),
        errors.InvalidArgument,
        "mu must be >= 0",
    ),
    ("M <= 0", lambda: pep.ConvexLipschitz(M=0), errors.InvalidArgument, "M must be > 0"),
    ("D string", lambda: pep.ConvexIndicator(D="2"), errors.InvalidArgument, "not a coefficient"),
    ("L bool", lambda: pep.SmoothConvex(L=True), errors.InvalidArgument, "bool"),
    (
        "class not instance",
        lambda: pep.Problem().function(pep.SmoothConvex),
        errors.InvalidArgument,
        "instance",
    ),
    (
        "point of another problem",
        _foreign_point,
        errors.MixedProblemsError,
        "different pep.Problem",
    ),
    (
        "assumption of another problem",
        _foreign_assumption,
        errors.MixedProblemsError,
        "different pep.Problem",
    ),
    (
        "no objective",
        lambda: _gd_problem(objective=False).solve(),
        errors.NoObjectiveError,
        "maximize",
    ),
    (
        "no initial condition",
        lambda: _gd_problem(assume=False).solve(),
        errors.UnboundedProblem,
        "problem.assume(",
    ),
    ("strict comparison", lambda: pep.Problem().scalar() < 1, errors.StrictInequalityError, "'<='"),
    (
        "chained comparison",
        lambda: 0 <= pep.Problem().scalar() <= 1,
        errors.ConstraintTruthError,
        "two constraints",
    ),
    (
        "missing solver",
        lambda: _gd_problem().solve("MOSEK"),
        errors.SolverNotInstalled,
        "pip install",
    ),
    (
        "unknown solver",
        lambda: _gd_problem().solve("NOPE"),
        errors.SolverNotInstalled,
        "choose one of",
    ),
    (
        "bad dimension reduction",
        lambda: _gd_problem().solve(dimension_reduction="rank"),
        errors.InvalidArgument,
        "'trace'",
    ),
    (
        "maximize a point",
        lambda: pep.Problem().maximize(pep.Problem().point()),
        errors.InvalidArgument,
        "not a pep.Scalar",
    ),
    (
        "assume a scalar",
        lambda: pep.Problem().assume(pep.Problem().scalar()),
        errors.InvalidArgument,
        "not a pep.Constraint",
    ),
    (
        "unknown algorithm",
        lambda: pep.algorithms.get("ogn"),
        errors.InvalidArgument,
        "did you mean 'ogm'",
    ),
    ("bad N", lambda: pep.algorithms.get("gd").setting(0), errors.InvalidArgument, "N=0"),
    (
        "proximal step on an operator",
        lambda: _prox_on_operator(),
        errors.InvalidArgument,
        "is not a function",
    ),
    ("negative step", lambda: _prox(-1), errors.InvalidArgument, "gamma must be > 0"),
    # -- function algebra, records, steps (issue 17) --
    ("x ** 2", lambda: pep.Problem().point("x") ** 2, errors.NonlinearExpressionError, "sqnorm"),
    ("scalar ** 2", lambda: pep.Problem().scalar() ** 2, errors.NonlinearExpressionError, "x @ x"),
    ("c * f with c < 0", lambda: -2 * _f(), errors.InvalidArgument, "c > 0"),
    ("0 * f", lambda: 0 * _f(), errors.InvalidArgument, "c=0"),
    ("f / 0", lambda: _f() / 0, errors.InvalidArgument, "c > 0"),
    ("f / -1", lambda: _f() / -1, errors.InvalidArgument, "concave"),
    ("-f", lambda: -_f(), errors.InvalidArgument, "f - g"),
    ("f * point", lambda: _f() * pep.Problem().point(), errors.InvalidArgument, "by a number"),
    ("f - f", lambda: _cancel(), errors.InvalidArgument, "identically zero"),
    ("f + point", lambda: _f() + pep.Problem().point(), errors.InvalidArgument, "evaluate them"),
    (
        "record twice",
        lambda: _record_twice(),
        errors.InvalidArgument,
        "already has an oracle record",
    ),
    ("indicator value", lambda: _indicator_value(), errors.InvalidArgument, "omit the value"),
    (
        "record foreign g",
        lambda: _record_foreign(),
        errors.MixedProblemsError,
        "different pep.Problem",
    ),
    ("LMO on a function", lambda: _lmo_on_convex(), errors.InvalidArgument, "ConvexIndicator"),
    ("inexact prox option", lambda: _inexact("PD_gap"), errors.InvalidArgument, "choose one of"),
    ("line search directions", lambda: _linesearch(), errors.InvalidArgument, "list of Points"),
    ("bregman gamma", lambda: _bregman(0), errors.InvalidArgument, "gamma must be > 0"),
    ("eps-subgradient gamma", lambda: _eps_step(-1), errors.InvalidArgument, "gamma=-1"),
    # -- classes (issue 17) --
    ("ConvexQG L <= 0", lambda: pep.ConvexQG(L=0), errors.InvalidArgument, "L must be > 0"),
    (
        "RSI-EB mu > L",
        lambda: pep.RestrictedSecantErrorBound(mu=2, L=1),
        errors.InvalidArgument,
        "need mu <= L",
    ),
    (
        "RSI-EB mu NaN",
        lambda: pep.RestrictedSecantErrorBound(mu=math.nan),
        errors.InvalidArgument,
        "NaN",
    ),
    ("Lojasiewicz mu > L", lambda: pep.Lojasiewicz(L=1, mu=2), errors.InvalidArgument, "mu <= L"),
    (
        "Lojasiewicz alpha",
        lambda: pep.Lojasiewicz(L=1, mu=0.2, alpha=0.5),
        errors.InvalidArgument,
        "alpha must be in [0, 2 mu/(2L + mu)]",
    ),
    ("block partition d", lambda: pep.Problem().block_partition(0), errors.InvalidArgument, "d=0"),
    ("block index", lambda: _block_index(2), errors.InvalidArgument, "k=2"),
    (
        "block L count",
        lambda: pep.BlockSmoothConvex(partition=pep.Problem().block_partition(3), L=(1, 2)),
        errors.InvalidArgument,
        "one smoothness constant per block",
    ),
    (
        "block partition type",
        lambda: pep.BlockSmoothConvex(partition=3, L=1),
        errors.InvalidArgument,
        "problem.block_partition(d)",
    ),
    (
        "block L <= 0",
        lambda: pep.BlockSmoothConvex(partition=pep.Problem().block_partition(2), L=(1, 0)),
        errors.InvalidArgument,
        "L[1]=0",
    ),
    ("foreign partition", lambda: _foreign_partition(), errors.MixedProblemsError, "partition"),
    ("indicator R <= 0", lambda: pep.ConvexIndicator(R=0), errors.InvalidArgument, "R must be > 0"),
    (
        "indicator center without R",
        lambda: pep.ConvexIndicator(center=pep.Problem().point("c")),
        errors.InvalidArgument,
        "needs a radius",
    ),
    (
        "indicator center number",
        lambda: pep.ConvexIndicator(R=1, center=2),
        errors.InvalidArgument,
        "vector",
    ),
    ("foreign center", lambda: _foreign_center(), errors.MixedProblemsError, "center"),
    ("displacement number", lambda: pep.Nonexpansive(v=1.5), errors.InvalidArgument, "v=1.5"),
]


def _f() -> object:
    return pep.Problem().function(pep.Convex(), name="f")


def _cancel() -> None:
    p = pep.Problem()
    f, g = p.function(pep.Convex(), name="f"), p.function(pep.Convex(), name="g")
    (f + g) - f - g


def _record_twice() -> None:
    p = pep.Problem()
    f, x = p.function(pep.Convex()), p.point("x")
    f.grad(x)
    f.record(x, p.point("g"))


def _indicator_value() -> None:
    p = pep.Problem()
    p.function(pep.ConvexIndicator()).record(p.point("x"), value=1)


def _record_foreign() -> None:
    p = pep.Problem()
    p.function(pep.Convex()).record(p.point("x"), pep.Problem().point("g"))


def _lmo_on_convex() -> None:
    p = pep.Problem()
    pep.linear_optimization_step(p.point("d"), p.function(pep.Convex()))


def _inexact(opt: str) -> None:
    p = pep.Problem()
    pep.inexact_proximal_step(p.point("x"), p.function(pep.Convex()), 1, opt=opt)


def _linesearch() -> None:
    p = pep.Problem()
    f = p.function(pep.SmoothConvex(L=1))
    x = p.point("x")
    pep.exact_linesearch_step(x, f, f.grad(x))  # type: ignore[arg-type]


def _bregman(gamma: float) -> None:
    p = pep.Problem()
    h, f, x = p.function(pep.Convex()), p.function(pep.Convex()), p.point("x")
    pep.bregman_gradient_step(f.grad(x), h.grad(x), h, gamma)


def _eps_step(gamma: float) -> None:
    p = pep.Problem()
    pep.epsilon_subgradient_step(p.point("x"), p.function(pep.Convex()), gamma)


def _block_index(k: int) -> None:
    p = pep.Problem()
    p.block_partition(2).block(p.point("x"), k)


def _foreign_partition() -> None:
    pep.Problem().function(
        pep.BlockSmoothConvex(partition=pep.Problem().block_partition(2), L=(1, 1))
    )


def _foreign_center() -> None:
    pep.Problem().function(pep.ConvexIndicator(R=1, center=pep.Problem().point("c")))


def _prox_on_operator() -> None:
    p = pep.Problem()
    pep.proximal_step(p.point("x"), p.operator(pep.Monotone()), 1)  # type: ignore[arg-type]


def _prox(gamma: float) -> None:
    p = pep.Problem()
    pep.proximal_step(p.point("x"), p.function(pep.Convex()), gamma)


@pytest.mark.parametrize("label, action, error, fragment", CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_specific_error(label, action, error, fragment) -> None:
    with pytest.raises(error) as info:
        action()
    assert isinstance(info.value, errors.PepError)
    assert fragment in str(info.value), str(info.value)


def test_message_constants_are_used() -> None:
    with pytest.raises(errors.StrictInequalityError, match="strict inequalities"):
        _ = pep.Problem().scalar() > 0
    with pytest.raises(errors.UnboundedProblem, match="no assumption"):
        _gd_problem(assume=False).solve()
