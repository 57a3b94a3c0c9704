r"""Step matrices of fixed-step methods, and their H-duals.

A *fixed-step* first-order method with N gradient evaluations is

.. math:: x_{k+1} = x_k - \frac1L \sum_{i=0}^{k} h_{k+1,i}\,\nabla f(x_i),
          \qquad k = 0, \dots, N-1,

with the gradients at :math:`x_0, \dots, x_{N-1}` and the output :math:`x_N`; the
lower-triangular :math:`H = (h_{k+1,i})` is its step matrix (:class:`StepMatrix`). For the
built-in methods ``pep.algorithms.get(name).step_matrix(N)`` traces H from the method's own
``run`` (:func:`trace_step_matrix`), so H and the PEP share one implementation.

The H-dual (Kim, Ozdaglar, Park and Ryu, NeurIPS 2023) is the anti-transpose
:math:`h^A_{k+1,i} = h_{N-i,\,N-1-k}` (:func:`h_dual`); see :mod:`pep.algorithms.hduality`
for what it predicts.

Entries are exact: ``Fraction`` where rational. Where a method's coefficients are irrational
(OGM's :math:`\theta_k`), an entry is a sympy rational function of named sequence symbols
(``theta_1, ..., theta_N``), and :attr:`StepMatrix.sequence` defines each symbol exactly,
in order (e.g. ``theta_2 = 1/2 + sqrt(1 + 4*theta_1**2)/2``). Substituting nested radicals
into every entry would be exact too, but sympy then spends minutes on N = 10 normalising
them; the symbols keep the matrix small and make identities such as "OGM-G is the H-dual of
OGM" checkable as identities of rational functions (:meth:`StepMatrix.equals`).

>>> from fractions import Fraction
>>> H = StepMatrix(((Fraction(1),), (Fraction(1, 2), Fraction(3, 2))))
>>> h_dual(H).rows
((Fraction(3, 2),), (Fraction(1, 2), Fraction(1, 1)))
>>> h_dual(h_dual(H)) == H
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pep.errors import InvalidArgument
from pep.model import coefficients as C

__all__ = ["StepMatrix", "h_dual", "trace_step_matrix", "trace_with_sequence"]

_DIGITS = 40  # precision of the sequence values when entries are evaluated as floats


def _entry(c: Any, where: str) -> Any:
    """An exact coefficient (int, Fraction, sympy); ints and sympy rationals become Fractions."""
    c = C.coerce(c, where)
    return Fraction(c) if isinstance(c, int) else c


@dataclass(frozen=True)
class StepMatrix:
    r"""The lower-triangular :math:`H`: ``rows[k][i]`` is :math:`h_{k+1,i}` (0 ≤ i ≤ k < N).

    ``sequence``: pairs ``(symbol, exact value)`` for the symbols the entries use, in order
    (a value may use the symbols before it; empty when every entry is a number). ``==`` compares structurally; :meth:`equals` decides exact
    equality of the matrices.
    """

    rows: tuple[tuple[Any, ...], ...]
    sequence: tuple[tuple[Any, Any], ...] = ()

    def __post_init__(self) -> None:
        rows = tuple(tuple(r) for r in self.rows)
        if not rows:
            raise InvalidArgument("a step matrix needs N >= 1 rows; got none")
        for k, r in enumerate(rows):
            if len(r) != k + 1:
                raise InvalidArgument(
                    f"row {k} of a step matrix (step {k + 1}) must have {k + 1} entries "
                    f"h_{{{k + 1},0..{k}}}; got {len(r)}"
                )
        entries = tuple(
            tuple(_entry(c, f"h[{k + 1},{i}]") for i, c in enumerate(r)) for k, r in enumerate(rows)
        )
        object.__setattr__(self, "rows", entries)
        object.__setattr__(self, "sequence", tuple((s, v) for s, v in self.sequence))

    @classmethod
    def from_matrix(cls, H: Any) -> StepMatrix:
        """From a square lower-triangular array (nested lists, numpy or sympy matrix)."""
        if isinstance(H, StepMatrix):
            return H
        grid = [list(r) for r in (H.tolist() if hasattr(H, "tolist") else H)]
        n = len(grid)
        if n == 0 or any(len(r) != n for r in grid):
            lengths = [len(r) for r in grid]
            raise InvalidArgument(f"H must be a square N x N array; got row lengths {lengths}")
        for k, r in enumerate(grid):
            for i in range(k + 1, n):
                if not C.is_zero(C.coerce(r[i], "H entry")):
                    raise InvalidArgument(
                        f"H must be lower triangular: H[{k}][{i}] = {r[i]!r} (x_{k + 1} would "
                        f"use the gradient at x_{i}, not yet computed); set it to 0"
                    )
        return cls(tuple(tuple(r[: k + 1]) for k, r in enumerate(grid)))

    @property
    def N(self) -> int:
        return len(self.rows)

    def h(self, k1: int, i: int) -> Any:
        r""":math:`h_{k_1, i}` in the paper's indexing (1 ≤ k1 ≤ N, 0 ≤ i < k1)."""
        if not (1 <= k1 <= self.N and 0 <= i < k1):
            raise InvalidArgument(f"h({k1}, {i}) needs 1 <= k1 <= N={self.N} and 0 <= i < k1")
        return self.rows[k1 - 1][i]

    def as_lists(self) -> list[list[Any]]:
        """The full N x N matrix (zeros above the diagonal), entries as stored."""
        n = self.N
        return [list(r) + [Fraction(0)] * (n - len(r)) for r in self.rows]

    def numeric_entries(self) -> tuple[tuple[Any, ...], ...]:
        """Rows with the sequence symbols replaced by 40-digit values: floats where an entry
        depends on them, exact entries otherwise (what a numeric PEP runs)."""
        if not self.sequence:
            return self.rows
        import sympy as sp

        subs: dict[Any, Any] = {}
        for s, v in self.sequence:  # each value may use the symbols before it
            subs[s] = sp.sympify(v).xreplace(subs).evalf(_DIGITS)
        return tuple(
            tuple(float(c.xreplace(subs)) if isinstance(c, sp.Basic) else c for c in r)
            for r in self.rows
        )

    def as_float(self) -> list[list[float]]:
        """The full N x N matrix in floats."""
        n = self.N
        return [[float(c) for c in r] + [0.0] * (n - len(r)) for r in self.numeric_entries()]

    def simplified(self) -> StepMatrix:
        """The same matrix with every symbolic entry factored (sympy ``factor``: readable,
        but seconds at N = 10 for OGM, so not done when tracing)."""
        import sympy as sp

        rows = tuple(
            tuple(sp.factor(c) if isinstance(c, sp.Basic) else c for c in r) for r in self.rows
        )
        return StepMatrix(rows, self.sequence)

    def equals(self, other: Any) -> bool:
        """Exact equality of the two matrices.

        True when every pair of entries agrees as rational functions of the sequence symbols
        (so for every value of them: a proof); False when some pair differs at 40 digits; an
        :class:`~pep.errors.InvalidArgument` if the entries agree numerically but not as
        rational functions (deciding that needs the sequence's recurrence), or if the two
        matrices give one symbol different values.
        """
        o = StepMatrix.from_matrix(other)
        if o.N != self.N:
            return False
        table = dict(self.sequence)
        for s, v in o.sequence:
            if s in table and table[s] != v:
                raise InvalidArgument(f"the matrices give {s} different values ({table[s]}, {v})")
            table[s] = v
        pairs = [(a, b) for ra, rb in zip(self.rows, o.rows) for a, b in zip(ra, rb)]
        if not table:
            return all(a == b for a, b in pairs)
        import sympy as sp

        field = sp.field(list(table), sp.QQ)[0]
        if all(field.from_expr(sp.sympify(a)) == field.from_expr(sp.sympify(b)) for a, b in pairs):
            return True
        fa, fb = self.numeric_entries(), o.numeric_entries()
        values = [(a, b) for ra, rb in zip(fa, fb) for a, b in zip(ra, rb)]
        if any(abs(float(a) - float(b)) > 1e-12 * max(1.0, abs(float(a))) for a, b in values):
            return False
        raise InvalidArgument(
            "the entries agree numerically but not as rational functions of the sequence "
            "symbols: exact equality would need the sequence's recurrence"
        )


