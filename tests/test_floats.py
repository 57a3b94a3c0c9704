"""Floats in a user's problem are named, with their exact spelling, when certification fails."""

from __future__ import annotations

from fractions import Fraction

import pytest

import pep
from pep.certificates.certificate import Certificate
from pep.model.floats import float_hints


def _gd(mu: object, h: object) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=1, mu=mu))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    problem.maximize(f(x0 - h * f.grad(x0)) - f(xs))
    return problem


def test_exact_data_gives_no_hint():
    assert float_hints(_gd(Fraction(1, 10), Fraction(3, 2))) == []


def test_a_float_parameter_and_coefficient_are_named_with_the_fix():
    hints = float_hints(_gd(0.1, 1.5))
    assert hints[0].startswith("mu = 0.1 (SmoothStronglyConvex of f) is a float")
    assert "Fraction(1, 10)" in hints[0] and "--param mu=1/10" in hints[0]
    assert any("-1.5" in h and "Fraction(-3, 2)" in h for h in hints[1:])


def test_integral_floats_are_not_flagged():
    # 2.0 is exactly 2: nothing to fix
    assert float_hints(_gd(Fraction(1, 10), 2.0)) == []


def test_a_failed_certification_names_the_float_not_the_null_space(monkeypatch):
    result = _gd(0.1, 1.5).solve()

    def fail(self, **kwargs):
        raise pep.CertificateError(
            "exact solve: the equalities (value terms, objective weights, bound, S z = 0) "
            "are inconsistent; the guessed bound or null space of S is wrong"
        )

    monkeypatch.setattr(Certificate, "rationalize", fail)
    with pytest.raises(pep.CertificateError) as info:
        result.certify(margin=False)
    message = str(info.value)
    assert "mu = 0.1" in message and "Fraction(1, 10)" in message
    assert "null space" not in message
    assert "null space" in info.value.details  # kept for -v
