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
exactly (:func:`pep.certificates.exact.psd_check`).

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

from pep.certificates.exact import fmpq, psd_check, solve_square, to_fraction
from pep.certificates.rounding import (  # noqa: F401  (re-exported for pep.certificates.certificate)
    GUESS_TOL,
    NULL_GUESS_TOL,
    NULL_TOL,
    guess,
    null_guess_tolerances,
    null_residual,
    null_space_basis,
    null_space_guesses,
    refine,
    round_up,
    zero_rows,
)
from pep.errors import CertificateError

__all__ = ["Row", "ExactSystem", "Attempt", "exact_rows", "row_of", "rationalize_multipliers"]

RANK_TOL = 1e-9  # relative threshold of a numerically zero pivot (column-pivoted QR)
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


def row_of(expr: Any, problem: Any) -> Row:
    """``expr`` (an exact Scalar of ``problem``) as a Row over the problem's leaves."""
    points = [lf for lf in problem.leaves if lf.kind == "point"]
    vals = [lf for lf in problem.leaves if lf.kind == "value"]
    return _row(expr, {lf: k for k, lf in enumerate(points)}, {lf: k for k, lf in enumerate(vals)})


def exact_rows(problem: Any) -> tuple[dict[str, tuple[str, Row]], list[Row]]:
    """``{name: (sense, Row)}`` of the problem's constraints and the objective Rows, exactly.

    The interpolation rows are rebuilt in exact arithmetic from exact records
    (:func:`pep.certificates.statement.exact_constraints`): the rows an independent checker
    rebuilds, even when the model has float steps."""
    from pep.certificates.statement import exact_constraints, exact_scalar

    points = [lf for lf in problem.leaves if lf.kind == "point"]
    vals = [lf for lf in problem.leaves if lf.kind == "value"]
    ppos = {lf: k for k, lf in enumerate(points)}
    fpos = {lf: k for k, lf in enumerate(vals)}
    rows: dict[str, tuple[str, Row]] = {}
    for c in exact_constraints(problem):
        if c.name in rows:
            raise CertificateError(
                f"two constraints are named {c.name!r}; certificates are keyed by name, give "
                "each assumption a unique name (problem.assume(..., name=...))"
            )
        rows[c.name] = (c.sense, _row(c.expr, ppos, fpos))
    return rows, [_row(exact_scalar(m), ppos, fpos) for m in problem.objectives]


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
    extra: Sequence[Equation] = (),
) -> Attempt:
    """Round ``numeric`` (fixing ``fixed`` exactly), solve a pivot subset, check exactly.

    Tries the grids of :data:`GRIDS` in turn; raises CertificateError naming the failed step.
    ``extra`` equations (on slots of ``sys``) are imposed besides the value terms, the weights,
    the bound and ``S z = 0`` (the null vectors of PSD blocks, :mod:`pep.certificates.lmi`).
    """
    eqs = _equations(sys, nf, bound, null_space) + list(extra)  # extra: e.g. Z_b u = 0
    scale = max(1.0, max((abs(v) for v in numeric), default=1.0))
    support = [v for v, x in enumerate(numeric) if abs(x) > zero_tol * scale and v not in fixed]
    if target_S is not None:
        numeric, support = _refined(sys, numeric, target_S, nf, support)
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


def _refined(
    sys: ExactSystem, numeric: Sequence[float], target: np.ndarray, nf: int, support: list[int]
) -> tuple[list[float], list[int]]:
    """:func:`refine` repeatedly; multipliers pushed below 0 become structural zeros."""
    out = list(numeric)
    for _ in range(5):
        out = refine(sys, out, target, nf, support)
        neg = {v for v in support if out[v] < 0 and sys.senses[v] != "=="}
        if not neg:
            break
        for v in neg:
            out[v] = 0.0
        support = [v for v in support if v not in neg]
    return out, support


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
