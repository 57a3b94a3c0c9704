r"""Closed forms from sequences: exact rational interpolation and quadratic recurrences.

Multipliers and potential coefficients of a PEP, read off for :math:`k = 0..K` (or for several
horizons :math:`N`), are usually values of a low-degree rational function, e.g.
:math:`\lambda_{k,k+1} = (k+1)/(2N-k)`, or terms of a quadratic recurrence such as OGM's
:math:`\theta_{k+1}^2 - \theta_{k+1} = \theta_k^2`. This module finds such closed forms.

* :func:`rational_function` fits :math:`P(k)/Q(k)` (or :math:`P(k,N)/Q(k,N)`) by exact linear
  algebra over :math:`\mathbb{Q}` (python-flint ``fmpq_mat``): for each total degree
  :math:`d = \deg P + \deg Q = 0, 1, 2, \dots` it solves
  :math:`P(k_i) - y_i Q(k_i) = 0` on a *fitting prefix* with at least one more equation than
  unknowns, then checks the candidate on every *held-out* value. Only a validated guess is
  returned; otherwise ``None``.
* :func:`quadratic_recurrence` (in :mod:`pep.discover.recurrence`, importable from here) recognises :math:`a_{k+1}^2 + p\,a_{k+1} + q = r\,a_k^2 + s\,a_k`
  with small rational :math:`p, q, r, s` from float (or exact) terms, validated the same way.
* :func:`rationalize` (in :mod:`pep.discover.rationals`, importable from here) turns solver
  floats into nearby small-denominator fractions, refusing when no such fraction is close
  enough.

Nothing here is a proof: a validated guess is a *candidate* that a symbolic check must
confirm (see :mod:`pep.discover.prove`). Reference for the method (rational reconstruction by linear
algebra, as in Mathematica's ``FindSequenceFunction``): M. Kauers, P. Paule, *The Concrete
Tetrahedron*, Springer 2011, Sec. 2.6 and 7.

>>> from fractions import Fraction
>>> g = rational_function([Fraction(k + 1, k + 2) for k in range(8)])
>>> g
RationalGuess((k + 1)/(k + 2))
>>> g(10)
Fraction(11, 12)
>>> rational_function([2**k for k in range(8)]) is None   # not rational in k
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any

from pep.discover.rationals import GuessError, rationalize, rationalize_all, simplest_between
from pep.errors import InvalidArgument

__all__ = [
    "GuessError",
    "RationalGuess",
    "rationalize",
    "rationalize_all",
    "simplest_between",
    "rational_function",
    "approximate_rational_function",
]


Point = tuple[int, ...]


# -- exact linear algebra ------------------------------------------------------------------------
def _nullspace(rows: list[list[Fraction]], ncols: int) -> list[list[Fraction]]:
    """A basis of ``{v : rows @ v = 0}`` over Q (python-flint RREF)."""
    import flint

    if not rows:
        return [[Fraction(int(i == j)) for j in range(ncols)] for i in range(ncols)]
    entries = [flint.fmpq(v.numerator, v.denominator) for r in rows for v in r]
    R, rank = flint.fmpq_mat(len(rows), ncols, entries).rref()
    pivots: list[int] = []
    for i in range(rank):
        pivots.append(next(j for j in range(ncols) if R[i, j] != 0))
    basis = []
    for free in (j for j in range(ncols) if j not in pivots):
        v = [Fraction(0)] * ncols
        v[free] = Fraction(1)
        for i, pc in enumerate(pivots):
            e = R[i, free]
            v[pc] = -Fraction(int(e.p), int(e.q))
        basis.append(v)
    return basis


def _monomials(nvars: int, degree: int) -> list[tuple[int, ...]]:
    """Exponent tuples of total degree <= ``degree``, ordered by degree then lexicographically."""
    mons = [e for e in product(range(degree + 1), repeat=nvars) if sum(e) <= degree]
    return sorted(mons, key=lambda e: (sum(e), tuple(-x for x in e)))


def _eval(coeffs: Sequence[Fraction], mons: Sequence[tuple[int, ...]], at: Point) -> Fraction:
    total = Fraction(0)
    for c, e in zip(coeffs, mons):
        if c:
            term = Fraction(c)
            for v, p in zip(at, e):
                term *= Fraction(v) ** p
            total += term
    return total


@dataclass(frozen=True)
class RationalGuess:
    """A validated candidate ``P/Q`` in the variables ``names`` (exact rational coefficients).

    ``fitted`` and ``validated`` count the data points used to fit and to check it.
    """

    names: tuple[str, ...]
    num: tuple[tuple[tuple[int, ...], Fraction], ...]
    den: tuple[tuple[tuple[int, ...], Fraction], ...]
    fitted: int
    validated: int

    def __call__(self, *at: Any) -> Fraction:
        """Exact value at integer (or rational) arguments."""
        if len(at) != len(self.names):
            raise InvalidArgument(f"expected {len(self.names)} argument(s) {self.names}, got {at}")
        n = _eval([c for _, c in self.num], [e for e, _ in self.num], at)
        d = _eval([c for _, c in self.den], [e for e, _ in self.den], at)
        if d == 0:
            raise InvalidArgument(f"{self} has a pole at {dict(zip(self.names, at))}")
        return n / d

    def evaluate(self, *at: Any) -> Any:
        """Value at numbers (an exact Fraction) or at sympy expressions (a sympy expression).

        >>> import sympy as sp
        >>> g = RationalGuess(("k",), (((1,), Fraction(1)),), (((0,), Fraction(2)),), 0, 0)
        >>> g.evaluate(sp.Symbol("k") + 1), g.evaluate(3)
        ((k + 1)/2, Fraction(3, 2))
        """
        if all(isinstance(a, (int, Fraction)) for a in at):
            return self(*at)
        return self.to_sympy(*at)

    def to_data(self) -> list[Any]:
        """Plain literals (names, numerator, denominator; rationals as "p/q" strings) for
        generated files; :meth:`from_data` reads them back without evaluating code."""
        return [
            list(self.names),
            [[list(e), str(c)] for e, c in self.num],
            [[list(e), str(c)] for e, c in self.den],
        ]

    @classmethod
    def from_data(cls, data: Sequence[Any]) -> RationalGuess:
        """Inverse of :meth:`to_data` (``Fraction("p/q")`` parses; nothing is evaluated)."""
        names, num, den = data
        return cls(
            tuple(names),
            tuple((tuple(e), Fraction(c)) for e, c in num),
            tuple((tuple(e), Fraction(c)) for e, c in den),
            0,
            0,
        )

    def to_sympy(self, *symbols: Any) -> Any:
        """The guess as a cancelled sympy expression in ``symbols`` (default: symbols named
        like ``names``, integer and nonnegative)."""
        import sympy as sp

        if not symbols:
            symbols = tuple(sp.Symbol(n, integer=True, nonnegative=True) for n in self.names)

        def poly(terms: Any) -> Any:
            return sp.Add(
                *(
                    sp.Rational(c.numerator, c.denominator)
                    * sp.Mul(*(s**p for s, p in zip(symbols, e)))
                    for e, c in terms
                )
            )

        n, d = sp.fraction(sp.cancel(poly(self.num) / poly(self.den)))
        if sp.sstr(sp.expand(d)).startswith("-"):  # present denominators as 2*N - k, not -2*N + k
            n, d = -n, -d
        return sp.factor(n) / sp.factor(d)

    def __str__(self) -> str:
        return str(self.to_sympy())

    def __repr__(self) -> str:
        return f"RationalGuess({self})"


def _fit(
    data: list[tuple[Point, Fraction]], dp: int, dq: int, nvars: int
) -> tuple[list[Fraction], list[Fraction], list, list] | None:
    mp, mq = _monomials(nvars, dp), _monomials(nvars, dq)
    rows = []
    for at, y in data:
        rowp = [_eval([Fraction(1)], [e], at) for e in mp]
        rowq = [-y * _eval([Fraction(1)], [e], at) for e in mq]
        rows.append(rowp + rowq)
    basis = _nullspace(rows, len(mp) + len(mq))
    # A 1-dimensional solution space is the generic case; more means the data cannot tell
    # candidates apart at this degree (common factors): take none rather than one at random.
    if len(basis) != 1:
        return None
    v = basis[0]
    p, q = v[: len(mp)], v[len(mp) :]
    if not any(q):
        return None
    return p, q, mp, mq


def _normalized(p: list[Fraction], q: list[Fraction], mp: list, mq: list) -> tuple:
    lead = next(c for c in q if c)  # the lowest-degree coefficient of Q is 1
    num = tuple((e, c / lead) for e, c in zip(mp, p) if c)
    den = tuple((e, c / lead) for e, c in zip(mq, q) if c)
    return num, den


def _as_data(values: Sequence[Any] | Mapping[Any, Any], start: int) -> list[tuple[Point, Fraction]]:
    if isinstance(values, Mapping):
        items = [((k,) if isinstance(k, int) else tuple(k), v) for k, v in values.items()]
    else:
        items = [((start + i,), v) for i, v in enumerate(values)]
    out = []
    for at, v in items:
        if not isinstance(v, (int, Fraction)) or isinstance(v, bool):
            raise InvalidArgument(
                f"value {v!r} at {at} is not exact; pass int/Fraction values (use "
                "pep.discover.guess.rationalize_all on solver output first)"
            )
        out.append((at, Fraction(v)))
    return out


def rational_function(
    values: Sequence[Any] | Mapping[Any, Any],
    *,
    start: int = 0,
    names: tuple[str, ...] | None = None,
    holdout: int = 2,
    max_degree: int | None = None,
) -> RationalGuess | None:
    r"""The lowest-degree rational function through exact ``values``, validated on held-out data.

    ``values`` is a list (indexed ``start, start+1, ...``) or a mapping from ``k`` or from
    tuples ``(k, N)`` to exact values. The last ``holdout`` points (in the given order) are
    never used for fitting; the fit itself must be overdetermined by one equation. Degrees
    :math:`d = \deg P + \deg Q` increase from 0 up to ``max_degree`` (default: the largest the
    fitting data overdetermines). Returns ``None`` when no candidate survives validation.

    >>> from fractions import Fraction
    >>> rational_function({(k, n): Fraction(k + 1, 2 * n - k) for n in range(1, 7)
    ...                    for k in range(n)}, names=("k", "N"))
    RationalGuess((k + 1)/(2*N - k))
    >>> # fits the first six values (k^2) but not the held-out ones: rejected
    >>> rational_function([0, 1, 4, 9, 16, 25, 37, 50]) is None
    True
    """
    data = _as_data(values, start)
    nvars = len(data[0][0]) if data else 1
    names = names or (("k",) if nvars == 1 else tuple(f"v{i}" for i in range(nvars)))
    if len(names) != nvars:
        raise InvalidArgument(f"names={names!r} must name the {nvars} variable(s) of the data")
    if holdout < 1:
        raise InvalidArgument(f"holdout={holdout!r} must be >= 1: a guess must be validated")
    if len(data) < holdout + 2:
        raise InvalidArgument(
            f"{len(data)} values are too few for holdout={holdout}; give at least {holdout + 2}"
        )
    fit, held = data[:-holdout], data[-holdout:]
    for d in range(0, (max_degree if max_degree is not None else len(fit)) + 1):
        for dq in range(d + 1):
            dp = d - dq
            unknowns = len(_monomials(nvars, dp)) + len(_monomials(nvars, dq))
            if len(fit) < unknowns:  # unknowns - 1 for scale, + 1 to overdetermine
                continue
            sol = _fit(fit, dp, dq, nvars)
            if sol is None:
                continue
            num, den = _normalized(*sol)
            guess = RationalGuess(names, num, den, len(fit), len(held))
            if _agrees(guess, data):
                return guess
    return None


def _agrees(guess: RationalGuess, data: list[tuple[Point, Fraction]]) -> bool:
    try:
        return all(guess(*at) == y for at, y in data)
    except InvalidArgument:  # a pole at a data point
        return False


def _no_pole_ahead(guess: RationalGuess, last: int) -> bool:
    """Q keeps one sign on 0..4*last+10: a spurious fit of noise usually has a pole nearby."""
    d = [c for _, c in guess.den]
    signs = {(_eval(d, [e for e, _ in guess.den], (k,)) > 0) for k in range(0, 4 * last + 11)}
    zero = any(_eval(d, [e for e, _ in guess.den], (k,)) == 0 for k in range(0, 4 * last + 11))
    return len(signs) == 1 and not zero


def approximate_rational_function(
    values: Mapping[int, float],
    *,
    name: str = "k",
    tol: float = 5e-3,
    max_denominator: int = 64,
    max_degree: int = 3,
) -> RationalGuess | None:
    r"""A low-degree :math:`P(k)/Q(k)` with small rational coefficients near *noisy* values.

    For data known only to a few digits (an SDP solved near a degenerate optimum), exact
    interpolation is hopeless. Here :math:`P(k) - y_k Q(k) = 0` (with :math:`Q(0) = 1`) is
    solved by least squares for increasing degrees, the coefficients are rounded to
    denominators ``<= max_denominator``, and the result is accepted only if it is within
    ``tol`` (relative) of *every* value, with three more equations than unknowns and no pole
    of :math:`Q` on :math:`0..4\max k + 10` (noise fits tend to have one). A candidate, not a
    proof.

    >>> approximate_rational_function({k: (k + 1) / 2 + 1e-3 * (-1) ** k for k in range(8)})
    RationalGuess((k + 1)/2)
    """
    import numpy as np

    ks = sorted(values)
    y = np.array([float(values[k]) for k in ks])
    kk = np.array(ks, float)
    for d in range(max_degree + 1):
        for dq in range(d + 1):
            dp = d - dq
            n_unknown = dp + 1 + dq
            if len(ks) < n_unknown + 3:  # noisy data: demand three spare equations
                continue
            A = np.hstack(
                [
                    kk[:, None] ** np.arange(dp + 1),
                    -(y[:, None] * kk[:, None] ** np.arange(1, dq + 1)),
                ]
            )
            sol, *_ = np.linalg.lstsq(A, y, rcond=None)
            coeffs = [Fraction(float(c)).limit_denominator(max_denominator) for c in sol]
            num = tuple(((i,), c) for i, c in enumerate(coeffs[: dp + 1]) if c)
            den = (((0,), Fraction(1)),) + tuple(
                ((j + 1,), c) for j, c in enumerate(coeffs[dp + 1 :]) if c
            )
            guess = RationalGuess((name,), num, den, len(ks), 0)
            if not _no_pole_ahead(guess, max(ks)):
                continue
            try:
                if all(
                    abs(float(guess(k)) - values[k]) <= tol * max(1.0, abs(values[k])) for k in ks
                ):
                    return guess
            except InvalidArgument:
                continue
    return None


_MOVED = {"sparse_combination", "QuadraticRecurrence", "quadratic_recurrence"}


def __getattr__(name: str) -> Any:
    # the sequence/recurrence guessers live in pep.discover.recurrence (module size); importing them
    # from pep.discover.guess keeps working without an import cycle
    if name in _MOVED:
        import pep.discover.recurrence

        return getattr(pep.discover.recurrence, name)
    raise AttributeError(f"module 'pep.discover.guess' has no attribute {name!r}")
