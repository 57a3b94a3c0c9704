"""Operators of a problem: oracle records ``(x, A(x))`` without function values.

An operator class states *pairwise* interpolation conditions as slacks ``>= 0`` over the
records (see :class:`pep.functions.base.FunctionClass`); every operator condition is
symmetric in the pair, so it is generated once per unordered pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pep.errors import MIXED_MSG, InvalidArgument, MixedProblemsError
from pep.functions.base import Record
from pep.model.algebra import Point, Scalar

if TYPE_CHECKING:
    from pep.model.problem import Problem

__all__ = ["Operator"]

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
