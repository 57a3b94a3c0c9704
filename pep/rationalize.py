r"""Turn a numeric dual solution into an exact rational one.

Every constraint :math:`e_r \le 0` (or :math:`= 0`) and every objective :math:`m_k` is an affine
function of the Gram matrix :math:`G` and the values :math:`F`. Multipliers :math:`\lambda`
(constraints) and :math:`\nu` (objectives) define, linearly,

.. math:: S(\lambda,\nu) = \text{Gram part of } \Big(\sum_r \lambda_r e_r - \sum_k \nu_k m_k\Big),
          \qquad B(\lambda,\nu) = \sum_k \nu_k m_k(0) - \sum_r \lambda_r e_r(0),

and :math:`(\lambda,\nu)` is a certificate of :math:`\min_k m_k \le B` when the value part
vanishes (:math:`\sum_r \lambda_r \partial_F e_r = \sum_k \nu_k \partial_F m_k`),
:math:`\sum_k \nu_k = 1`, :math:`\lambda \ge 0` on inequalities, :math:`\nu \ge 0` and
:math:`S \succeq 0`. Those equalities are linear in :math:`(\lambda,\nu)`, so the numeric
multipliers are rounded onto a grid and a *pivot subset* of them is solved exactly so that the
equalities hold (the rest keep their rounded values); then :math:`S \succeq 0` is checked
exactly (:func:`pep.exact.psd_check`).

* **relaxed**: the assumption multipliers :math:`\tau` are inflated by :math:`1 + \delta`, which
  adds a positive term along the initial condition that covers the rounding error; the bound is
  then :math:`B \le (1+\delta)\cdot` value (approximately).
* **tight** (exact bound :math:`B`): also impose :math:`B(\lambda,\nu) = B` and
  :math:`S Z = 0`, where :math:`Z` is a small-denominator basis of the numeric null space of
  :math:`S` (the worst-case directions), so that rounding cannot push :math:`S` below zero there.

This scheme (guess the null space, round onto a common grid, solve a subset exactly) is the
one measured to work in issue 4; orthogonal projection blew up the bit sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import scipy.linalg

from pep.errors import CertificateError
from pep.exact import fmpq, psd_check, solve_square, to_fraction

__all__ = ["Row", "ExactSystem", "Attempt", "exact_rows", "rationalize_multipliers"]

RANK_TOL = 1e-9  # relative threshold of a numerically zero pivot (column-pivoted QR)
NULL_TOL = 1e-6  # eigenvalues of S below NULL_TOL * max eigenvalue span its null space
GUESS_TOL = 1e-6  # a small-denominator guess must agree with the numeric value this closely
NULL_GUESS_TOL = 1e-4  # the same for null vectors of S (eigenvectors are less accurate)
GRIDS = (2**12, 2**20, 2**28, 2**36)  # common denominators tried, coarse (small numbers) first


@dataclass(frozen=True)
class Row:
    """An affine function ``sum gram[(p,q)] G[p,q] + sum values[i] F[i] + const`` (p <= q)."""

    gram: dict[tuple[int, int], Fraction]
    values: dict[int, Fraction]
    const: Fraction


def _row(expr: Any, ppos: dict[Any, int], fpos: dict[Any, int]) -> Row:
    gram: dict[tuple[int, int], Fraction] = {}
    values: dict[int, Fraction] = {}
    for key, c in expr.terms.items():
        if isinstance(key, tuple):
            p, q = sorted((ppos[key[0]], ppos[key[1]]))
            gram[(p, q)] = gram.get((p, q), Fraction(0)) + to_fraction(c)
        else:
            values[fpos[key]] = to_fraction(c)
    return Row(gram, values, to_fraction(expr.constant))


def exact_rows(problem: Any) -> tuple[dict[str, tuple[str, Row]], list[Row]]:
    """``{name: (sense, Row)}`` of ``problem.constraints()`` and the objective Rows, exactly."""
    points = [lf for lf in problem.leaves if lf.kind == "point"]
    vals = [lf for lf in problem.leaves if lf.kind == "value"]
    ppos = {lf: k for k, lf in enumerate(points)}
    fpos = {lf: k for k, lf in enumerate(vals)}
    rows: dict[str, tuple[str, Row]] = {}
    for c in problem.constraints():
        if c.name in rows:
            raise CertificateError(
                f"two constraints are named {c.name!r}; certificates are keyed by name, give "
                "each assumption a unique name (problem.assume(..., name=...))"
            )
        rows[c.name] = (c.sense, _row(c.expr, ppos, fpos))
    return rows, [_row(m, ppos, fpos) for m in problem.objectives]


class ExactSystem:
    """Slot contributions of every multiplier: value slots ``('f', i)``, Gram slots
    ``('g', p, q)``, the constant ``('c',)`` and the objective-weight sum ``('nu',)``."""

    def __init__(self, rows: dict[str, tuple[str, Row]], objectives: list[Row], d: int):
        self.d = d
        self.names = [*rows, *(f"objective{k}" for k in range(len(objectives)))]
        self.senses = [s for s, _ in rows.values()] + [">=0"] * len(objectives)
        self.contrib: list[dict[tuple[Any, ...], Any]] = []
        for _, r in rows.values():
            self.contrib.append(self._slots(r, 1, -r.const, 0))
        for m in objectives:
            self.contrib.append(self._slots(m, -1, m.const, 1))

    @staticmethod
    def _slots(r: Row, sign: int, const: Fraction, nu: int) -> dict[tuple[Any, ...], Any]:
        out: dict[tuple[Any, ...], Any] = {}
        for i, c in r.values.items():
            out[("f", i)] = fmpq(sign * c.numerator, c.denominator)
        for (p, q), c in r.gram.items():
            out[("g", p, q)] = fmpq(sign * c.numerator, c.denominator)
        if const:
            out[("c",)] = fmpq(const.numerator, const.denominator)
        if nu:
            out[("nu",)] = fmpq(1)
        return out

    def totals(self, x: dict[int, Any]) -> dict[tuple[Any, ...], Any]:
        """Slot totals of the multipliers ``x`` (index -> exact value)."""
        tot: dict[tuple[Any, ...], Any] = {}
        for v, xv in x.items():
            if xv == 0:
                continue
            for s, c in self.contrib[v].items():
                tot[s] = tot.get(s, 0) + c * xv
        return tot

    def s_matrix(self, tot: dict[tuple[Any, ...], Any]) -> list[list[Any]]:
        """Dense exact S from the Gram slot totals (off-diagonal slots carry 2 S_pq)."""
        S: list[list[Any]] = [[fmpq(0)] * self.d for _ in range(self.d)]
        for s, c in tot.items():
            if s[0] == "g":
                p, q = s[1], s[2]
                S[p][q] = S[q][p] = c if p == q else c / 2
        return S


Equation = tuple[dict[tuple[Any, ...], Any], Any]  # (slot -> weight, right-hand side)


def _equations(sys: ExactSystem, nf: int, bound: Any, Z: list[list[Fraction]]) -> list[Equation]:
    eqs: list[Equation] = [({("f", i): 1}, 0) for i in range(nf)]
    eqs.append(({("nu",): 1}, 1))
    if bound is not None:
        eqs.append(({("c",): 1}, fmpq(bound.numerator, bound.denominator)))
    for zf in Z:  # (S z)_p = 0 for every p
        z = [fmpq(c.numerator, c.denominator) for c in zf]
        for p in range(sys.d):
            w = {}
            for q, zq in enumerate(z):
                if zq:
                    a, b = min(p, q), max(p, q)
                    w[("g", a, b)] = zq if p == q else zq / 2
            if w:
                eqs.append((w, 0))
    return eqs


def _dot(w: dict[tuple[Any, ...], Any], tot: dict[tuple[Any, ...], Any]) -> Any:
    return sum((c * tot[s] for s, c in w.items() if s in tot), fmpq(0))


@dataclass(frozen=True)
class Attempt:
    """Exact multipliers (by system index), the bound they prove, and the exact S."""

    x: dict[int, Fraction]
    bound: Fraction
    S: list[list[Fraction]]
    grid: int


def _pivots(A: np.ndarray, weights: np.ndarray) -> list[int]:
    """Columns of a numerically independent, preferably heavy, column basis of ``A``."""
    if A.size == 0:
        return []
    _, R, P = scipy.linalg.qr(A * weights, mode="economic", pivoting=True)
    diag = np.abs(np.diag(R))
    rank = int((diag > RANK_TOL * max(diag.max(initial=0.0), 1e-300)).sum())
    return [int(j) for j in P[:rank]]


def _float_matrix(sys: ExactSystem, eqs: list[Equation], cols: list[int]) -> np.ndarray:
    A = np.zeros((len(eqs), len(cols)))
    slot_rows: dict[tuple[Any, ...], list[tuple[int, float]]] = {}
    for e, (w, _) in enumerate(eqs):
        for s, c in w.items():
            slot_rows.setdefault(s, []).append((e, float(c)))
    for k, v in enumerate(cols):
        for s, c in sys.contrib[v].items():
            for e, we in slot_rows.get(s, ()):
                A[e, k] += we * float(c)
    return A


def rationalize_multipliers(
    sys: ExactSystem,
    numeric: Sequence[float],
    fixed: dict[int, Fraction],
    *,
    nf: int,
    bound: Fraction | None,
    null_space: list[list[Fraction]],
    zero_tol: float,
    target_S: np.ndarray | None = None,
    grids: Sequence[int] = GRIDS,
) -> Attempt:
    """Round ``numeric`` (fixing ``fixed`` exactly), solve a pivot subset, check exactly.

    Tries the grids of :data:`GRIDS` in turn; raises CertificateError naming the failed step.
    """
    eqs = _equations(sys, nf, bound, null_space)
    scale = max(1.0, max((abs(v) for v in numeric), default=1.0))
    support = [v for v, x in enumerate(numeric) if abs(x) > zero_tol * scale and v not in fixed]
    if target_S is not None:
        numeric = list(numeric)
        for _ in range(5):  # refine; multipliers pushed below 0 become structural zeros
            numeric = refine(sys, numeric, target_S, nf, support)
            neg = {v for v in support if numeric[v] < 0 and sys.senses[v] != "=="}
            if not neg:
                break
            for v in neg:
                numeric[v] = 0.0
            support = [v for v in support if v not in neg]
    last = "no grid tried"
    for _ in range(8):  # a pivot driven below 0 is a multiplier on the face's boundary: drop it
        A = _float_matrix(sys, eqs, support)
        weights = np.array([abs(numeric[v]) for v in support]) + 1e-6 * scale
        piv_local = _pivots(A, weights)
        piv = [support[k] for k in piv_local]
        rows = _pivots(A[:, piv_local].T, np.ones(len(eqs))) if piv else []
        if len(rows) < len(piv):
            raise CertificateError("exact solve: could not select independent equations")
        dropped = set()
        for grid in grids:
            x: dict[int, Any] = {v: fmpq(f.numerator, f.denominator) for v, f in fixed.items()}
            for v in support:
                if v not in piv:
                    x[v] = fmpq(round(numeric[v] * grid), grid)
            try:
                return _complete(sys, eqs, x, piv, rows, grid)
            except _Negative as exc:
                last = str(exc)
                dropped |= exc.indices & set(piv)
            except CertificateError as exc:
                last = str(exc)
        if not dropped:
            break
        support = [v for v in support if v not in dropped]
    raise CertificateError(last)


class _Negative(CertificateError):
    def __init__(self, message: str, indices: set[int]):
        super().__init__(message)
        self.indices = indices


def _complete(
    sys: ExactSystem,
    eqs: list[Equation],
    x: dict[int, Any],
    piv: list[int],
    rows: list[int],
    grid: int,
) -> Attempt:
    tot = sys.totals(x)
    A = [[_dot(eqs[e][0], sys.contrib[v]) for v in piv] for e in rows]
    b = [eqs[e][1] - _dot(eqs[e][0], tot) for e in rows]
    for v, val in zip(piv, solve_square(A, b)):
        x[v] = fmpq(val.numerator, val.denominator)
    tot = sys.totals(x)
    for w, rhs in eqs:
        if _dot(w, tot) != rhs:
            raise CertificateError(
                "exact solve: the equalities (value terms, objective weights, bound, S z = 0) "
                "are inconsistent; the guessed bound or null space of S is wrong"
            )
    negative = {v for v, val in x.items() if val < 0 and sys.senses[v] != "=="}
    if negative:
        v = min(negative)
        raise _Negative(
            f"nonnegativity: multiplier of {sys.names[v]} is {x[v]} < 0 after exact repair "
            f"(grid 1/{grid})",
            negative,
        )
    S = sys.s_matrix(tot)
    check = psd_check(S)
    if not check.is_psd:
        raise CertificateError(f"PSD check: S is not PSD ({check.reason}; grid 1/{grid})")
    exact = {v: to_fraction(val) for v, val in x.items() if val != 0}
    return Attempt(
        exact, to_fraction(tot.get(("c",), fmpq(0))), [[to_fraction(c) for c in r] for r in S], grid
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
    Aw, b = A @ sps.diags(w), np.array(rhs) - A @ x
    if Aw.shape[0] * Aw.shape[1] <= 2 * 10**7:  # dense least squares is more accurate
        y = np.linalg.lstsq(Aw.toarray(), b, rcond=None)[0]
    else:
        y = spla.lsqr(Aw, b, atol=1e-16, btol=1e-16, iter_lim=20 * len(support))[0]
    dx = w * y
    out = list(numeric)
    for k, v in enumerate(support):
        out[v] = float(x[k] + dx[k])
    return out
