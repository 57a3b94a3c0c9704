r"""Small-denominator guesses, null spaces and dual refinement for :mod:`pep.certificates.rationalize`.

* :func:`guess`: the first continued-fraction convergent within a tolerance (a bound such as
  1/14, a null-vector entry such as -1/7);
* :func:`null_space_basis`: a rational basis of the numeric null space of the dual matrix S
  (from the primal worst case when it is more accurate, by complementary slackness);
* :func:`refine`: a least-change correction of the multipliers so that S(lambda) matches a
  target PSD matrix in floating point before exact rounding (used by :mod:`pep.certificates.margin`).

>>> guess(0.0714285715, 10**6, "a bound")
Fraction(1, 14)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.linalg

from pep.errors import CertificateError

if TYPE_CHECKING:
    from pep.certificates.rationalize import ExactSystem

__all__ = ["guess", "zero_rows", "null_space_basis", "round_up", "refine"]

NULL_TOL = 1e-6  # eigenvalues of S below NULL_TOL * max eigenvalue span its null space
GUESS_TOL = 1e-6  # a small-denominator guess must agree with the numeric value this closely
NULL_GUESS_TOL = (
    1e-4  # the loosest tolerance for null vectors of S (eigenvectors are less accurate)
)


def guess(
    value: float, max_denominator: int, what: str, tol: float = GUESS_TOL, scale: float = 0.0
) -> Fraction:
    """The first continued-fraction convergent of ``value`` within ``tol * max(scale, |value|)``
    (a rational with a small denominator), if one has denominator ``<= max_denominator``.

    >>> guess(0.14285714301, 10**6, "x")
    Fraction(1, 7)
    """
    tol = tol * (max(scale, abs(value)) or 1.0)
    x = Fraction(value)
    h0, h1, k0, k1 = 0, 1, 1, 0  # convergents h/k of the continued fraction of x
    while True:
        a = x.numerator // x.denominator
        h0, h1, k0, k1 = h1, a * h1 + h0, k1, a * k1 + k0
        if k1 > max_denominator:
            break
        if abs(Fraction(h1, k1) - Fraction(value)) <= tol:
            return Fraction(h1, k1)
        if x == a:
            break
        x = 1 / (x - a)
    raise CertificateError(
        f"guess: no rational with denominator <= {max_denominator} within {tol:g} of "
        f"{what} = {value!r}"
    )


def zero_rows(S: np.ndarray) -> list[list[Fraction]]:
    """Unit vectors of the rows of ``S`` that are numerically zero (structural null space)."""
    top = max(float(np.abs(S).max(initial=0.0)), 1e-300)
    d = S.shape[0]
    zero = [p for p in range(d) if float(np.abs(S[p]).max()) <= NULL_TOL * top]
    return [[Fraction(int(q == p)) for q in range(d)] for p in zero]


def null_space_basis(
    S: np.ndarray,
    max_denominator: int | None,
    scale: float = 0.0,
    null_tol: float = NULL_TOL,
    gram: np.ndarray | None = None,
    guess_tol: float = NULL_GUESS_TOL,
) -> list[list[Fraction]]:
    """A rational basis of the numeric null space of ``S`` (identity on pivot rows).

    Eigenvalues below ``null_tol * max(scale, largest eigenvalue)`` count as zero. Entries are
    small-denominator guesses, or with ``max_denominator=None`` rounded onto the grid
    ``2**-40`` (an irrational null space, e.g. OGM's worst case, has no small guess).
    """
    if S.size == 0:
        return []
    w, V = np.linalg.eigh((S + S.T) / 2)
    top = max(float(np.abs(w).max()), scale, 1e-300)
    V0 = V[:, w <= null_tol * top]
    if gram is not None and V0.shape[1]:
        # complementary slackness: range(G) lies in null(S); with a wider spectral gap, the
        # primal worst case often gives the null space far more accurately than S does
        wg, VG = np.linalg.eigh((gram + gram.T) / 2)
        k = V0.shape[1]
        if wg[-k] > 1e-6 * max(float(wg[-1]), 1e-300):
            V0 = VG[:, -k:]
    if V0.shape[1] == 0:
        return []
    _, _, P = scipy.linalg.qr(V0.T, pivoting=True)
    k = V0.shape[1]
    Z = V0 @ np.linalg.inv(V0[P[:k], :])
    basis = []
    for col in Z.T:
        if max_denominator is None:
            basis.append([Fraction(round(float(c) * 2**40), 2**40) for c in col])
        else:
            # eigenvectors of a nearly singular S are only accurate to ~(error of S)/(gap), so the
            # guess is looser than for the bound; a wrong guess fails the exact checks later
            basis.append(
                [
                    guess(float(c), max_denominator, "a null vector entry of S", guess_tol, 1.0)
                    for c in col
                ]
            )
    return basis


def round_up(value: float, grid: int = 2**32) -> Fraction:
    """The smallest multiple of ``1/grid`` that is ``>= value``."""
    return Fraction(-((-Fraction(value) * grid).__floor__()), grid)


def refine(
    sys: ExactSystem, numeric: Sequence[float], target: np.ndarray, nf: int, support: list[int]
) -> list[float]:
    r"""Least-change correction of ``numeric`` on ``support`` so that, in floating point,
    :math:`S(\lambda) = ` ``target`` and the value/weight equalities hold.

    A solver's multipliers satisfy the dual identity only to its tolerance (~1e-10); the
    correction brings :math:`S(\lambda)` back to the solver's PSD matrix, so that a small PSD
    margin (a relaxed certificate) survives exact rounding.
    """
    import scipy.sparse as sps
    import scipy.sparse.linalg as spla

    d = sys.d
    slot_index: dict[tuple[Any, ...], int] = {("f", i): i for i in range(nf)}
    slot_index[("nu",)] = nf
    rhs = [0.0] * nf + [1.0]
    for p in range(d):
        for q in range(p, d):
            slot_index[("g", p, q)] = len(rhs)
            rhs.append(float(target[p, q]) * (1 if p == q else 2))
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for k, v in enumerate(support):
        for s, c in sys.contrib[v].items():
            if s in slot_index:
                rows.append(slot_index[s])
                cols.append(k)
                vals.append(float(c))
    A = sps.csr_matrix((vals, (rows, cols)), shape=(len(rhs), len(support)))
    x = np.array([numeric[v] for v in support])
    # weighted least change: a multiplier moves in proportion to its size, so that tiny
    # (inactive) multipliers stay nonnegative
    w = np.abs(x) + 1e-6 * max(1.0, float(np.abs(x).max(initial=0.0)))
    # the value and weight equalities are hard (the exact repair must not move S afterwards);
    # matching the target S is the soft part
    hard = sps.diags(np.r_[np.full(nf + 1, 1e6), np.ones(len(rhs) - nf - 1)])
    Aw, b = hard @ A @ sps.diags(w), hard @ (np.array(rhs) - A @ x)
    if Aw.shape[0] * Aw.shape[1] <= 2 * 10**7:  # dense least squares is more accurate
        y = np.linalg.lstsq(Aw.toarray(), b, rcond=None)[0]
    else:
        y = spla.lsqr(Aw, b, atol=1e-16, btol=1e-16, iter_lim=20 * len(support))[0]
    dx = w * y
    out = list(numeric)
    for k, v in enumerate(support):
        out[v] = float(x[k] + dx[k])
    return out
