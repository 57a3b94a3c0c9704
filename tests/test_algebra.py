"""Properties of the point/scalar algebra: bilinearity, symmetry, exactness, immutability."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import pep
from pep.errors import (
    ConstraintTruthError,
    MixedProblemsError,
    NonlinearExpressionError,
    StrictInequalityError,
)

coeffs = st.one_of(
    st.integers(-20, 20),
    st.fractions(min_value=-10, max_value=10, max_denominator=50),
)


def _basis(n: int = 4) -> tuple[pep.Problem, list[pep.Point]]:
    p = pep.Problem()
    return p, [p.point(f"v{i}") for i in range(n)]


def _combo(vs: list[pep.Point], cs: list) -> pep.Point:
    return sum((c * v for c, v in zip(cs, vs)), pep.Point({}, None))


def _same(s: pep.Scalar, t: pep.Scalar) -> bool:
    d = s - t
    return d.is_constant() and d.constant == 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(coeffs, min_size=4, max_size=4),
    st.lists(coeffs, min_size=4, max_size=4),
    st.lists(coeffs, min_size=4, max_size=4),
    coeffs,
    coeffs,
)
def test_inner_product_is_bilinear_and_symmetric(a, b, c, s, t) -> None:
    _, vs = _basis()
    p, q, r = _combo(vs, a), _combo(vs, b), _combo(vs, c)
    assert _same(p @ q, q @ p)
    assert _same((s * p + t * q) @ r, s * (p @ r) + t * (q @ r))
    assert _same(r @ (s * p - t * q), s * (r @ p) - t * (r @ q))


@settings(max_examples=60, deadline=None)
@given(st.lists(coeffs, min_size=4, max_size=4), st.lists(coeffs, min_size=4, max_size=4))
def test_fraction_in_fraction_out(a, b) -> None:
    _, vs = _basis()
    s = _combo(vs, a) @ _combo(vs, b)
    for c in s.terms.values():
        assert isinstance(c, (int, Fraction)) and not isinstance(c, bool)
    for c in (_combo(vs, a) / 3).terms.values():
        assert isinstance(c, (int, Fraction))


def test_division_by_int_stays_exact() -> None:
    _, (x, *_) = _basis()
    assert (x / 3).terms[next(iter(x.terms))] == Fraction(1, 3)
    s = (x @ x) / 6
    assert s.terms[next(iter(s.terms))] == Fraction(1, 6)


def test_sympy_coefficients_are_first_class() -> None:
    k, L = sympy.symbols("k L", positive=True)
    _, (x, g, *_) = _basis()
    y = x - (k + 1) / L * g
    s = y @ y
    coeff = {(a.name, b.name): c for (a, b), c in s.terms.items()}
    assert sympy.simplify(coeff[("v1", "v1")] - (k + 1) ** 2 / L**2) == 0
    assert sympy.simplify(coeff[("v0", "v1")] + 2 * (k + 1) / L) == 0


def test_float_where_the_user_writes_one() -> None:
    _, (x, *_) = _basis()
    assert isinstance((0.5 * x).terms[next(iter(x.terms))], float)


def test_points_are_immutable_values() -> None:
    _, (x, y, *_) = _basis()
    z = x + y
    _ = z - x
    assert len(z.terms) == 2 and len(x.terms) == 1


@pytest.mark.parametrize(
    "build, error",
    [
        (lambda x, y: (x @ x) < 1, StrictInequalityError),
        (lambda x, y: (x @ x) > 1, StrictInequalityError),
        (lambda x, y: 0 <= (x @ x) <= 1, ConstraintTruthError),
        (lambda x, y: bool((x @ y) == 0), ConstraintTruthError),
        (lambda x, y: (x @ y) in [1, 2], ConstraintTruthError),
        (lambda x, y: (x @ x) * (y @ y), NonlinearExpressionError),
        (lambda x, y: (x @ x) * y, NonlinearExpressionError),
        (lambda x, y: x * y, NonlinearExpressionError),
        (lambda x, y: (x @ x) + y, NonlinearExpressionError),
    ],
)
def test_guard_rails(build, error) -> None:
    _, (x, y, *_) = _basis()
    with pytest.raises(error):
        build(x, y)


def test_points_of_two_problems_do_not_mix() -> None:
    _, (x, *_) = _basis()
    _, (y, *_) = _basis()
    with pytest.raises(MixedProblemsError):
        _ = x + y
    with pytest.raises(MixedProblemsError):
        _ = x @ y


def test_constraint_repr_reads_like_math() -> None:
    _, (x, y, *_) = _basis()
    assert repr((x - y) @ (x - y) <= 1) == "Constraint(<v0,v0> - 2*<v0,v1> + <v1,v1> - 1 <= 0)"
