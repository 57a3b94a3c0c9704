r"""Linear combinations of functions and operators: ``f + h``, ``c * f``, ``f / c``, ``sum(fs)``,
``f - g``, ``A + h``.

A combination :math:`F = \sum_k c_k f_k` is not a new function class: each term keeps its own
class and its own records, and the combination's oracle is the combination of theirs,

.. math:: \nabla F(x) = \sum_k c_k\, g_k(x), \qquad F(x) = \sum_k c_k\, f_k(x),

with :math:`g_k(x) \in \partial f_k(x)` the term's record at :math:`x` (created on first use, as
for a single function). Coefficients are exact (``f / 3`` has coefficient ``Fraction(1, 3)``).
Every coefficient must be positive, except the ones written as a difference: ``f - g`` is a
*difference of convex functions* (DC programs), **not** a convex function, and its "gradient"
:math:`g_f(x) - g_g(x)` is the difference of the terms' records, as in DC algorithms.

Recording on a combination (:meth:`SumFunction.record`, used by steps such as a proximal step
on a sum) splits the given gradient among the terms: every term without a record at that point
gets a new free gradient, except one, whose gradient is fixed so that the weighted sum is the
given one (PEPit's semantics for a point added to a sum of functions). The stationary point of
a combination is such a record with gradient 0: :math:`\sum_k c_k g_k(x_\star) = 0`.

A combination with an operator (``A + h``, e.g. a monotone operator plus the indicator of a
set) is a :class:`SumOperator`: its value at ``x`` is :math:`\sum_k c_k u_k(x)` (operator values
and subgradients) and :meth:`SumOperator.zero` is a solution of the inclusion
:math:`0 \in \sum_k c_k A_k(x_\star)`.

>>> import pep
>>> problem = pep.Problem()
>>> f = problem.function(pep.SmoothConvex(L=1), name="f")
>>> h = problem.function(pep.Convex(), name="h")
>>> F = f + h / 2
>>> F
SumFunction(f + 1/2*h)
>>> sum([f, h]).coefficients
(1, 1)
"""

from __future__ import annotations

from typing import Any

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.algebra import Point, Scalar
from pep.model.combinable import Combinable
from pep.model.oracles import Function, Operator

__all__ = ["SumFunction", "SumOperator", "combine"]


def combine(problem: Any, terms: list[tuple[Any, Any]]) -> Any:
    """The combination of ``(oracle, coefficient)`` terms: equal oracles merged, zero
    coefficients dropped; a single term with coefficient 1 is the oracle itself."""
    merged: dict[int, list[Any]] = {}
    for o, c in terms:
        if id(o) in merged:
            merged[id(o)][1] = C.add(merged[id(o)][1], c)
        else:
            merged[id(o)] = [o, c]
    kept = [(o, c) for o, c in merged.values() if not C.is_zero(c)]
    if not kept:
        raise InvalidArgument(
            "the combination is identically zero (every term cancels); drop it instead"
        )
    if len(kept) == 1 and kept[0][1] == 1:
        return kept[0][0]
    oracles, coefficients = tuple(o for o, _ in kept), tuple(c for _, c in kept)
    if any(isinstance(o, Operator) for o in oracles):
        return SumOperator(problem, oracles, coefficients)
    return SumFunction(problem, oracles, coefficients)  # type: ignore[arg-type]


