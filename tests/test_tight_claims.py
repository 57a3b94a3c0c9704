"""Tight claims verify exactly, and claims just below them are refuted exactly (issue 19).

A claim equal to the worst case is proved only by a *tight* certificate (bound = the claim
exactly), which needs the null space of the dual matrix S guessed exactly. Where strict
complementarity fails -- GD with h = 3/2 at N = 1, where the two branches of
(L R^2 / 2) max{1/(2Nh + 1), (1 - h)^(2N)} meet; proximal gradient -- the solver's null
vectors are only accurate to about the square root of its error, and the guess tolerance
must widen with it (:func:`pep.certificates.rounding.null_guess_tolerances`).

Reference values are closed forms:

* GD, step h/L, 0 < h < 2: (L R^2 / 2) max{1/(2Nh + 1), (1 - h)^(2N)} (Drori and Teboulle 2014
  for h <= 1, i.e. L R^2 / (4N h + 2); J. Kim, arXiv:2412.04427, 2024, for h < 2). At h = 3/2,
  N = 1: (1/2) max{1/4, 1/4} = 1/8.
* Proximal gradient with step 1/L on f + h (f L-smooth convex, h convex):
  F(x_N) - F* <= L R^2 / (4N), tight (Taylor, Hendrickx and Glineur, *Exact worst-case
  performance of first-order methods for composite convex optimization*, SIAM J. Optim. 27(3),
  2017). At L = 3, N = 2: 3/8.
* OGM at N = 1: theta_1 = (1 + sqrt(1 + 8))/2 = 2, so L R^2 / (2 theta_1^2) = 1/8 (Kim and
  Fessler 2016).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

import pep
from pep.algorithms import get
from pep.certificates import rounding
from pep.cli.certify import check_point
from pep.cli.claims import parse_claim

BELOW = Fraction(1, 1000)


def gd(N: int, h: Any = 1) -> pep.Problem:
    return get("gd").setting(N, h=h)


def ogm(N: int) -> pep.Problem:
    return get("ogm").setting(N)


def proximal_gradient(N: int, L: Any = 3) -> pep.Problem:
    """x_{k+1} = prox_{h/L}(x_k - grad f(x_k)/L); measure F(x_N) - F*, F = f + h."""
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L), name="f")
    h = problem.function(pep.Convex(), name="h")
    x0, xs = problem.point("x0"), (f + h).minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1, name="initial")
    x, hx = x0, None
    for _ in range(N):
        x, _, hx = pep.proximal_step(x - Fraction(1, L) * f.grad(x), h, Fraction(1, L))
    problem.maximize(f(x) + hx - (f + h)(xs))
    return problem


# (setting, N, parameters, the tight worst case from its closed form)
CASES = [
    pytest.param(gd, 1, {"h": Fraction(3, 2)}, Fraction(1, 8), id="gd-h3/2-N1"),
    pytest.param(proximal_gradient, 2, {"L": 3}, Fraction(3, 8), id="proxgrad-L3-N2"),
    pytest.param(ogm, 1, {}, Fraction(1, 8), id="ogm-N1"),
    *(pytest.param(gd, N, {"h": 1}, Fraction(1, 4 * N + 2), id=f"gd-h1-N{N}") for N in (1, 2, 3)),
]


def _verdict(fn: Any, N: int, params: dict[str, Any], claim: Fraction) -> Any:
    return check_point(fn, N, params, parse_claim(str(claim), {"N", *params}))


@pytest.mark.parametrize(("fn", "N", "params", "tight"), CASES)
def test_the_tight_claim_is_verified_exactly(fn, N, params, tight):
    v = _verdict(fn, N, params, tight)
    assert v.verdict == "verified", v.detail


@pytest.mark.parametrize(("fn", "N", "params", "tight"), CASES)
def test_a_claim_just_below_is_refuted_by_an_exact_instance(fn, N, params, tight):
    v = _verdict(fn, N, params, tight - BELOW)
    assert v.verdict == "refuted", v.detail
    # the exactly checked instance attains the closed form itself: the certificate's face
    # located the exact worst case
    assert v.exact_lower_bound == tight, v.detail


@pytest.mark.parametrize(("fn", "N", "params", "tight"), CASES[:3])
def test_the_result_certifies_exactly_the_tight_value_and_nothing_below(fn, N, params, tight):
    result = fn(N, **params).solve()
    certified = result.certify(bound=tight, margin=False)
    assert certified.verified
    assert certified.exact_certificate.bound == tight
    assert certified.exact_certificate.kind == "tight"
    assert certified.exact_certificate.check().ok
    # soundness: no certificate of a bound below the worst case can pass the exact check
    with pytest.raises(pep.CertificateError):
        result.certify(bound=tight - BELOW, margin=False)


@pytest.mark.parametrize(("fn", "N", "params", "tight"), CASES[:3])
def test_the_default_rounding_finds_the_tight_bound(fn, N, params, tight):
    exact = fn(N, **params).solve().certificate().rationalize()
    assert (exact.kind, exact.bound) == ("tight", tight)


def test_guess_tolerances_widen_with_the_solve_error_and_are_capped():
    null_guess_tolerances = rounding.null_guess_tolerances
    NULL_GUESS_TOL, MAX_NULL_GUESS_TOL = rounding.NULL_GUESS_TOL, rounding.MAX_NULL_GUESS_TOL
    assert null_guess_tolerances() == (1e-7, 1e-5, NULL_GUESS_TOL)
    assert null_guess_tolerances(float("nan")) == null_guess_tolerances()
    assert null_guess_tolerances(0.0) == null_guess_tolerances()
    small, large = null_guess_tolerances(1e-8)[-1], null_guess_tolerances(1e-6)[-1]
    assert NULL_GUESS_TOL < small < large <= MAX_NULL_GUESS_TOL
    assert small == pytest.approx(NULL_GUESS_TOL + 10 * 1e-4)
    assert null_guess_tolerances(0.5)[-1] == MAX_NULL_GUESS_TOL
