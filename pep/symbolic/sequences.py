r"""Symbolic iteration index, parameters and sequences for potential proofs.

A proof is checked for a *symbolic* iteration counter :math:`k` and horizon :math:`N`. A
sequence is given either by a closed form in :math:`k` (e.g. :math:`\beta_k = 1/(k+2)`) or by
a recurrence between consecutive terms, such as OGM's

.. math:: \theta_{k+1}^2 - \theta_{k+1} - \theta_k^2 = 0,\qquad \theta_0 = 1,

with an optional *variant* at a special index (OGM's last step
:math:`\theta_N^2 - \theta_N - 2\theta_{N-1}^2 = 0`). A recurrence term at a symbolic index is
a fresh positive sympy symbol (``theta_k``, ``theta_{k+1}``); identities are then reduced
modulo the recurrence relations between the symbols that occur, and signs are proved from the
sequence's *facts* (lower bounds such as :math:`\theta_k \ge 1`, monotonicity).

The facts are mathematical statements about the sequence; each carries its justification in
the proof's docstring and is tested numerically in ``tests/test_symbolic_sequences.py``.

>>> import sympy as sp
>>> from pep.symbolic.sequences import Recurrence, K
>>> theta = Recurrence("theta", initial={0: 1}, relation=lambda a, b, k: b**2 - b - a**2,
...                    forward=lambda a, k: (1 + sp.sqrt(1 + 4 * a**2)) / 2, lower=(1,))
>>> theta.numeric(1)
1.618033988749895
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from pep.errors import InvalidArgument
from pep.model.coefficients import to_sympy

__all__ = ["K", "N", "param", "index_expr", "Closed", "Recurrence", "Sequence", "subscript"]

#: the symbolic iteration index (an integer >= 0; each link states its own lower bound)
K = sp.Symbol("k", integer=True, nonnegative=True)
#: the symbolic horizon (an integer >= 1)
N = sp.Symbol("N", integer=True, positive=True)


def param(name: str) -> sp.Symbol:
    """A positive real parameter (``L``, ``mu``, ``alpha``, ...).

    >>> param("L").is_positive
    True
    """
    return sp.Symbol(name, positive=True)


def index_expr(index: Any) -> Any:
    """An index as a sympy expression; strings read ``k`` and ``N`` as :data:`K` and :data:`N`.

    >>> index_expr("N - 1") - (N - 1)
    0
    """
    if isinstance(index, str):
        return _parse_index(index)
    return to_sympy(index)


_INDEX_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


def _parse_index(text: str) -> Any:
    """Parse an index such as ``"N - 1"`` or ``"2*k + 1"``: integers, ``N``, ``k``, ``+ - *``.

    A whitelist over Python's syntax tree; the text is never evaluated.
    """

    def walk(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return sp.Integer(node.value)
        if isinstance(node, ast.Name) and node.id in ("N", "k"):
            return N if node.id == "N" else K
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _INDEX_OPS:
            return _INDEX_OPS[type(node.op)](walk(node.left), walk(node.right))
        raise InvalidArgument(
            f"index {text!r}: only integers, N, k and + - * are allowed in an index"
        )

    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise InvalidArgument(f"index {text!r} is not an expression: {exc.msg}") from None
    return walk(tree.body)


def subscript(index: Any) -> str:
    """``k`` -> ``"k"``, ``k + 1`` -> ``"{k + 1}"``, ``3`` -> ``"3"`` (LaTeX-style subscripts).

    >>> subscript(K + 1), subscript(N), subscript(0)
    ('{k + 1}', 'N', '0')
    """
    text = sp.sstr(index_expr(index))
    return text if len(text) == 1 or text.isdigit() else "{" + text + "}"


@dataclass(frozen=True)
class Closed:
    """A sequence given by a closed form ``expr`` in the index ``K`` (e.g. ``1/(K + 2)``)."""

    name: str
    expr: Any

    def value(self, index: Any) -> Any:
        return to_sympy(self.expr).subs(K, index)

    def numeric(
        self,
        index: int,
        last: int | None = None,
        variant: str | None = None,
        params: Mapping[Any, Any] | None = None,
    ) -> float:
        return float(self.value(index).subs(dict(params or {})))


@dataclass(frozen=True)
class Recurrence:
    r"""A sequence defined by ``relation(a_i, a_{i+1}, i) = 0`` from ``initial`` values.

    * ``forward(a_i, i)`` computes the next term (sympy-evaluable; used for numeric values).
    * ``variants``: name -> ``(relation, forward)`` for a special last index (OGM's 8).
    * ``lower``: lower bounds, each a number or a callable of the index (facts
      :math:`a_i \ge \mathrm{lb}(i)`); ``monotone``: ``"increasing"``, ``"decreasing"`` or
      ``None`` (facts :math:`a_{i+1} \ge a_i` or :math:`a_{i+1} \le a_i`); ``positive``: the
      fact :math:`a_i > 0` (else positivity follows from a positive lower bound);
      ``evaluate(i, N)``: numeric values when the sequence is not computed forward (OGM-G's
      :math:`\psi_i = \theta_{N-i}`); ``initial`` keys may be strings in N (``{"N": 1}``);
      ``upper``: upper
      bounds like ``lower``; ``extra``: further facts as callables ``(a_i, i) -> expr >= 0``.
    * ``depends``: sequences this one is coupled to. The relation (and ``forward``, and each
      variant's) then takes their terms at the relation's index ``i`` as further arguments,
      ``relation(a_i, a_{i+1}, i, d_i, ...)``: FISTA-G's
      :math:`\tau_{i+1} u_i = \tau_i(u_i + 1)` is ``relation=lambda a, b, i, u: b * u - a *
      (u + 1)`` with ``depends=(U,)``. The checker proves the facts of each dependency first
      and uses them, at indices where they were proved, in this sequence's induction
      (:mod:`pep.symbolic.induction`).

    >>> u = Recurrence("u", initial={0: 2}, relation=lambda a, b, i: b - a - 1,
    ...                forward=lambda a, i: a + 1, lower=(2,))
    >>> s = Recurrence("s", initial={0: 1}, relation=lambda a, b, i, d: b - a * d,
    ...                forward=lambda a, i, d: a * d, depends=(u,))
    >>> s.numeric(2, depends_values=lambda i: (u.numeric(i),))
    6.0
    """

    name: str
    initial: Mapping[Any, Any]
    relation: Callable[..., Any]
    forward: Callable[..., Any]
    lower: tuple[Any, ...] = ()
    upper: tuple[Any, ...] = ()
    monotone: str | None = None
    positive: bool = False
    evaluate: Callable[[int, int], float] | None = None
    variants: Mapping[str, tuple[Callable[..., Any], Callable[..., Any]]] = field(
        default_factory=dict
    )
    depends: tuple[Recurrence, ...] = ()

    def __post_init__(self) -> None:
        for dep in self.depends:
            if not isinstance(dep, Recurrence):
                raise InvalidArgument(
                    f"sequence {self.name}: depends={dep!r} is not a Recurrence; a closed "
                    f"form needs no dependency (write it into the relation)"
                )
            if dep.name == self.name:
                raise InvalidArgument(
                    f"sequence {self.name}: it cannot depend on a sequence of its own name"
                )

    def numeric(
        self,
        index: int,
        last: int | None = None,
        variant: str | None = None,
        params: Mapping[Any, Any] | None = None,
        depends_values: Callable[[int], tuple[Any, ...]] | None = None,
    ) -> float:
        """Float value at ``index``; ``variant`` applies to the step into index ``last``;
        ``params`` maps parameter symbols (e.g. ``alpha0``) to numbers; ``depends_values(i)``
        gives the terms of :attr:`depends` at ``i`` (default: each one's own ``numeric``)."""
        subs = dict(params or {})
        if depends_values is None:
            deps = self.depends
            depends_values = lambda i: tuple(d.numeric(i, params=params) for d in deps)  # noqa: E731
        start = max(i for i in self.initial if isinstance(i, int))
        if index <= start:
            return float(to_sympy(self.initial[index]).subs(subs))
        value = float(to_sympy(self.initial[start]).subs(subs))
        for i in range(start, index):
            fwd = self.forward
            if variant is not None and last is not None and i + 1 == last:
                fwd = self.variants[variant][1]
            extra = tuple(to_sympy(v) for v in depends_values(i)) if self.depends else ()
            value = float(to_sympy(fwd(sp.Float(value, 30), i, *extra)).subs(subs))
        if not math.isfinite(value):
            raise ValueError(f"{self.name}_{index} is not finite")
        return value


Sequence = Closed | Recurrence
