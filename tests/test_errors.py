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
        "proximal step on a sum",
        lambda: _prox_on_sum(),
        errors.InvalidArgument,
        "single declared function",
    ),
    ("negative step", lambda: _prox(-1), errors.InvalidArgument, "gamma must be > 0"),
]


def _prox_on_sum() -> None:
    p = pep.Problem()
    F = p.function(pep.Convex()) + p.function(pep.Convex(), name="h")
    pep.proximal_step(p.point("x"), F, 1)  # type: ignore[arg-type]


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
