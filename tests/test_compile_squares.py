"""The sum-of-squares expansion of interpolation templates (``pep.sdp.expand._squares``).

A template's bilinear form ``sum c_st <w_s, w_t>`` is expanded either term by term or as
``sum_m d_m ||sum_s v_ms w_s||^2``, whichever makes fewer entries; both must give the same
rows. The reference is the term-by-term expansion and, for the squares themselves, the form
evaluated on random vectors.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from pep.sdp.expand import _gram_parts, _rowkron, _squares

# integer coefficients on four slots (the pair templates' x_i, g_i, x_j, g_j); halves too, as
# in 1/(2L) and the factor 1/2 of a symmetric cross term
coef = st.integers(-4, 4).map(lambda n: n / 2)
terms = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), coef), min_size=1, max_size=8)


def _form(gram: list[tuple[int, int, float]], W: np.ndarray) -> float:
    return sum(c * float(W[s] @ W[t]) for s, t, c in gram)


@settings(max_examples=200, deadline=None)
@given(terms)
def test_squares_reproduce_the_bilinear_form(gram: list[tuple[int, int, float]]) -> None:
    W = np.random.default_rng(len(gram)).normal(size=(4, 5))
    squares = _squares(tuple(gram), 4)
    assert len(squares) <= 4
    value = sum(dm * float(np.sum((np.asarray(v) @ W) ** 2)) for dm, v in squares)
    assert value == pytest.approx(_form(gram, W), rel=1e-12, abs=1e-12)


def test_a_cross_term_needs_the_two_by_two_pivot() -> None:
    # <w0, w1>: zero diagonal, so (w0 + w1)^2 / 4 - (w0 - w1)^2 / 4
    assert _squares(((0, 1, 1.0),), 2) == [(1.0, [0.5, 0.5]), (-1.0, [-0.5, 0.5])]


def _slots(rng: np.random.Generator, n: int, d: int) -> list[sp.csr_matrix]:
    dense = [rng.random((n, d)) < p for p in (0.9, 0.1, 0.9, 0.1)]  # dense x, sparse g
    return [sp.csr_matrix(mask * rng.integers(-3, 4, size=(n, d))) for mask in dense]


def _matrix(parts: list[tuple[np.ndarray, ...]], n: int, d: int) -> np.ndarray:
    rows, cols, vals = (np.concatenate(x) for x in zip(*parts))
    return sp.csr_matrix((vals, (rows, cols)), shape=(n, d * d)).toarray()


@pytest.mark.parametrize(
    "gram",
    [
        ((1, 1, 1.0), (1, 3, -2.0), (3, 3, 1.0), (0, 0, -1.0), (0, 2, 2.0), (2, 2, -1.0)),
        ((1, 0, 1.0), (1, 2, -1.0), (3, 0, -1.0), (3, 2, 1.0)),  # <g_i - g_j, x_i - x_j>
        ((1, 2, 1.0), (1, 0, -1.0), (1, 1, 0.5), (1, 3, -1.0), (3, 3, 0.5)),  # smooth convex
    ],
)
def test_both_expansions_give_the_same_rows(gram: tuple[tuple[int, int, float], ...]) -> None:
    rng = np.random.default_rng(7)
    n, d = 300, 40  # large enough (> pep.sdp.compile._SMALL entries) for the squares to be chosen
    slots = _slots(rng, n, d)
    chosen = _matrix(_gram_parts(gram, slots, d), n, d)
    direct = _matrix([_rowkron(slots[s], slots[t], d, -c) for s, t, c in gram], n, d)
    assert chosen == pytest.approx(direct, abs=1e-12)


def test_the_lipschitz_template_on_dense_iterates_is_expanded_as_two_squares() -> None:
    # ||g_i - g_j||^2 - ||x_i - x_j||^2: 2 squares instead of 6 products (else the test above
    # would compare the term-by-term expansion with itself)
    gram = ((1, 1, 1.0), (1, 3, -2.0), (3, 3, 1.0), (0, 0, -1.0), (0, 2, 2.0), (2, 2, -1.0))
    assert len(_gram_parts(gram, _slots(np.random.default_rng(7), 300, 40), 40)) == 2
