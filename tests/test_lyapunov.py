"""Potential search by SDP: horizon-K chains and linear rates (REFERENCE.md values)."""

from __future__ import annotations

from fractions import Fraction

import pytest

import pep
from pep.discover.lyapunov import Template, TemplateTooPoor, chain, linear_rate
from pep.errors import InvalidArgument


def _gd_convex(problem: pep.Problem, k: int) -> tuple[dict, dict]:
    f = problem.function(pep.SmoothConvex(L=1))
    x, xs = problem.point("x"), f.minimizer()
    x1 = x - f.grad(x)
    return (
        {"x": x - xs, "g": f.grad(x), "f": f(x) - f(xs)},
        {"x": x1 - xs, "g": f.grad(x1), "f": f(x1) - f(xs)},
    )


def _halpern(problem: pep.Problem, k: int) -> tuple[dict, dict]:
    T = problem.operator(pep.Nonexpansive(), name="T")
    y0, ys = problem.point("y0"), T.fixed_point()
    y = y0 if k == 0 else problem.point("y")  # the chain starts at y_0
    lam = Fraction(1, k + 2)
    y1 = lam * y0 + (1 - lam) * T(y)
    return (
        {"y": y - ys, "Ty": T(y) - ys, "y0": y0 - ys},
        {"y": y1 - ys, "Ty": T(y1) - ys, "y0": y0 - ys},
    )


def _gd_strongly_convex(L: float, mu: float, h: float):
    def step(problem: pep.Problem, k: int) -> tuple[dict, dict]:
        f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
        x, xs = problem.point("x"), f.minimizer()
        return {"x": x - xs}, {"x": x - h * f.grad(x) - xs}

    return step


def _dist(s: dict) -> pep.Scalar:
    return pep.sqnorm(s["x"])


@pytest.mark.parametrize("K", [2, 3])
def test_chain_equals_pep_value_for_gd(K: int) -> None:
    r = chain(_gd_convex, K, initial=_dist, measure=lambda s: s["f"])
    assert r.tau == pytest.approx(1 / (4 * K + 2), rel=1e-6)  # Drori-Teboulle, tight
    assert len(r.potentials) == K + 1 and set(r.multipliers) >= {"initial", "step0", "final"}


def test_chain_equals_pep_value_for_halpern() -> None:
    K = 3
    r = chain(
        _halpern,
        K,
        initial=lambda s: pep.sqnorm(s["y0"]),
        measure=lambda s: pep.sqnorm(s["y"] - s["Ty"]),
    )
    pep_value = pep.algorithms.get("halpern").setting(K).solve().value
    assert r.tau == pytest.approx(4 / (K + 1) ** 2, rel=1e-5)  # Lieder, tight
    assert r.tau == pytest.approx(pep_value, rel=1e-5)


def test_too_poor_chain_template_gives_a_weaker_bound() -> None:
    # potentials a_k (f_k - f*) alone cannot use the distance to x*: the best such chain
    # only proves f_K - f* <= R^2/2 (the first step's bound), far above 1/(4K+2)
    r = chain(
        _gd_convex,
        3,
        initial=_dist,
        measure=lambda s: s["f"],
        template=Template(vectors=(), values=("f",)),
    )
    assert r.tau > 1.5 * (1 / 14)


@pytest.mark.parametrize(
    ("L", "mu", "h", "expected"),
    [
        (1, 0.1, 1, (1 - 0.1) ** 2),  # step 1/L: (1 - mu/L)^2
        (2, 0.5, 1 / 2, (1 - 0.25) ** 2),
        (1, 0.1, 2 / 1.1, ((1 - 0.1) / 1.1) ** 2),  # step 2/(L+mu): ((L-mu)/(L+mu))^2
    ],
)
def test_linear_rate_of_gradient_descent(L: float, mu: float, h: float, expected: float) -> None:
    r = linear_rate(_gd_strongly_convex(L, mu, h), measure=_dist, rtol=1e-7)
    assert r.rho == pytest.approx(expected, rel=1e-5)
    assert r.rho_infeasible < r.rho  # a certified point above an infeasible one
    assert any(not ok for _, ok in r.history) and any(ok for _, ok in r.history)


def test_divergent_step_has_no_rate() -> None:
    # h = 2.5/L diverges on quadratics: no potential of any template decreases
    with pytest.raises(TemplateTooPoor, match="rho = 1 infeasible"):
        linear_rate(_gd_strongly_convex(1, 0.1, 2.5), measure=_dist)


def test_bad_inputs() -> None:
    with pytest.raises(InvalidArgument, match="K=0"):
        chain(_gd_convex, 0, initial=_dist, measure=_dist)

    def bad(problem: pep.Problem, k: int) -> dict:
        return {"x": problem.point("x")}

    with pytest.raises(InvalidArgument, match="must return"):
        linear_rate(bad, measure=_dist)  # type: ignore[arg-type]
