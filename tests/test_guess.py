"""Closed-form guessing: exact rational interpolation and quadratic recurrences."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pep.discover.guess import (
    GuessError,
    quadratic_recurrence,
    rational_function,
    rationalize,
    rationalize_all,
)
from pep.errors import InvalidArgument, PepError


def test_recovers_univariate_forms_and_extrapolates() -> None:
    cases = {
        "(k+1)/(k+2)": lambda k: Fraction(k + 1, k + 2),
        "k(k+1)/2": lambda k: Fraction(k * (k + 1), 2),
        "(k+1)(k+2)": lambda k: Fraction((k + 1) * (k + 2)),
        "1/(k+1)^2": lambda k: Fraction(1, (k + 1) ** 2),
        "constant": lambda k: Fraction(3, 7),
    }
    for name, fn in cases.items():
        g = rational_function([fn(k) for k in range(9)])
        assert g is not None, name
        # the guess is exact far outside the data it saw
        assert all(g(k) == fn(k) for k in range(9, 40)), name


def test_recovers_gd_certificate_in_k_and_N() -> None:
    # Drori-Teboulle multipliers lambda_{k,k+1} = (k+1)/(2N-k) (REFERENCE.md, GD h = 1)
    data = {(k, n): Fraction(k + 1, 2 * n - k) for n in range(1, 7) for k in range(n)}
    g = rational_function(data, names=("k", "N"))
    assert g is not None
    assert all(g(k, n) == Fraction(k + 1, 2 * n - k) for n in range(7, 15) for k in range(n))
    assert str(g) == "(k + 1)/(2*N - k)"


def test_recovers_feg_potential_weight() -> None:
    # FEG: 2k^2/N^2 (REFERENCE.md), degree 2 over degree 2 in (k, N)
    data = {(k, n): Fraction(2 * k * k, n * n) for n in range(1, 7) for k in range(n + 1)}
    g = rational_function(data, names=("k", "N"))
    assert g is not None
    assert g(5, 11) == Fraction(50, 121)


def test_guess_that_fails_held_out_values_is_rejected() -> None:
    # k^2 for k <= 5, then it departs: the degree-2 fit on the prefix is exact there,
    # but the held-out values refute it, and no other low-degree form fits everything
    values = [k * k for k in range(6)] + [37, 50]
    assert rational_function(values) is None
    # the same prefix alone (with one held-out value that agrees) is accepted
    assert rational_function([k * k for k in range(7)], holdout=1) is not None


def test_not_rational_in_k() -> None:
    assert rational_function([2**k for k in range(10)]) is None
    assert rational_function([math.factorial(k) for k in range(10)]) is None


def test_inputs_must_be_exact_and_validated() -> None:
    with pytest.raises(InvalidArgument, match="not exact"):
        rational_function([0.5, 1.0, 1.5, 2.0, 2.5])
    with pytest.raises(InvalidArgument, match="holdout"):
        rational_function([1, 2, 3, 4, 5], holdout=0)
    with pytest.raises(InvalidArgument, match="too few"):
        rational_function([1, 2, 3])


def test_rationalize() -> None:
    assert rationalize(1 / 3 + 1e-10) == Fraction(1, 3)
    assert rationalize(Fraction(5, 7)) == Fraction(5, 7)
    with pytest.raises(GuessError, match="max_denominator"):
        rationalize(math.pi, max_denominator=50)
    assert isinstance(GuessError("x"), PepError)
    assert rationalize_all([0.25, math.e], max_denominator=100) is None


def _theta(n: int, c: int = 4, start: float = 1.0) -> list[float]:
    th = [start]
    for _ in range(n):
        th.append((1 + math.sqrt(1 + c * th[-1] ** 2)) / 2)
    return th


def test_theta_recurrence() -> None:
    rec = quadratic_recurrence(_theta(9))
    assert rec is not None
    assert (rec.p, rec.q, rec.r, rec.s) == (-1, 0, 1, 0)
    # OGM's last-step variant theta_N^2 - theta_N = 2 theta_{N-1}^2
    rec2 = quadratic_recurrence(_theta(9, c=8))
    assert rec2 is not None and (rec2.p, rec2.r) == (-1, 2)


def test_recurrence_with_linear_term() -> None:
    # a_{k+1}^2 = a_k^2 + a_k + 2 (s = 1, q = -2)
    a = [1.0]
    for _ in range(9):
        a.append(math.sqrt(a[-1] ** 2 + a[-1] + 2))
    rec = quadratic_recurrence(a)
    assert rec is not None
    assert (rec.p, rec.q, rec.r, rec.s) == (0, -2, 1, 1)


def test_recurrence_rejected_on_held_out_terms() -> None:
    th = _theta(9)
    th[-1] *= 1.001  # the last term departs from the recurrence
    assert quadratic_recurrence(th) is None
    assert quadratic_recurrence([math.sqrt(k + 2) * 1.37**k for k in range(10)]) is None


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(-4, 4), min_size=1, max_size=3),
    st.integers(1, 5),
    st.integers(1, 5),
)
def test_random_rational_functions_are_recovered(num: list[int], a: int, b: int) -> None:
    def f(k: int) -> Fraction:
        return Fraction(sum(c * k**i for i, c in enumerate(num)), (k + a) * (k + b))

    g = rational_function([f(k) for k in range(10)])
    assert g is not None
    assert all(g(k) == f(k) for k in range(10, 30))


def test_simplest_fraction_in_a_bracket() -> None:
    from pep.discover.guess import simplest_between

    assert simplest_between(0.99879, 1.00104) == 1
    assert simplest_between(1.4985, 1.5004) == Fraction(3, 2)
    assert simplest_between(-0.3334, -0.3332) == Fraction(-1, 3)
    assert simplest_between(-1, 2) == 0
    assert simplest_between(0.7, 0.7) == Fraction(0.7)  # a point: the float itself


def test_noisy_fit_accepts_noise_and_rejects_a_wrong_shape() -> None:
    from pep.discover.guess import approximate_rational_function

    noisy = {k: (k + 1) * (k + 2) / 4 + 2e-4 * (-1) ** k for k in range(8)}
    g = approximate_rational_function(noisy)
    assert g is not None and all(g(k) == Fraction((k + 1) * (k + 2), 4) for k in range(20))
    assert approximate_rational_function({k: 1.3**k for k in range(8)}) is None


def test_sparse_combination_of_theta() -> None:
    from pep.discover.guess import sparse_combination

    th = _theta(9)
    feats = {"1": [1.0] * 9, "a": th[:9], "a^2": [t * t for t in th[:9]], "b": th[1:10]}
    assert sparse_combination([2 * t for t in th[1:10]], feats) == {"b": 2}
    # the recurrence makes b^2 - b = a^2: a combination that only fits the first values fails
    assert sparse_combination([2 * t * t + (k > 6) for k, t in enumerate(th[:9])], feats) is None


def test_guess_data_round_trip_and_symbolic_evaluation() -> None:
    import sympy as sp

    from pep.discover.guess import RationalGuess

    g = rational_function(
        {(k, n): Fraction(k + 1, 2 * n - k) for n in range(1, 7) for k in range(n)}
    )
    assert g is not None
    again = RationalGuess.from_data(g.to_data())
    assert all(again(k, n) == g(k, n) for n in range(1, 9) for k in range(n))
    k, N = sp.symbols("k N")
    assert sp.simplify(again.evaluate(k, N) - (k + 1) / (2 * N - k)) == 0
