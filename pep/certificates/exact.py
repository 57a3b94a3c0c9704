r"""Rational linear algebra for certificates: exact PSD test and exact linear solves.

Everything here is exact: inputs are ``int``/``Fraction`` (a ``float`` is converted to the
dyadic rational it *is*, never rounded), arithmetic runs on python-flint's ``fmpq``.

**PSD test.** A symmetric matrix :math:`S` is positive semidefinite iff symmetric Gaussian
elimination with *diagonal* pivoting succeeds: pick a diagonal entry :math:`d_p > 0`, replace the
rest by the Schur complement :math:`S' = S_{rr} - s s^T/d_p` (PSD iff :math:`S` is, given
:math:`d_p > 0`); a negative diagonal entry, or a zero diagonal entry with a nonzero entry in its
row, proves :math:`S \not\succeq 0` (a 2x2 principal minor :math:`\begin{smallmatrix}0&a\\a&c
\end{smallmatrix}` has determinant :math:`-a^2 < 0`); an all-zero remainder is PSD. This is the
exact :math:`LDL^T` factorisation with symmetric pivoting (Golub and Van Loan, *Matrix
Computations*, 4th ed., Sec. 4.2.8). Unlike leading principal minors (Sylvester's criterion,
only valid for definite matrices), it is correct for singular PSD matrices. Rows are stored
sparsely and the pivot with the sparsest row is taken first, which limits fill-in.

>>> from fractions import Fraction
>>> psd_check([[1, 1], [1, 1]]).is_psd          # singular PSD: leading minors would also pass
True
>>> psd_check([[0, 0, 0], [0, 1, 2], [0, 2, 1]]).is_psd   # leading minors 0, 0, 0 mislead
False
>>> psd_check([[2, Fraction(1, 3)], [Fraction(1, 3), 0.5]]).rank
2
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import flint

from pep.errors import CertificateError

__all__ = ["to_fraction", "PsdCheck", "psd_check", "charpoly_is_psd", "solve_square", "fmpq"]

fmpq = flint.fmpq


def to_fraction(c: Any, what: str = "coefficient") -> Fraction:
    """``c`` as an exact Fraction; a float is converted exactly (it is a dyadic rational).

    >>> to_fraction(0.5), to_fraction(Fraction(2, 4))
    (Fraction(1, 2), Fraction(1, 2))
    """
    if isinstance(c, bool):
        raise CertificateError(f"{what}={c!r} is a bool, not a number")
    if isinstance(c, (int, Fraction)):
        return Fraction(c)
    if isinstance(c, float):
        if c != c or c in (float("inf"), float("-inf")):
            raise CertificateError(
                f"{what}={c!r} is not finite; an exact certificate needs numbers"
            )
        return Fraction(c)
    if isinstance(c, flint.fmpq):
        return Fraction(int(c.p), int(c.q))
    if isinstance(c, flint.fmpz):
        return Fraction(int(c))
    is_rational = getattr(c, "is_Rational", False)
    if is_rational:  # a sympy Rational (never sympify text: only already-built objects)
        return Fraction(int(c.p), int(c.q))
    raise CertificateError(
        f"{what}={c!r} is not rational; exact certificates need int, Fraction or float "
        "coefficients (substitute numbers for symbols first)"
    )


def _q(c: Any) -> flint.fmpq:
    f = to_fraction(c)
    return flint.fmpq(f.numerator, f.denominator)


@dataclass(frozen=True)
class PsdCheck:
    """Outcome of :func:`psd_check`: ``is_psd``, the ``rank`` found, and a readable ``reason``.

    ``index`` is the row (original numbering) at which elimination stopped, or ``None``.
    """

    is_psd: bool
    rank: int
    reason: str
    index: int | None = None

    def __bool__(self) -> bool:
        return self.is_psd


def _sparse_rows(S: Any) -> dict[int, dict[int, flint.fmpq]]:
    """Symmetric sparse rows from a dense nested sequence or a ``{(i, j): value}`` mapping."""
    rows: dict[int, dict[int, flint.fmpq]] = {}
    if isinstance(S, Mapping):
        n = 1 + max((max(k) for k in S), default=-1)
        items: Iterable[tuple[tuple[int, int], Any]] = S.items()
    else:
        n = len(S)
        items = (((i, j), S[i][j]) for i in range(n) for j in range(n) if len(S[i]) == n)
        if any(len(r) != n for r in S):
            raise CertificateError(
                f"matrix is not square: {n} rows of lengths {[len(r) for r in S]}"
            )
    for i in range(n):
        rows[i] = {}
    for (i, j), v in items:
        q = _q(v)
        if q != 0:
            rows[i][j] = q
    for i in range(n):
        for j, v in rows[i].items():
            if rows[j].get(i, 0) != v:
                raise CertificateError(f"matrix is not symmetric: entry ({i},{j}) != ({j},{i})")
    return rows


def psd_check(S: Sequence[Sequence[Any]] | Mapping[tuple[int, int], Any]) -> PsdCheck:
    """Exact PSD test by sparse :math:`LDL^T` with diagonal pivoting (see the module doc).

    ``S`` is a dense square nested sequence or a sparse ``{(i, j): value}`` mapping holding both
    triangles; entries are int, Fraction, float (taken exactly) or fmpq.

    >>> psd_check([[1, 2], [2, 1]]).reason
    'negative Schur complement pivot -3 at row 1 after 1 elimination step(s)'
    """
    rows = _sparse_rows(S)
    active = set(rows)
    rank = 0
    while active:
        best, best_size = -1, -1
        for i in active:
            d = rows[i].get(i, 0)
            if d < 0:
                return PsdCheck(False, rank, _neg(d, i, rank), i)
            if d == 0 and len(rows[i]) > 0:
                j = min(rows[i])
                return PsdCheck(
                    False,
                    rank,
                    f"zero diagonal at row {i} with nonzero entry {rows[i][j]} at column {j} "
                    f"after {rank} elimination step(s) (a 2x2 principal minor is negative)",
                    i,
                )
            if d > 0 and (best < 0 or len(rows[i]) < best_size):
                best, best_size = i, len(rows[i])
        if best < 0:  # every remaining row is identically zero
            break
        _eliminate(rows, active, best)
        rank += 1
    return PsdCheck(True, rank, f"PSD (rank {rank})")


def _neg(d: Any, i: int, steps: int) -> str:
    return f"negative Schur complement pivot {d} at row {i} after {steps} elimination step(s)"


def _eliminate(rows: dict[int, dict[int, flint.fmpq]], active: set[int], p: int) -> None:
    """Replace the rows of ``active - {p}`` by the Schur complement of pivot ``p``."""
    prow = rows[p]
    dp = prow[p]
    nbrs = [(i, v) for i, v in prow.items() if i != p]
    for i, vi in nbrs:
        row = rows[i]
        f = vi / dp
        for j, vj in nbrs:
            w = row.get(j, 0) - f * vj
            if w == 0:
                row.pop(j, None)
            else:
                row[j] = w
        row.pop(p, None)
    active.discard(p)
    rows[p] = {}


def charpoly_is_psd(S: Sequence[Sequence[Any]]) -> bool:
    r"""Independent PSD test: :math:`\det(tI - S) = \sum_k c_k t^k` has only real roots, which
    are all :math:`\ge 0` iff the coefficients alternate in sign, :math:`(-1)^{n-k} c_k \ge 0`
    (Descartes' rule of signs).

    >>> charpoly_is_psd([[1, 1], [1, 1]]), charpoly_is_psd([[1, 2], [2, 1]])
    (True, False)
    """
    n = len(S)
    if n == 0:
        return True
    M = flint.fmpq_mat(n, n, [_q(v) for row in S for v in row])
    coeffs = M.charpoly().coeffs()  # c_0 .. c_n
    return all((c if (n - k) % 2 == 0 else -c) >= 0 for k, c in enumerate(coeffs))


def solve_square(A: Sequence[Sequence[Any]], b: Sequence[Any]) -> list[Fraction]:
    """The exact solution of the square nonsingular system ``A x = b``.

    >>> solve_square([[2, 1], [1, 3]], [3, 5])
    [Fraction(4, 5), Fraction(7, 5)]
    """
    n = len(A)
    if n == 0:
        return []
    M = flint.fmpq_mat(n, n, [_q(v) for row in A for v in row])
    rhs = flint.fmpq_mat(n, 1, [_q(v) for v in b])
    try:
        x = M.solve(rhs)
    except ZeroDivisionError as exc:
        raise CertificateError(f"exact solve: the {n}x{n} pivot system is singular") from exc
    return [to_fraction(x[i, 0]) for i in range(n)]
