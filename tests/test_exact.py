"""Exact rational linear algebra (pep.certificates.exact): PSD test by LDL^T, exact conversion and solves.

Ground truth: PSD by construction (B^T B), non-PSD by construction (a negative 2x2 minor or
B^T B - c e e^T with c above the Rayleigh quotient), and the independent char-poly test.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pep.certificates.exact import charpoly_is_psd, psd_check, solve_square, to_fraction
from pep.errors import CertificateError


def gram(B: list[list[int]]) -> list[list[Fraction]]:
    n = len(B[0])
    return [[Fraction(sum(r[i] * r[j] for r in B)) for j in range(n)] for i in range(n)]


ints = st.integers(-6, 6)


@st.composite
def factor(draw: st.DrawFn) -> list[list[int]]:
    n = draw(st.integers(1, 6))
    k = draw(st.integers(1, 6))
    return draw(st.lists(st.lists(ints, min_size=n, max_size=n), min_size=k, max_size=k))


@settings(max_examples=150, deadline=None)
@given(factor())
def test_gram_matrices_are_psd_with_their_rank(B: list[list[int]]) -> None:
    S = gram(B)
    check = psd_check(S)
    assert check.is_psd and charpoly_is_psd(S)
    # rank of B^T B = rank of B, computed independently by exact Gaussian elimination
    rows = [[Fraction(v) for v in r] for r in B]
    rank, col = 0, 0
    while rank < len(rows) and col < len(rows[0]):
        piv = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if piv is not None:
            rows[rank], rows[piv] = rows[piv], rows[rank]
            for i in range(len(rows)):
                if i != rank and rows[i][col] != 0:
                    f = rows[i][col] / rows[rank][col]
                    rows[i] = [a - f * b for a, b in zip(rows[i], rows[rank])]
            rank += 1
        col += 1
    assert check.rank == rank


@settings(max_examples=150, deadline=None)
@given(factor(), st.data())
def test_shifted_below_a_rayleigh_quotient_is_not_psd(
    B: list[list[int]], data: st.DataObject
) -> None:
    S = gram(B)
    n = len(S)
    e = data.draw(st.lists(ints, min_size=n, max_size=n).filter(any))
    quad = sum(e[i] * S[i][j] * e[j] for i in range(n) for j in range(n))
    norm4 = sum(v * v for v in e) ** 2
    c = quad / norm4 + Fraction(1, 7)  # e^T (S - c e e^T) e = quad - c |e|^4 < 0
    T = [[S[i][j] - c * e[i] * e[j] for j in range(n)] for i in range(n)]
    assert not psd_check(T).is_psd
    assert not charpoly_is_psd(T)


@pytest.mark.parametrize(
    "S, psd",
    [
        ([[0, 0], [0, 1]], True),  # singular PSD
        ([[1, 1], [1, 1]], True),
        ([[0, 0, 0], [0, 1, 2], [0, 2, 1]], False),  # leading minors are all 0: they mislead
        ([[0, 1], [1, 0]], False),  # zero diagonal with a nonzero off-diagonal entry
        ([[1, 2], [2, 1]], False),
        ([[2, -1, 0], [-1, 2, -1], [0, -1, 2]], True),
        ([], True),
    ],
)
def test_known_matrices(S: list[list[int]], psd: bool) -> None:
    assert psd_check(S).is_psd is psd
    assert charpoly_is_psd(S) is psd


def test_sparse_mapping_and_readable_reason() -> None:
    S = {(0, 0): 1, (0, 1): 2, (1, 0): 2, (1, 1): 1}
    check = psd_check(S)
    assert not check and "negative" in check.reason and check.index == 1


def test_asymmetric_or_ragged_input_raises() -> None:
    with pytest.raises(CertificateError, match="symmetric"):
        psd_check([[1, 2], [3, 4]])
    with pytest.raises(CertificateError, match="square"):
        psd_check([[1, 2], [3]])


def test_floats_are_converted_exactly() -> None:
    assert to_fraction(0.1) == Fraction(3602879701896397, 36028797018963968)
    assert psd_check([[0.1, 0.1], [0.1, 0.1]]).rank == 1  # exactly singular, not rounded
    for bad in (float("nan"), float("inf"), True, "1/3", object()):
        with pytest.raises(CertificateError):
            to_fraction(bad)


def test_sympy_rationals_convert_but_symbols_do_not() -> None:
    import sympy

    assert to_fraction(sympy.Rational(3, 7)) == Fraction(3, 7)
    with pytest.raises(CertificateError, match="not rational"):
        to_fraction(sympy.sqrt(2))


def test_solve_square_exact_and_singular() -> None:
    A = [[Fraction(1, 3), 2, 0], [1, 0, Fraction(-1, 2)], [0, 5, 1]]
    x = [Fraction(2), Fraction(-1, 3), Fraction(7, 5)]
    b = [sum(a * v for a, v in zip(row, x)) for row in A]
    assert solve_square(A, b) == x
    with pytest.raises(CertificateError, match="singular"):
        solve_square([[1, 2], [2, 4]], [1, 2])


def test_large_rank_deficient_matrix_is_fast_enough_and_correct() -> None:
    # 60x60 Gram of 40 integer vectors: PSD of rank <= 40
    B = [[(7 * i + 3 * j * j + i * j) % 11 - 5 for j in range(60)] for i in range(40)]
    check = psd_check(gram(B))
    assert check.is_psd and check.rank <= 40