def h_dual(H: Any) -> StepMatrix:
    r"""The H-dual (anti-transpose) :math:`h^A_{k+1,i} = h_{N-i,\,N-1-k}` of a step matrix.

    ``H`` is a :class:`StepMatrix` or a square lower-triangular array; the anti-transpose of a
    lower-triangular matrix is lower triangular, and ``h_dual(h_dual(H)) == H``.

    >>> h_dual([[1, 0], [2, 3]]).rows
    ((Fraction(3, 1),), (Fraction(2, 1), Fraction(1, 1)))
    """
    S = StepMatrix.from_matrix(H)
    n = S.N
    rows = tuple(tuple(S.rows[n - 1 - i][n - 1 - k] for i in range(k + 1)) for k in range(n))
    return StepMatrix(rows, S.sequence)


def _is_zero(c: Any) -> bool:
    sp = __import__("sys").modules.get("sympy")
    if sp is not None and isinstance(c, sp.Basic):
        return bool(sp.cancel(c) == 0)
    return C.is_zero(c)


def trace_step_matrix(run: Callable[..., Any], N: int, L: Any = 1) -> StepMatrix:
    r"""The step matrix of a method, read off its own ``run(problem, f, x0) -> x_N``.

    ``run`` is evaluated once on a :class:`pep.SmoothConvex` function (nothing is solved).
    The method must evaluate exactly N gradients, the first at :math:`x_0`, and each point
    must be the previous one minus a combination of the gradients seen so far; otherwise it
    is not a fixed-step method and :class:`~pep.errors.InvalidArgument` names the step.
    """
    from pep.functions import SmoothConvex
    from pep.model.problem import Problem

    problem = Problem()
    f = problem.function(SmoothConvex(L=1))
    x0 = problem.point("x0")
    out = run(problem, f, x0)
    recs = f.records
    if len(recs) != N:
        raise InvalidArgument(
            f"the method evaluated {len(recs)} gradients, expected N={N}: not a fixed-step "
            "method with one gradient per step"
        )
    if recs[0].x.key() != x0.key():
        raise InvalidArgument("the first gradient is not evaluated at x0")
    points = [r.x for r in recs] + [out]
    grads = [next(iter(r.g.terms)) for r in recs]
    rows = []
    for k in range(N):
        diff = (points[k + 1] - points[k]).terms
        allowed = set(grads[: k + 1])
        bad = [lf.name for lf, c in diff.items() if lf not in allowed and not _is_zero(c)]
        if bad:
            raise InvalidArgument(
                f"step {k + 1} of the method moves along {bad}: x_{k + 1} - x_{k} must be a "
                f"combination of the gradients at x_0..x_{k}"
            )
        rows.append(tuple(C.mul(-L, diff.get(g, 0)) for g in grads[: k + 1]))
    return StepMatrix(tuple(rows))


def trace_with_sequence(
    run_with: Callable[[list[Any]], Callable[..., Any]],
    values: Sequence[Any],
    names: Sequence[str],
    N: int,
    L: Any = 1,
) -> StepMatrix:
    """:func:`trace_step_matrix` for a method driven by a sequence of numbers: each
    irrational term ``values[i]`` becomes the positive symbol ``names[i]`` (rational terms
    stay numbers), and the symbols' exact values go into :attr:`StepMatrix.sequence` (a value
    may be an expression in the symbols before it, e.g. from
    :func:`pep.algorithms.base.theta_definitions`).

    ``run_with(seq)`` returns the ``run(problem, f, x0)`` of the method using ``seq``.
    """
    import sympy as sp

    vals = [sp.sympify(v) for v in values]
    syms = [v if v.is_Rational else sp.Symbol(n, positive=True) for v, n in zip(vals, names)]
    H = trace_step_matrix(run_with(syms), N, L)
    seq = tuple((s, v) for s, v in zip(syms, vals) if s is not v)
    return StepMatrix(H.rows, seq)
