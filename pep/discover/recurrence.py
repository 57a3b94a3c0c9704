r"""Closed forms over a known sequence, and quadratic recurrences (part of :mod:`pep.discover.guess`).

* :func:`sparse_combination`: the sparsest small-rational combination of given feature
  sequences (e.g. :math:`1, \theta_k, \theta_k^2, \theta_{k+1}`) through float data;
* :func:`quadratic_recurrence`: recognise :math:`a_{k+1}^2 + p a_{k+1} + q = r a_k^2 + s a_k`.

Both fit on a prefix and validate on every value; neither returns an unvalidated guess.
Reference: M. Kauers, P. Paule, *The Concrete Tetrahedron*, Springer 2011, Ch. 7.

>>> quadratic_recurrence([1, 2, 5, 26, 677, 458330]) is None   # a_{k+1} = a_k^2 + 1: not this family
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pep.discover.guess import rationalize_all
from pep.errors import InvalidArgument

__all__ = ["sparse_combination", "QuadraticRecurrence", "quadratic_recurrence"]


def sparse_combination(
    values: Sequence[float],
    features: Mapping[str, Sequence[float]],
    *,
    max_terms: int = 2,
    max_denominator: int = 12,
    tol: float = 1e-6,
    holdout: int = 2,
) -> dict[str, Fraction] | None:
    r"""The sparsest :math:`y_i = \sum_j c_j \phi_j(i)` with small rational :math:`c_j`.

    For irrational data whose closed form is a polynomial in a known sequence (e.g. OGM's
    :math:`2\theta_k^2`): subsets of the ``features`` are tried by size (1, 2, ...), each fitted
    by least squares on all but the last ``holdout`` values, rounded to denominators
    ``<= max_denominator`` and accepted only if within ``tol`` (relative) of *every* value.

    >>> import math
    >>> th = [1.0]
    >>> for _ in range(7):
    ...     th.append((1 + math.sqrt(1 + 4 * th[-1] ** 2)) / 2)
    >>> sparse_combination([2 * t * t for t in th], {"1": [1.0] * 8, "t": th, "t^2": [t * t for t in th]})
    {'t^2': Fraction(2, 1)}
    """
    from itertools import combinations

    import numpy as np

    y = np.array([float(v) for v in values])
    names = list(features)
    F = {n: np.array([float(v) for v in features[n]]) for n in names}
    fit = slice(0, len(y) - holdout)
    for size in range(1, max_terms + 1):
        for subset in combinations(names, size):
            A = np.stack([F[n] for n in subset], axis=1)
            if A[fit].shape[0] <= size:
                continue
            sol, *_ = np.linalg.lstsq(A[fit], y[fit], rcond=None)
            coeffs = [Fraction(float(c)).limit_denominator(max_denominator) for c in sol]
            if any(c == 0 for c in coeffs):
                continue
            pred = A @ np.array([float(c) for c in coeffs])
            if np.all(np.abs(pred - y) <= tol * np.maximum(1.0, np.abs(y))):
                return dict(zip(subset, coeffs))
    return None


@dataclass(frozen=True)
class QuadraticRecurrence:
    r""":math:`a_{k+1}^2 + p\,a_{k+1} + q = r\,a_k^2 + s\,a_k` (exact rationals p, q, r, s).

    ``next(a)`` is the larger root (the branch the data followed); ``relation(a, b)`` is the
    polynomial that vanishes on consecutive terms (the form :mod:`pep.symbolic` reduces by).
    """

    p: Fraction
    q: Fraction
    r: Fraction
    s: Fraction
    fitted: int
    validated: int

    def relation(self, a: Any, b: Any) -> Any:
        """:math:`b^2 + p b + q - r a^2 - s a` (zero on consecutive terms ``a, b``)."""
        return b**2 + self.p * b + self.q - self.r * a**2 - self.s * a

    def next(self, a: float) -> float:
        disc = self.p**2 - 4 * (self.q - self.r * a * a - self.s * a)
        return float((-self.p + math.sqrt(float(disc))) / 2)

    def __str__(self) -> str:
        import sympy as sp

        a, b = sp.symbols("a_k a_{k+1}")
        lhs = sp.expand(b**2 + sp.Rational(self.p) * b + sp.Rational(self.q))
        return f"{lhs} = {sp.expand(sp.Rational(self.r) * a**2 + sp.Rational(self.s) * a)}"

    def __repr__(self) -> str:
        return f"QuadraticRecurrence({self})"


def _lstsq_relation(pairs: list[tuple[float, float]], use_s: bool) -> list[float] | None:
    import numpy as np

    # b^2 = -p b - q + r a^2 (+ s a): linear in the unknown coefficients
    A = np.array([[-b, -1.0, a * a] + ([a] if use_s else []) for a, b in pairs])
    y = np.array([b * b for _, b in pairs])
    if len(pairs) <= A.shape[1]:
        return None
    sol, *_ = np.linalg.lstsq(A, y, rcond=None)
    return [float(v) for v in sol]


def quadratic_recurrence(
    values: Sequence[Any],
    *,
    holdout: int = 2,
    max_denominator: int = 12,
    tol: float = 1e-9,
) -> QuadraticRecurrence | None:
    r"""Recognise :math:`a_{k+1}^2 + p a_{k+1} + q = r a_k^2 + s a_k` with small rationals.

    Fitted by least squares on all but the last ``holdout`` consecutive pairs (the system
    must be overdetermined), coefficients rounded to denominators ``<= max_denominator``;
    accepted only if the relation holds to ``tol`` (relative) on *every* pair and iterating
    :meth:`QuadraticRecurrence.next` from the first term reproduces all terms. The form
    without :math:`s` is tried first.

    >>> import math
    >>> theta = [1.0]
    >>> for _ in range(8):
    ...     theta.append((1 + math.sqrt(1 + 4 * theta[-1] ** 2)) / 2)
    >>> quadratic_recurrence(theta)
    QuadraticRecurrence(a_{k+1}**2 - a_{k+1} = a_k**2)
    """
    vals = [float(v) for v in values]
    if holdout < 1:
        raise InvalidArgument(f"holdout={holdout!r} must be >= 1: a guess must be validated")
    pairs = list(zip(vals, vals[1:]))
    fit = pairs[:-holdout]
    for use_s in (False, True):
        raw = _lstsq_relation(fit, use_s)
        if raw is None:
            continue
        coeffs = rationalize_all(raw, max_denominator=max_denominator, tol=1e-6)
        if coeffs is None:
            continue
        p, q, r = coeffs[:3]
        s = coeffs[3] if use_s else Fraction(0)
        rec = QuadraticRecurrence(p, q, r, s, len(fit), holdout)
        if _recurrence_holds(rec, vals, tol):
            return rec
    return None


def _recurrence_holds(rec: QuadraticRecurrence, vals: list[float], tol: float) -> bool:
    scale = max(1.0, max(abs(v) for v in vals) ** 2)
    for a, b in zip(vals, vals[1:]):
        if abs(float(rec.relation(a, b))) > tol * scale:
            return False
    x = vals[0]
    for v in vals[1:]:
        try:
            x = rec.next(x)
        except ValueError:  # negative discriminant: the data followed no real branch
            return False
        if abs(x - v) > 1e3 * tol * max(1.0, abs(v)):
            return False
    return True