def _name(components: tuple[Any, ...], coefficients: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for o, c in zip(components, coefficients):
        negative = _negative(c)
        size = C.neg(c) if negative else c
        text = o.name if size == 1 else f"{size}*{o.name}"
        if parts:
            parts.append(("- " if negative else "+ ") + text)
        else:
            parts.append(("-" if negative else "") + text)
    return " ".join(parts)


def _negative(c: Any) -> bool:
    try:
        return bool(c < 0)
    except TypeError:  # symbolic coefficient of unknown sign
        return False


class _Combination(Combinable):
    """Terms ``c_k * o_k`` of one problem (the base of :class:`SumFunction`, :class:`SumOperator`)."""

    def __init__(
        self, problem: Any, components: tuple[Any, ...], coefficients: tuple[Any, ...] | None = None
    ):
        self.problem = problem
        self.components = tuple(components)
        self.coefficients = tuple(coefficients) if coefficients else (1,) * len(components)
        self._stationary: Point | None = None

    @property
    def name(self) -> str:  # type: ignore[override]
        return _name(self.components, self.coefficients)

    def _terms(self) -> list[tuple[Any, Any]]:
        return list(zip(self.components, self.coefficients))

    def _check_point(self, x: object) -> Point:
        return self.components[0]._check_point(x)

    def _split(self, x: Point, g: Point | None, label: str) -> list[Point]:
        """Component vectors at ``x``: existing records kept, new free ones for the others,
        the last new one fixed so that ``sum c_k u_k = g`` (when ``g`` is given)."""
        existing = [o.record_at(x) for o in self.components]
        fresh = [k for k, r in enumerate(existing) if r is None]
        if not fresh:
            raise InvalidArgument(
                f"every term of {self.name} already has a record at {x!r}; evaluate the "
                "combination there (F.grad(x), F(x)) instead of recording it"
            )
        vecs: list[Any] = [r.g if r is not None else None for r in existing]
        for k in fresh[:-1] if g is not None else fresh:
            vecs[k] = _new_vector(self.components[k], label)
        if g is not None:
            last = fresh[-1]
            rest = sum(
                (c * v for k, (v, c) in enumerate(zip(vecs, self.coefficients)) if k != last),
                Point({}, self.problem),
            )
            vecs[last] = (g - rest) * C.div(1, self.coefficients[last])
        return vecs

    def _record(self, x: Any, g: Point | None, value: Any, name: str | None) -> tuple[Point, list]:
        first = self.components[0]
        x = first._new_point(x, name)
        if g is not None:
            g = first._check_vector(g, "g")
        label = first._label(x)
        existing = [o.record_at(x) for o in self.components]
        vecs = self._split(x, g, label)
        values = self._values(existing, value, label)
        for o, r, v, fv in zip(self.components, existing, vecs, values):
            if r is None:
                if isinstance(o, Function):
                    o.add_record(x, v, fv, label)
                else:
                    o.add_record(x, v, label)
        return x, vecs

    def _values(self, existing: list, value: Any, label: str) -> list[Any]:
        out: list[Any] = []
        for o, r in zip(self.components, existing):
            if isinstance(o, Operator):
                out.append(None)
            else:
                out.append(r.f if r is not None else o.value_at_new_record(label))
        if value is None:
            return out
        fresh = [
            k
            for k, (o, r) in enumerate(zip(self.components, existing))
            if r is None and isinstance(o, Function) and o.cls.has_values
        ]
        if not fresh:
            raise InvalidArgument(
                f"value={value!r}: no term of {self.name} can take a new value at this point "
                "(each has a record there, or is an indicator); omit the value"
            )
        k = fresh[-1]
        target = value if isinstance(value, Scalar) else Scalar({}, C.coerce(value), self.problem)
        rest = sum(
            (
                c * v
                for j, (v, c) in enumerate(zip(out, self.coefficients))
                if j != k and v is not None
            ),
            Scalar({}, 0, self.problem),
        )
        out[k] = (target - rest) * C.div(1, self.coefficients[k])
        return out

    def _stationary_point(self) -> Point:
        if self._stationary is None:
            xs = self.problem._point(self.problem._fresh_name("x*"))
            self._record(xs, Point({}, self.problem), None, None)
            self._stationary = xs
        return self._stationary


def _new_vector(o: Any, label: str) -> Point:
    if isinstance(o, Function):
        return o._gradient_leaf(label)
    return o.problem._point(f"{o.name}({label})", kind="operator")


class SumFunction(_Combination):
    r"""A combination :math:`\sum_k c_k f_k` of declared functions (each keeps its own class).

    Built with ``f + h``, ``c * f``, ``f / c``, ``sum([f1, f2, ...])`` or ``f - g``.
    ``F.grad(x)``, ``F(x)`` and ``F.oracle(x)`` combine the terms' records at ``x``;
    ``F.minimizer()`` is a point where :math:`\sum_k c_k g_k = 0`; ``F.record(x, g, value)``
    splits a given gradient among the terms (see the module docstring). A difference
    ``f - g`` of convex functions is not convex: its minimizer is only a stationary point
    (:math:`g_f(x_\star) = g_g(x_\star)`), as in DC programming.
    """

    def grad(self, x: Point) -> Point:
        """The combination of the terms' (sub)gradients at ``x``."""
        return self.oracle(x)[0]

    def __call__(self, x: Point) -> Scalar:
        """The combination of the terms' values at ``x``."""
        return self.oracle(x)[1]

    def oracle(self, x: Point) -> tuple[Point, Scalar]:
        """``(sum c_k g_k(x), sum c_k f_k(x))``, each term's record created on first use."""
        g, v = Point({}, self.problem), Scalar({}, 0, self.problem)
        for o, c in self._terms():
            gk, fk = o.oracle(x)
            g, v = g + c * gk, v + c * fk
        return g, v

    def record(
        self, x: Point | None, g: Point | None = None, value: Any = None, *, name: str | None = None
    ) -> tuple[Point, Point, Scalar]:
        """Register that ``g`` is a (sub)gradient of the combination at ``x`` (see
        :meth:`pep.model.oracles.Function.record`); returns ``(x, g, F(x))``."""
        x, _ = self._record(x, g, value, name)
        gx, fx = self.oracle(x)
        return x, gx, fx

    def minimizer(self) -> Point:
        """A stationary point of the combination, :math:`\\sum_k c_k g_k(x_\\star) = 0` (for a
        single scaled term, that term's own minimizer)."""
        if len(self.components) == 1:
            return self.components[0].minimizer()
        return self._stationary_point()

    def optimal_value(self) -> Scalar:
        """``F(x*)`` at :meth:`minimizer`."""
        return self(self.minimizer())

    def __repr__(self) -> str:
        return f"SumFunction({self.name})"


class SumOperator(_Combination):
    r"""A combination of operators and functions, :math:`\sum_k c_k A_k` with
    :math:`A_k` an operator or a subdifferential :math:`\partial f_k` (e.g. ``F + ind_C``).

    ``(A + h)(x)`` is :math:`\sum_k c_k u_k(x)`; :meth:`zero` is a point :math:`x_\star` with
    :math:`0 = \sum_k c_k u_k(x_\star)`: for a monotone ``A`` and the indicator of a closed convex
    set ``C``, a solution of the variational inequality
    :math:`\langle A(x_\star), x - x_\star\rangle \ge 0` for all :math:`x \in C`.

    >>> import pep
    >>> problem = pep.Problem()
    >>> A = problem.operator(pep.Monotone(), name="A")
    >>> C = problem.function(pep.ConvexIndicator(), name="C")
    >>> xs = (A + C).zero()
    >>> (A(xs) + C.grad(xs)).is_zero()
    True
    """

    def __call__(self, x: Point) -> Point:
        out = Point({}, self.problem)
        for o, c in self._terms():
            out = out + c * (o.grad(x) if isinstance(o, Function) else o(x))
        return out

    def record(
        self, x: Point | None, u: Point | None = None, *, name: str | None = None
    ) -> tuple[Point, Point]:
        """Register that ``u`` is the combination's value at ``x``; returns ``(x, u)``."""
        x, _ = self._record(x, u, None, name)
        return x, self(x)

    def zero(self) -> Point:
        """A zero of the combination (named ``x*``; the same Point on every call)."""
        if len(self.components) == 1:
            o = self.components[0]
            return o.minimizer() if isinstance(o, Function) else o.zero()
        return self._stationary_point()

    def __repr__(self) -> str:
        return f"SumOperator({self.name})"
