"""Functions and operators of a problem, their oracle records, and the protocol every class meets.

A function class (e.g. :class:`pep.SmoothConvex`) is a frozen dataclass that states its
interpolation conditions as *slacks*: expressions that are ``>= 0`` for every pair (or every
single record) of evaluated points. The same method is evaluated on symbolic Points (exact
constraints, certificates), on template leaves (vectorised compilation) and on numpy arrays
(contract tests), so each condition is written once, like the cited theorem.

An operator (:class:`Operator`) records ``(x, A(x))`` without function values; every operator
condition is symmetric in the pair, so it is generated once per unordered pair.

The classes themselves live in :mod:`pep.functions` and :mod:`pep.operators`; the handles that
record evaluations live here, with the problem that owns them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from pep.errors import MIXED_MSG, InvalidArgument, MixedProblemsError
from pep.model.algebra import Point, Scalar

if TYPE_CHECKING:
    from pep.model.problem import Problem

__all__ = ["Record", "FunctionClass", "Function", "SumFunction", "Operator"]


@dataclass(frozen=True)
class Record:
    """One oracle evaluation: point ``x``, (sub)gradient ``g``, value ``f`` and a label."""

    x: Any
    g: Any
    f: Any
    label: str


@runtime_checkable
class FunctionClass(Protocol):
    """What a function class provides.

    * ``interpolation_exact``: the conditions are necessary *and sufficient* (the PEP value
      is then the exact worst case, not only an upper bound).
    * ``has_values``: False for classes whose values are identically 0 (indicators).
    * ``pair_conditions(i, j)``: slacks ``>= 0`` for the ordered pair of records (i, j);
      names listed in ``symmetric`` are generated only once per unordered pair.
    * ``point_conditions(i)``: slacks ``>= 0`` for a single record.
    """

    interpolation_exact: ClassVar[bool]
    has_values: ClassVar[bool]
    symmetric: ClassVar[frozenset[str]]

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]: ...

    def point_conditions(self, i: Record) -> Mapping[str, Any]: ...


class _Callable:
    """Shared behaviour of functions and sums of functions (``f + h``)."""

    problem: Problem

    def grad(self, x: Point) -> Point:
        """A (sub)gradient of the function at ``x`` (the same Point for repeated calls)."""
        return self.oracle(x)[0]

    def __call__(self, x: Point) -> Scalar:
        """The function value at ``x`` (a Scalar)."""
        return self.oracle(x)[1]

    def oracle(self, x: Point) -> tuple[Point, Scalar]:
        raise NotImplementedError

    def __add__(self, other: object) -> SumFunction:
        if not isinstance(other, _Callable):
            return NotImplemented
        if other.problem is not self.problem:
            raise MixedProblemsError(MIXED_MSG.format(what="the function added"))
        return SumFunction(self.problem, (*_parts(self), *_parts(other)))


def _parts(f: _Callable) -> tuple[Function, ...]:
    return f.components if isinstance(f, SumFunction) else (f,)  # type: ignore[return-value]


class Function(_Callable):
    """A function of class ``cls`` declared in ``problem`` (use ``problem.function(cls)``)."""

    def __init__(self, problem: Problem, cls: FunctionClass, name: str):
        self.problem = problem
        self.cls = cls
        self.name = name
        self._records: list[Record] = []
        self._by_key: dict[Any, Record] = {}
        self._minimizer: Point | None = None

    @property
    def records(self) -> tuple[Record, ...]:
        return tuple(self._records)

    def _check_point(self, x: object) -> Point:
        if not isinstance(x, Point):
            raise InvalidArgument(f"x={x!r} is not a pep.Point; evaluate functions at points")
        if x.owner is not None and x.owner is not self.problem:
            raise MixedProblemsError(MIXED_MSG.format(what="the point evaluated"))
        return x

    def _label(self, x: Point) -> str:
        if x.name:
            return x.name
        k = sum(1 for r in self._records if r.label != "x*")
        return self.problem._fresh_name(f"x{k}")

    def _value_leaf(self, label: str) -> Scalar:
        if not self.cls.has_values:
            return Scalar({}, 0, self.problem)
        return self.problem._value(f"{self.name}({label})")

    def oracle(self, x: Point) -> tuple[Point, Scalar]:
        """Gradient and value at ``x``; repeated calls at the same point share one record."""
        x = self._check_point(x)
        rec = self._by_key.get(x.key())
        if rec is None:
            label = self._label(x)
            g = self.problem._point(f"g_{self.name}({label})", kind="gradient")
            rec = self.add_record(x, g, self._value_leaf(label), label)
        return rec.g, rec.f

    def add_record(self, x: Point, g: Point, f: Scalar, label: str | None = None) -> Record:
        """Register that ``g`` is a (sub)gradient of this function at ``x`` with value ``f``.

        Used by steps whose output is defined implicitly (proximal steps, projections).
        """
        x = self._check_point(x)
        if x.key() in self._by_key:
            raise InvalidArgument(
                f"{self.name} already has an oracle record at {x!r}; reuse f.oracle(x)"
            )
        rec = Record(x, g, f, label or self._label(x))
        self._records.append(rec)
        self._by_key[x.key()] = rec
        return rec

    def value_at_new_record(self, label: str) -> Scalar:
        """A fresh function-value leaf (or 0 for value-less classes) for :meth:`add_record`."""
        return self._value_leaf(label)

    def minimizer(self) -> Point:
        """A minimizer ``x*`` with zero gradient (named ``x*``); the same Point on every call.

        For the nonconvex class :class:`pep.Smooth` this is a stationary point.
        """
        if self._minimizer is None:
            xs = self.problem._point(self.problem._fresh_name("x*"), kind="point")
            zero = Point({}, self.problem)
            self.add_record(xs, zero, self._value_leaf(xs.name or "x*"), xs.name)
            self._minimizer = xs
        return self._minimizer

    def optimal_value(self) -> Scalar:
        """``f(x*)`` at :meth:`minimizer`."""
        return self(self.minimizer())

    def __repr__(self) -> str:
        return f"Function({self.name}: {self.cls!r})"


class SumFunction(_Callable):
    """A composite function ``f_1 + ... + f_m`` (each part keeps its own class)."""

    def __init__(self, problem: Problem, components: tuple[Function, ...]):
        self.problem = problem
        self.components = components
        self._minimizer: Point | None = None

    @property
    def name(self) -> str:
        return "+".join(c.name for c in self.components)

    def oracle(self, x: Point) -> tuple[Point, Scalar]:
        pairs = [c.oracle(x) for c in self.components]
        return sum((g for g, _ in pairs), Point({}, self.problem)), sum(
            (v for _, v in pairs), Scalar({}, 0, self.problem)
        )

    def minimizer(self) -> Point:
        """``x*`` with ``g_1(x*) + ... + g_m(x*) = 0``: the last gradient is minus the others."""
        if self._minimizer is None:
            xs = self.problem._point(self.problem._fresh_name("x*"), kind="point")
            grads = [
                self.problem._point(f"g_{c.name}({xs.name})", kind="gradient")
                for c in self.components[:-1]
            ]
            grads.append(-sum(grads, Point({}, self.problem)))
            for c, g in zip(self.components, grads):
                c.add_record(xs, g, c.value_at_new_record(xs.name or "x*"), xs.name)
            self._minimizer = xs
        return self._minimizer

    def __repr__(self) -> str:
        return f"SumFunction({self.name})"


NO_VALUE_MSG = (
    "{name} is an operator: it has no function value or gradient. Use {name}(x) for the "
    "operator value, or declare a function with problem.function(...) instead"
)


class Operator:
    """An operator of class ``cls`` declared in ``problem`` (use ``problem.operator(cls)``).

    ``A(x)`` is the operator value at ``x`` (a Point); repeated calls at the same point share
    one record. ``A.zero()`` is a point ``z*`` with ``A(z*) = 0``; ``T.fixed_point()`` a point
    ``y*`` with ``T(y*) = y*``.
    """

    def __init__(self, problem: Problem, cls: Any, name: str):
        self.problem = problem
        self.cls = cls
        self.name = name
        self._records: list[Record] = []
        self._by_key: dict[Any, Record] = {}
        self._special: dict[str, Point] = {}

    @property
    def records(self) -> tuple[Record, ...]:
        return tuple(self._records)

    def _check_point(self, x: object) -> Point:
        if not isinstance(x, Point):
            raise InvalidArgument(f"x={x!r} is not a pep.Point; apply operators to points")
        if x.owner is not None and x.owner is not self.problem:
            raise MixedProblemsError(MIXED_MSG.format(what="the point given to the operator"))
        return x

    def _label(self, x: Point) -> str:
        if x.name:
            return x.name
        k = len(self._records) - len(self._special)
        return self.problem._fresh_name(f"z{k}")

    def __call__(self, x: Point) -> Point:
        x = self._check_point(x)
        rec = self._by_key.get(x.key())
        if rec is None:
            label = self._label(x)
            u = self.problem._point(f"{self.name}({label})", kind="operator")
            rec = self.add_record(x, u, label)
        return rec.g

    def add_record(self, x: Point, u: Point, label: str | None = None) -> Record:
        """Register that ``u`` is the operator's value at ``x`` (used by resolvents)."""
        x = self._check_point(x)
        if x.key() in self._by_key:
            raise InvalidArgument(
                f"{self.name} already has a record at {x!r}; reuse {self.name}(x)"
            )
        rec = Record(x, u, Scalar({}, 0, self.problem), label or self._label(x))
        self._records.append(rec)
        self._by_key[x.key()] = rec
        return rec

    def _special_point(self, kind: str, name: str, value: Any) -> Point:
        if kind not in self._special:
            p = self.problem._point(self.problem._fresh_name(name), kind="point")
            self.add_record(p, value(p), p.name)
            self._special[kind] = p
        return self._special[kind]

    def zero(self) -> Point:
        """A zero ``z*`` of the operator, ``A(z*) = 0`` (named ``z*``; the same on every call)."""
        return self._special_point("zero", "z*", lambda p: Point({}, self.problem))

    def fixed_point(self) -> Point:
        """A fixed point ``y*`` with ``T(y*) = y*`` (named ``y*``; the same on every call)."""
        return self._special_point("fixed", "y*", lambda p: p)

    def grad(self, x: Point) -> Point:
        raise InvalidArgument(NO_VALUE_MSG.format(name=self.name))

    def oracle(self, x: Point) -> Any:
        raise InvalidArgument(NO_VALUE_MSG.format(name=self.name))

    def value(self, x: Point) -> Any:
        raise InvalidArgument(NO_VALUE_MSG.format(name=self.name))

    def __repr__(self) -> str:
        return f"Operator({self.name}: {self.cls!r})"
