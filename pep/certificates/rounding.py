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

import itertools
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.linalg

from pep.errors import CertificateError

if TYPE_CHECKING:
    from pep.certificates.rationalize import ExactSystem

__all__ = [
    "guess",
    "zero_rows",
    "null_space_basis",
    "null_guess_tolerances",
    "null_residual",
    "null_space_guesses",
    "round_up",
    "refine",
]

NULL_TOL = 1e-6  # eigenvalues of S below NULL_TOL * max eigenvalue span its null space
GUESS_TOL = 1e-6  # a small-denominator guess must agree with the numeric value this closely
NULL_GUESS_TOL = 1e-4  # the loosest fixed tolerance for null vectors of S (eigenvectors are
# less accurate than values)
MAX_NULL_GUESS_TOL = 1e-2  # the cap of the tolerance widened by the solve's error


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


def null_guess_tolerances(relative_error: float | None = None) -> tuple[float, ...]:
    r"""The tolerances tried in turn for the null-vector guesses of a tight certificate.

    Tight first (1e-7, 1e-5, :data:`NULL_GUESS_TOL`): a loose guess can confuse neighbours
    such as 1/100 and 1/101. Then, when the solve's relative error :math:`\varepsilon` is
    known, the wider tolerance :math:`\min(10^{-4} + 10\sqrt{\varepsilon}, 10^{-2})`.

    Why the square root: when strict complementarity fails (e.g. GD with :math:`h = 3/2`,
    :math:`N = 1`, where the two branches of :math:`\max\{1/(2Nh+1), (1-h)^{2N}\}` meet, or
    proximal gradient's many optimal multipliers), an :math:`\varepsilon`-optimal solution of
    the SDP can lie :math:`O(\sqrt{\varepsilon})` away from the optimal face (the Hölderian
    error bound of exponent 1/2 for singularity degree 1: J. F. Sturm, *Error bounds for linear
    matrix inequalities*, SIAM J. Optim. 10(4), 2000). The null vectors of the solver's
    :math:`S` are then accurate only to about :math:`\sqrt{\varepsilon}`. Soundness does not
    depend on this rule: a wrong guess only makes the exact equalities or the exact PSD check
    fail.

    >>> null_guess_tolerances()
    (1e-07, 1e-05, 0.0001)
    >>> [round(t, 6) for t in null_guess_tolerances(1e-7)]
    [0.0, 1e-05, 0.0001, 0.003262]
    >>> null_guess_tolerances(1e-2)[-1]
    0.01
    """
    tols: tuple[float, ...] = (1e-7, 1e-5, NULL_GUESS_TOL)
    if relative_error is None or not 0 < relative_error < float("inf"):
        return tols
    wide = min(NULL_GUESS_TOL + 10 * float(np.sqrt(relative_error)), MAX_NULL_GUESS_TOL)
    return (*tols, wide) if wide > NULL_GUESS_TOL else tols


def null_residual(S: np.ndarray, Z: list[list[Fraction]]) -> float:
    r"""The largest :math:`\|S z\| / (\|S\|_2 \|z\|)` over the vectors ``z`` of ``Z``: how far a
    guessed null space is from the numeric null space of ``S`` (0 for an empty ``Z``).

    >>> null_residual(np.array([[1.0, 1.0], [1.0, 1.0]]), [[Fraction(1), Fraction(-1)]])
    0.0
    """
    norm = float(np.linalg.norm(S, 2)) if S.size else 0.0
    if not Z or norm == 0.0:
        return 0.0
    M = np.array([[float(c) for c in z] for z in Z])
    return float(np.max(np.linalg.norm(M @ S, axis=1) / (norm * np.linalg.norm(M, axis=1))))


def null_space_guesses(
    S: np.ndarray, gram: np.ndarray | None, max_denominator: int, relative_error: float = 0.0
) -> Iterator[tuple[list[list[Fraction]], float] | CertificateError]:
    r"""The distinct small-denominator null spaces of ``S`` to try for a tight certificate, in
    order, each with the tolerance that guessed it (or, in its place, why a guess failed): from ``range(gram)`` first, then from
    ``S``, at the fixed tolerances of :func:`null_guess_tolerances`, then at its widened one
    (``range(gram)`` then ``S``). A widened guess farther from ``null(S)`` than
    :math:`\sqrt{\varepsilon}` (:func:`null_residual`; e.g. small fractions near OGM's
    irrational null vectors) is skipped: its exact attempt would fail, at a cost.

    >>> S = np.array([[1.0, 1.0], [1.0, 1.0]])
    >>> next(null_space_guesses(S, None, 100))[0]
    [[Fraction(1, 1), Fraction(-1, 1)]]
    """
    tols = null_guess_tolerances(relative_error)
    sources = (gram, None)
    order = [*itertools.product(sources, tols[:3])]
    order += [(g, tol) for tol in tols[3:] for g in sources]
    tried: list[list[list[Fraction]]] = []
    for g, tol in order:
        try:
            Z = null_space_basis(S, max_denominator, gram=g, guess_tol=tol)
        except CertificateError as exc:
            yield exc
            continue
        if Z in tried:
            continue
        tried.append(Z)
        residual = null_residual(S, Z) if tol > NULL_GUESS_TOL else 0.0
        if residual > relative_error**0.5:
            yield CertificateError(
                f"null vectors guessed within {tol:.1g}: |S z| = {residual:.1e} |S| |z| > "
                f"sqrt(relative error) = {relative_error**0.5:.1e}"
            )
            continue
        yield Z, tol


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
